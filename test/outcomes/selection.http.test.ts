// A Speedintervju's selection over HTTP: the panel records the course decision through its link, two panel
// members editing at once, the coordinator's page, the veileder's view, and the course list export.
import pino from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../server/shared/domain-events";
import { linkToken } from "../../server/shared/tokens";
import {
  csrfFrom,
  makeApp,
  managePathFor,
  openEvent,
  signedInAgent,
  standardEvent,
  TEST_SECRET,
  type TestApp,
} from "../helpers";
import { book, one, rows } from "./outcomes-helpers";
import { speedEvent } from "./selection-helpers";

type Stored = {
  decision: string;
  note: string;
  reserveRank: number | null;
  version: number;
  decidedBy: string;
};
const stored = (t: TestApp, candidateId: number) =>
  one<Stored | undefined>(
    t,
    `SELECT decision, note, reserve_rank AS reserveRank, version, decided_by AS decidedBy FROM selection
     WHERE candidate_id = ?`,
    candidateId,
  );

/** The event with Ola (panel 1, 09:00), Kari (panel 1, 09:20) and Per (panel 2, 09:00) booked. */
function bookedSpeedEvent(t: TestApp) {
  const ev = speedEvent(t);
  const [p1, p2] = ev.participationIds;
  const ola = book(t, ev, [ev.slots(p1)[0]], { displayName: "Ola Nordmann", birthYear: 2001 });
  const kari = book(
    t,
    ev,
    [ev.slots(p1)[1]],
    { displayName: "Kari Berg", birthYear: 1998 },
    {
      name: "Otto Veileder",
      email: "otto@nav.no",
    },
  );
  const per = book(t, ev, [ev.slots(p2)[0]], { displayName: "Per Hansen", birthYear: 2000 });
  return { ...ev, p1, p2, ola, kari, per };
}

/** An agent with a CSRF token, as a panel member's phone that opened the form first. */
async function panelForm(t: TestApp, path: string) {
  const agent = request.agent(t.app);
  const page = await agent.get(path).expect(200);
  return { agent, csrf: csrfFrom(page.text), page };
}

