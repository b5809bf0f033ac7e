// Owns the pure rules after the event: what an employer may see and change, offers and answers, follow-up due
// dates and the status register's dates. Every rule gets `now` (or today's Oslo date) passed in.
import { DateTime } from "luxon";
import { boardName } from "../dayof/dayof.rules";
import { type EventFormat, formatOf } from "../events/formats";
import type { Decision, FieldErrors } from "../shared/errors";
import { formatDate, formatInstant, osloDate, osloToUtc, ZONE } from "../shared/time";

export const ASSESSMENTS = {
  aktuell: "Aktuell",
  kanskje: "Kanskje",
  "ikke-aktuell": "Ikke aktuell",
} as const;
export type Assessment = keyof typeof ASSESSMENTS;

export const RATINGS = {
  good: "Bra",
  "needs-work": "Kan bli bedre",
  "not-assessed": "Ikke vurdert",
} as const;
export type Rating = keyof typeof RATINGS;

/** The three things the region asks every employer to comment on. */
export const DIMENSIONS = { handshake: "Håndtrykk", language: "Språk", eyeContact: "Øyekontakt" } as const;
export type Dimension = keyof typeof DIMENSIONS;

export const OFFER_KINDS = {
  arbeidstrening: "Arbeidstrening/arbeidspraksis",
  lonnstilskudd: "Lønnstilskudd",
  ordinar: "Ordinær jobb",
  midlertidig: "Midlertidig jobb",
} as const;
export type OfferKind = keyof typeof OFFER_KINDS;

/** The decision as the form posts it: an offer of a kind, maybe (decide by a date), or no offer. */
export const DECISION_CHOICES = {
  "offer:arbeidstrening": "Tilbud om arbeidstrening/arbeidspraksis",
  "offer:lonnstilskudd": "Tilbud om lønnstilskudd",
  "offer:ordinar": "Tilbud om ordinær jobb",
  "offer:midlertidig": "Tilbud om midlertidig jobb",
  maybe: "Kanskje – vi bestemmer oss innen en dato",
  "no-offer": "Ikke tilbud denne gangen",
} as const;
export type DecisionChoice = keyof typeof DECISION_CHOICES;

export type FeedbackDecision =
  | { decision: "offer"; offerKind: OfferKind }
  | { decision: "maybe"; decideBy: string }
  | { decision: "no-offer" };

export function parseDecisionChoice(choice: DecisionChoice, decideBy?: string): FeedbackDecision {
  if (choice === "maybe") return { decision: "maybe", decideBy: decideBy ?? "" };
  if (choice === "no-offer") return { decision: "no-offer" };
  return { decision: "offer", offerKind: choice.slice("offer:".length) as OfferKind };
}

export const ANSWERS = { pending: "Ikke svart ennå", accepted: "Takket ja", declined: "Takket nei" } as const;
export type Answer = keyof typeof ANSWERS;

/** The report's categories for a participant's status at least twelve months after taking part. */
export const STATUS_CATEGORIES = {
  "in-work": "I jobb, ikke lenger registrert hos NAV",
  disabled: "Erklært ufør",
  "not-registered": "Ikke i jobb, ikke lenger registrert hos NAV",
  measure: "Registrert hos NAV, på tiltak",
  registered: "Registrert hos NAV, uten tiltak",
  "changed-group": "Endret innsatsgruppe",
  "unemployment-benefit": "Dagpenger",
  clarified: "Ferdig avklart",
} as const;
export type StatusCategory = keyof typeof STATUS_CATEGORIES;

/** The shortest time between taking part and a status that counts as the twelve-month status. */
export const STATUS_AFTER_MONTHS = 12;

const plusMonths = (date: string, months: number) =>
  DateTime.fromISO(date, { zone: ZONE }).plus({ months }).toISODate() ?? date;

// ---- what the employer sees ----

/**
 * Employers see nothing about candidates before the event: from the start of its first interview, the first name
 * and the initial of the last name (never the birth year, never the veileder's notes).
 */
