// Owns the pure booking rules: may this candidate take this slot now, which slots to propose, who leaves the waitlist.
import { formatOf } from "../events/formats";
import type { Decision } from "../shared/errors";
import { formatTime, minutesOf, osloDate as osloDateOf, timeOf } from "../shared/time";

export type RefusalCode =
  | "booking-closed"
  | "slot-taken"
  | "candidate-max-interviews"
  | "same-employer"
  | "time-overlap"
  | "under-minimum-age";

export type Actor = { kind: "caseworker" | "coordinator"; id: string };

export type EventFacts = {
  status: "draft" | "open" | "closed" | "held" | "archived";
  date: string;
  bookingDeadline: string;
  maxInterviews: number;
  /** Leave a free slot's length between a candidate's interviews (time for a pep talk). */
  pepTalkGap: boolean;
  slotMinutes: number;
  gapMinutes: number;
  /** The event's format: a Minijobbmesse takes registrations («påmelding»), the others bookings. */
  format?: string;
};

/** The words for signing up on the event: booking a slot, or registering for a Minijobbmesse place. */
function signUpWords(event: Pick<EventFacts, "format">) {
  return formatOf(event.format).hasSlots
    ? { noun: "booking", nouns: "bookinger", deadline: "Bookingfristen", passive: "bookes" }
    : { noun: "påmelding", nouns: "påmeldinger", deadline: "Påmeldingsfristen", passive: "meldes på" };
}

export type SlotFacts = {
  id: number;
  participationId: number;
  employerId: number;
  employerName: string;
  startsAt: string;
  endsAt: string;
  minAge: number | null;
  /** Candidates already booked here, and how many the slot holds (1 unless the participation takes groups). */
  taken: number;
  seats: number;
};

/** Seats still open in a slot (0 when full); a one-to-one slot has one seat. */
export const seatsLeft = (slot: Pick<SlotFacts, "taken" | "seats">) => Math.max(0, slot.seats - slot.taken);

/** Whether the slot has no seat left for one more candidate. */
export const slotFull = (slot: Pick<SlotFacts, "taken" | "seats">) => seatsLeft(slot) === 0;

export type HeldInterview = {
  slotId: number;
  participationId: number;
  employerId: number;
  startsAt: string;
  endsAt: string;
};
export type CandidateFacts = { birthYear: number; interviews: HeldInterview[] };

const MINUTE = 60_000;

/** Candidates come a quarter of an hour before their first interview, for the pep talk. */
export const ARRIVAL_MINUTES_BEFORE = 15;

/**
 * The one rule for when a candidate is told to arrive: a quarter of an hour before their first interview (never
 * before midnight), or the event's interview start when they have none yet. Invitation, confirmation, booking page
 * and run sheets all ask this function.
 */
export function arrivalTime(interviewStarts: string[], eventInterviewStart: string): string {
  const first = [...interviewStarts].sort()[0];
  return first
    ? timeOf(Math.max(0, minutesOf(formatTime(first)) - ARRIVAL_MINUTES_BEFORE))
    : eventInterviewStart;
}

/**
 * A person's name folded for "is this the same person?": Unicode form, case and spacing do not count, so
 * "Ola N." and " ola  n. " are one candidate.
 */
export function nameKey(displayName: string): string {
  return displayName.normalize("NFKC").toLocaleLowerCase("nb").replace(/\s+/g, "");
}

/**
 * Age from the birth year alone (we hold no birth date): a candidate counts as reaching an age in the
 * calendar year of their birthday. Coordinators decide borderline cases; a stricter reading would
 * refuse every candidate whose birthday falls after the event.
 */
export function ageInYear(birthYear: number, eventDate: string): number {
  return Number(eventDate.slice(0, 4)) - birthYear;
}

/** Whether the booking window is open for this actor at `now`. */
export function checkOpen(event: EventFacts, actor: Actor, now: Date): Decision<RefusalCode> {
  const w = signUpWords(event);
  if (actor.kind === "coordinator") {
    if (event.status === "open" || event.status === "closed") return { ok: true };
    return {
      ok: false,
      reason: "booking-closed",
      message: `Arrangementet tar ikke imot ${w.nouns} (det er ikke åpnet, eller det er over).`,
    };
  }
  if (event.status !== "open") {
    return { ok: false, reason: "booking-closed", message: `Arrangementet er ikke åpent for ${w.noun}.` };
  }
  if (now.toISOString() > event.bookingDeadline) {
    return {
      ok: false,
      reason: "booking-closed",
      message: `${w.deadline} har gått ut. Ta kontakt med markedskoordinatoren.`,
    };
  }
  return { ok: true };
}

/**
 * Why a veileder cannot book on the event now, in words that say what to do instead; null while booking is open.
 * Shown before any form, so nobody fills one in for nothing.
 */
export function closedNotice(event: EventFacts, now: Date, deadlineText: string): string | null {
  if (checkOpen(event, { kind: "caseworker", id: "caseworker:any" }, now).ok) return null;
  const w = signUpWords(event);
  const over = event.status === "held" || event.status === "archived" || event.date < osloDateOf(now);
  if (over) return `Arrangementet er over, og det kan ikke lenger ${w.passive}.`;
  if (event.status === "draft") return `Arrangementet er ikke åpnet for ${w.noun} ennå. Prøv igjen senere.`;
  if (event.status === "open") return `${w.deadline} gikk ut ${deadlineText}.`;
  return `${w.noun === "booking" ? "Bookingen" : "Påmeldingen"} til arrangementet er stengt.`;
}

