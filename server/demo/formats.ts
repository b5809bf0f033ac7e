// Owns the demo's events of the newer formats beside the Ta sjansen afternoon (`npm run demo`): a Speedintervju in the Springbrett
// programme with the health trust a week before the demo day (held, one panel interviewing two at a time, with the
// panels' decisions), and a Minijobbmesse on the demo day itself (registrations; check-ins, room visits and «vil møte
// igjen» once the day has come). The days are recorded through the day-of, selection and «vil møte igjen» services.
import { subscribeAudit } from "../booking/audit.listener";
import { bookingService } from "../booking/booking.service";
import { dayofRepo } from "../dayof/dayof.repo";
import { type DayAction, dayofService } from "../dayof/dayof.service";
import type { Db } from "../db/connection";
import { employersService } from "../employers/employers.service";
import { eventsService } from "../events/events.service";
import { meetAgainService } from "../outcomes/meet-again.service";
import { selectionService } from "../outcomes/selection.service";
import { regionsService } from "../regions/regions.service";
import { domainEvents } from "../shared/domain-events";
import { addDays, osloDate, osloToUtc } from "../shared/time";
import { addDemoEmployer, demoRegion } from "./seed";

/** Who the demo's changes are by: a script's `system:` actor, so the mail listener tells nobody about them. */
export const DEMO_ACTOR = "system:demo";

export const SPEEDINTERVJU_TITLE = "Speedintervju Springbrett";
export const MINIJOBBMESSE_TITLE = "Minijobbmesse";

type Services = {
  regions: ReturnType<typeof regionsService>;
  employers: ReturnType<typeof employersService>;
  events: ReturnType<typeof eventsService>;
};
type MakeServices = (clock: () => Date) => Services;

/**
 * The health trust's three panels, one per area: an arbeidslivscoach and the area's NAV contact person. The panel
 * for Stange and Løten interviews two candidates at a time (group slots of 2).
 */
const PANELS: { department: string; panel: { name: string; role: string }[]; slotCapacity?: number }[] = [
  {
    department: "Springbrett – panel Hamar",
    panel: [
      { name: "Hilde Bakken", role: "arbeidslivscoach" },
      { name: "Tore Lunde", role: "kontaktperson NAV Hamar" },
    ],
  },
  {
    department: "Springbrett – panel Ringsaker",
    panel: [
      { name: "Randi Holm", role: "arbeidslivscoach" },
      { name: "Espen Sveen", role: "kontaktperson NAV Ringsaker" },
    ],
  },
  {
    department: "Springbrett – panel Stange og Løten",
    panel: [
      { name: "Geir Nyhus", role: "arbeidslivscoach" },
      { name: "Mona Aas", role: "kontaktperson NAV Stange og NAV Løten" },
    ],
    slotCapacity: 2,
  },
];

type Decision = "selected" | "reserve" | "not-selected" | "no-show";
/**
 * Twelve candidates, four per panel: [name, age that year, office, the panel's decision after the day, the slot
 * (0 = 09:00, 1 = 09:20, …)]. The group panel has Amina and Henrik together at 09:00, then Leila and Magnus alone.
 */
const SPEED_CANDIDATES: [string, number, string, Decision, number][] = [
  ["Fatima A.", 27, "NAV Hamar", "selected", 0],
  ["Jonas L.", 25, "NAV Hamar", "reserve", 1],
  ["Ingrid M.", 29, "NAV Hamar", "selected", 2],
  ["Yusuf H.", 24, "NAV Hamar", "not-selected", 3],
  ["Marte K.", 28, "NAV Ringsaker", "selected", 0],
  ["Ali R.", 26, "NAV Ringsaker", "no-show", 1],
  ["Thea S.", 23, "NAV Ringsaker", "selected", 2],
  ["Daniel B.", 30, "NAV Ringsaker", "not-selected", 3],
  ["Amina O.", 25, "NAV Stange", "selected", 0],
  ["Henrik T.", 27, "NAV Løten", "reserve", 0],
  ["Leila D.", 24, "NAV Stange", "selected", 1],
  ["Magnus E.", 29, "NAV Løten", "not-selected", 2],
];
const SELECTION_NOTES: Record<Exclude<Decision, "no-show">, string> = {
  selected: "Motivert, god norsk. Tas med på forberedende kurs.",
  reserve: "Aktuell, men bør øve mer på norsk muntlig. Reserve til kurset.",
  "not-selected": "Ikke klar for arbeidstrening nå. Veileder følger opp videre.",
};