export function employerMaySeeCandidates(e: { date: string; interviewStart: string }, now: Date): boolean {
  const start = osloToUtc(e.date, e.interviewStart);
  // A start inside a DST gap cannot be saved on an event; should one appear anyway, show nothing.
  return start !== null && now.getTime() >= Date.parse(start);
}

export const employerSeesName = (displayName: string) => boardName(displayName, 0, false);

export type InterviewFacts = { startsAt: string; stage: string; noShow: boolean };

/** Feedback belongs to an interview that took place: once it has started, and not for a no-show. */
export function checkFeedbackAllowed(i: InterviewFacts, now: Date): Decision<"too-early" | "no-show"> {
  if (now.getTime() < Date.parse(i.startsAt)) {
    return {
      ok: false,
      reason: "too-early",
      message: `Tilbakemelding kan gis når intervjuet har startet (${formatInstant(i.startsAt)}).`,
    };
  }
  if (i.noShow || i.stage === "no-show") {
    return {
      ok: false,
      reason: "no-show",
      message: "Kandidaten møtte ikke til dette intervjuet, så det er ingenting å gi tilbakemelding på.",
    };
  }
  return { ok: true };
}

/** Dates in the feedback form: a second interview and a "decide by" date lie on or after the event. */
export function checkFeedbackDates(
  eventDate: string,
  f: { secondInterviewOn?: string; decision: FeedbackDecision },
): FieldErrors {
  const errors: FieldErrors = {};
  if (f.secondInterviewOn && f.secondInterviewOn < eventDate) {
    errors.secondInterviewOn = `Datoen for andre intervju må være etter arrangementet (${formatDate(eventDate)})`;
  }
  if (f.decision.decision === "maybe") {
    if (!f.decision.decideBy) errors.decideBy = "Skriv datoen dere bestemmer dere innen";
    else if (f.decision.decideBy < eventDate)
      errors.decideBy = `Datoen må være etter arrangementet (${formatDate(eventDate)})`;
  }
  return errors;
}

export type ExistingOffer = { kind: OfferKind; answer: Answer };

/**
 * An offer the candidate has answered is something later records depend on: the employer may not take it back
 * or change its kind (the veileder first sets the answer back, if that is right).
 */
export function checkDecisionChange(
  existing: ExistingOffer | null,
  next: FeedbackDecision,
): Decision<"offer-answered"> {
  if (!existing || existing.answer === "pending") return { ok: true };
  if (next.decision === "offer" && next.offerKind === existing.kind) return { ok: true };
  const answered = existing.answer === "accepted" ? "takket ja til" : "takket nei til";
  return {
    ok: false,
    reason: "offer-answered",
    message: `Kandidaten har allerede ${answered} tilbudet om ${OFFER_KINDS[existing.kind].toLowerCase()}, så tilbudet kan ikke endres eller trekkes her. Ta kontakt med veilederen.`,
  };
}

/** The veileder records the candidate's answer; an accepted offer with a follow-up plan stays accepted. */
export function checkAnswerChange(
  current: Answer,
  next: Answer,
  hasFollowUp: boolean,
): Decision<"follow-up-exists"> {
  if (current === next || current !== "accepted" || !hasFollowUp) return { ok: true };
  return {
    ok: false,
    reason: "follow-up-exists",
    message:
      "Tilbudet har en oppfølgingsplan. Slett planen først (det går så lenge ingen oppfølging er registrert som gjennomført).",
  };
}

// ---- follow-up ----

export const FOLLOW_UP_STEPS = {
  kickoff: "Oppstartsmøte på arbeidsplassen",
  first: "Første oppfølging",
  evaluation: "Evaluering",
} as const;
export type FollowUpStep = keyof typeof FOLLOW_UP_STEPS;

/** Days before a due date when a step shows as "due soon". */
export const DUE_SOON_DAYS = 7;

/** Due dates from the start (the oppstartsmøte): the first follow-up within a month, the evaluation at three months. */
export function followUpDueDates(startOn: string): Record<FollowUpStep, string> {
  return { kickoff: startOn, first: plusMonths(startOn, 1), evaluation: plusMonths(startOn, 3) };
}

export type StepState = "done" | "overdue" | "due-soon" | "upcoming";
export type PlanFacts = {
  startOn: string;
  kickoffDoneOn: string | null;
  firstDoneOn: string | null;
  evaluationDoneOn: string | null;
};

