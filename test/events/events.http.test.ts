import request from "supertest";
import { describe, expect, it } from "vitest";
import { eventForm, makeApp, participationForm, seedRegion, signedInAgent } from "../helpers";

const count = (t: ReturnType<typeof makeApp>, sql: string, ...args: unknown[]) =>
  (t.db.prepare(sql).get(...args) as { n: number }).n;

describe("event pages", () => {
  it("creates an event from the form with a default programme time and deadline", async () => {
    const t = makeApp();
    const { officeId } = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/events")
      .type("form")
      .send({ _csrf: csrf, ...eventForm(officeId) })
      .expect(303);
    const id = Number(res.headers.location.split("/").pop());
    const e = t.events.get(id);
    expect(e).toMatchObject({ title: "Ta sjansen", date: "2026-12-10", status: "draft", slotMinutes: 30 });
    expect(e.bookingDeadline).toBe("2026-12-09T11:00:00.000Z");
    expect(t.events.detail(id).programme).toHaveLength(2);
    const page = await agent.get(`/events/${id}`).expect(200);
    expect(page.text).toContain("10. desember 2026");
  });

  it.each([
    [{ date: "2026-11-01" }, "date", "Datoen har vært"],
    [{ date: "2026-02-30" }, "date", "ÅÅÅÅ-MM-DD"],
    [{ interviewEnd: "15:00" }, "interviewEnd", "slutte etter"],
    [{ slotMinutes: "25", gapMinutes: "5" }, "slotMinutes", "går ikke opp"],
    [{ officeId: "999" }, "officeId", "Velg et NAV-kontor"],
    [{ slotMinutes: "abc" }, "slotMinutes", "som et tall"],
    [{ programme: "Informasjon uten klokkeslett" }, "programme", "Linje 1"],
  ])("refuses %o with a message on %s and keeps the input", async (override, field, message) => {
    const t = makeApp();
    const { officeId } = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/events")
      .type("form")
      .send({ _csrf: csrf, ...eventForm(officeId, { title: "Vårmessa", ...override }) })
      .expect(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`href="#f-${field}"`);
    expect(res.text).toContain('value="Vårmessa"');
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(0);
  });

  it("needs a signed-in coordinator for every event page", async () => {
    const t = makeApp();
    for (const path of ["/events", "/events/new", "/employers", "/regions"]) {
      const res = await request(t.app).get(path).expect(303);
      expect(res.headers.location).toMatch(/^\/login/);
    }
  });
});

