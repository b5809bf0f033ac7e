import request from "supertest";
import { describe, expect, it } from "vitest";
import { outcomesService } from "../../server/outcomes/outcomes.service";
import { statusService } from "../../server/outcomes/status.service";
import { statsService } from "../../server/stats/stats.service";
import { apiToken, makeApp, seedRegion, signedInAgent, standardEvent, type TestApp } from "../helpers";
import { book, eventWithInterviews, one, rows } from "../outcomes/outcomes-helpers";
import { historyCsv, REGION_TABLE } from "./history";

const count = (t: TestApp, table: string) => one<{ n: number }>(t, `SELECT count(*) AS n FROM ${table}`).n;

async function coordinator(now = "2019-01-15T09:00:00Z") {
  const t = makeApp({ now });
  const seed = seedRegion(t);
  const { agent, csrf } = await signedInAgent(t);
  const importCsv = (csv: string, mode: "dry-run" | "import") =>
    agent
      .post("/stats/import")
      .type("form")
      .send({ _csrf: csrf, regionId: String(seed.regionId), csv, mode });
  return { t, seed, agent, csrf, importCsv };
}

const participationApi = (t: TestApp, query = "") =>
  request(t.app)
    .get(`/api/v1/stats/participation${query}`)
    .set("Authorization", `Bearer ${apiToken(t)}`);