describe("the interview panel's link", () => {
  it("records a decision for a candidate it interviewed, audits it and announces it", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    const seen: DomainEvent[] = [];
    t.bus.subscribe((batch) => seen.push(...batch));
    // 09:25 in Oslo: Ola's interview (09:00) has started, Kari's (09:20) too.
    t.clock.set("2026-12-10T08:25:00Z");
    const list = await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/utvalg`)
      .expect(200);
    expect(list.text).toContain(
      "Intervjupanel: Kari Nordmann (arbeidslivscoach) og Ola Hansen (kontaktperson Hamar)",
    );
    expect(list.text).toContain("Ola N.");
    expect(list.text).not.toContain("Per H");
    const bid = ev.bookingOf(ev.ola.candidateId);
    const { agent, csrf, page } = await panelForm(t, `${ev.panelPath(ev.p1)}/utvalg/${bid}`);
    expect(page.text).toContain('name="version" value=""');

    const res = await agent
      .post(`${ev.panelPath(ev.p1)}/utvalg/${bid}`)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", reserveRank: "", note: "Motivert, god norsk", version: "" })
      .expect(303);
    expect(res.headers.location).toContain(`/utvalg?lagret=${ev.ola.candidateId}`);

    expect(stored(t, ev.ola.candidateId)).toEqual({
      decision: "selected",
      note: "Motivert, god norsk",
      reserveRank: null,
      version: 1,
      decidedBy: `panel:${ev.p1}`,
    });
    expect(
      rows(
        t,
        "SELECT actor, action, candidate_id AS candidateId, details FROM audit_log WHERE action LIKE 'selection%'",
      ),
    ).toEqual([
      {
        actor: `panel:${ev.p1}`,
        action: "selection-recorded",
        candidateId: ev.ola.candidateId,
        details: JSON.stringify({ decision: "selected", version: 1 }),
      },
    ]);
    expect(seen.filter((e) => e.type === "selection.recorded")).toEqual([
      expect.objectContaining({ eventId: ev.eventId, candidateId: ev.ola.candidateId, decision: "selected" }),
    ]);
    const after = await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/utvalg?lagret=${ev.ola.candidateId}`)
      .expect(200);
    expect(after.text).toContain("Utvalget for Ola N. er lagret.");
    expect(after.text).toContain("Valgt");
  });

  it("shows nothing about the candidates before the interviews start, and refuses a decision then", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T07:30:00Z");
    const list = await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/utvalg`)
      .expect(200);
    expect(list.text).toContain("Kandidatene vises her når speedintervjuene starter");
    expect(list.text).toContain("Panelet har 2 speedintervjuer booket.");
    expect(list.text).not.toContain("Ola N");
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get("/login").expect(200)).text);
    const res = await agent
      .post(`${ev.panelPath(ev.p1)}/utvalg/${ev.bookingOf(ev.ola.candidateId)}`)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", note: "", reserveRank: "" })
      .expect(409);
    expect(res.text).toContain("Kandidatene vises her når speedintervjuene har startet");
    expect(res.text).not.toContain("Ola N");
    // One candidate's form shows no more than the list does.
    const form = await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/utvalg/${ev.bookingOf(ev.ola.candidateId)}`)
      .expect(409);
    expect(form.text).not.toContain("Ola N");
    expect(stored(t, ev.ola.candidateId)).toBeUndefined();
  });

  it("refuses another panel's interview as unknown", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T09:30:00Z");
    const perBooking = ev.bookingOf(ev.per.candidateId);
    await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/utvalg/${perBooking}`)
      .expect(404);
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get("/login").expect(200)).text);
    await agent
      .post(`${ev.panelPath(ev.p1)}/utvalg/${perBooking}`)
      .type("form")
      .send({ _csrf: csrf, decision: "not-selected", note: "", reserveRank: "" })
      .expect(404);
    expect(stored(t, ev.per.candidateId)).toBeUndefined();
  });

  it("refuses the second of two panel members who opened the form before the first saved (409), then takes a deliberate overwrite", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T09:30:00Z");
    const path = `${ev.panelPath(ev.p1)}/utvalg/${ev.bookingOf(ev.ola.candidateId)}`;
    const kari = await panelForm(t, path);
    const ola = await panelForm(t, path);
    await kari.agent
      .post(path)
      .type("form")
      .send({ _csrf: kari.csrf, decision: "reserve", reserveRank: "1", note: "Første reserve", version: "" })
      .expect(303);
    const clash = await ola.agent
      .post(path)
      .type("form")
      .send({
        _csrf: ola.csrf,
        decision: "not-selected",
        reserveRank: "",
        note: "Ikke klar ennå",
        version: "",
      })
      .expect(409);
    expect(clash.text).toContain("Allerede endret av noen andre");
    expect(clash.text).toContain("Dette er lagret nå");
    expect(clash.text).toContain("Reserve nr. 1");
    // What the second person wrote is kept in the form, with the version now saved.
    expect(clash.text).toContain("Ikke klar ennå");
    expect(clash.text).toContain('name="version" value="1"');
    expect(stored(t, ev.ola.candidateId)).toMatchObject({ decision: "reserve", reserveRank: 1, version: 1 });

    // A change made from a stale version (1) after the first person changed it again (2) is refused too.
    const again = await panelForm(t, path);
    expect(again.page.text).toContain('name="version" value="1"');
    await kari.agent
      .post(path)
      .type("form")
      .send({ _csrf: kari.csrf, decision: "reserve", reserveRank: "2", note: "Andre reserve", version: "1" })
      .expect(303);
    await again.agent
      .post(path)
      .type("form")
      .send({ _csrf: again.csrf, decision: "selected", reserveRank: "", note: "", version: "1" })
      .expect(409);

    // Saving the clash form as it came back is a deliberate overwrite of what is saved now.
    await ola.agent
      .post(path)
      .type("form")
      .send({
        _csrf: ola.csrf,
        decision: "not-selected",
        reserveRank: "",
        note: "Ikke klar ennå",
        version: "2",
      })
      .expect(303);
    expect(stored(t, ev.ola.candidateId)).toMatchObject({
      decision: "not-selected",
      note: "Ikke klar ennå",
      version: 3,
    });
    expect(
      one<{ n: number }>(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'selection-recorded'").n,
    ).toBe(3);
  });

  it("answers a form with errors with 422 and an error summary linking to the fields", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T09:30:00Z");
    const path = `${ev.panelPath(ev.p1)}/utvalg/${ev.bookingOf(ev.ola.candidateId)}`;
    const { agent, csrf } = await panelForm(t, path);
    const res = await agent
      .post(path)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", reserveRank: "1", note: "x".repeat(1001) })
      .expect(422);
    expect(res.text).toContain('href="#f-reserveRank"');
    expect(res.text).toContain('href="#f-note"');
    expect(res.text).toContain("Notatet kan ha høyst 1000 tegn (nå 1001)");
    const noDecision = await agent.post(path).type("form").send({ _csrf: csrf, note: "" }).expect(422);
    expect(noDecision.text).toContain('href="#f-decision"');
    const id = await agent
      .post(path)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", note: "fnr 010190 12480" })
      .expect(422);
    expect(id.text).toContain("ser ut til å inneholde et fødselsnummer");
    expect(stored(t, ev.ola.candidateId)).toBeUndefined();
  });

  it("sends a panel from the employer's feedback page to its selection page, and keeps employer feedback apart", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T09:30:00Z");
    const home = await request(t.app).get(ev.panelPath(ev.p1)).expect(303);
    expect(home.headers.location).toBe(`${ev.panelPath(ev.p1)}/utvalg`);
    const feedback = await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/interviews/${ev.bookingOf(ev.ola.candidateId)}`)
      .expect(409);
    expect(feedback.text).toContain("intervjupanel");
    // A Ta sjansen employer's link has no selection page.
    const other = makeApp();
    const ts = openEvent(other);
    other.clock.set("2026-12-10T15:00:00Z");
    await request(other.app)
      .get(`/a/${linkToken(TEST_SECRET, "employer", ts.participationIds[0], 1)}/utvalg`)
      .expect(404);
    await request(other.app)
      .get(`/a/${linkToken(TEST_SECRET, "employer", ts.participationIds[0], 1)}`)
      .expect(200);
  });
});

