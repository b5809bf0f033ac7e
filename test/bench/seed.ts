// The bench's data: a realistic region (4 offices, 10 events, 8 employers with 4 slots each, some booked),
// an event with one last free slot for the race, and spare events for the booking rush.
import path from "node:path";
import { createApp } from "../../server/app";
import { openDatabase } from "../../server/db/connection";
import { silentLogger } from "../../server/shared/logger";
import { loadOrCreateSecret } from "../../server/shared/tokens";

export type Seeded = {
  eventId: number;
  bookingToken: string;
  apiToken: string;
  hostToken: string;
  boardToken: string;
  officeId: number;
  bookedSlot: number;
  raceEventId: number;
  raceToken: string;
  raceSlot: number;
  rush: { eventId: number; token: string; officeId: number; slots: number[] }[];
};

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** 4 offices, 10 events, 8 employers with 4 slots each; a few bookings; and spare events for the booking rush. */
export function seed(dataDir: string): Seeded {
  const db = openDatabase(path.join(dataDir, "ta-sjansen.db"));
  const secret = loadOrCreateSecret(dataDir);
  const ctx = createApp({ db, secret, baseUrl: "http://localhost", logger: silentLogger() });
  const actor = { kind: "caseworker" as const, id: "caseworker:new" };
  let key = 0;
  const book = (eventId: number, officeId: number, slotIds: number[], name: string) =>
    ctx.booking.register(actor, eventId, {
      caseworker: { name: "Vera Veileder", email: `vera${officeId}@nav.no`, officeId },
      candidate: {
        displayName: name,
        birthYear: 1999,
        eligibility: "spesielt-tilpasset",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds,
      waitlistParticipationIds: [],
      requestKey: `bench-seed-${String(++key).padStart(6, "0")}`,
    });

  function region(name: string, offices: string[], events: number, firstDay: number) {
    const regionId = ctx.regions.createRegion({ name });
    const officeIds = offices.map((o) =>
      ctx.regions.createOffice(regionId, { name: o, address: "Storgata 1" }),
    );
    const roomIds = officeIds.map((o) =>
      Array.from({ length: 8 }, (_, i) => ctx.regions.createRoom(o, { name: `Samtalerom ${i + 1}` })),
    );
    const employerIds = Array.from({ length: 8 }, (_, i) =>
      ctx.employers.create({
        regionId,
        name: `${["Vaskebedrift", "Gjenbruk", "Sykehuset", "Overnatting", "Barnehage", "Butikk", "Lager", "Kantine"][i]} ${name} AS`,
        orgNumber: undefined,
        sector: "private",
        industry: "Service",
        size: "",
        iaAgreement: false,
        contactName: "",
        contactPhone: "",
        contactEmail: "",
        navOwner: "",
      }),
    );
    return Array.from({ length: events }, (_, n) => {
      const officeIndex = n % officeIds.length;
      const eventId = ctx.events.create({
        officeId: officeIds[officeIndex],
        title: "Ta sjansen",
        date: isoDay(firstDay + n),
        interviewStart: "15:30",
        interviewEnd: "17:30",
        slotMinutes: 30,
        gapMinutes: 0,
        maxInterviews: 2,
        pepTalkGap: false,
        hideNamesOnBoard: false,
        // Booking stays open until noon on the day, so the first event can be tomorrow (its host and board links
        // work from the day before) and still take bookings.
        bookingDeadline: `${isoDay(firstDay + n)}T12:00`,
        programme:
          "14:30 Informasjonsmøte for ansatte\n15:00 Arbeidsgiverne kommer\n15:30 Kandidatene kommer",
      });
      employerIds.forEach((employerId, i) => {
        ctx.events.addParticipation(eventId, {
          employerId,
          department: ["kantine", "renovasjon", "med.avd.", "resepsjon", "", "kasse", "lager", "kjøkken"][i],
          tasks: "Oppvask, servering og renhold. Opplæring på stedet.",
          training: "",
          prerequisites: "",
          minAge: i === 2 ? 20 : undefined,
          restrictions: i === 2 ? "ikke u/20 år" : "",
          offerTypes: ["arbeidstrening"],
          interviewCount: 4,
          roomId: roomIds[officeIndex][i],
        });
      });
      ctx.events.setStatus(eventId, "open");
      const d = ctx.events.detail(eventId);
      const token = (url: string) => url.split("/").pop() as string;
      const links = ctx.events.links(d.event);
      return {
        eventId,
        officeId: officeIds[officeIndex],
        token: token(links.booking),
        host: token(links.host),
        board: token(links.board),
        slots: d.participations.flatMap((p) => p.slots.map((s) => s.id)),
      };
    });
  }

  const events = region("Hedmarken", ["NAV Hamar", "NAV Ringsaker", "NAV Stange", "NAV Løten"], 10, 1);
  // The measured page shows a realistic mix: some employers full, some with one or two free slots.
  const first = events[0];
  for (let i = 0; i < 10; i++) book(first.eventId, first.officeId, [first.slots[i * 3]], `Kandidat ${i} K.`);
  const race = events[9];
  // The race event has exactly one free slot left.
  for (let i = 0; i + 1 < race.slots.length; i++)
    book(race.eventId, race.officeId, [race.slots[i]], `Deltaker ${i} D.`);
  const rush = region("Bench", ["NAV Rush"], 30, 30);
  const apiToken = ctx.auth.createApiToken("bench", null).token;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return {
    eventId: first.eventId,
    bookingToken: first.token,
    apiToken,
    hostToken: first.host,
    boardToken: first.board,
    officeId: first.officeId,
    bookedSlot: first.slots[0],
    raceEventId: race.eventId,
    raceToken: race.token,
    raceSlot: race.slots[race.slots.length - 1],
    rush: rush.map((r) => ({ eventId: r.eventId, token: r.token, officeId: r.officeId, slots: r.slots })),
  };
}
