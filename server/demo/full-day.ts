// Owns the full-size demo day (`npm run demo -- --full`): 8 (or 12) rooms, four interviews each, all booked.
import { subscribeAudit } from "../booking/audit.listener";
import { bookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import { employersService } from "../employers/employers.service";
import { eventsService } from "../events/events.service";
import { regionsService } from "../regions/regions.service";
import { domainEvents } from "../shared/domain-events";
import { addDemoEmployer, DEMO_EMPLOYERS, demoEventInput } from "./seed";

export const FULL_DAY_TITLE = "Ta sjansen – full dag";

const MORE_EMPLOYERS = [
  { name: "Byggvarehuset Hedmarken AS", department: "lager og utlevering" },
  { name: "Hamar kommune", department: "hjemmetjenesten, praktisk bistand" },
  { name: "Dagligvarebutikken AS", department: "butikk" },
  { name: "Transportsentralen AS", department: "verksted" },
  { name: "Hotell Mjøsa", department: "housekeeping" },
  { name: "Stange kommune", department: "vaktmestertjenesten" },
  { name: "Ringsaker Bil AS", department: "bilpleie" },
];

const FIRST_NAMES = [
  "Ola",
  "Kari",
  "Ahmed",
  "Sara",
  "Jonas",
  "Emma",
  "Mohammed",
  "Ingrid",
  "Lars",
  "Fatima",
  "Nora",
  "Per",
  "Amina",
  "Henrik",
  "Sofie",
  "Yusuf",
  "Marte",
  "Olav",
  "Leila",
  "Tobias",
  "Hanne",
  "Ali",
  "Silje",
  "Erik",
  "Maja",
  "Daniel",
  "Zainab",
  "Magnus",
  "Thea",
  "Omar",
];
const INITIALS = "NSALBHKMTORDEGFVIJPU";

/**
 * Which (room, slot) each candidate gets, for `rooms` rooms (an even number) with four slots each: one
 * candidate per room in slots 0 and 2, half a room's worth in slots 1 and 3, and the rest one interview
 * each, so 2.5 candidates per room fill 4 interviews per room, never twice at a time or with one employer.
 */
export function fullDayPlan(rooms: number): [number, number][][] {
  const half = rooms / 2;
  const plan: [number, number][][] = [];
  for (let k = 0; k < rooms; k++)
    plan.push([
      [k, 0],
      [(k + 1) % rooms, 2],
    ]);
  for (let k = 0; k < half; k++)
    plan.push([
      [k, 1],
      [k + half, 3],
    ]);
  for (let k = half; k < rooms; k++) plan.push([[k, 1]]);
  for (let k = 0; k < half; k++) plan.push([[k, 3]]);
  return plan;
}

/** Loads a full-size event (dated `date`) in region Hedmarken, unless it exists. Returns the event id. */
export function seedFullDay(
  db: Db,
  secret: string,
  baseUrl: string,
  date: string,
  opts: { rooms?: number } = {},
): { eventId: number; created: boolean } {
  const roomCount = opts.rooms ?? 8;
  if (roomCount % 2 || roomCount < 2 || roomCount > 12) throw new Error("rooms must be even, 2–12");
  const existing = db
    .prepare(
      `SELECT e.id FROM event e JOIN region r ON r.id = e.region_id
       WHERE r.name = 'Hedmarken' AND e.date = ? AND e.title = ?`,
    )
    .get(date, FULL_DAY_TITLE) as { id: number } | undefined;
  if (existing) return { eventId: existing.id, created: false };

  const clock = () => new Date(`${date}T06:00:00Z`);
  const regions = regionsService(db, clock);
  const employers = employersService(db, clock);
  const events = eventsService(db, clock, secret, baseUrl);
  const booking = bookingService(db, clock);
  const bus = domainEvents(db);
  // The demo's bookings are audited like any other (the audit log listens to the domain events).
  subscribeAudit(db, bus, clock);

  return bus.transaction(() => {
    const regionId =
      regions.repo.regionByName("Hedmarken")?.id ?? regions.createRegion({ name: "Hedmarken" });
    const office = (name: string, address: string) =>
      regions.repo.officeByName(regionId, name)?.id ?? regions.createOffice(regionId, { name, address });
    const hamar = office("NAV Hamar", "Vangsvegen 73, Hamar");
    const ringsaker = office("NAV Ringsaker", "Brumunddal");
    const roomIds = Array.from(
      { length: roomCount },
      (_, i) =>
        regions.repo.roomByName(hamar, `Samtalerom ${i + 1}`)?.id ??
        regions.createRoom(hamar, { name: `Samtalerom ${i + 1}` }),
    );
    const eventId = events.create(demoEventInput(hamar, FULL_DAY_TITLE, date));
    const all = [
      ...DEMO_EMPLOYERS,
      ...MORE_EMPLOYERS.map((e) => ({ ...e, sector: "private" as const, minAge: undefined })),
    ];
    for (let i = 0; i < roomCount; i++) {
      addDemoEmployer({ employers, events }, regionId, eventId, all[i], roomIds[i]);
    }
    events.setStatus(eventId, "open");
    const participations = events.detail(eventId).participations;
    fullDayPlan(roomCount).forEach((picks, i) => {
      booking.register({ kind: "coordinator", id: "system:demo" }, eventId, {
        caseworker: {
          name: `Veileder ${(i % 6) + 1}`,
          email: `veileder${(i % 6) + 1}@nav.no`,
          officeId: ringsaker,
        },
        candidate: {
          displayName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${INITIALS[i % INITIALS.length]}.`,
          birthYear: 1990 + (i % 10),
          eligibility: "spesielt-tilpasset",
          backupCaseworker: "",
          caseworkerJoins: i % 3 === 0,
          needsAdaptation: i % 7 === 3,
        },
        slotIds: picks.map(([p, s]) => participations[p].slots[s].id),
        waitlistParticipationIds: [],
        requestKey: `demo-full-${eventId}-candidate-${i + 1}`,
      });
    });
    return { eventId, created: true };
  });
}