describe("the veileder's manage page", () => {
  it("shows the decision once recorded", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T09:30:00Z");
    const manage = managePathFor(t, "vera@nav.no");
    const before = await request(t.app).get(manage).expect(200);
    expect(before.text).toContain("Utvalg til kurs: ikke avgjort ennå");
    t.clock.set("2026-12-10T09:30:00Z");
    const path = `${ev.panelPath(ev.p1)}/utvalg/${ev.bookingOf(ev.ola.candidateId)}`;
    const { agent, csrf } = await panelForm(t, path);
    await agent
      .post(path)
      .type("form")
      .send({ _csrf: csrf, decision: "reserve", reserveRank: "2", note: "Bør øve på norsk" })
      .expect(303);
    const after = await request(t.app).get(manage).expect(200);
    expect(after.text).toContain("Utvalg til kurs: reserve nr. 2 («Bør øve på norsk»)");
    // Otto's candidate is not on Vera's page.
    expect(after.text).not.toContain("Kari Berg");
    // The candidate's own page says it too, instead of employer feedback.
    const own = await request(t.app).get(`${manage}/candidates/${ev.ola.candidateId}/oppfolging`).expect(200);
    expect(own.text).toContain("Intervjupanelet: <strong>Reserve nr. 2</strong>");
    expect(own.text).not.toContain("Tilbakemeldinger fra arbeidsgiverne");
  });
});