const VEILEDERE: Record<string, { name: string; email: string }> = {
  "NAV Hamar": { name: "Siri Haugen", email: "siri.haugen@nav.no" },
  "NAV Ringsaker": { name: "Kjetil Moen", email: "kjetil.moen@nav.no" },
  "NAV Stange": { name: "Anne Grete Rud", email: "anne.grete.rud@nav.no" },
  "NAV Løten": { name: "Bjørn Strand", email: "bjorn.strand@nav.no" },
};

/** The three employers of a Minijobbmesse, as in the report: a hotel, fisheries and a municipal care service. */
const FAIR_EMPLOYERS = [
  {
    name: "Hotell Mjøsa",
    department: "resepsjon, housekeeping og kjøkken",
    sector: "private" as const,
    minAge: undefined,
  },
  {
    name: "Mjøsfisk AS",
    department: "fiskeforedling og pakking",
    sector: "private" as const,
    minAge: undefined,
  },
  {
    name: "Hamar kommune",
    department: "helse og omsorg, hjemmetjenesten",
    sector: "public" as const,
    minAge: 18,
  },
];
const FAIR_PROGRAMME = [
  "10:30 Velkommen, kandidatene registreres ved inngangen",
  "10:45 Hotell Mjøsa presenterer seg (20 minutter): hva de ser etter, krav og forventninger",
  "11:05 Mjøsfisk AS presenterer seg (20 minutter)",
  "11:25 Hamar kommune, helse og omsorg presenterer seg (20 minutter)",
  "11:45 Åpne rom: gå fritt inn og ut med CV-en din, gjerne sammen med veilederen din",
  "13:30 Slutt",
].join("\n");

/** Fourteen registered of 20 places: [name, age that year, office, checked in, rooms visited (0–2), wanted again by]. */
const FAIR_CANDIDATES: [string, number, string, boolean, number[], number[]][] = [
  ["Sander V.", 22, "NAV Hamar", true, [0, 2], [0]],
  ["Nora P.", 24, "NAV Hamar", true, [0], []],
  ["Elias K.", 21, "NAV Hamar", true, [1, 0], [1]],
  ["Sofie J.", 23, "NAV Ringsaker", true, [2], [2]],
  ["Omar S.", 25, "NAV Ringsaker", true, [1], []],
  ["Ida F.", 22, "NAV Ringsaker", true, [2, 1], []],
  ["Tobias N.", 27, "NAV Stange", true, [0], []],
  ["Zainab M.", 26, "NAV Stange", true, [], []],
  ["Mathias G.", 23, "NAV Løten", true, [2], [2]],
  ["Emilie R.", 24, "NAV Løten", true, [1], []],
  ["Adrian H.", 21, "NAV Hamar", false, [], []],
  ["Maja L.", 22, "NAV Ringsaker", false, [], []],
  ["Hassan A.", 28, "NAV Stange", false, [], []],
  ["Vilde T.", 23, "NAV Løten", false, [], []],
];
const MEET_AGAIN_NOTES = [
  "Vil gjerne ha en prøvedag i resepsjonen.",
  "Interessert i sommerjobb på pakkeriet.",
  "Ønsker å komme på hospitering i hjemmetjenesten.",
];

export type FormatDemo = { speedintervju: number; minijobbmesse: number; created: boolean };

/**
 * Loads the Speedintervju (a week before `date`) and the Minijobbmesse (on `date`) in the demo region, each planned
 * as of its own morning, unless they exist already. The Minijobbmesse gets its day (check-ins, visits, «vil møte
 * igjen») only once `date` has come (`today`, by default the real date). Kept apart from the Ta sjansen demo, which
 * the digest and mail tests read as the region's one event.
 */
