// Owns the example event from DESIGN.md (Hedmarken, Ta sjansen at NAV Hamar), for `npm run demo` and tests.

import { subscribeAudit } from "../booking/audit.listener";
import { bookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import { employersService } from "../employers/employers.service";
import type { ParticipationInput } from "../events/events.schemas";
import { eventsService } from "../events/events.service";
import { regionsService } from "../regions/regions.service";
import { domainEvents } from "../shared/domain-events";

export const DEMO_EMPLOYERS = [
  { name: "Vaskebedrift AS", department: "kantine", sector: "private" as const, minAge: undefined },
  {
    name: "Gjenbruksbedrift AS",
    department: "renovasjonsanlegg",
    sector: "private" as const,
    minAge: undefined,
  },
  { name: "Sykehuset", department: "med.avd., servicemed.arb.", sector: "public" as const, minAge: 20 },
  {
    name: "Overnattingsstedet AS",
    department: "kjøkken og resepsjon",
    sector: "private" as const,
    minAge: undefined,
  },
  { name: "Bamsebjørn barnehage", department: "", sector: "private" as const, minAge: undefined },
];

/** Loads the demo region and event (dated `date`), unless it exists already. Returns the event id. */
export function seedDemo(
  db: Db,
  secret: string,
  baseUrl: string,
  date: string,
): { eventId: number; created: boolean } {
  // The Ta sjansen afternoon itself: the region may hold other demo events that day (full day, Minijobbmesse).
  const existing = db
    .prepare(
      `SELECT e.id FROM event e JOIN region r ON r.id = e.region_id
       WHERE r.name = 'Hedmarken' AND e.date = ? AND e.title = 'Ta sjansen' AND e.format = 'ta-sjansen'`,
    )
    .get(date) as { id: number } | undefined;
  if (existing) return { eventId: existing.id, created: false };

  // The demo may be dated in the past (the original was 5 April 2018): plan it as of that morning.
  const clock = () => new Date(`${date}T06:00:00Z`);
  const regions = regionsService(db, clock);
  const employers = employersService(db, clock);
  const events = eventsService(db, clock, secret, baseUrl);

  return domainEvents(db).transaction(() => {
    const { regionId, officeIds } = demoRegion(regions);
    const hamar = officeIds["NAV Hamar"];
    const roomIds = [1, 2, 3, 4, 5].map(
      (n) =>
        regions.repo.roomByName(hamar, `Samtalerom ${n}`)?.id ??
        regions.createRoom(hamar, { name: `Samtalerom ${n}` }),
    );

    const eventId = events.create(demoEventInput(hamar, "Ta sjansen", date));
    DEMO_EMPLOYERS.forEach((d, i) => {
      addDemoEmployer({ employers, events }, regionId, eventId, d, roomIds[i]);
    });
    events.setStatus(eventId, "open");
    bookDemoCandidates(db, clock, eventId, officeIds["NAV Ringsaker"]);
    return { eventId, created: true };
  });
}

/** The demo region Hedmarken and its four NAV offices, made once. Also used by the format demos. */
export function demoRegion(regions: ReturnType<typeof regionsService>) {
  const regionId = regions.repo.regionByName("Hedmarken")?.id ?? regions.createRegion({ name: "Hedmarken" });
  const officeIds: Record<string, number> = {};
  for (const [name, address] of [
    ["NAV Hamar", "Vangsvegen 73, Hamar"],
    ["NAV Ringsaker", "Brumunddal"],
    ["NAV Stange", "Stange"],
    ["NAV Løten", "Løten"],
  ]) {
    officeIds[name] =
      regions.repo.officeByName(regionId, name)?.id ?? regions.createOffice(regionId, { name, address });
  }
  return { regionId, officeIds };
}

/**
 * Books seven candidates (two interviews each) so the free slots read 0, 1, 1, 1 and 3, as in the
 * region's e-mail of 5 April 2018. Each row is [employer index, slot index] per candidate.
 */
const DEMO_BOOKINGS: [string, number, [number, number][]][] = [
  [
    "Ola N.",
    1998,
    [
      [0, 0],
      [1, 1],
    ],
  ],
  [
    "Kari S.",
    1997,
    [
      [0, 1],
      [1, 0],
    ],
  ],
  [
    "Ahmed A.",
    2000,
    [
      [0, 2],
      [1, 3],
    ],
  ],
  [
    "Sara L.",
    2001,
    [
      [0, 3],
      [4, 0],
    ],
  ],
  [
    "Jonas B.",
    1996,
    [
      [2, 0],
      [3, 3],
    ],
  ],
  [
    "Emma H.",
    1995,
    [
      [2, 1],
      [3, 0],
    ],
  ],
  [
    "Mohammed K.",
    1998,
    [
      [2, 2],
      [3, 1],
    ],
  ],
];

/** The demo's afternoon (15:30–17:30, 30-minute slots), bookable until the interviews start so a newcomer can
 * try booking on the day. Also used by the full-day demo. */
export function demoEventInput(officeId: number, title: string, date: string) {
  return {
    officeId,
    title,
    date,
    interviewStart: "15:30",
    interviewEnd: "17:30",
    slotMinutes: 30,
    gapMinutes: 0,
    maxInterviews: 2,
    pepTalkGap: false,
    hideNamesOnBoard: false,
    bookingDeadline: `${date}T15:30`,
    programme: "",
  };
}

/**
 * A demo employer (registered once per region) on the event, in its own room; `extra` adds a panel, a group size or
 * another number of interviews. Also used by the full-day demo and the format demos. Returns the participation.
 */
export function addDemoEmployer(
  svc: { employers: ReturnType<typeof employersService>; events: ReturnType<typeof eventsService> },
  regionId: number,
  eventId: number,
  d: { name: string; department: string; sector: "private" | "public"; minAge: number | undefined },
  roomId: number,
  extra: Partial<ParticipationInput> = {},
): number {
  const employerId =
    svc.employers.list(regionId).find((e) => e.name === d.name)?.id ??
    svc.employers.create({
      regionId,
      name: d.name,
      orgNumber: undefined,
      sector: d.sector,
      industry: "",
      size: "",
      iaAgreement: true,
      contactName: "",
      contactPhone: "",
      contactEmail: "",
      navOwner: "Markedskoordinator Hedmarken",
    });
  return svc.events.addParticipation(eventId, {
    employerId,
    department: d.department,
    tasks: "",
    training: "",
    prerequisites: "",
    minAge: d.minAge,
    restrictions: "",
    offerTypes: ["arbeidstrening"],
    interviewCount: 4,
    roomId,
    ...extra,
  });
}

function bookDemoCandidates(db: Db, clock: () => Date, eventId: number, officeId: number) {
  // The demo's bookings are audited like any other (the audit log listens to the domain events).
  subscribeAudit(db, domainEvents(db), clock);
  const booking = bookingService(db, clock);
  const participations = eventsService(db, clock, "", "").detail(eventId).participations;
  DEMO_BOOKINGS.forEach(([displayName, birthYear, picks], i) => {
    booking.register({ kind: "coordinator", id: "system:demo" }, eventId, {
      caseworker: { name: `Veileder ${i + 1}`, email: `veileder${i + 1}@nav.no`, officeId },
      candidate: {
        displayName,
        birthYear,
        eligibility: "spesielt-tilpasset",
        backupCaseworker: "",
        caseworkerJoins: i % 2 === 0,
        needsAdaptation: false,
      },
      slotIds: picks.map(([p, s]) => participations[p].slots[s].id),
      waitlistParticipationIds: [],
      requestKey: `demo-${eventId}-candidate-${i + 1}`,
    });
  });
}
