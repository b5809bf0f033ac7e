// Owns the pure counting rules of the statistics: each person once (in the year they first took part), cohorts
// and their status distribution in whole percentages, the filter by format, and each format's results per event
// (a candidate's best result at Ta sjansen, the panel's decision at a Speedintervju, attendance, room visits and
// «vil møte igjen» at a Minijobbmesse).
import { EVENT_FORMATS, type EventFormat, FORMATS } from "../events/formats";
import {
  type Answer,
  type Assessment,
  firstParticipation,
  type Participation,
  STATUS_CATEGORIES,
  type StatusCategory,
} from "../outcomes/outcomes.rules";

// ---- the filter by format ----

/** All formats together, or one of them. */
export type FormatFilter = EventFormat | "all";

/** The choice list on the statistics page ("" is all formats). */
export const FORMAT_FILTER_OPTIONS = [
  { value: "", label: "Alle formater" },
  ...EVENT_FORMATS.map((code) => ({ value: code, label: FORMATS[code].label })),
];

/** The format asked for in a query: blank or absent is all; anything else unknown is null (refused or ignored). */
export function parseFormatFilter(value: unknown): FormatFilter | null {
  if (value === undefined || value === "" || value === "all") return "all";
  return typeof value === "string" && (EVENT_FORMATS as readonly string[]).includes(value)
    ? (value as EventFormat)
    : null;
}

/** What one format's filter keeps: everything for "all". */
export const ofFormat = <T extends { format: EventFormat }>(list: T[], filter: FormatFilter): T[] =>
  filter === "all" ? list : list.filter((x) => x.format === filter);

// ---- per year ----

export type YearRow = {
  year: number;
  /** People who took part for the first time that year (each person once in the whole table). */
  candidates: number;
  events: number;
  /** People who took part that year, each once however many events or formats (a person comes back in later years). */
  participants: number;
};
export type YearTable = { rows: YearRow[]; total: { candidates: number; events: number } };

/**
 * The region's own table: per year, the people who took part for the first time that year, and the events held.
 * A person counts once in the whole table however many interviews, events or formats they had, so the total row
 * is the sum of the rows. Beside it, the people who took part each year (once per person per year, so someone who
 * came in two years is in both). Years between the first and the last are listed even when empty. Filtered by
 * format, "first time" means first time at that format.
 */
export function participationByYear(
  list: Participation[],
  heldEvents: { eventKey: string; date: string }[],
): YearTable {
  const candidates = new Map<number, number>();
  for (const date of firstParticipation(list).values()) {
    const year = Number(date.slice(0, 4));
    candidates.set(year, (candidates.get(year) ?? 0) + 1);
  }
  const peopleOf = new Map<number, Set<number>>();
  for (const p of list) {
    const year = Number(p.date.slice(0, 4));
    peopleOf.set(year, (peopleOf.get(year) ?? new Set()).add(p.personId));
  }
  const eventYears = new Map<string, number>();
  for (const e of [...heldEvents, ...list]) eventYears.set(e.eventKey, Number(e.date.slice(0, 4)));
  const events = new Map<number, number>();
  for (const year of eventYears.values()) events.set(year, (events.get(year) ?? 0) + 1);
  const years = [...candidates.keys(), ...events.keys()];
  if (!years.length) return { rows: [], total: { candidates: 0, events: 0 } };
  const rows: YearRow[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) {
    rows.push({
      year: y,
      candidates: candidates.get(y) ?? 0,
      events: events.get(y) ?? 0,
      participants: peopleOf.get(y)?.size ?? 0,
    });
  }
  return {
    rows,
    total: {
      candidates: rows.reduce((n, r) => n + r.candidates, 0),
      events: rows.reduce((n, r) => n + r.events, 0),
    },
  };
}

/**
 * Each person's cohort: the year of their first participation, in any format (the status register files a person's
 * twelve-month status under that year). Filtered by format, the people who took part in that format, each still in
 * the cohort of their very first participation.
 */
export function cohortsOf(list: Participation[], filter: FormatFilter = "all"): Map<number, number> {
  const keep = new Set(ofFormat(list, filter).map((p) => p.personId));
  return new Map(
    [...firstParticipation(list)]
      .filter(([personId]) => keep.has(personId))
      .map(([personId, date]) => [personId, Number(date.slice(0, 4))]),
  );
}

/**
 * Whole percentages that add up to 100 (largest remainder), so a table pasted into a report sums as it should.
 * All zeros give all zeros.
 */
export function percentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => 0);
  const exact = counts.map((c) => (c * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

export const NO_STATUS = "none" as const;
export type StatusColumn = StatusCategory | typeof NO_STATUS;
export const STATUS_COLUMNS: { key: StatusColumn; label: string }[] = [
  ...(Object.entries(STATUS_CATEGORIES) as [StatusCategory, string][]).map(([key, label]) => ({
    key,
    label,
  })),
  { key: NO_STATUS, label: "Ingen status registrert" },
];

export type CohortRow = {
  year: number;
  total: number;
  /** People in the cohort with a recorded status. */
  recorded: number;
  cells: { key: StatusColumn; label: string; count: number; percent: number }[];
};

/**
 * Per cohort year, the distribution of each person's latest twelve-month status. People without a recorded status
 * are a column of their own, so the percentages are of everyone in the cohort and add up to 100.
 */
export function cohortDistribution(
  cohorts: Map<number, number>,
  latest: { personId: number; cohortYear: number; status: StatusCategory }[],
): CohortRow[] {
  const statusOf = new Map<string, StatusCategory>();
  for (const s of latest) statusOf.set(`${s.personId}:${s.cohortYear}`, s.status);
  const byYear = new Map<number, Map<StatusColumn, number>>();
  for (const [personId, year] of cohorts) {
    const counts = byYear.get(year) ?? new Map<StatusColumn, number>();
    const key: StatusColumn = statusOf.get(`${personId}:${year}`) ?? NO_STATUS;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    byYear.set(year, counts);
  }
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const counts = byYear.get(year) as Map<StatusColumn, number>;
      const list = STATUS_COLUMNS.map((c) => counts.get(c.key) ?? 0);
      const pct = percentages(list);
      const total = list.reduce((a, b) => a + b, 0);
      return {
        year,
        total,
        recorded: total - (counts.get(NO_STATUS) ?? 0),
        cells: STATUS_COLUMNS.map((c, i) => ({ ...c, count: list[i], percent: pct[i] })),
      };
    });
}

