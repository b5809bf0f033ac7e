// The event formats: what each one is, and how the planning side treats them (create, edit, copy, rooms, panels).

import request from "supertest";
import { describe, expect, it } from "vitest";
import { EVENT_FORMATS, FORMATS, formatOf, panelNames, parsePanel } from "../../server/events/formats";
import { apiToken, makeApp, participationForm, seedRegion, signedInAgent, standardEvent } from "../helpers";

describe("format profiles", () => {
  it.each([
    ["ta-sjansen", true, "employer", "offer", 30, 2, null],
    ["speedintervju", true, "panel", "selection", 20, 1, null],
    ["minijobbmesse", false, "open-room", "meet-again", 30, 1, 20],
  ] as const)(
    "%s: slots %s, room host %s, outcome %s, defaults %i min / %i per candidate / capacity %s",
    (code, hasSlots, roomHost, outcome, slotMinutes, maxInterviews, capacity) => {
      const f = FORMATS[code];
      expect([f.hasSlots, f.roomHost, f.outcome]).toEqual([hasSlots, roomHost, outcome]);
      expect([f.defaults.slotMinutes, f.defaults.maxInterviews, f.defaults.capacity]).toEqual([
        slotMinutes,
        maxInterviews,
        capacity,
      ]);
      expect(f.defaults.programme.length).toBeGreaterThan(0);
    },
  );

  it("speaks each format's language about what is left", () => {
    expect(FORMATS["ta-sjansen"].terms.free(0)).toBe("Ingen ledige intervjutidspunkter");
    expect(FORMATS["ta-sjansen"].terms.free(1)).toBe("1 ledig intervjutidspunkt");
    expect(FORMATS.speedintervju.terms.free(3)).toBe("3 ledige intervjutidspunkter");
    expect(FORMATS.minijobbmesse.terms.free(0)).toBe("Ingen plasser igjen");
    expect(FORMATS.minijobbmesse.terms.free(1)).toBe("1 plass igjen");
    expect(FORMATS.minijobbmesse.terms.free(7)).toBe("7 plasser igjen");
  });

  it("falls back to Ta sjansen for a missing or unknown code", () => {
    expect(formatOf(undefined).code).toBe("ta-sjansen");
    expect(formatOf("karrieredag").code).toBe("ta-sjansen");
    expect(EVENT_FORMATS.map((c) => formatOf(c).code)).toEqual([...EVENT_FORMATS]);
  });
});

describe("panel lines", () => {
  it.each([
    ["Kari Nordmann – arbeidslivscoach", [{ name: "Kari Nordmann", role: "arbeidslivscoach" }]],
    ["Ola Hansen (kontaktperson Drammen)", [{ name: "Ola Hansen", role: "kontaktperson Drammen" }]],
    ["Anne-Lise Berg - veileder", [{ name: "Anne-Lise Berg", role: "veileder" }]],
    ["Anne-Lise Berg", [{ name: "Anne-Lise Berg", role: "" }]],
    ["Per Li, NAV Lier", [{ name: "Per Li", role: "NAV Lier" }]],
    [
      "  \nKari Nordmann\n\nOla Hansen\n",
      [
        { name: "Kari Nordmann", role: "" },
        { name: "Ola Hansen", role: "" },
      ],
    ],
  ])("%j", (text, members) => {
    expect(parsePanel(text)).toEqual({ members });
  });

  it.each(["x", "– coach", "(coach)"])("refuses %j, naming the line", (text) => {
    expect(parsePanel(`Kari Nordmann\n${text}`).error).toMatch(/^Linje 2: skriv navnet først/);
  });

  it("names a panel in one sentence", () => {
    expect(
      panelNames([
        { name: "Kari", role: "arbeidslivscoach" },
        { name: "Ola", role: "" },
        { name: "Per", role: "kontaktperson" },
      ]),
    ).toBe("Kari (arbeidslivscoach), Ola og Per (kontaktperson)");
  });
});

const panel = [
  { name: "Kari Nordmann", role: "arbeidslivscoach" },
  { name: "Ola Hansen", role: "kontaktperson" },
];
const participation = (
  employerId: number,
  roomId: number | undefined,
  extra: Record<string, unknown> = {},
) => ({
  employerId,
  department: "",
  tasks: "",
  training: "",
  prerequisites: "",
  minAge: undefined,
  restrictions: "",
  offerTypes: [],
  interviewCount: 4,
  roomId,
  ...extra,
});