describe("importing the region's history 2013–2018", () => {
  it("dry-runs without storing, then imports, and the yearly counts are the region's table", async () => {
    const { t, seed, agent, importCsv } = await coordinator();
    const csv = historyCsv();
    const dry = await importCsv(csv, "dry-run").expect(200);
    expect(dry.text).toContain("Resultat av prøvekjøringen");
    expect(dry.text).toContain("for 329 personer (329 nye) på 27 arrangementsdatoer");
    expect(dry.text).toContain("Ingen linjer avvises");
    expect(count(t, "history_participation")).toBe(0);
    expect(count(t, "person")).toBe(0);

    const res = await importCsv(csv, "import").expect(303);
    const lines = csv.trim().split("\n").length - 1;
    expect(res.headers.location).toBe(`/stats/import?region=${seed.regionId}&importert=${lines}`);
    expect(count(t, "history_participation")).toBe(lines);
    expect(count(t, "person")).toBe(329);
    expect(rows(t, "SELECT DISTINCT source FROM person")).toEqual([{ source: "import" }]);
    expect(rows(t, "SELECT lines, imported_by AS by FROM history_import")).toEqual([
      { lines, by: "coordinator:1" },
    ]);
    const after = await agent.get(res.headers.location).expect(200);
    expect(after.text).toContain(`Historikken er importert: ${lines} deltakelser.`);

    const api = await participationApi(t).expect(200);
    // Six people from earlier years come back each year: new people once, participants once per year.
    const participants = [11, 110, 52, 54, 62, 70];
    expect(api.body).toEqual({
      rows: REGION_TABLE.map((r, i) => ({ ...r, participants: participants[i] })),
      total: { candidates: 329, events: 27 },
    });
    const regional = await participationApi(t, `?regionId=${seed.regionId}`).expect(200);
    expect(regional.body.total).toEqual({ candidates: 329, events: 27 });

    const page = await agent.get("/stats").expect(200);
    expect(page.text).toMatch(/<th scope="row"[^>]*>2014<\/th><td[^>]*>104<\/td><td[^>]*>7<\/td>/);
    expect(page.text).toMatch(/>Totalt<\/th><td[^>]*>329<\/td><td[^>]*>27<\/td>/);
    expect(page.text).toContain('<svg class="chart" role="img"');
    expect(page.text).toContain(
      "2013: 11, 2014: 104, 2015: 46, 2016: 48, 2017: 56, 2018: 64. Totalt 329 kandidater.",
    );

    const file = await agent.get("/stats/participation.csv").expect(200);
    expect(file.headers["content-type"]).toContain("text/csv");
    expect(file.headers["content-disposition"]).toContain(
      "attachment; filename=ta-sjansen-participation.csv",
    );
    expect(file.text).toBe(
      "\uFEFFÅr;Unike kandidater;Arrangementer;Deltakere i året\r\n2013;11;1;11\r\n2014;104;7;110\r\n2015;46;4;52\r\n2016;48;5;54\r\n2017;56;5;62\r\n2018;64;5;70\r\nTotalt;329;27;\r\n",
    );
  });

  it("refuses the same history a second time, line by line, and adds nothing", async () => {
    const { t, importCsv } = await coordinator();
    await importCsv(historyCsv(), "import").expect(303);
    const before = count(t, "history_participation");
    const again = await importCsv(historyCsv(), "import").expect(422);
    expect(again.text).toContain("Importen ble ikke gjort");
    expect(again.text).toContain("Linjen er importert fra før");
    expect(count(t, "history_participation")).toBe(before);
    expect(count(t, "history_import")).toBe(1);
  });

  it.each([
    ["a missing column", "dato;virksomhet\n14.11.2013;Sykehuset\n", 1, "Kolonnen «personnøkkel» mangler"],
    [
      "a duplicate line",
      "dato;personnøkkel;virksomhet\n14.11.2013;HM-1;Sykehuset\n14.11.2013;HM-2;Sykehuset\n14.11.2013;HM-1;Sykehuset\n",
      4,
      "Linjen er lik linje 2",
    ],
    [
      "a national ID number",
      "dato;personnøkkel;virksomhet\n14.11.2013;HM-1;Sykehuset\n14.11.2013;01019012480;Sykehuset\n",
      3,
      "ser ut som et fødselsnummer",
    ],
    [
      "a person key with twelve digits in a row",
      "dato;personnøkkel;virksomhet\n14.11.2013;HM-1;Sykehuset\n14.11.2013;123456789012;Sykehuset\n",
      3,
      "11 eller flere sifre på rad",
    ],
    [
      "a date in the future",
      "dato;personnøkkel;virksomhet\n14.11.2013;HM-1;Sykehuset\n01.02.2020;HM-2;Sykehuset\n",
      3,
      "er fram i tid",
    ],
  ])("refuses %s with the line and its reason, and imports nothing", async (_name, csv, line, reason) => {
    const { t, importCsv } = await coordinator();
    for (const mode of ["dry-run", "import"] as const) {
      const res = await importCsv(csv, mode).expect(422);
      expect(res.text).toContain('href="#f-csv"');
      expect(res.text).toMatch(new RegExp(`<th scope="row"[^>]*>${line}</th><td[^>]*>[^<]*${reason}`));
      // The text stays in the form so the coordinator can fix it.
      expect(res.text).toContain(csv.split("\n")[1]);
    }
    expect(count(t, "history_participation")).toBe(0);
    expect(count(t, "history_import")).toBe(0);
    expect(count(t, "person")).toBe(0);
  });

  it("never echoes a refused national ID number back in the report", async () => {
    const { importCsv } = await coordinator();
    const res = await importCsv(
      "dato;personnøkkel;virksomhet\n14.11.2013;01019012480;Sykehuset\n",
      "dry-run",
    ).expect(422);
    const report = res.text.slice(res.text.indexOf('id="rapport"'));
    expect(report).not.toContain("01019012480");
  });

  it("is for coordinators only", async () => {
    const t = makeApp();
    await request(t.app).get("/stats").expect(303);
    await request(t.app).get("/stats/import").expect(303);
    await request(t.app).get("/stats/participation.csv").expect(303);
    await request(t.app).get("/status").expect(303);
    await request(t.app).get("/follow-ups").expect(303);
    await request(t.app).get("/api/v1/stats/participation").expect(401);
  });
});