describe("the coordinator's selection page", () => {
  it("lists every interviewed candidate and records or corrects a decision from the event's day", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    // The evening before (23:00 in Oslo): a decision is not taken yet.
    t.clock.set("2026-12-09T22:00:00Z");
    const { agent, csrf } = await signedInAgent(t);
    const early = await agent
      .post(`/events/${ev.eventId}/utvalg/${ev.per.candidateId}`)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", note: "" })
      .expect(409);
    expect(early.text).toContain("fra og med dagen for speedintervjuet");
    // Midnight has passed: the event's day.
    t.clock.set("2026-12-10T05:00:00Z");
    const page = await agent.get(`/events/${ev.eventId}/utvalg`).expect(200);
    for (const name of ["Ola Nordmann", "Kari Berg", "Per Hansen"]) expect(page.text).toContain(name);
    expect(page.text).toContain("Per Pettersen (arbeidslivscoach) og Lise Lund (kontaktperson Løten)");
    expect(page.text).toContain("0 valgt, 0 reserve, 0 ikke valgt, 3 ikke avgjort");
    const form = await agent.get(`/events/${ev.eventId}/utvalg/${ev.per.candidateId}`).expect(200);
    expect(form.text).toContain("Utvalg: Per Hansen");
    await agent
      .post(`/events/${ev.eventId}/utvalg/${ev.per.candidateId}`)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", note: "Panelet ringte inn", version: "" })
      .expect(303);
    const c = t.auth.coordinatorByEmail("koordinator@nav.no");
    expect(stored(t, ev.per.candidateId)).toMatchObject({
      decision: "selected",
      decidedBy: `coordinator:${c?.id}`,
    });
    const list = await agent.get(`/events/${ev.eventId}/utvalg`).expect(200);
    expect(list.text).toContain("1 valgt, 0 reserve, 0 ikke valgt, 2 ikke avgjort");
    // A candidate of another event is not found here, and a Ta sjansen has no selection page.
    const otherId = t.events.create(standardEvent(ev.officeId, "2026-12-17"));
    const pid = t.events.addParticipation(otherId, {
      employerId: ev.employerIds[0],
      department: "",
      tasks: "Oppvask",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: [],
      interviewCount: 2,
      roomId: ev.roomIds[2],
    });
    t.events.setStatus(otherId, "open");
    const slot = t.events.participation(pid).slots[0].id;
    const stranger = book(t, { ...ev, eventId: otherId }, [slot], { displayName: "Stine Fremmed" });
    await agent
      .post(`/events/${ev.eventId}/utvalg/${stranger.candidateId}`)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", note: "" })
      .expect(404);
    await agent.get(`/events/${otherId}/utvalg`).expect(404);
    expect(stored(t, stranger.candidateId)).toBeUndefined();
  });
});