describe("planning per format (service)", () => {
  it("a Minijobbmesse has open rooms: no slots, places left from its capacity, one employer per room", () => {
    const t = makeApp();
    const s = seedRegion(t);
    const id = t.events.create({
      ...standardEvent(s.officeId, "2026-12-10", { interviewStart: "12:00", interviewEnd: "14:00" }),
      format: "minijobbmesse",
      capacity: 12,
      title: undefined,
      slotMinutes: undefined,
    });
    const pid = t.events.addParticipation(id, participation(s.employerIds[0], s.roomIds[0]));
    expect(t.events.participation(pid).slots).toEqual([]);
    expect(t.db.prepare("SELECT count(*) AS n FROM slot").get()).toEqual({ n: 0 });
    const d = t.events.detail(id);
    expect([d.event.format, d.event.title, d.freeSlots, d.capacity]).toEqual([
      "minijobbmesse",
      "Minijobbmesse",
      12,
      12,
    ]);
    // The room is the employer's for the whole window.
    expect(() => t.events.addParticipation(id, participation(s.employerIds[1], s.roomIds[0]))).toThrow(
      /allerede brukt av Vaskebedrift AS/,
    );
    // … and the database says the same if a rule were skipped.
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO participation (event_id, employer_id, room_id, created_at) VALUES (?, ?, ?, '')",
        )
        .run(id, s.employerIds[1], s.roomIds[0]),
    ).toThrow(/room-taken/);
    expect(() =>
      t.db.prepare("INSERT INTO slot (participation_id, starts_at, ends_at) VALUES (?, 'a', 'b')").run(pid),
    ).toThrow(/format-has-no-slots/);
  });

  it("a Minijobbmesse window needs no slot arithmetic, but must exist on the day", () => {
    const t = makeApp();
    const s = seedRegion(t);
    const base = { ...standardEvent(s.officeId, "2026-12-10"), format: "minijobbmesse" as const };
    // 12:00–13:47 would not fit 30-minute slots; open rooms do not care.
    expect(() => t.events.create({ ...base, interviewStart: "12:00", interviewEnd: "13:47" })).not.toThrow();
    expect(() =>
      t.events.create({ ...base, date: "2026-12-11", interviewStart: "14:00", interviewEnd: "13:00" }),
    ).toThrow(
      expect.objectContaining({ fieldErrors: { interviewEnd: expect.stringMatching(/stenge etter/) } }),
    );
    // Spring forward: 02:30 does not exist on 28 March 2027.
    expect(() =>
      t.events.create({ ...base, date: "2027-03-28", interviewStart: "02:30", interviewEnd: "04:00" }),
    ).toThrow(
      expect.objectContaining({ fieldErrors: { interviewStart: expect.stringMatching(/finnes ikke/) } }),
    );
  });

  it("a Speedintervju defaults to 20-minute interviews, one per candidate, and needs a panel of two", () => {
    const t = makeApp();
    const s = seedRegion(t);
    const id = t.events.create({
      ...standardEvent(s.officeId, "2026-12-10", { interviewStart: "09:00", interviewEnd: "12:00" }),
      format: "speedintervju",
      slotMinutes: undefined,
      maxInterviews: undefined,
      title: undefined,
    });
    const e = t.events.get(id);
    expect([e.title, e.slotMinutes, e.maxInterviews]).toEqual(["Speedintervju", 20, 1]);
    expect(() =>
      t.events.addParticipation(id, participation(s.employerIds[1], s.roomIds[0], { panel: [panel[0]] })),
    ).toThrow(expect.objectContaining({ fieldErrors: { panel: expect.stringMatching(/minst 2/) } }));
    const pid = t.events.addParticipation(
      id,
      participation(s.employerIds[1], s.roomIds[0], { panel, interviewCount: 9 }),
    );
    const p = t.events.participation(pid);
    expect(p.panel).toEqual(panel);
    expect(p.slots).toHaveLength(9);
  });

  it("copies and series carry the format, capacity, panels and group sizes", () => {
    const t = makeApp();
    const s = seedRegion(t);
    const mini = t.events.create({
      ...standardEvent(s.officeId, "2026-12-10"),
      format: "minijobbmesse",
      capacity: 15,
    });
    t.events.addParticipation(mini, participation(s.employerIds[0], s.roomIds[0]));
    const speed = t.events.create({
      ...standardEvent(s.officeId, "2026-12-11", {
        slotMinutes: 20,
        interviewStart: "09:00",
        interviewEnd: "12:00",
      }),
      format: "speedintervju",
    });
    t.events.addParticipation(
      speed,
      participation(s.employerIds[1], s.roomIds[1], { panel, slotCapacity: 3 }),
    );

    const miniCopy = t.events.get(t.events.copy(mini, "2027-01-14"));
    expect([miniCopy.format, miniCopy.capacity]).toEqual(["minijobbmesse", 15]);
    expect(t.events.detail(miniCopy.id).participations[0].slots).toEqual([]);
    const [speedCopy] = t.events.planSeries(speed, ["2027-01-15"]);
    const copied = t.events.detail(speedCopy).participations[0];
    expect(t.events.get(speedCopy).format).toBe("speedintervju");
    expect([copied.panel, copied.slotCapacity, copied.slots.length]).toEqual([panel, 3, 4]);
    expect(copied.freeSlots).toBe(12);
  });

  it("the format is fixed once employers are on the event", () => {
    const t = makeApp();
    const s = seedRegion(t);
    const input = standardEvent(s.officeId, "2026-12-10");
    const id = t.events.create(input);
    t.events.update(id, { ...input, format: "speedintervju" });
    expect(t.events.get(id).format).toBe("speedintervju");
    t.events.addParticipation(id, participation(s.employerIds[0], s.roomIds[0], { panel }));
    expect(() => t.events.update(id, { ...input, format: "minijobbmesse" })).toThrow(
      expect.objectContaining({ fieldErrors: { format: expect.stringMatching(/kan ikke endres/) } }),
    );
    expect(() => t.db.prepare("UPDATE event SET format = 'ta-sjansen' WHERE id = ?").run(id)).toThrow(
      /format-fixed/,
    );
    // Editing other fields keeps the format even when the form does not send it.
    t.events.update(id, { ...input, format: undefined, title: "Springbrett" });
    expect(t.events.get(id)).toMatchObject({ format: "speedintervju", title: "Springbrett" });
  });
});

