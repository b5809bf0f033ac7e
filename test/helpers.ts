// Test helpers: a fresh in-memory app per test, a signed-in browser-like agent, CSRF extraction.
import pino, { type Logger } from "pino";
import request from "supertest";
import { type AppDeps, createApp } from "../server/app";
import { openDatabase } from "../server/db/connection";
import type { EventInput } from "../server/events/events.schemas";
import { linkToken } from "../server/shared/tokens";

export const TEST_SECRET = "test-secret-0123456789abcdef";
export const TEST_SCRYPT_N = 2 ** 12;

/** A clock the test moves by hand: rules never read the real time. */
export function fixedClock(iso: string) {
  let now = new Date(iso);
  const clock = () => new Date(now);
  clock.set = (next: string) => {
    now = new Date(next);
  };
  return clock;
}

/** A pino logger that keeps warnings and errors in `lines` ("message: error message"), for tests to assert on. */
export function capturingLogger(lines: string[]) {
  const write = (line: string) => {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    lines.push(entry.err ? `${entry.msg}: ${entry.err.message}` : String(entry.msg));
  };
  return pino({ level: "warn" }, { write });
}

export function makeApp(opts: { now?: string; logger?: Logger; deps?: Partial<AppDeps> } = {}) {
  const db = openDatabase(":memory:");
  const clock = fixedClock(opts.now ?? "2026-11-27T09:00:00Z");
  const logs: string[] = [];
  const ctx = createApp({
    db,
    secret: TEST_SECRET,
    baseUrl: "http://localhost:3000",
    clock,
    logger: opts.logger ?? capturingLogger(logs),
    // Production hashes at N=2^17; tests sign in often and stay fast with a lower cost.
    scryptN: TEST_SCRYPT_N,
    ...opts.deps,
  });
  return { ...ctx, db, clock, logs };
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF token on the page");
  return m[1];
}

export type TestApp = ReturnType<typeof makeApp>;

/**
 * Creates a coordinator through the setup link and returns an agent signed in as them. The first account is an
 * admin (every region); with `regions`, the coordinator is no admin and reaches exactly those regions.
 */
export async function signedInAgent(
  t: TestApp,
  email = "koordinator@nav.no",
  opts: { regions?: number[] } = {},
) {
  const agent = request.agent(t.app);
  const link = t.auth.createSetupLink();
  const page = await agent.get(link).expect(200);
  await agent
    .post(link)
    .type("form")
    .send({
      _csrf: csrfFrom(page.text),
      name: "Kari Koordinator",
      email,
      password: "et langt passord 123",
      passwordAgain: "et langt passord 123",
    })
    .expect(303);
  const coordinator = t.auth.coordinatorByEmail(email);
  if (!coordinator) throw new Error(`no coordinator ${email}`);
  if (opts.regions) {
    t.auth.setAdmin(coordinator.id, false);
    for (const r of opts.regions) t.auth.assignRegion(coordinator.id, r);
  }
  const home = await agent.get("/account/tokens").expect(200);
  const csrf = csrfFrom(home.text);
  return { agent, csrf, coordinatorId: coordinator.id };
}

/** A second region with one office and one employer, for tests of who reaches what. */
export function otherRegion(t: TestApp, name = "Gjøvik") {
  const regionId = t.regions.createRegion({ name });
  const officeId = t.regions.createOffice(regionId, { name: `NAV ${name}`, address: "" });
  const employerId = t.employers.create(plainEmployer(regionId, `${name} Verksted AS`));
  const eventId = t.events.create(standardEvent(officeId, "2026-12-17", { title: `Ta sjansen ${name}` }));
  return { regionId, officeId, employerId, eventId };
}

/** An API bearer token for the JSON API. */
export function apiToken(t: TestApp): string {
  return t.auth.createApiToken("test", null).token;
}

/** The fields of a private employer with nothing but a name, for fixtures. */
export function plainEmployer(regionId: number, name: string) {
  return {
    regionId,
    name,
    orgNumber: undefined,
    sector: "private" as const,
    industry: "",
    size: "" as const,
    iaAgreement: false,
    contactName: "",
    contactPhone: "",
    contactEmail: "",
    navOwner: "",
  };
}

/** A standard Ta sjansen (15:30–17:30, 30-minute slots, two interviews per candidate) for fixtures. */
export function standardEvent(
  officeId: number,
  date: string,
  overrides: Partial<EventInput> = {},
): EventInput {
  return {
    officeId,
    title: "Ta sjansen",
    date,
    interviewStart: "15:30",
    interviewEnd: "17:30",
    slotMinutes: 30,
    gapMinutes: 0,
    maxInterviews: 2,
    pepTalkGap: false,
    hideNamesOnBoard: false,
    bookingDeadline: undefined,
    programme: "",
    ...overrides,
  };
}