export function seedDemoFormats(
  db: Db,
  secret: string,
  baseUrl: string,
  date: string,
  opts: { today?: string } = {},
): FormatDemo {
  const find = (title: string, format: string, on: string) =>
    (
      db
        .prepare(
          `SELECT e.id FROM event e JOIN region r ON r.id = e.region_id
           WHERE r.name = 'Hedmarken' AND e.date = ? AND e.title = ? AND e.format = ?`,
        )
        .get(on, title, format) as { id: number } | undefined
    )?.id;
  const speedintervju = find(SPEEDINTERVJU_TITLE, "speedintervju", addDays(date, -7));
  const minijobbmesse = find(MINIJOBBMESSE_TITLE, "minijobbmesse", date);
  if (speedintervju && minijobbmesse) return { speedintervju, minijobbmesse, created: false };
  const make: MakeServices = (clock) => ({
    regions: regionsService(db, clock),
    employers: employersService(db, clock),
    events: eventsService(db, clock, secret, baseUrl),
  });
  const bus = domainEvents(db);
  // The demo's registrations are audited like any other (the audit log listens to the domain events).
  subscribeAudit(db, bus, () => new Date(`${date}T06:00:00Z`));
  return bus.transaction(() => {
    const { regionId, officeIds } = demoRegion(make(() => new Date(`${date}T06:00:00Z`)).regions);
    return {
      ...seedFormatEvents(db, make, { regionId, officeIds, date, today: opts.today ?? osloDate(new Date()) }),
      created: true,
    };
  });
}

function seedFormatEvents(
  db: Db,
  make: MakeServices,
  opts: { regionId: number; officeIds: Record<string, number>; date: string; today: string },
): { speedintervju: number; minijobbmesse: number } {
  const { regionId, officeIds, date } = opts;
  const hamar = officeIds["NAV Hamar"];

  // ---- Speedintervju, a week before ----
  const speedDate = addDays(date, -7);
  const speedClock = () => new Date(`${speedDate}T06:00:00Z`);
  const speed = make(speedClock);
  const rooms = [1, 2, 3].map(
    (n) =>
      speed.regions.repo.roomByName(hamar, `Samtalerom ${n}`)?.id ??
      speed.regions.createRoom(hamar, { name: `Samtalerom ${n}` }),
  );
  const speedId = speed.events.create({
    officeId: hamar,
    format: "speedintervju",
    title: SPEEDINTERVJU_TITLE,
    date: speedDate,
    interviewStart: "09:00",
    interviewEnd: "12:00",
    slotMinutes: 20,
    gapMinutes: 0,
    maxInterviews: 1,
    pepTalkGap: false,
    hideNamesOnBoard: false,
    bookingDeadline: `${speedDate}T09:00`,
    programme: [
      "08:30 Intervjupanelene møtes og går gjennom kandidatlistene",
      "09:00 Speedintervjuer (20 minutter), to NAV-ansatte i hvert panel",
      "12:00 Panelene setter valgt / reserve / ikke valgt",
    ].join("\n"),
  });
  const panelIds = PANELS.map((p, i) =>
    addDemoEmployer(
      speed,
      regionId,
      speedId,
      { name: "Sykehuset Innlandet HF", department: p.department, sector: "public", minAge: 18 },
      rooms[i],
      { panel: p.panel, interviewCount: 5, offerTypes: ["arbeidstrening"], slotCapacity: p.slotCapacity },
    ),
  );
  speed.events.setStatus(speedId, "open");
  const speedBooking = bookingService(db, speedClock);
  const year = Number(date.slice(0, 4));
  const speedCandidates = SPEED_CANDIDATES.map(([displayName, age, office, , slot], i) => {
    const slots = speed.events.participation(panelIds[Math.floor(i / 4)]).slots;
    return speedBooking.register(
      { kind: "coordinator", id: DEMO_ACTOR },
      speedId,
      demoRegistration(
        officeIds,
        office,
        displayName,
        year - age,
        [slots[slot].id],
        `speed-${speedId}-${i + 1}`,
      ),
    ).candidateId;
  });
  recordDemoOutcomes(db).speedintervjuDay(
    speedId,
    speedCandidates.map((candidateId, i) => ({ candidateId, decision: SPEED_CANDIDATES[i][3] })),
  );
  // As of the demo day the Speedintervju is over.
  make(() => new Date(`${date}T06:00:00Z`)).events.setStatus(speedId, "held");

  // ---- Minijobbmesse, on the demo day ----
  const fairClock = () => new Date(`${date}T06:00:00Z`);
  const fair = make(fairClock);
  const meetingRooms = [1, 2, 3].map(
    (n) =>
      fair.regions.repo.roomByName(hamar, `Møterom ${n}`)?.id ??
      fair.regions.createRoom(hamar, { name: `Møterom ${n}` }),
  );
  const fairId = fair.events.create({
    officeId: hamar,
    format: "minijobbmesse",
    title: MINIJOBBMESSE_TITLE,
    date,
    interviewStart: "11:45",
    interviewEnd: "13:30",
    slotMinutes: 30,
    gapMinutes: 0,
    maxInterviews: 1,
    capacity: 20,
    pepTalkGap: false,
    hideNamesOnBoard: false,
    bookingDeadline: `${date}T10:00`,
    programme: FAIR_PROGRAMME,
  });
  const roomIds = FAIR_EMPLOYERS.map((e, i) =>
    addDemoEmployer(fair, regionId, fairId, e, meetingRooms[i], { interviewCount: 1 }),
  );
  fair.events.setStatus(fairId, "open");
  const fairBooking = bookingService(db, fairClock);
  const registered = FAIR_CANDIDATES.map(
    ([displayName, age, office], i) =>
      fairBooking.register({ kind: "coordinator", id: DEMO_ACTOR }, fairId, {
        ...demoRegistration(officeIds, office, displayName, year - age, [], `fair-${fairId}-${i + 1}`),
        allowEmpty: true,
      }).candidateId,
  );
  if (date <= opts.today) {
    recordDemoOutcomes(db).minijobbmesseDay(
      fairId,
      date,
      FAIR_CANDIDATES.map(([, , , arrived, visits, wantedBy], i) => ({
        candidateId: registered[i],
        arrived,
        rooms: visits.map((r) => roomIds[r]),
        wantedBy: wantedBy.map((r) => roomIds[r]),
      })),
    );
  }
  return { speedintervju: speedId, minijobbmesse: fairId };
}