export function followUpSteps(plan: PlanFacts, now: Date) {
  const today = osloDate(now);
  const soon = DateTime.fromISO(today, { zone: ZONE }).plus({ days: DUE_SOON_DAYS }).toISODate() ?? today;
  const due = followUpDueDates(plan.startOn);
  const done: Record<FollowUpStep, string | null> = {
    kickoff: plan.kickoffDoneOn,
    first: plan.firstDoneOn,
    evaluation: plan.evaluationDoneOn,
  };
  return (Object.keys(FOLLOW_UP_STEPS) as FollowUpStep[]).map((step) => {
    const state: StepState = done[step]
      ? "done"
      : due[step] < today
        ? "overdue"
        : due[step] <= soon
          ? "due-soon"
          : "upcoming";
    return { step, label: FOLLOW_UP_STEPS[step], dueOn: due[step], doneOn: done[step], state };
  });
}

/** The oppstartsmøte lies on or after the event, and not absurdly far ahead. */
export function checkFollowUpStart(eventDate: string, startOn: string): FieldErrors {
  if (startOn < eventDate)
    return { startOn: `Oppstarten kan ikke være før arrangementet (${formatDate(eventDate)})` };
  if (startOn > plusMonths(eventDate, 12))
    return { startOn: "Oppstarten må være innen ett år etter arrangementet" };
  return {};
}

/** A step is marked done on a real day: not before the event, not in the future. */
export function checkStepDone(eventDate: string, doneOn: string, now: Date): FieldErrors {
  if (doneOn > osloDate(now)) return { doneOn: "Datoen kan ikke være fram i tid" };
  if (doneOn < eventDate)
    return { doneOn: `Datoen kan ikke være før arrangementet (${formatDate(eventDate)})` };
  return {};
}

/** Whether a plan may be deleted: only while nothing in it is recorded as done. */
export function checkPlanRemoval(plan: PlanFacts): Decision<"follow-up-started"> {
  if (plan.kickoffDoneOn || plan.firstDoneOn || plan.evaluationDoneOn) {
    return {
      ok: false,
      reason: "follow-up-started",
      message: "Planen har oppfølging som er registrert som gjennomført, og kan derfor ikke slettes.",
    };
  }
  return { ok: true };
}

// ---- who took part ----

/**
 * An event counts as held once it is marked held (or archived), or once its date has passed while it was open or
 * closed for booking: coordinators do not always remember to mark it. A draft never counts.
 */
export function eventHeld(e: { status: string; date: string }, today: string): boolean {
  if (e.status === "held" || e.status === "archived") return true;
  return (e.status === "open" || e.status === "closed") && e.date < today;
}

export type CandidateFacts = {
  status: string;
  date: string;
  noShow: boolean;
  interviews: number;
  /** The event's format; absent means Ta sjansen. */
  format?: string;
  /** Checked in by the host on the day (what counts at a Minijobbmesse, which has no interviews). */
  arrived?: boolean;
};

/**
 * A candidate took part when their event was held and they came: to at least one interview at a slot-based format
 * (Ta sjansen, Speedintervju), or checked in at a Minijobbmesse (registered but never checked in does not count).
 */
export function tookPart(c: CandidateFacts, today: string): boolean {
  if (!eventHeld(c, today) || c.noShow) return false;
  return formatOf(c.format).hasSlots ? c.interviews > 0 : c.arrived === true;
}

/**
 * A participation that counts: a person on a date at an event ("event:<id>" for the tool, "region:date" for
 * history), in the event's format (imported history is Ta sjansen: the region's own records are of that format).
 */
export type Participation = { personId: number; date: string; eventKey: string; format: EventFormat };

/** A tool event is itself, also when a region holds two on one day. */
export const toolEventKey = (eventId: number) => `event:${eventId}`;

export type ToolEvent = { id: number; regionId: number; date: string };

/**
 * Everything people took part in, from the tool's candidates (those who came, at held events) and the imported
 * history. History knows dates, not events: its lines on one region and date are one event, unless the tool held an
 * event in that region that day, which they then belong to (the first, when there were several). `heldEvents`
 * defaults to the held events among the candidates'.
 */