/** A region with one office, two rooms and three employers, made through the services. */
export function seedRegion(t: TestApp) {
  const regionId = t.regions.createRegion({ name: "Hedmarken" });
  const officeId = t.regions.createOffice(regionId, { name: "NAV Hamar", address: "Vangsvegen 73" });
  const roomIds = [
    t.regions.createRoom(officeId, { name: "Samtalerom 1" }),
    t.regions.createRoom(officeId, { name: "Samtalerom 2" }),
    t.regions.createRoom(officeId, { name: "Samtalerom 3" }),
  ];
  const employer = (name: string) => t.employers.create(plainEmployer(regionId, name));
  const employerIds = [employer("Vaskebedrift AS"), employer("Sykehuset"), employer("Bamsebjørn barnehage")];
  return { regionId, officeId, roomIds, employerIds };
}

export const eventForm = (officeId: number, overrides: Record<string, unknown> = {}) => ({
  officeId: String(officeId),
  title: "Ta sjansen",
  date: "2026-12-10",
  interviewStart: "15:30",
  interviewEnd: "17:30",
  slotMinutes: "30",
  gapMinutes: "0",
  maxInterviews: "2",
  bookingDeadline: "",
  programme: "14:30 Informasjonsmøte\n15:30 Kandidatene kommer",
  ...overrides,
});

export const participationForm = (employerId: number, overrides: Record<string, unknown> = {}) => ({
  employerId: String(employerId),
  department: "kantine",
  tasks: "Oppvask og servering",
  training: "",
  prerequisites: "",
  minAge: "",
  restrictions: "",
  interviewCount: "4",
  roomId: "",
  ...overrides,
});

/** An open event (10 Dec 2026, deadline noon the day before) with three employers of four slots each; Sykehuset needs age 20. */
export function openEvent(t: TestApp, opts: { maxInterviews?: number; pepTalkGap?: boolean } = {}) {
  const seed = seedRegion(t);
  const eventId = t.events.create(
    standardEvent(seed.officeId, "2026-12-10", {
      maxInterviews: opts.maxInterviews ?? 2,
      pepTalkGap: opts.pepTalkGap ?? false,
    }),
  );
  const participation = (employerId: number, department: string, room: number, minAge?: number) =>
    t.events.addParticipation(eventId, {
      employerId,
      department,
      tasks: "Oppgaver",
      training: "",
      prerequisites: "",
      minAge,
      restrictions: "",
      offerTypes: ["arbeidstrening"],
      interviewCount: 4,
      roomId: seed.roomIds[room],
    });
  const participationIds = [
    participation(seed.employerIds[0], "kantine", 0),
    participation(seed.employerIds[1], "med.avd.", 1, 20),
    participation(seed.employerIds[2], "", 2),
  ];
  t.events.setStatus(eventId, "open");
  const slots = (pid: number) => t.events.participation(pid).slots.map((s) => s.id);
  const bookingPath = new URL(t.events.links(t.events.get(eventId)).booking).pathname;
  return { ...seed, eventId, participationIds, slots, bookingPath };
}

let requestCounter = 0;
/** A filled-in booking form for the flat field names the page posts. */
export function bookingFormBody(
  officeId: number,
  slotIds: number[],
  overrides: Record<string, unknown> = {},
) {
  requestCounter += 1;
  return {
    "caseworker.name": "Vera Veileder",
    "caseworker.email": "vera@nav.no",
    "caseworker.officeId": String(officeId),
    "candidate.displayName": "Åse-Marie Ø.",
    "candidate.birthYear": "2001",
    "candidate.eligibility": "spesielt-tilpasset",
    "candidate.backupCaseworker": "",
    slotIds: slotIds.map(String),
    requestKey: `test-request-key-${String(requestCounter).padStart(4, "0")}-${Math.random().toString(36).slice(2, 10)}`,
    ...overrides,
  };
}

/** The manage-link path the veileder with this address gets by e-mail. */
export function managePathFor(t: TestApp, email: string): string {
  const c = t.booking.caseworkerByEmail(email);
  if (!c) throw new Error(`no veileder ${email}`);
  return `/v/${linkToken(TEST_SECRET, "manage", c.id, c.manageLinkVersion)}`;
}