describe("counting the tool's own events", () => {
  /**
   * 10 Dec 2026: Ola (two interviews), Kari, and Per who did not come. 4 Feb 2027: Ola again (the same person,
   * put on through the manage page's action) and Siv, new. Both events have taken place by 5 Feb 2027.
   */
  function twoEvents() {
    const t = makeApp();
    const ev = eventWithInterviews(t, { now: "2026-12-01T09:00:00Z" });
    t.events.setStatus(ev.eventId, "open");
    const per = book(t, ev, [ev.slots(ev.participationIds[2])[0]], { displayName: "Per Pedersen" });
    t.events.setStatus(ev.eventId, "closed");
    const eventId = t.events.create(standardEvent(ev.officeId, "2027-02-04"));
    const pid = t.events.addParticipation(eventId, {
      employerId: ev.employerIds[2],
      department: "",
      tasks: "",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: [],
      interviewCount: 4,
      roomId: undefined,
    });
    t.events.setStatus(eventId, "open");
    const slots = t.events.participation(pid).slots.map((s) => s.id);
    t.clock.set("2026-12-10T17:00:00Z");
    t.dayof.apply(ev.eventId, "host", "no-show-per-1", {
      kind: "no-show",
      candidateId: per.candidateId,
      version: 0,
    });
    const outcomes = outcomesService(t.db, t.clock, { booking: t.booking });
    outcomes.enrolAgain(
      { actor: `caseworker:${ev.ola.caseworkerId}`, caseworkerId: ev.ola.caseworkerId },
      ev.ola.candidateId,
      slots[0],
    );
    const siv = book(
      t,
      { ...ev, eventId },
      [slots[1]],
      { displayName: "Siv Solberg" },
      { name: "Per Veileder", email: "per@nav.no" },
    );
    return { t, ev, per, siv, second: { eventId, slots }, outcomes };
  }

  it("counts a person once across two interviews and two events, and never a no-show", async () => {
    const { t } = twoEvents();
    t.clock.set("2027-02-05T09:00:00Z");
    const api = await participationApi(t).expect(200);
    expect(api.body).toEqual({
      // Ola came back in 2027: once in the total, but a participant in both years.
      rows: [
        { year: 2026, candidates: 2, events: 1, participants: 2 },
        { year: 2027, candidates: 1, events: 1, participants: 2 },
      ],
      total: { candidates: 3, events: 2 },
    });
  });

  it("counts two events held the same day in one region as two, and history only on days without one", async () => {
    const { t, ev } = twoEvents();
    // A second event in the region on 10 Dec 2026, in the evening; nobody booked on it, but it was held.
    const evening = t.events.create({
      officeId: ev.officeId,
      title: "Ta sjansen – kveld",
      date: "2026-12-10",
      interviewStart: "18:30",
      interviewEnd: "19:30",
      slotMinutes: 30,
      gapMinutes: 0,
      maxInterviews: 2,
      pepTalkGap: false,
      hideNamesOnBoard: false,
      bookingDeadline: undefined,
      programme: "",
    });
    t.events.setStatus(evening, "open");
    t.clock.set("2027-02-05T09:00:00Z");
    // History on the tool's day belongs to a tool event there; history on a day of its own is one event.
    const report = statsService(t.db, t.clock).importHistory(
      "coordinator:1",
      ev.regionId,
      "dato;personnøkkel;virksomhet\n10.12.2026;HM-1;Sykehuset\n12.03.2015;HM-2;Sykehuset\n12.03.2015;HM-3;Sykehuset\n",
    );
    expect(report.ok).toBe(true);
    const { body } = await participationApi(t).expect(200);
    const year = (y: number) => body.rows.find((r: { year: number }) => r.year === y);
    expect(year(2015)).toEqual({ year: 2015, candidates: 2, events: 1, participants: 2 });
    expect(year(2026)).toEqual({ year: 2026, candidates: 3, events: 2, participants: 3 });
    expect(year(2027)).toEqual({ year: 2027, candidates: 1, events: 1, participants: 2 });
    expect(body.total).toEqual({ candidates: 6, events: 4 });
  });

  it("counts an event once it is marked held or its day has passed", async () => {
    const { t, ev } = twoEvents();
    // The evening of the event, still marked "closed": not counted yet.
    expect((await participationApi(t).expect(200)).body.rows).toEqual([]);
    t.events.setStatus(ev.eventId, "held");
    expect((await participationApi(t).expect(200)).body).toEqual({
      rows: [{ year: 2026, candidates: 2, events: 1, participants: 2 }],
      total: { candidates: 2, events: 1 },
    });
  });

  it("shows per event slots, bookings, interviews held, no-shows, offers and each candidate's best result", async () => {
    const { t, ev, outcomes } = twoEvents();
    const feedback = (
      pid: number,
      candidateId: number,
      assessment: "aktuell" | "kanskje",
      decision: string,
    ) =>
      outcomes.saveFeedback(pid, ev.bookingOf(candidateId, pid), {
        assessment,
        handshake: "good",
        language: "good",
        eyeContact: "good",
        employerNotes: [],
        candidateNotes: [],
        message: "",
        secondInterviewOn: undefined,
        decision: decision as "no-offer",
        decideBy: undefined,
        version: undefined,
      });
    feedback(ev.vask, ev.ola.candidateId, "aktuell", "offer:arbeidstrening");
    feedback(ev.syk, ev.ola.candidateId, "aktuell", "offer:lonnstilskudd");
    feedback(ev.vask, ev.kari.candidateId, "kanskje", "no-offer");
    const offer = one<{ id: number }>(t, "SELECT id FROM offer ORDER BY id LIMIT 1");
    outcomes.recordAnswer({ actor: "caseworker:1", caseworkerId: null }, offer.id, "accepted");
    t.events.setStatus(ev.eventId, "held");
    const { agent } = await signedInAgent(t);
    const file = await agent.get("/stats/events.csv").expect(200);
    const [header, first] = file.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe(
      "Dato;Arrangement;Format;Kontor;Status;Intervjutidspunkter;Booket;Gjennomført;Ikke møtt;Tilbud;Tilbud akseptert;Kandidater;Beste resultat: Tilbud akseptert;Beste resultat: Tilbud;Beste resultat: Aktuell;Beste resultat: Kanskje;Beste resultat: Ikke aktuell;Beste resultat: Uten tilbakemelding;Beste resultat: Ikke møtt;Speedintervju: Valgt;Speedintervju: Reserve;Speedintervju: Ikke valgt;Speedintervju: Ikke avgjort;Speedintervju: Ikke møtt;Minijobbmesse: Plasser;Minijobbmesse: Påmeldt;Minijobbmesse: Møtt (sjekket inn);Minijobbmesse: Ikke møtt;Minijobbmesse: Besøk i rommene;Minijobbmesse: Kandidater med besøk;Minijobbmesse: Vil møte igjen (antall);Minijobbmesse: Kandidater noen vil møte igjen",
    );
    // 12 slots; Ola 2 + Kari 1 + Per 1 booked; 3 held, Per a no-show; 2 offers, 1 accepted;
    // Ola once (offer accepted), Kari kanskje, Per no-show.
    // The Speedintervju and Minijobbmesse columns stay empty for a Ta sjansen event.
    expect(first).toBe(
      "2026-12-10;Ta sjansen;Ta sjansen;NAV Hamar;Gjennomført;12;4;3;1;2;1;3;1;0;0;1;0;0;1;;;;;;;;;;;;;",
    );
    const page = await agent.get("/stats").expect(200);
    expect(page.text).toContain("Kandidater per arrangement etter beste resultat");
  });

  it("shows bookings for coming events per office and per veileder", async () => {
    const { t } = twoEvents();
    t.clock.set("2026-12-11T09:00:00Z");
    const { agent } = await signedInAgent(t);
    const page = await agent.get("/stats").expect(200);
    expect(page.text).toContain("Per veileder: bookinger til kommende arrangementer");
    const offices = await agent.get("/stats/offices.csv").expect(200);
    expect(offices.text.replace(/^\uFEFF/, "")).toBe(
      "Kontor;Ta sjansen 2027-02-04;Bookinger;Kandidater\r\nNAV Hamar;2;2;2\r\n",
    );
    const people = await agent.get("/stats/caseworkers.csv").expect(200);
    expect(people.text.replace(/^\uFEFF/, "")).toBe(
      "Veileder;Ta sjansen 2027-02-04;Bookinger;Kandidater\r\nPer Veileder (NAV Hamar);1;1;1\r\nVera Veileder (NAV Hamar);1;1;1\r\n",
    );
  });
});