export function participations(
  candidates: (CandidateFacts & { personId: number; regionId: number; eventId: number })[],
  history: { personId: number; regionId: number; date: string }[],
  today: string,
  heldEvents: ToolEvent[] = candidates
    .filter((c) => eventHeld(c, today))
    .map((c) => ({ id: c.eventId, regionId: c.regionId, date: c.date })),
): Participation[] {
  const toolEventOn = new Map<string, number>();
  for (const e of heldEvents) {
    const day = `${e.regionId}:${e.date}`;
    const seen = toolEventOn.get(day);
    if (seen === undefined || e.id < seen) toolEventOn.set(day, e.id);
  }
  return [
    ...candidates
      .filter((c) => tookPart(c, today))
      .map((c) => ({
        personId: c.personId,
        date: c.date,
        eventKey: toolEventKey(c.eventId),
        format: formatOf(c.format).code,
      })),
    ...history.map((h) => {
      const day = `${h.regionId}:${h.date}`;
      const tool = toolEventOn.get(day);
      return {
        personId: h.personId,
        date: h.date,
        eventKey: tool === undefined ? day : toolEventKey(tool),
        format: "ta-sjansen" as const,
      };
    }),
  ];
}

/** Each person's first participation date. */
export function firstParticipation<P extends Pick<Participation, "personId" | "date">>(
  list: P[],
): Map<number, string> {
  const first = new Map<number, string>();
  for (const p of list) {
    const seen = first.get(p.personId);
    if (!seen || p.date < seen) first.set(p.personId, p.date);
  }
  return first;
}

// ---- the status register ----

/** A person's cohort: the year they first took part (tool events and imported history alike). */
export function cohortYear(participationDates: string[]): number | null {
  if (!participationDates.length) return null;
  return Number([...participationDates].sort()[0].slice(0, 4));
}

/** The earliest date a twelve-month status may be dated, for someone who first took part on `firstDate`. */
export const earliestStatusDate = (firstDate: string) => plusMonths(firstDate, STATUS_AFTER_MONTHS);

/**
 * A status is dated after taking part, at least twelve months after (the report's rule), and not in the future.
 */
export function checkStatusDate(
  firstDate: string,
  asOf: string,
  now: Date,
): Decision<"status-before-event" | "status-too-early" | "status-in-future"> {
  if (asOf < firstDate) {
    return {
      ok: false,
      reason: "status-before-event",
      message: `Datoen er før personen deltok (${formatDate(firstDate)}). Statusen gjelder tiden etter deltakelsen.`,
    };
  }
  if (asOf > osloDate(now)) {
    return { ok: false, reason: "status-in-future", message: "Datoen kan ikke være fram i tid" };
  }
  const earliest = earliestStatusDate(firstDate);
  if (asOf < earliest) {
    return {
      ok: false,
      reason: "status-too-early",
      message: `Statusen skal gjelde minst tolv måneder etter deltakelsen: tidligst ${formatDate(earliest)}.`,
    };
  }
  return { ok: true };
}

// ---- the same candidate to another event ----

export type EnrolTarget = { id: number; regionId: number; status: string; bookingDeadline: string };

/**
 * Whether a person may be put on another event: one in their own region (the statistics count a person per
 * region), open for booking, and not one they are on already.
 */
export function checkEnrolAgain(
  target: EnrolTarget,
  person: { regionId: number; eventIds: number[] },
  now: Date,
): Decision<"already-on-event" | "booking-closed" | "other-region"> {
  if (target.regionId !== person.regionId) {
    return { ok: false, reason: "other-region", message: "Arrangementet hører til en annen region." };
  }
  if (person.eventIds.includes(target.id)) {
    return {
      ok: false,
      reason: "already-on-event",
      message: "Kandidaten er allerede meldt på dette arrangementet.",
    };
  }
  if (target.status !== "open" || now.toISOString() > target.bookingDeadline) {
    return { ok: false, reason: "booking-closed", message: "Arrangementet er ikke åpent for booking." };
  }
  return { ok: true };
}
