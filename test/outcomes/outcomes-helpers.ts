// Test helpers for the after-event feature: an event with booked candidates, moved to the day or after, and the
// employer's and the veileder's links.
import { linkToken } from "../../server/shared/tokens";
import { openEvent, TEST_SECRET, type TestApp } from "../helpers";

export const actor = { kind: "caseworker" as const, id: "caseworker:new" };

let keyCounter = 0;
/** Registers a candidate with the given slots through the booking service (as the booking page would). */
export function book(
  t: TestApp,
  ev: ReturnType<typeof openEvent>,
  slotIds: number[],
  candidate: { displayName?: string; birthYear?: number } = {},
  caseworker = { name: "Vera Veileder", email: "vera@nav.no" },
) {
  keyCounter += 1;
  return t.booking.register(actor, ev.eventId, {
    caseworker: { ...caseworker, officeId: ev.officeId },
    candidate: {
      displayName: candidate.displayName ?? "Ola Nordmann",
      birthYear: candidate.birthYear ?? 1999,
      eligibility: "spesielt-tilpasset",
      backupCaseworker: "",
      caseworkerJoins: false,
      needsAdaptation: false,
    },
    slotIds,
    waitlistParticipationIds: [],
    requestKey: `outcomes-test-key-${String(keyCounter).padStart(6, "0")}`,
  });
}

/**
 * The standard event (10 Dec 2026): Ola has interviews at Vaskebedrift 15:30 and Sykehuset 16:00, Kari at
 * Vaskebedrift 16:00. The clock then moves to the evening of the event and the event is closed.
 */
export function eventWithInterviews(t: TestApp, opts: { now?: string } = {}) {
  const ev = openEvent(t);
  const [vask, syk] = ev.participationIds;
  const ola = book(t, ev, [ev.slots(vask)[0], ev.slots(syk)[1]]);
  const kari = book(t, ev, [ev.slots(vask)[1]], { displayName: "Kari Berg Hansen", birthYear: 1995 });
  t.events.setStatus(ev.eventId, "closed");
  t.clock.set(opts.now ?? "2026-12-10T17:00:00Z");
  const bookingOf = (candidateId: number, participationId: number) =>
    t.db
      .prepare("SELECT id FROM booking WHERE candidate_id = ? AND participation_id = ?")
      .pluck()
      .get(candidateId, participationId) as number;
  const employerPath = (participationId: number) => {
    const v = t.db
      .prepare("SELECT employer_link_version FROM participation WHERE id = ?")
      .pluck()
      .get(participationId) as number;
    return `/a/${linkToken(TEST_SECRET, "employer", participationId, v)}`;
  };
  const managePath = (caseworkerId: number) => {
    const c = t.booking.caseworker(caseworkerId);
    return `/v/${linkToken(TEST_SECRET, "manage", caseworkerId, c?.manageLinkVersion ?? 1)}`;
  };
  return { ...ev, vask, syk, ola, kari, bookingOf, employerPath, managePath };
}

/** A complete feedback form as the employer's page posts it. */
export const feedbackBody = (csrf: string, over: Record<string, string> = {}) => ({
  _csrf: csrf,
  assessment: "aktuell",
  handshake: "good",
  language: "needs-work",
  eyeContact: "not-assessed",
  employerNotes: "Flink med kunder\nKom presis",
  candidateNotes: "Liker å jobbe med hendene",
  message: "Godt intervju! Øv på å fortelle om deg selv.",
  secondInterviewOn: "",
  decision: "offer:arbeidstrening",
  decideBy: "",
  ...over,
});

export const rows = <T>(t: TestApp, sql: string, ...params: unknown[]) =>
  t.db.prepare(sql).all(...params) as T[];
export const one = <T>(t: TestApp, sql: string, ...params: unknown[]) =>
  t.db.prepare(sql).get(...params) as T;
