import request from "supertest";
import { describe, expect, it } from "vitest";
import type { ParticipationInput } from "../../server/events/events.schemas";
import type { EventFormat } from "../../server/events/formats";
import { apiToken, makeApp, seedRegion, signedInAgent, standardEvent, type TestApp } from "../helpers";
import { formatOutcomeRows } from "./format-outcome-rows";

const participationApi = (t: TestApp, query = "") =>
  request(t.app)
    .get(`/api/v1/stats/participation${query}`)
    .set("Authorization", `Bearer ${apiToken(t)}`);

let keys = 0;
/**
 * Three formats in 2026 and a Minijobbmesse in 2027, in one region:
 * - Ta sjansen 10 Mar 2026: Ola and Kari, one interview each.
 * - Speedintervju 15 Apr 2026: Ola (the same person), Siv and Per; Per does not come. Siv selected, Ola reserve.
 * - Minijobbmesse 20 May 2026: Ola (the same person), Nina and Tor registered; Ola and Nina checked in (Tor never
 *   came). Ola visits two rooms, Nina one; one employer wants to meet Ola again.
 * - Minijobbmesse 1 Feb 2027: Ola again, checked in.
 */
function fourEvents() {
  const t = makeApp({ now: "2026-03-01T09:00:00Z" });
  const seed = seedRegion(t);
  const rows = formatOutcomeRows(t);
  const participation = (eventId: number, i: number, over: Partial<ParticipationInput> = {}): number =>
    t.events.addParticipation(eventId, {
      employerId: seed.employerIds[i],
      department: "",
      tasks: "",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: [],
      interviewCount: 4,
      roomId: seed.roomIds[i],
      ...over,
    });
  const event = (format: EventFormat, date: string, over: Record<string, unknown> = {}) => {
    const id = t.events.create(standardEvent(seed.officeId, date, { format, title: undefined, ...over }));
    return id;
  };
  const register = (eventId: number, displayName: string, slotIds: number[] = []) => {
    keys += 1;
    return t.booking.register({ kind: "coordinator", id: "test" }, eventId, {
      caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: seed.officeId },
      candidate: {
        displayName,
        birthYear: 2000,
        eligibility: "spesielt-tilpasset",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds,
      waitlistParticipationIds: [],
      requestKey: `stats-formats-${String(keys).padStart(6, "0")}`,
      allowEmpty: slotIds.length === 0,
    }).candidateId;
  };
  const slotsOf = (pid: number) => t.events.participation(pid).slots.map((s) => s.id);

  const taSjansen = event("ta-sjansen", "2026-03-10");
  const vask = participation(taSjansen, 0);
  t.events.setStatus(taSjansen, "open");
  const ola = register(taSjansen, "Ola Nordmann", [slotsOf(vask)[0]]);
  register(taSjansen, "Kari Berg", [slotsOf(vask)[1]]);

  const speed = event("speedintervju", "2026-04-15", {
    interviewStart: "09:00",
    interviewEnd: "12:00",
    slotMinutes: 20,
    maxInterviews: 1,
  });
  const panel = participation(speed, 1, {
    department: "Springbrett",
    panel: [
      { name: "Kari Coach", role: "arbeidslivscoach" },
      { name: "Per Kontakt", role: "kontaktperson" },
    ],
  });
  t.events.setStatus(speed, "open");
  const olaSpeed = register(speed, "Ola Nordmann", [slotsOf(panel)[0]]);
  rows.samePerson(olaSpeed, ola);
  const siv = register(speed, "Siv Solberg", [slotsOf(panel)[1]]);
  const per = register(speed, "Per Pedersen", [slotsOf(panel)[2]]);

  const fair = event("minijobbmesse", "2026-05-20", {
    interviewStart: "12:00",
    interviewEnd: "14:00",
    capacity: 20,
  });
  const rooms = [0, 1, 2].map((i) => participation(fair, i));
  t.events.setStatus(fair, "open");
  const olaFair = register(fair, "Ola Nordmann");
  rows.samePerson(olaFair, ola);
  const nina = register(fair, "Nina Lie");
  register(fair, "Tor Hansen");

  const fair2027 = event("minijobbmesse", "2027-02-01", { interviewStart: "12:00", interviewEnd: "14:00" });
  participation(fair2027, 0);
  t.events.setStatus(fair2027, "open");
  const ola2027 = register(fair2027, "Ola Nordmann");
  rows.samePerson(ola2027, ola);

  // The Speedintervju day: Per does not come; afterwards the panel decides.
  t.clock.set("2026-04-15T09:30:00Z");
  t.dayof.apply(speed, "host", "stats-formats-no-show-per", {
    kind: "no-show",
    candidateId: per,
    version: 0,
  });
  rows.selection(siv, "selected");
  rows.selection(olaSpeed, "reserve", "Bør øve mer på norsk");
  // The Minijobbmesse day.
  rows.checkIn(olaFair, "2026-05-20T09:50:00Z");
  rows.checkIn(nina, "2026-05-20T09:55:00Z");
  rows.roomVisit(fair, olaFair, rooms[0], "2026-05-20T10:05:00Z", "2026-05-20T10:15:00Z");
  rows.roomVisit(fair, olaFair, rooms[1], "2026-05-20T10:20:00Z", "2026-05-20T10:30:00Z");
  rows.roomVisit(fair, nina, rooms[2], "2026-05-20T10:05:00Z");
  rows.meetAgain(rooms[0], olaFair, "Kan prøve seg i resepsjonen");
  rows.checkIn(ola2027, "2027-02-01T10:50:00Z");

  t.clock.set("2027-03-01T09:00:00Z");
  return { t, seed, ola, speed, fair };
}