describe("participations and slots", () => {
  async function withEvent() {
    const t = makeApp();
    const seed = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/events")
      .type("form")
      .send({ _csrf: csrf, ...eventForm(seed.officeId) });
    const eventId = Number(res.headers.location.split("/").pop());
    return { t, agent, csrf, eventId, ...seed };
  }

  it("derives four slots in Oslo time when an employer is added", async () => {
    const { t, agent, csrf, eventId, employerIds, roomIds } = await withEvent();
    await agent
      .post(`/events/${eventId}/participations`)
      .type("form")
      .send({
        _csrf: csrf,
        ...participationForm(employerIds[0], {
          roomId: String(roomIds[0]),
          offerTypes: ["arbeidstrening", "lonnstilskudd"],
        }),
      })
      .expect(303);
    const [p] = t.events.detail(eventId).participations;
    expect(p.offerTypes).toEqual(["arbeidstrening", "lonnstilskudd"]);
    expect(p.slots.map((s) => s.startsAt)).toEqual([
      "2026-12-10T14:30:00.000Z",
      "2026-12-10T15:00:00.000Z",
      "2026-12-10T15:30:00.000Z",
      "2026-12-10T16:00:00.000Z",
    ]);
    const page = await agent.get(`/events/${eventId}`).expect(200);
    expect(page.text).toContain("4 ledige intervjutidspunkter");
  });

  it("refuses more interviews than the window holds, and a room at another office", async () => {
    const { t, agent, csrf, eventId, employerIds, regionId } = await withEvent();
    const other = t.regions.createOffice(regionId, { name: "NAV Stange", address: "" });
    const foreignRoom = t.regions.createRoom(other, { name: "Rom A" });
    const res = await agent
      .post(`/events/${eventId}/participations`)
      .type("form")
      .send({
        _csrf: csrf,
        ...participationForm(employerIds[0], { interviewCount: "5", roomId: String(foreignRoom) }),
      })
      .expect(422);
    expect(res.text).toContain("plass til 4 intervjuer");
    expect(res.text).toContain("samtalerom på kontoret");
    expect(count(t, "SELECT count(*) AS n FROM participation")).toBe(0);
  });

  it("refuses to change the window when that would drop a booked slot, and says which", async () => {
    const { t, agent, csrf, eventId, employerIds } = await withEvent();
    const pid = t.events.addParticipation(eventId, {
      ...participationForm(employerIds[0]),
      employerId: employerIds[0],
      minAge: undefined,
      offerTypes: [],
      interviewCount: 4,
      roomId: undefined,
    } as never);
    // Book the 17:00 slot directly: the booking feature is not needed to prove the rule.
    const slot = t.events.participation(pid).slots[3];
    const cw = t.db
      .prepare("INSERT INTO caseworker (email, name, created_at) VALUES ('v@nav.no', 'V', '')")
      .run();
    const cand = t.db
      .prepare(
        "INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at) VALUES (?, ?, 'Ola N.', 2000, 'annet', '')",
      )
      .run(eventId, cw.lastInsertRowid);
    t.db
      .prepare(
        "INSERT INTO booking (slot_id, participation_id, candidate_id, starts_at, ends_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, '', 'test')",
      )
      .run(slot.id, pid, cand.lastInsertRowid, slot.startsAt, slot.endsAt);

    const res = await agent
      .post(`/events/${eventId}`)
      .type("form")
      .send({
        _csrf: csrf,
        ...eventForm(0, {
          officeId: String(t.events.get(eventId).officeId),
          interviewStart: "14:30",
          interviewEnd: "16:30",
        }),
      })
      .expect(422);
    expect(res.text).toContain("kl. 17:00");
    expect(t.events.get(eventId).interviewStart).toBe("15:30");
    expect(t.events.participation(pid).slots).toHaveLength(4);

    // Moving the window later keeps the booked 17:00 slot and its booking.
    await agent
      .post(`/events/${eventId}`)
      .type("form")
      .send({
        _csrf: csrf,
        ...eventForm(0, {
          officeId: String(t.events.get(eventId).officeId),
          interviewStart: "16:00",
          interviewEnd: "18:00",
        }),
      })
      .expect(303);
    const slots = t.events.participation(pid).slots;
    expect(slots.map((s) => s.startsAt)).toContain(slot.startsAt);
    expect(slots.find((s) => s.startsAt === slot.startsAt)?.booked).toBe(true);

    // Removing the employer with a booking is refused with an explanation.
    const del = await agent
      .post(`/participations/${pid}/delete`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(409);
    expect(del.text).toContain("1 booket intervju");
  });

  it("copies an event to a new date and plans a series, all or nothing", async () => {
    const { t, agent, csrf, eventId, employerIds } = await withEvent();
    await agent
      .post(`/events/${eventId}/participations`)
      .type("form")
      .send({ _csrf: csrf, ...participationForm(employerIds[1]) });
    const copy = await agent
      .post(`/events/${eventId}/copy`)
      .type("form")
      .send({ _csrf: csrf, date: "2027-02-11" })
      .expect(303);
    const copyId = Number(copy.headers.location.split("/").pop());
    const d = t.events.detail(copyId);
    expect(d.event.date).toBe("2027-02-11");
    expect(d.participations).toHaveLength(1);
    expect(d.participations[0].slots[0].startsAt).toBe("2027-02-11T14:30:00.000Z");

    const bad = await agent
      .post(`/events/${eventId}/series`)
      .type("form")
      .send({ _csrf: csrf, dates: "2027-09-16\n2025-11-11" })
      .expect(422);
    expect(bad.text).toContain("2025-11-11");
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(2);

    await agent
      .post(`/events/${eventId}/series`)
      .type("form")
      .send({ _csrf: csrf, dates: "2027-09-16\n2027-11-11\n2028-02-10\n2028-04-06\n2028-05-11" })
      .expect(303);
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(7);
    // The April copy falls in summer time: 15:30 Oslo is 13:30 UTC.
    const april = t.db.prepare("SELECT id FROM event WHERE date = '2028-04-06'").get() as { id: number };
    expect(t.events.detail(april.id).participations[0].slots[0].startsAt).toBe("2028-04-06T13:30:00.000Z");
  });

  it("moves status forward and refuses a jump", async () => {
    const { t, agent, csrf, eventId } = await withEvent();
    await agent
      .post(`/events/${eventId}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "open" })
      .expect(303);
    expect(t.events.get(eventId).status).toBe("open");
    const res = await agent
      .post(`/events/${eventId}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "archived" })
      .expect(409);
    expect(res.text).toContain("Kan ikke gå fra");
  });

  it("rotating the booking link asks first, then revokes the old one", async () => {
    const { t, agent, csrf, eventId } = await withEvent();
    const before = t.events.links(t.events.get(eventId)).booking;
    const ask = await agent
      .post(`/events/${eventId}/links/booking/rotate`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(200);
    expect(ask.text).toContain("Er du sikker?");
    expect(t.events.links(t.events.get(eventId)).booking).toBe(before);
    await agent
      .post(`/events/${eventId}/links/booking/rotate`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(303);
    const after = t.events.links(t.events.get(eventId)).booking;
    expect(after).not.toBe(before);
    expect(t.events.links(t.events.get(eventId)).host).toBeDefined();
  });
});

describe("changing an employer that has bookings", () => {
  it("refuses to swap the employer or raise the age limit above a booked candidate", async () => {
    const { openEvent: open } = await import("../helpers");
    const t = makeApp();
    const ev = open(t);
    t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: "V", email: "v@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Ung U.",
        birthYear: 2004,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [ev.slots(ev.participationIds[2])[0]],
      waitlistParticipationIds: [],
      requestKey: "swap-employer-test-01",
    });
    const base = {
      department: "",
      tasks: "",
      training: "",
      prerequisites: "",
      restrictions: "",
      offerTypes: [],
      interviewCount: 4,
      roomId: undefined,
    };
    expect(() =>
      t.events.updateParticipation(ev.participationIds[2], {
        ...base,
        employerId: ev.employerIds[0],
        minAge: undefined,
      }),
    ).toThrow(
      expect.objectContaining({ fieldErrors: { employerId: expect.stringContaining("bytter virksomhet") } }),
    );
    expect(() =>
      t.events.updateParticipation(ev.participationIds[2], {
        ...base,
        employerId: ev.employerIds[2],
        minAge: 25,
      }),
    ).toThrow(expect.objectContaining({ fieldErrors: { minAge: expect.stringContaining("yngre enn 25") } }));
    expect(t.events.participation(ev.participationIds[2]).employerId).toBe(ev.employerIds[2]);
  });
});