describe("the twelve-month status per cohort", () => {
  it("assigns people to the cohort of their first year and gives counts and percentages that sum to 100", async () => {
    const { t, seed, agent, importCsv } = await coordinator("2020-06-01T09:00:00Z");
    const csv = [
      "dato;personnøkkel;virksomhet",
      "14.11.2013;A;Sykehuset",
      "14.11.2013;B;Sykehuset",
      "14.11.2013;C;Sykehuset",
      "10.02.2014;A;Vaskebedrift AS",
      "10.02.2014;D;Vaskebedrift AS",
    ].join("\n");
    await importCsv(csv, "import").expect(303);
    const status = statusService(t.db, t.clock);
    const id = (key: string) => status.persons.personByKey(seed.regionId, key)?.id as number;
    // A came back in 2014 but belongs to the 2013 cohort.
    status.record("coordinator:1", id("A"), { status: "in-work", asOf: "2015-01-01" });
    status.record("coordinator:1", id("B"), { status: "measure", asOf: "2015-01-01" });
    // A later snapshot supersedes an earlier one without overwriting it.
    status.record("coordinator:1", id("B"), { status: "disabled", asOf: "2016-01-01" });
    status.record("coordinator:1", id("D"), { status: "unemployment-benefit", asOf: "2015-03-01" });
    expect(rows(t, "SELECT cohort_year AS y FROM status_snapshot ORDER BY id")).toEqual([
      { y: 2013 },
      { y: 2013 },
      { y: 2013 },
      { y: 2014 },
    ]);
    expect(() => status.record("coordinator:1", id("D"), { status: "measure", asOf: "2014-06-01" })).toThrow(
      expect.objectContaining({
        fieldErrors: { asOf: expect.stringContaining("tidligst 10. februar 2015") },
      }),
    );

    const file = await agent.get("/stats/cohorts.csv").expect(200);
    const lines = file.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const header = lines[0].split(";");
    const row = (year: number) => {
      const cells = (lines.find((l) => l.startsWith(`${year};`)) as string).split(";");
      return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    };
    expect(row(2013)).toMatchObject({
      Deltakere: "3",
      "I jobb, ikke lenger registrert hos NAV (antall)": "1",
      "I jobb, ikke lenger registrert hos NAV (prosent)": "34",
      "Erklært ufør (antall)": "1",
      "Erklært ufør (prosent)": "33",
      "Registrert hos NAV, på tiltak (antall)": "0",
      "Ingen status registrert (antall)": "1",
      "Ingen status registrert (prosent)": "33",
    });
    expect(row(2014)).toMatchObject({
      Deltakere: "1",
      "Dagpenger (antall)": "1",
      "Dagpenger (prosent)": "100",
    });

    const page = await agent.get("/stats").expect(200);
    expect(page.text).toContain("Status per kull, antall og prosent");
    expect(page.text).toMatch(/>Erklært ufør<\/th>\s*<td[^>]*>1 \(33 %\)<\/td><td[^>]*>0 \(0 %\)<\/td>/);
    const register = await agent.get(`/status?region=${seed.regionId}&year=2013`).expect(200);
    expect(register.text).toContain("Kull 2013: 3 deltakere, 2 med registrert status.");
  });
});

describe("GET /api/v1/stats/participation", () => {
  it("answers an empty table, 404 for an unknown region, and is in the OpenAPI document", async () => {
    const t = makeApp();
    const empty = await participationApi(t).expect(200);
    expect(empty.body).toEqual({ rows: [], total: { candidates: 0, events: 0 } });
    const unknown = await participationApi(t, "?regionId=99").expect(404);
    expect(unknown.body.code).toBe("not-found");
    const doc = await request(t.app).get("/api/v1/openapi.json").expect(200);
    const op = doc.body.paths["/stats/participation"].get;
    expect(op.security).toEqual([{ coordinator: [] }]);
    expect(Object.keys(op.responses["200"].content["application/json"].schema.properties)).toEqual([
      "rows",
      "total",
    ]);
  });
});
