// Owns the pure rules of registering for an event without slots (a Minijobbmesse): may a candidate be registered
// now, may a registration be cancelled, and when the candidate is told to come. No I/O; `now` is passed in.
import type { Decision } from "../shared/errors";
import { minutesOf } from "../shared/time";
import { type Actor, checkOpen, type EventFacts } from "./booking.rules";

export type RegistrationRefusal = "booking-closed" | "event-full" | "format-has-no-slots";
export type CancelRefusal = "booking-closed" | "registration-checked-in" | "registration-in-use";

/** What a registration decision needs of the event: the booking window, and the places. */
export type RegistrationEventFacts = EventFacts & { capacity: number | null };

/** Places left: the capacity less the registrations taken, never below zero. */
export const placesLeft = (capacity: number | null, registered: number) =>
  Math.max(0, (capacity ?? 0) - registered);

export const EVENT_FULL_MESSAGE =
  "Minijobbmessen er full: alle plassene er tatt. Kontakt markedskoordinatoren hvis kandidaten likevel bør være med.";

export const IN_USE_MESSAGE =
  "Kandidaten har allerede vært på arrangementet, så påmeldingen kan ikke avbestilles.";

export const NO_SLOTS_MESSAGE =
  "En minijobbmesse har ingen intervjutider. Meld på kandidaten uten å velge tidspunkt eller venteliste.";

/**
 * Whether one more candidate may be registered for the event: the booking window (as for a booking; a coordinator
 * may register after the veileder deadline), no slot or waitlist choice, and a place left. The first refusal wins,
 * in the order a person would fix them.
 */
export function checkRegistration(
  event: RegistrationEventFacts,
  actor: Actor,
  now: Date,
  registered: number,
  choice: { slots: number; waitlists: number } = { slots: 0, waitlists: 0 },
): Decision<RegistrationRefusal> {
  const open = checkOpen(event, actor, now);
  if (!open.ok) return open as Decision<RegistrationRefusal>;
  if (choice.slots > 0 || choice.waitlists > 0)
    return { ok: false, reason: "format-has-no-slots", message: NO_SLOTS_MESSAGE };
  if (placesLeft(event.capacity, registered) === 0)
    return { ok: false, reason: "event-full", message: EVENT_FULL_MESSAGE };
  return { ok: true };
}

/**
 * Whether a registration may be cancelled (the place freed): while the veileder may still book, or by a
 * coordinator until the day; never once the candidate has been checked in on the day.
 */
export function checkCancelRegistration(
  event: EventFacts,
  actor: Actor,
  now: Date,
  candidate: { arrivedAt: string | null; dayRecords?: boolean },
): Decision<CancelRefusal> {
  const open = checkOpen(event, actor, now);
  if (!open.ok) return open as Decision<CancelRefusal>;
  if (candidate.arrivedAt) {
    return {
      ok: false,
      reason: "registration-checked-in",
      message: "Kandidaten er allerede registrert som ankommet, så påmeldingen kan ikke avbestilles.",
    };
  }
  // The day's log (and an undo) refers to the candidate: the registration stays, for the record.
  if (candidate.dayRecords) return { ok: false, reason: "registration-in-use", message: IN_USE_MESSAGE };
  return { ok: true };
}

/**
 * When a registered candidate comes and when the rooms open: the programme's first item (the employers'
 * presentations come first), or the open-room window's start when there is no earlier programme item.
 */
export function registrationTimes(
  programme: { time: string }[],
  window: { start: string; end: string },
): { arrival: string; roomsOpen: string; roomsClose: string } {
  const earlier = programme
    .map((p) => p.time)
    .filter((t) => /^\d{2}:\d{2}$/.test(t) && minutesOf(t) <= minutesOf(window.start))
    .sort();
  return { arrival: earlier[0] ?? window.start, roomsOpen: window.start, roomsClose: window.end };
}
