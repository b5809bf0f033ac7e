// Fixtures for a Minijobbmesse day: an open event with three employers in their own rooms and registered
// candidates (no slots), made through the services.
import { plainEmployer, seedRegion, standardEvent, type TestApp } from "../helpers";

type FairApp = TestApp;

const NAMES = ["Sara Lie", "Jonas Berg", "Amina Hassan", "Ola Nordmann", "Kari Dahl", "Emil Haugen"];

/**
 * A Minijobbmesse on 10 Dec 2026 (rooms open 12:00–14:00 Oslo) with Vaskebedrift, Sykehuset and Bamsebjørn
 * barnehage each in its own room, and `candidates` registrations (names from a fixed list, then «Kandidat N»).
 */
export function openFair(
  t: FairApp,
  opts: {
    candidates?: number;
    hideNames?: boolean;
    date?: string;
    /** More than three employers, each in a room of its own («Samtalerom 4», «Arbeidsgiver 4» …). */
    rooms?: number;
    /** A region made by an earlier openFair, for a second event in the same app. */
    seed?: ReturnType<typeof seedRegion>;
  } = {},
) {
  const seed = opts.seed ?? seedRegion(t);
  for (let i = seed.roomIds.length; i < (opts.rooms ?? 3); i += 1) {
    seed.roomIds.push(t.regions.createRoom(seed.officeId, { name: `Samtalerom ${i + 1}` }));
    seed.employerIds.push(t.employers.create(plainEmployer(seed.regionId, `Arbeidsgiver ${i + 1}`)));
  }
  const eventId = t.events.create({
    ...standardEvent(seed.officeId, opts.date ?? "2026-12-10", {
      title: "Minijobbmesse",
      interviewStart: "12:00",
      interviewEnd: "14:00",
      maxInterviews: 1,
      hideNamesOnBoard: opts.hideNames ?? false,
    }),
    format: "minijobbmesse",
    capacity: Math.max(40, opts.candidates ?? 0),
  });
  const participationIds = seed.employerIds.slice(0, opts.rooms ?? 3).map((employerId, i) =>
    t.events.addParticipation(eventId, {
      employerId,
      department: "",
      tasks: "Forteller om arbeidsplassen",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: ["arbeidstrening"],
      interviewCount: 1,
      roomId: seed.roomIds[i],
    }),
  );
  t.events.setStatus(eventId, "open");
  const candidateIds = Array.from({ length: opts.candidates ?? 3 }, (_, i) =>
    registerVisitor(t, eventId, seed.officeId, NAMES[i] ?? `Kandidat ${i + 1}`, i),
  );
  return { ...seed, eventId, participationIds, candidateIds };
}

/** Registers one candidate for attendance (no slots), as a coordinator would (the browser test also registers one through the booking page). */
export function registerVisitor(
  t: FairApp,
  eventId: number,
  officeId: number,
  displayName: string,
  i: number,
) {
  return t.booking.register({ kind: "coordinator", id: "test" }, eventId, {
    caseworker: { name: `Veileder ${i % 3}`, email: `veileder${i % 3}@nav.no`, officeId },
    candidate: {
      displayName,
      birthYear: 2002,
      eligibility: "annet",
      backupCaseworker: "",
      caseworkerJoins: i === 0,
      needsAdaptation: false,
    },
    slotIds: [],
    waitlistParticipationIds: [],
    allowEmpty: true,
    requestKey: `fair-${eventId}-${i}-${displayName.replace(/[^A-Za-z]/g, "")}-00000`,
  }).candidateId;
}
