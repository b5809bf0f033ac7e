// Owns the pure rules for interview windows and slot times (Europe/Oslo wall clock → UTC instants).
import type { FieldErrors } from "../shared/errors";
import { isRepeatedOsloTime, minutesOf, osloToUtc, timeOf } from "../shared/time";

export type Window = {
  date: string;
  interviewStart: string;
  interviewEnd: string;
  slotMinutes: number;
  gapMinutes: number;
};

export type SlotTime = { startsAt: string; endsAt: string };

/** How many slots fit the window, or null when slots plus changeover gaps do not fill it exactly. */
export function slotCapacity(w: Omit<Window, "date">): number | null {
  const length = minutesOf(w.interviewEnd) - minutesOf(w.interviewStart);
  const step = w.slotMinutes + w.gapMinutes;
  if (length <= 0 || w.slotMinutes <= 0) return null;
  // n slots and n-1 gaps fill the window: n*slot + (n-1)*gap = length  ⇔  (length+gap) divisible by step.
  return (length + w.gapMinutes) % step === 0 ? (length + w.gapMinutes) / step : null;
}

/** Field errors for an interview window; empty when the window is usable. */
export function checkWindow(w: Window): FieldErrors {
  const errors: FieldErrors = {};
  const start = minutesOf(w.interviewStart);
  const end = minutesOf(w.interviewEnd);
  if (end <= start) {
    errors.interviewEnd = `Intervjuene må slutte etter at de starter (kl. ${w.interviewStart})`;
    return errors;
  }
  if (osloToUtc(w.date, w.interviewStart) === null) {
    errors.interviewStart = `Klokkeslettet ${w.interviewStart} finnes ikke denne dagen (overgang til sommertid)`;
  }
  if (osloToUtc(w.date, w.interviewEnd) === null) {
    errors.interviewEnd = `Klokkeslettet ${w.interviewEnd} finnes ikke denne dagen (overgang til sommertid)`;
  }
  const capacity = slotCapacity(w);
  if (capacity !== null && !errors.interviewStart && !errors.interviewEnd) {
    // Every slot boundary must exist on this date (a window over the spring-forward hour has holes),
    // and no slot may start in the autumn's repeated hour (02:00–03:00 is lived twice: "02:30" names
    // two instants, and a slot across it would last an hour longer than it says). A slot that only
    // ends in it ends at the first occurrence, which is the one the people in the room mean.
    if (slotStarts(w, capacity).some((t) => isRepeatedOsloTime(w.date, t))) {
      errors.interviewStart =
        "Intervjuvinduet går over timen som gjentas ved overgang til vintertid (02:00–03:00). Velg andre tider.";
    } else {
      try {
        deriveSlots(w, capacity);
      } catch {
        errors.interviewStart =
          "Intervjuvinduet går over timen som hoppes over ved overgang til sommertid. Velg andre tider.";
      }
    }
  }
  if (capacity === null) {
    const step = w.slotMinutes + w.gapMinutes;
    const length = end - start;
    const fewer = Math.floor((length + w.gapMinutes) / step);
    const suggestions = [fewer, fewer + 1]
      .filter((n) => n >= 1)
      .map((n) => timeOf(start + n * w.slotMinutes + (n - 1) * w.gapMinutes))
      .filter((t) => minutesOf(t) < 24 * 60);
    const gap = w.gapMinutes ? ` med ${w.gapMinutes} minutters pause mellom` : "";
    errors.slotMinutes =
      `Intervjuer på ${w.slotMinutes} minutter${gap} går ikke opp i vinduet ${w.interviewStart}–${w.interviewEnd} (${length} minutter).` +
      (suggestions.length
        ? ` La intervjuene slutte kl. ${suggestions.join(" eller ")}, eller endre lengden.`
        : "");
  }
  return errors;
}

/** The wall-clock start ("HH:MM") of each of the first `count` slots. */
function slotStarts(w: Omit<Window, "date">, count: number): string[] {
  const start = minutesOf(w.interviewStart);
  return Array.from({ length: count }, (_, i) => timeOf(start + i * (w.slotMinutes + w.gapMinutes)));
}

/** The first `count` slots of the window as UTC instants. Assumes checkWindow passed. */
export function deriveSlots(w: Window, count: number): SlotTime[] {
  const start = minutesOf(w.interviewStart);
  const slots: SlotTime[] = [];
  for (let i = 0; i < count; i++) {
    const from = start + i * (w.slotMinutes + w.gapMinutes);
    // Convert each wall-clock time on its own, so a window is right on a DST-change day too.
    const startsAt = osloToUtc(w.date, timeOf(from));
    const endsAt = osloToUtc(w.date, timeOf(from + w.slotMinutes));
    if (!startsAt || !endsAt) throw new Error(`slot time does not exist on ${w.date}`);
    slots.push({ startsAt, endsAt });
  }
  return slots;
}

export type ExistingSlot = SlotTime & { id: number; booked: boolean };

export type SlotPlan =
  | { ok: true; keep: number[]; remove: number[]; add: SlotTime[] }
  | { ok: false; reason: "booked-slot-would-be-dropped"; dropped: ExistingSlot[] };

/**
 * Moves a participation from its existing slots to the desired ones. Slots with the same times are
 * kept (with their bookings); a booked slot that would disappear is refused, never dropped silently.
 */
export function planSlotChange(existing: ExistingSlot[], desired: SlotTime[]): SlotPlan {
  const key = (s: SlotTime) => `${s.startsAt}|${s.endsAt}`;
  const wanted = new Set(desired.map(key));
  const have = new Map(existing.map((s) => [key(s), s]));
  const dropped = existing.filter((s) => s.booked && !wanted.has(key(s)));
  if (dropped.length) return { ok: false, reason: "booked-slot-would-be-dropped", dropped };
  return {
    ok: true,
    keep: existing.filter((s) => wanted.has(key(s))).map((s) => s.id),
    remove: existing.filter((s) => !wanted.has(key(s))).map((s) => s.id),
    add: desired.filter((s) => !have.has(key(s))),
  };
}