describe("the course list export", () => {
  async function decided() {
    // Every log line at every level, as written.
    const lines: string[] = [];
    const t = makeApp({ logger: pino({ level: "trace" }, { write: (l: string) => lines.push(l) }) });
    const ev = bookedSpeedEvent(t);
    const four = book(t, ev, [ev.slots(ev.p2)[1]], { displayName: "Åse Ødegård", birthYear: 1999 });
    t.clock.set("2026-12-10T12:00:00Z");
    const { agent, csrf } = await signedInAgent(t);
    const decide = (candidateId: number, body: Record<string, string>) =>
      agent
        .post(`/events/${ev.eventId}/utvalg/${candidateId}`)
        .type("form")
        .send({ _csrf: csrf, note: "Intern merknad", ...body })
        .expect(303);
    await decide(ev.ola.candidateId, { decision: "reserve", reserveRank: "2" });
    await decide(ev.kari.candidateId, { decision: "selected" });
    await decide(ev.per.candidateId, { decision: "not-selected" });
    await decide(four.candidateId, { decision: "reserve", reserveRank: "1" });
    return { t, ev, agent, lines };
  }

  it("has the selected and the reserves in order, with Norwegian headers, as UTF-8 with BOM and semicolons", async () => {
    const { ev, agent, lines } = await decided();
    const res = await agent
      .get(`/events/${ev.eventId}/utvalg.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toContain("speedintervju-utvalg-2026-12-10.csv");
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = (res.body as Buffer).toString("utf8");
    expect(body.startsWith("\uFEFF")).toBe(true);
    expect(body.slice(1).split("\r\n")).toEqual([
      "Navn;Fødselsår;Veileder;Veileders e-post;NAV-kontor;Utvalg;Reservenummer",
      "Kari Berg;1998;Otto Veileder;otto@nav.no;NAV Hamar;Valgt;",
      "Åse Ødegård;1999;Vera Veileder;vera@nav.no;NAV Hamar;Reserve;1",
      "Ola Nordmann;2001;Vera Veileder;vera@nav.no;NAV Hamar;Reserve;2",
      "",
    ]);
    expect(body).not.toContain("Per Hansen");
    // The note is for NAV, not the course provider.
    expect(body).not.toContain("Intern merknad");
    // Never logged: the request log has the download's path and status, and nothing from the file.
    const log = lines.join("\n");
    expect(log).toContain(`GET /events/${ev.eventId}/utvalg.csv 200`);
    expect(log).not.toMatch(/Kari Berg|Ola Nordmann|Ødegård|otto@nav\.no|Reservenummer/);
  });

  it("is for coordinators of the event's region only", async () => {
    const { t, ev } = await decided();
    const other = t.regions.createRegion({ name: "Gjøvik" });
    const { agent } = await signedInAgent(t, "gjovik@nav.no", { regions: [other] });
    const refused = await agent.get(`/events/${ev.eventId}/utvalg.csv`).expect(403);
    expect(refused.text).not.toContain("Kari Berg");
    await agent.get(`/events/${ev.eventId}/utvalg`).expect(403);
    const anonymous = await request(t.app).get(`/events/${ev.eventId}/utvalg.csv`).expect(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    // Not through the panel's link either.
    await request(t.app)
      .get(`${ev.panelPath(ev.p1)}/utvalg.csv`)
      .expect(404);
  });
});

describe("the coordinator's page for a panel's link", () => {
  it("calls it the interview panel's link and leads to the selection", async () => {
    const t = makeApp();
    const ev = speedEvent(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/participations/${ev.participationIds[0]}/feedback`).expect(200);
    expect(page.text).toContain("Intervjupanelets lenke");
    expect(page.text).toContain("Kari Nordmann (arbeidslivscoach) og Ola Hansen (kontaktperson Hamar)");
    expect(page.text).toContain(`href="/events/${ev.eventId}/utvalg"`);
  });
});

describe("a decided candidate's interview", () => {
  it("cannot be cancelled, so the decision never loses its interview", async () => {
    const t = makeApp();
    const ev = bookedSpeedEvent(t);
    t.clock.set("2026-12-10T09:30:00Z");
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post(`/events/${ev.eventId}/utvalg/${ev.ola.candidateId}`)
      .type("form")
      .send({ _csrf: csrf, decision: "selected", note: "" })
      .expect(303);
    const bid = ev.bookingOf(ev.ola.candidateId);
    const res = await agent
      .post(`/events/${ev.eventId}/bookings/${bid}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(409);
    expect(res.text).toContain("Intervjupanelet har satt utvalg til kurs for denne kandidaten");
    expect(one<{ n: number }>(t, "SELECT count(*) AS n FROM booking WHERE id = ?", bid).n).toBe(1);
    // An undecided candidate's interview can still be cancelled.
    await agent
      .post(`/events/${ev.eventId}/bookings/${ev.bookingOf(ev.per.candidateId)}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
  });
});

describe("the coordinator's page of a panel", () => {
  it("speaks of the panel and its selection, not of employer feedback", async () => {
    const t = makeApp();
    const ev = speedEvent(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/participations/${ev.participationIds[0]}/feedback`).expect(200);
    expect(page.text).toContain("Intervjupanelet:");
    expect(page.text).toContain("Utvalg til kurs");
    expect(page.text).not.toContain("Ingen tilbakemelding ennå");
    expect(page.text).not.toContain("<title>Tilbakemeldinger");
    const event = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(event.text).toContain("Panelets side og ny lenke");
  });
});