/**
 * Whether a participation's slots may hold `capacity` candidates each: never fewer than a slot already holds, so
 * a smaller group does not silently overfill a slot (the database refuses it too). Names the times that hold more.
 */
export function checkGroupSize(
  capacity: number,
  slots: Pick<SlotFacts, "startsAt" | "taken">[],
): Decision<"slot-capacity-below-bookings"> {
  const over = slots.filter((s) => s.taken > capacity).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  if (!over.length) return { ok: true };
  const times = over.map((s) => `kl. ${formatTime(s.startsAt)} (${s.taken})`).join(", ");
  return {
    ok: false,
    reason: "slot-capacity-below-bookings",
    message: `Noen tidspunkter har flere kandidater booket enn ${capacity}: ${times}. Flytt eller avbestill noen først.`,
  };
}

/** Every rule for one candidate in one slot; the first refusal wins, in the order a person would fix them. */
export function checkBooking(
  event: EventFacts,
  actor: Actor,
  now: Date,
  candidate: CandidateFacts,
  slot: SlotFacts,
): Decision<RefusalCode> {
  const open = checkOpen(event, actor, now);
  if (!open.ok) return open;
  // A group slot holds several candidates, but never one candidate twice.
  if (candidate.interviews.some((i) => i.slotId === slot.id)) {
    return {
      ok: false,
      reason: "same-employer",
      message: `Kandidaten er allerede booket på dette tidspunktet hos ${slot.employerName}.`,
    };
  }
  if (slotFull(slot)) {
    return {
      ok: false,
      reason: "slot-taken",
      message:
        slot.seats > 1
          ? `Alle ${slot.seats} plassene på tidspunktet hos ${slot.employerName} ble nettopp booket.`
          : `Tidspunktet hos ${slot.employerName} ble nettopp booket av en annen.`,
    };
  }
  if (candidate.interviews.length >= event.maxInterviews) {
    return {
      ok: false,
      reason: "candidate-max-interviews",
      message: `Kandidaten har allerede ${event.maxInterviews} intervjuer på dette arrangementet.`,
    };
  }
  if (candidate.interviews.some((i) => i.employerId === slot.employerId)) {
    return {
      ok: false,
      reason: "same-employer",
      message: `Kandidaten har allerede et intervju hos ${slot.employerName}.`,
    };
  }
  const pad = event.pepTalkGap ? (event.slotMinutes + event.gapMinutes) * MINUTE : 0;
  const start = Date.parse(slot.startsAt);
  const end = Date.parse(slot.endsAt);
  for (const i of candidate.interviews) {
    const iStart = Date.parse(i.startsAt);
    const iEnd = Date.parse(i.endsAt);
    if (start < iEnd && iStart < end) {
      return { ok: false, reason: "time-overlap", message: "Kandidaten har et annet intervju på samme tid." };
    }
    if (pad && start < iEnd + pad && iStart < end + pad) {
      return {
        ok: false,
        reason: "time-overlap",
        message: "Det må være et ledig tidspunkt mellom kandidatens intervjuer (tid til pep talk).",
      };
    }
  }
  if (slot.minAge !== null && ageInYear(candidate.birthYear, event.date) < slot.minAge) {
    return {
      ok: false,
      reason: "under-minimum-age",
      message: `${slot.employerName} tar bare imot kandidater som er minst ${slot.minAge} år.`,
    };
  }
  return { ok: true };
}

/**
 * The earliest free slots, one per chosen employer, that together satisfy every rule: the combination
 * whose last interview starts earliest (then whose first starts earliest). Null when none fits.
 */
export function proposeSlots(
  event: EventFacts,
  actor: Actor,
  now: Date,
  candidate: CandidateFacts,
  freeSlotsPerEmployer: SlotFacts[][],
): SlotFacts[] | null {
  let best: SlotFacts[] | null = null;
  const score = (combo: SlotFacts[]) => {
    const starts = combo.map((s) => s.startsAt).sort();
    return `${starts[starts.length - 1]}|${starts[0]}`;
  };
  const walk = (i: number, chosen: SlotFacts[], held: CandidateFacts) => {
    if (i === freeSlotsPerEmployer.length) {
      if (!best || score(chosen) < score(best)) best = [...chosen];
      return;
    }
    for (const slot of [...freeSlotsPerEmployer[i]].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
      if (!checkBooking(event, actor, now, held, slot).ok) continue;
      const next = {
        ...held,
        interviews: [
          ...held.interviews,
          {
            slotId: slot.id,
            participationId: slot.participationId,
            employerId: slot.employerId,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
          },
        ],
      };
      walk(i + 1, [...chosen, slot], next);
    }
  };
  walk(0, [], candidate);
  return best;
}

export type WaitingCandidate = { entryId: number; candidateId: number; candidate: CandidateFacts };

/** The first waiting candidate (in the order they joined) who fits every rule for the freed slot. */
export function pickFromWaitlist(
  event: EventFacts,
  actor: Actor,
  now: Date,
  slot: SlotFacts,
  waiting: WaitingCandidate[],
): WaitingCandidate | null {
  // The waitlist promotion is the system acting for the coordinator, so the veileder deadline does not apply;
  // an event that is no longer open or closed promotes nobody. A full slot (no seat freed) promotes nobody.
  return waiting.find((w) => checkBooking(event, actor, now, w.candidate, slot).ok) ?? null;
}