describe("statistics across formats", () => {
  it("counts a person who took part in three formats in one year once, and again as a participant the next year", async () => {
    const { t } = fourEvents();
    const { body } = await participationApi(t).expect(200);
    // 2026: Ola (three formats), Kari, Siv, Nina; not Per (did not come) nor Tor (never checked in).
    expect(body).toEqual({
      rows: [
        { year: 2026, candidates: 4, events: 3, participants: 4 },
        { year: 2027, candidates: 0, events: 1, participants: 1 },
      ],
      total: { candidates: 4, events: 4 },
    });
  });

  it.each([
    ["ta-sjansen", [{ year: 2026, candidates: 2, events: 1, participants: 2 }], 2],
    ["speedintervju", [{ year: 2026, candidates: 2, events: 1, participants: 2 }], 2],
    [
      "minijobbmesse",
      [
        { year: 2026, candidates: 2, events: 1, participants: 2 },
        { year: 2027, candidates: 0, events: 1, participants: 1 },
      ],
      2,
    ],
  ])("filters the API, the page and the CSV file to %s", async (format, rows, total) => {
    const { t } = fourEvents();
    const api = await participationApi(t, `?format=${format}`).expect(200);
    expect(api.body.rows).toEqual(rows);
    expect(api.body.total.candidates).toBe(total);

    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/stats?format=${format}`).expect(200);
    expect(page.text).toMatch(new RegExp(`<option value="${format}" selected>`));
    expect(page.text).toMatch(new RegExp(`>Totalt</th><td[^>]*>${total}</td><td[^>]*>${rows.length}</td>`));
    expect(page.text).toContain(`/stats/events.csv?format=${format}`);
    const file = await agent.get(`/stats/participation.csv?format=${format}`).expect(200);
    expect(file.headers["content-disposition"]).toContain(`ta-sjansen-participation-${format}.csv`);
    expect(file.text).toContain(`\r\nTotalt;${total};${rows.length};\r\n`);
  });

  it("refuses an unknown format in the API with a clear message, and shows all formats on the page", async () => {
    const { t } = fourEvents();
    const bad = await participationApi(t, "?format=jobbmesse").expect(422);
    expect(bad.body.code).toBe("invalid-input");
    expect(bad.body.errors.format).toContain(
      "Ukjent format. Bruk ta-sjansen, speedintervju eller minijobbmesse",
    );
    const { agent } = await signedInAgent(t);
    const page = await agent.get("/stats?format=jobbmesse").expect(200);
    expect(page.text).toContain("Viser alle regioner, alle formater.");
  });

  it("shows each format's own results per event: offers, the panel's decisions, visits and «vil møte igjen»", async () => {
    const { t } = fourEvents();
    const { agent } = await signedInAgent(t);
    const page = await agent.get("/stats").expect(200);
    expect(page.text).toContain("Ta sjansen: intervjuer og tilbud");
    expect(page.text).toContain("Speedintervju: panelets vurdering");
    expect(page.text).toContain("Minijobbmesse: oppmøte, besøk og «vil møte igjen»");
    const fairOnly = await agent.get("/stats?format=minijobbmesse").expect(200);
    expect(fairOnly.text).not.toContain("Ta sjansen: intervjuer og tilbud");
    expect(fairOnly.text).not.toContain("Speedintervju: panelets vurdering");

    const file = await agent.get("/stats/events.csv").expect(200);
    const [header, ...lines] = file.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const columns = header.split(";");
    const row = (date: string) => {
      const cells = (lines.find((l) => l.startsWith(`${date};`)) as string).split(";");
      return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    };
    expect(row("2026-04-15")).toMatchObject({
      Format: "Speedintervju",
      Booket: "3",
      Gjennomført: "2",
      "Speedintervju: Valgt": "1",
      "Speedintervju: Reserve": "1",
      "Speedintervju: Ikke valgt": "0",
      "Speedintervju: Ikke avgjort": "0",
      "Speedintervju: Ikke møtt": "1",
      // Offers and best results are Ta sjansen's, so they stay empty.
      Tilbud: "",
      "Beste resultat: Ikke møtt": "",
      "Minijobbmesse: Påmeldt": "",
    });
    expect(row("2026-05-20")).toMatchObject({
      Format: "Minijobbmesse",
      Intervjutidspunkter: "",
      "Minijobbmesse: Plasser": "20",
      "Minijobbmesse: Påmeldt": "3",
      "Minijobbmesse: Møtt (sjekket inn)": "2",
      "Minijobbmesse: Ikke møtt": "1",
      "Minijobbmesse: Besøk i rommene": "3",
      "Minijobbmesse: Kandidater med besøk": "2",
      "Minijobbmesse: Vil møte igjen (antall)": "1",
      "Minijobbmesse: Kandidater noen vil møte igjen": "1",
      "Speedintervju: Valgt": "",
    });
    expect(row("2026-03-10")).toMatchObject({ Format: "Ta sjansen", Booket: "2", Gjennomført: "2" });
    const filtered = await agent.get("/stats/events.csv?format=speedintervju").expect(200);
    expect(filtered.text.trim().split("\r\n")).toHaveLength(2);
  });

  it("counts Minijobbmesse registrations with the bookings for coming events", async () => {
    const t = makeApp({ now: "2026-03-01T09:00:00Z" });
    const seed = seedRegion(t);
    const fair = t.events.create(
      standardEvent(seed.officeId, "2026-05-20", {
        format: "minijobbmesse",
        title: undefined,
        interviewStart: "12:00",
        interviewEnd: "14:00",
        capacity: 20,
      }),
    );
    t.events.setStatus(fair, "open");
    for (const name of ["Nina Lie", "Tor Hansen"]) {
      t.booking.register({ kind: "coordinator", id: "test" }, fair, {
        caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: seed.officeId },
        candidate: {
          displayName: name,
          birthYear: 2000,
          eligibility: "spesielt-tilpasset",
          backupCaseworker: "",
          caseworkerJoins: false,
          needsAdaptation: false,
        },
        slotIds: [],
        waitlistParticipationIds: [],
        requestKey: `stats-formats-coming-${name.replace(" ", "-")}`,
        allowEmpty: true,
      });
    }
    const { agent } = await signedInAgent(t);
    const offices = await agent.get("/stats/offices.csv?format=minijobbmesse").expect(200);
    expect(offices.text.replace(/^\uFEFF/, "")).toBe(
      "Kontor;Minijobbmesse 2026-05-20;Bookinger;Kandidater\r\nNAV Hamar;2;2;2\r\n",
    );
    const none = await agent.get("/stats/offices.csv?format=speedintervju").expect(200);
    expect(none.text.replace(/^\uFEFF/, "")).toBe("Kontor;Bookinger;Kandidater\r\n");
  });
});
