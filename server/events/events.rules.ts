// Owns the pure rules for an event's life: status changes, dates and deadlines.
import type { FieldErrors } from "../shared/errors";
import { osloDate, osloToUtc } from "../shared/time";
import { FORMATS } from "./formats";

export const EVENT_STATUSES = ["draft", "open", "closed", "held", "archived"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const STATUS_LABELS: Record<EventStatus, string> = {
  draft: "Utkast",
  open: "Åpen for booking",
  closed: "Booking stengt",
  held: "Gjennomført",
  archived: "Arkivert",
};

/** Forward through the life cycle; booking may be reopened from closed, and a draft can be opened again. */
const TRANSITIONS: Record<EventStatus, EventStatus[]> = {
  draft: ["open"],
  open: ["closed", "draft"],
  closed: ["open", "held"],
  held: ["archived"],
  archived: [],
};

export function nextStatuses(from: EventStatus): EventStatus[] {
  return TRANSITIONS[from];
}

export function canChangeStatus(from: EventStatus, to: EventStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A new or moved event must not lie in the past (Oslo calendar), and the deadline must precede the interviews. */
export function checkEventDates(
  input: { date: string; interviewStart: string; bookingDeadline: string },
  now: Date,
): FieldErrors {
  const errors: FieldErrors = {};
  const today = osloDate(now);
  if (input.date < today) errors.date = "Datoen har vært. Velg en dato fra i dag og framover.";
  const firstInterview = osloToUtc(input.date, input.interviewStart);
  if (firstInterview && input.bookingDeadline > firstInterview) {
    errors.bookingDeadline = "Bookingfristen må være før det første intervjuet";
  }
  return errors;
}

/** The default deadline: noon the day before the event, Oslo time. */
export function defaultBookingDeadline(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return osloToUtc(dayBefore, "12:00") ?? `${dayBefore}T11:00:00.000Z`;
}

/** Ta sjansen's programme (each format has its own in formats.ts). */
export const DEFAULT_PROGRAMME = FORMATS["ta-sjansen"].defaults.programme;

export const OFFER_TYPES = {
  arbeidstrening: "Arbeidstrening/arbeidspraksis",
  lonnstilskudd: "Lønnstilskudd",
  ordinar: "Ordinær jobb",
  midlertidig: "Midlertidig jobb",
  mulig_jobb: "Mulighet for jobb etterpå",
} as const;
export type OfferType = keyof typeof OFFER_TYPES;

type Span = { startsAt: string; endsAt: string };
const overlaps = (a: Span, b: Span) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * A samtalerom holds one employer at a time: the other participation of the event that uses `roomId` at a time
 * overlapping `slots`, or null. `others` excludes the participation being edited.
 */
export function findRoomClash<P extends { roomId: number | null; slots: Span[] }>(
  roomId: number | null | undefined,
  slots: Span[],
  others: P[],
): P | null {
  if (roomId == null) return null;
  return (
    others.find((o) => o.roomId === roomId && o.slots.some((s) => slots.some((m) => overlaps(s, m)))) ?? null
  );
}

/** Every pair of participations that share a room at overlapping times (older data, from before the guard). */
export function roomClashes<P extends { id: number; roomId: number | null; slots: Span[] }>(
  ps: P[],
): [P, P][] {
  const pairs: [P, P][] = [];
  ps.forEach((p, i) => {
    for (const q of ps.slice(i + 1)) if (findRoomClash(p.roomId, p.slots, [q])) pairs.push([p, q]);
  });
  return pairs;
}

/**
 * Where an event's life has got to by itself at `now`: booking closes at the deadline, and the event counts as held
 * once its day is over. Drafts and archived events never move by themselves.
 */
export function lifecycleStatus(
  e: { status: EventStatus; date: string; bookingDeadline: string },
  now: Date,
): EventStatus {
  if ((e.status === "open" || e.status === "closed") && e.date < osloDate(now)) return "held";
  if (e.status === "open" && now.toISOString() > e.bookingDeadline) return "closed";
  return e.status;
}

/** The instant the event's status next moves by itself, if it will (for the scheduler's sleep). */
export function nextLifecycleChange(
  e: { status: EventStatus; date: string; bookingDeadline: string },
  now: Date,
): Date | null {
  if (e.status === "open" && now.toISOString() <= e.bookingDeadline) return new Date(e.bookingDeadline);
  if (e.status === "open" || e.status === "closed") {
    const [y, m, d] = e.date.split("-").map(Number);
    const nextDay = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    const at = osloToUtc(nextDay, "00:00");
    return at ? new Date(at) : null;
  }
  return null;
}