describe("planning per format (HTTP)", () => {
  it("the new-event form opens with the chosen format's defaults and saves it", async () => {
    const t = makeApp();
    const s = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const page = await agent.get("/events/new?format=minijobbmesse").expect(200);
    expect(page.text).toContain("Nytt arrangement: Minijobbmesse");
    expect(page.text).toContain('name="capacity"');
    expect(page.text).toContain("Rommene åpner kl.");
    expect(page.text).not.toContain('name="slotMinutes"');
    expect(page.text).toContain("Lag Speedintervju i stedet");
    const res = await agent
      .post("/events")
      .type("form")
      .send({
        _csrf: csrf,
        format: "minijobbmesse",
        officeId: String(s.officeId),
        title: "",
        date: "2026-12-10",
        interviewStart: "12:00",
        interviewEnd: "14:00",
        capacity: "25",
        bookingDeadline: "",
        programme: "",
      })
      .expect(303);
    const id = Number(/\/events\/(\d+)/.exec(res.headers.location)?.[1]);
    const stored = t.db.prepare("SELECT format, capacity, title FROM event WHERE id = ?").get(id);
    expect(stored).toEqual({ format: "minijobbmesse", capacity: 25, title: "Minijobbmesse" });
    expect(
      t.events.repo
        .programme(id)
        .map((p) => p.label)
        .join(" "),
    ).toContain("presenterer seg");
    const show = await agent.get(`/events/${id}`).expect(200);
    expect(show.text).toContain("Format: <strong>Minijobbmesse</strong>");
    expect(show.text).toContain("25 plasser igjen");
  });

  it("refuses an unknown format and a capacity that is not a number, in Norwegian, keeping what was typed", async () => {
    const t = makeApp();
    const s = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const base = {
      _csrf: csrf,
      officeId: String(s.officeId),
      title: "Min messe",
      date: "2026-12-10",
      interviewStart: "12:00",
      interviewEnd: "14:00",
    };
    const bad = await agent
      .post("/events")
      .type("form")
      .send({ ...base, format: "karneval" })
      .expect(422);
    expect(bad.text).toContain("Velg et format fra listen");
    const badCap = await agent
      .post("/events")
      .type("form")
      .send({ ...base, format: "minijobbmesse", capacity: "mange" })
      .expect(422);
    expect(badCap.text).toContain("Fyll inn antall plasser som et tall");
    expect(badCap.text).toContain('value="Min messe"');
    expect(t.db.prepare("SELECT count(*) AS n FROM event").get()).toEqual({ n: 0 });
  });

  it("a Speedintervju participation form asks for the panel and refuses one person", async () => {
    const t = makeApp();
    const s = seedRegion(t);
    const id = t.events.create({
      ...standardEvent(s.officeId, "2026-12-10", {
        slotMinutes: 20,
        interviewStart: "09:00",
        interviewEnd: "12:00",
      }),
      format: "speedintervju",
    });
    const { agent, csrf } = await signedInAgent(t);
    const form = await agent.get(`/events/${id}/participations/new`).expect(200);
    expect(form.text).toContain("Intervjupanel");
    expect(form.text).toContain("Kandidater per tidspunkt");
    const one = await agent
      .post(`/events/${id}/participations`)
      .type("form")
      .send({
        _csrf: csrf,
        ...participationForm(s.employerIds[1]),
        panel: "Kari Nordmann – arbeidslivscoach",
      })
      .expect(422);
    expect(one.text).toContain("minst 2 NAV-ansatte");
    expect(one.text).toContain("Kari Nordmann – arbeidslivscoach");
    await agent
      .post(`/events/${id}/participations`)
      .type("form")
      .send({
        _csrf: csrf,
        ...participationForm(s.employerIds[1], { interviewCount: "6", slotCapacity: "2" }),
        panel: "Kari Nordmann – arbeidslivscoach\nOla Hansen (kontaktperson Drammen)",
      })
      .expect(303);
    const p = t.db
      .prepare("SELECT panel, slot_capacity AS seats FROM participation WHERE event_id = ?")
      .get(id);
    expect(p).toEqual({
      panel: JSON.stringify([
        { name: "Kari Nordmann", role: "arbeidslivscoach" },
        { name: "Ola Hansen", role: "kontaktperson Drammen" },
      ]),
      seats: 2,
    });
    const show = await agent.get(`/events/${id}`).expect(200);
    expect(show.text).toContain(
      "Panel: Kari Nordmann (arbeidslivscoach) og Ola Hansen (kontaktperson Drammen)",
    );
    expect(show.text).toContain("Gruppe: 2 kandidater per tidspunkt");
    // Seats, not times, once an employer takes groups.
    expect(show.text).toContain("12 ledige plasser");
  });
});

