// Fixtures for Minijobbmesse registration tests: an open event with three employers in open rooms and a capacity.
import { bookingFormBody, seedRegion, standardEvent, type TestApp } from "../helpers";

/** An open Minijobbmesse on 10 Dec 2026 (rooms 12:00–14:00, default programme from 11:00) with `capacity` places. */
export function openMinijobbmesse(t: TestApp, opts: { capacity?: number } = {}) {
  const seed = seedRegion(t);
  const eventId = t.events.create(
    standardEvent(seed.officeId, "2026-12-10", {
      format: "minijobbmesse",
      title: "Minijobbmesse",
      capacity: opts.capacity ?? 20,
      interviewStart: "12:00",
      interviewEnd: "14:00",
      maxInterviews: 1,
    }),
  );
  const participationIds = seed.employerIds.map((employerId, i) =>
    t.events.addParticipation(eventId, {
      employerId,
      department: ["resepsjon", "", "hjemmetjenesten"][i],
      tasks: "Oppgaver i hverdagen",
      training: "",
      prerequisites: "",
      minAge: i === 1 ? 18 : undefined,
      restrictions: i === 2 ? "førerkort" : "",
      offerTypes: ["arbeidstrening"],
      interviewCount: 4,
      roomId: seed.roomIds[i],
    }),
  );
  t.events.setStatus(eventId, "open");
  const bookingPath = new URL(t.events.links(t.events.get(eventId)).booking).pathname;
  return { ...seed, eventId, participationIds, bookingPath };
}

/** The registration form as the page posts it (no slots). */
export const registrationFormBody = (officeId: number, overrides: Record<string, unknown> = {}) => {
  const { slotIds: _none, ...body } = bookingFormBody(officeId, [], overrides);
  return body;
};

/** Registers `n` candidates directly through the service (as a coordinator), to fill places. */
export function fillPlaces(t: TestApp, ev: { eventId: number; officeId: number }, n: number, from = 0) {
  for (let i = from; i < from + n; i += 1) {
    t.booking.register({ kind: "coordinator", id: "coordinator:test" }, ev.eventId, {
      caseworker: { name: "Fyll", email: `fyll${i}@nav.no`, officeId: ev.officeId },
      candidate: {
        displayName: `K${i} F.`,
        birthYear: 1999,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [],
      waitlistParticipationIds: [],
      requestKey: `fill-registration-${String(i).padStart(8, "0")}`,
      allowEmpty: true,
    });
  }
}