// ---- per event ----

export const RESULTS = {
  "offer-accepted": "Tilbud akseptert",
  offer: "Tilbud",
  aktuell: "Aktuell",
  kanskje: "Kanskje",
  "ikke-aktuell": "Ikke aktuell",
  "no-feedback": "Uten tilbakemelding",
  "no-show": "Ikke møtt",
} as const;
export type Result = keyof typeof RESULTS;
/** Best first: offer accepted > offer > aktuell > kanskje > ikke aktuell > (came, no feedback yet) > no-show. */
const RANK: Result[] = [
  "offer-accepted",
  "offer",
  "aktuell",
  "kanskje",
  "ikke-aktuell",
  "no-feedback",
  "no-show",
];

export type InterviewOutcome = { noShow: boolean; assessment: Assessment | null; offer: Answer | null };

export function interviewResult(i: InterviewOutcome): Result {
  if (i.offer) return i.offer === "accepted" ? "offer-accepted" : "offer";
  if (i.assessment) return i.assessment;
  return i.noShow ? "no-show" : "no-feedback";
}

/** A candidate's best result across their interviews on one event (a candidate with none booked counts as no-show). */
export function bestResult(interviews: InterviewOutcome[]): Result {
  if (!interviews.length) return "no-show";
  return interviews.map(interviewResult).sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0];
}

/** Whether an interview took place: the host marked it, the employer gave feedback, or the held event had no no-show. */
export function interviewHeld(i: {
  stage: string;
  noShow: boolean;
  hasFeedback: boolean;
  eventHeld: boolean;
}): boolean {
  if (i.hasFeedback || i.stage === "finished" || i.stage === "in-room") return true;
  return i.eventHeld && !i.noShow && i.stage !== "no-show";
}

export function resultCounts(results: Result[]): Record<Result, number> {
  const counts = Object.fromEntries(RANK.map((r) => [r, 0])) as Record<Result, number>;
  for (const r of results) counts[r] += 1;
  return counts;
}

// ---- Speedintervju: the panel's decision ----

export const SELECTION_RESULTS = {
  selected: "Valgt",
  reserve: "Reserve",
  "not-selected": "Ikke valgt",
  undecided: "Ikke avgjort",
  "no-show": "Ikke møtt",
} as const;
export type SelectionResult = keyof typeof SELECTION_RESULTS;
export type SelectionDecision = "selected" | "reserve" | "not-selected";

/**
 * A Speedintervju candidate's result: the panel's decision when there is one (it stands even if the interview was
 * not marked held); otherwise undecided if they were interviewed, and no-show if not.
 */
export function selectionResult(c: {
  decision: SelectionDecision | null;
  interviewed: boolean;
}): SelectionResult {
  if (c.decision) return c.decision;
  return c.interviewed ? "undecided" : "no-show";
}

export function selectionCounts(results: SelectionResult[]): Record<SelectionResult, number> {
  const counts = Object.fromEntries(Object.keys(SELECTION_RESULTS).map((k) => [k, 0])) as Record<
    SelectionResult,
    number
  >;
  for (const r of results) counts[r] += 1;
  return counts;
}

// ---- Minijobbmesse: registered, attended, room visits, «vil møte igjen» ----

export type FairRegistration = {
  arrived: boolean;
  noShow: boolean;
  /** Times the host tapped the candidate into an employer's room. */
  visits: number;
  /** Employers who noted they want to meet the candidate again. */
  wantedBy: number;
};

export type FairCounts = {
  /** Registered by their veileder (places taken). */
  registered: number;
  /** Checked in on the day: the ones who count as participants. */
  attended: number;
  /** Registered and never checked in, or marked as not come. */
  absent: number;
  /** Room visits in all (a candidate may visit each room, and one room again). */
  visits: number;
  /** Attendees with at least one room visit. */
  visitors: number;
  /** «Vil møte igjen» notes in all (one per employer and candidate). */
  meetAgain: number;
  /** Candidates at least one employer wants to meet again. */
  wanted: number;
};

/**
 * A Minijobbmesse's numbers. A registration counts as attended once the host checked the candidate in (and did not
 * mark them as not come): the same rule that makes them a participant in the yearly table.
 */
export function fairCounts(list: FairRegistration[]): FairCounts {
  const attended = list.filter((r) => r.arrived && !r.noShow);
  return {
    registered: list.length,
    attended: attended.length,
    absent: list.length - attended.length,
    visits: list.reduce((n, r) => n + r.visits, 0),
    visitors: list.filter((r) => r.visits > 0).length,
    meetAgain: list.reduce((n, r) => n + r.wantedBy, 0),
    wanted: list.filter((r) => r.wantedBy > 0).length,
  };
}