describe("planning per format (JSON API)", () => {
  it("creates each format through the API and reports format, places, panels and group sizes", async () => {
    const t = makeApp();
    const s = seedRegion(t);
    const auth = { Authorization: `Bearer ${apiToken(t)}` };
    const mini = await request(t.app)
      .post("/api/v1/events")
      .set(auth)
      .send({
        officeId: s.officeId,
        format: "minijobbmesse",
        date: "2026-12-10",
        interviewStart: "12:00",
        interviewEnd: "14:00",
        capacity: 18,
      })
      .expect(201);
    expect(mini.body).toMatchObject({
      format: "minijobbmesse",
      capacity: 18,
      freeSlots: 18,
      title: "Minijobbmesse",
    });
    const speed = await request(t.app)
      .post("/api/v1/events")
      .set(auth)
      .send({
        officeId: s.officeId,
        format: "speedintervju",
        date: "2026-12-11",
        interviewStart: "09:00",
        interviewEnd: "12:00",
      })
      .expect(201);
    expect(speed.body).toMatchObject({
      format: "speedintervju",
      capacity: null,
      slotMinutes: 20,
      maxInterviewsPerCandidate: 1,
    });
    const p = await request(t.app)
      .post(`/api/v1/events/${speed.body.id}/participations`)
      .set(auth)
      .send({ employerId: s.employerIds[1], interviewCount: 3, slotCapacity: 2, panel })
      .expect(201);
    expect(p.body).toMatchObject({ slotCapacity: 2, panel, freeSlots: 6 });
    expect(p.body.slots[0]).toMatchObject({ status: "free", seats: 2, taken: 0 });
    const refused = await request(t.app)
      .post(`/api/v1/events/${speed.body.id}/participations`)
      .set(auth)
      .send({ employerId: s.employerIds[0], interviewCount: 3, panel: [panel[0]] })
      .expect(422);
    expect(JSON.stringify(refused.body)).toContain("minst 2");
    // Members that are not names are refused, never stored as "null" or "12".
    for (const bad of [
      [null, null],
      [true, false, 12],
      [{ name: 5 }, { name: "Ola" }],
    ]) {
      const res = await request(t.app)
        .post(`/api/v1/events/${speed.body.id}/participations`)
        .set(auth)
        .send({ employerId: s.employerIds[2], interviewCount: 3, panel: bad })
        .expect(422);
      expect(JSON.stringify(res.body)).toMatch(/panel/);
    }
    expect(
      t.db.prepare("SELECT count(*) FROM participation WHERE event_id = ?").pluck().get(speed.body.id),
    ).toBe(1);
    // A Minijobbmesse participation keeps only what open rooms use: no group size, no panel.
    const room = await request(t.app)
      .post(`/api/v1/events/${mini.body.id}/participations`)
      .set(auth)
      .send({ employerId: s.employerIds[0], interviewCount: 20, slotCapacity: 5, panel })
      .expect(201);
    expect(room.body).toMatchObject({ slotCapacity: 1, panel: [], slots: [] });
    // A programme item that is not { time, label } names its line; nothing is stored.
    for (const programme of [[null], [{ time: "12:00" }]]) {
      const res = await request(t.app)
        .post("/api/v1/events")
        .set(auth)
        .send({
          officeId: s.officeId,
          date: "2026-12-14",
          interviewStart: "15:30",
          interviewEnd: "17:30",
          programme,
        })
        .expect(422);
      expect(JSON.stringify(res.body)).toContain("Linje 1 i programmet");
    }
    const list = await request(t.app).get("/api/v1/events").set(auth).expect(200);
    expect(list.body.map((e: { format: string }) => e.format).sort()).toEqual([
      "minijobbmesse",
      "speedintervju",
    ]);
    const bad = await request(t.app)
      .post("/api/v1/events")
      .set(auth)
      .send({
        officeId: s.officeId,
        format: "karneval",
        date: "2026-12-12",
        interviewStart: "12:00",
        interviewEnd: "14:00",
      })
      .expect(422);
    expect(JSON.stringify(bad.body)).toContain("Velg et format fra listen");
  });
});