function demoRegistration(
  officeIds: Record<string, number>,
  office: string,
  displayName: string,
  birthYear: number,
  slotIds: number[],
  key: string,
) {
  return {
    caseworker: { ...VEILEDERE[office], officeId: officeIds[office] },
    candidate: {
      displayName,
      birthYear,
      eligibility: "spesielt-tilpasset" as const,
      backupCaseworker: "",
      caseworkerJoins: birthYear % 3 === 0,
      needsAdaptation: false,
    },
    slotIds,
    waitlistParticipationIds: [],
    requestKey: `demo-${key}`,
  };
}

/**
 * The demo's days of the newer formats, recorded as the host's tablet, the panels and the employers would have:
 * through the day-of, selection and «vil møte igjen» services (their rules, the domain-event bus and the audit log),
 * each step at its own moment on the event's day (Oslo time) by a demo clock, and by `DEMO_ACTOR`, so nobody is
 * mailed. Steps are applied in time order; action ids are fixed per event, so a repeat changes nothing.
 */
export function recordDemoOutcomes(db: Db) {
  let now = new Date(0);
  const clock = () => now;
  const dayof = dayofService(db, clock);
  const day = dayofRepo(db);
  const selection = selectionService(db, clock);
  const meetAgain = meetAgainService(db, clock);
  const at = (date: string, time: string, plus = 0) => shift(osloToUtc(date, time) as string, plus);

  type Step = { at: string; run: () => void };
  function runInOrder(steps: Step[]) {
    // A stable sort: one candidate's steps at the same minute keep their order.
    for (const step of [...steps].sort((a, b) => a.at.localeCompare(b.at))) {
      now = new Date(step.at);
      step.run();
    }
  }
  /** A host tap on the candidate, with the version the tablet would have seen just before. */
  function hostStep(eventId: number, n: number, when: string, candidateId: number, action: HostTap): Step {
    return {
      at: when,
      run: () => {
        const version = day.candidate(candidateId)?.version ?? 0;
        const tap = "bookingId" in action ? { ...action, version } : { ...action, candidateId, version };
        dayof.apply(eventId, DEMO_ACTOR, `demo-${eventId}-${n}`, tap as DayAction);
      },
    };
  }

  return {
    /**
     * The Speedintervju's day: each candidate checked in a quarter of an hour before their interview, sent in at
     * its start and back out after 18 minutes (a group slot's two together), one no-show, and each panel's
     * decisions after the interviews (12:00 in the programme), reserves ranked in the order listed.
     */
    speedintervjuDay(eventId: number, list: { candidateId: number; decision: Decision }[]) {
      const rows = day.rows(eventId);
      const steps: Step[] = [];
      let n = 0;
      let reserves = 0;
      list.forEach(({ candidateId, decision }, i) => {
        const interview = rows.find((r) => r.candidateId === candidateId);
        if (!interview) throw new Error(`demo candidate ${candidateId} has no interview`);
        const starts = interview.startsAt;
        if (decision === "no-show") {
          steps.push(hostStep(eventId, ++n, shift(starts, 10), candidateId, { kind: "no-show" }));
          return;
        }
        const date = osloDate(starts);
        steps.push(
          hostStep(eventId, ++n, shift(starts, -15 + (i % 3) * 2), candidateId, { kind: "arrive" }),
          hostStep(eventId, ++n, starts, candidateId, { kind: "start", bookingId: interview.bookingId }),
          hostStep(eventId, ++n, shift(starts, 18), candidateId, {
            kind: "finish",
            bookingId: interview.bookingId,
          }),
          {
            at: at(date, "12:05", i * 2),
            run: () => {
              selection.record(
                { kind: "panel", participationId: interview.participationId },
                DEMO_ACTOR,
                candidateId,
                {
                  decision,
                  note: SELECTION_NOTES[decision],
                  reserveRank: decision === "reserve" ? ++reserves : null,
                  version: undefined,
                },
              );
            },
          },
        );
      });
      runInOrder(steps);
    },
    /** Check-ins before the presentations, visits in the open rooms (two still inside), «vil møte igjen». */
    minijobbmesseDay(
      eventId: number,
      date: string,
      list: { candidateId: number; arrived: boolean; rooms: number[]; wantedBy: number[] }[],
    ) {
      const steps: Step[] = [];
      let n = 0;
      let notes = 0;
      list.forEach(({ candidateId, arrived, rooms, wantedBy }, i) => {
        if (!arrived) return;
        steps.push(hostStep(eventId, ++n, at(date, "10:25", i * 2), candidateId, { kind: "arrive" }));
        rooms.forEach((participationId, k) => {
          const entered = at(date, "11:45", i * 3 + k * 20);
          steps.push(hostStep(eventId, ++n, entered, candidateId, { kind: "enter", participationId }));
          // The first two visitors' last visits are still going on: the board shows them inside.
          const inside = i < 2 && k === rooms.length - 1;
          if (!inside) steps.push(hostStep(eventId, ++n, shift(entered, 12), candidateId, { kind: "leave" }));
        });
        for (const participationId of wantedBy) {
          const note = MEET_AGAIN_NOTES[notes++ % MEET_AGAIN_NOTES.length];
          steps.push({
            at: at(date, "13:15", notes),
            run: () => meetAgain.save(participationId, candidateId, { want: true, note }),
          });
        }
      });
      runInOrder(steps);
    },
  };
}

/** A host action as the demo writes it: the candidate and the version are filled in when it is applied. */
type HostTap =
  | { kind: "arrive" | "no-show" | "leave" }
  | { kind: "start" | "finish"; bookingId: number }
  | { kind: "enter"; participationId: number };

const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