describe("a Minijobbmesse's planning pages speak of rooms and places, not interview slots", () => {
  it("copy, remove-employer and the new-employer notice picker", async () => {
    const t = makeApp();
    const s = seedRegion(t);
    const id = t.events.create({
      ...standardEvent(s.officeId, "2026-12-10"),
      format: "minijobbmesse",
      capacity: 10,
    });
    const pid = t.events.addParticipation(id, participation(s.employerIds[0], s.roomIds[0]));
    t.events.setStatus(id, "open");
    const { agent } = await signedInAgent(t);
    const pages = [
      (await agent.get(`/events/${id}/copy`).expect(200)).text,
      (await agent.get(`/participations/${pid}/delete`).expect(200)).text,
      (await agent.get(`/participations/${pid}/feedback`).expect(200)).text,
      (await agent.get(`/regions/${s.regionId}/digest`).expect(200)).text,
    ];
    // (The digest page's own introduction speaks of the digest in general; its picker is checked below.)
    for (const [i, page] of pages.slice(0, 3).entries()) {
      const hit = /.{0,80}(intervjutidspunkt|Ingen intervjuer er booket|etter hvert intervju).{0,80}/i.exec(
        page,
      );
      expect(hit?.[0], `page ${i}`).toBeUndefined();
    }
    expect(pages[0]).toContain("med alle plassene ledige");
    expect(pages[1]).toContain("forsvinner fra påmeldingssiden");
    expect(pages[2]).toContain("hvem som har vært innom rommet");
    expect(pages[3]).toContain("Vaskebedrift AS – Samtalerom 1 (");
    expect(pages[3]).not.toContain("Vaskebedrift AS – Ingen ledige");
  });
});
