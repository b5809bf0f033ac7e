// Owns the pure schedule rules: when the weekly digest and an event's reminders fall due (Oslo time), and
// whether a due run should still happen now. Every function takes `now`; none reads the clock.
import { DateTime } from "luxon";
import { ZONE } from "../shared/time";

/** ISO weekday (1 = Monday … 7 = Sunday) and an Oslo wall-clock time "HH:MM". */
export type Weekly = { weekday: number; time: string };

export const DEFAULT_SCHEDULE = {
  weekday: 1,
  time: "08:00",
  reminderDaysBefore: 2,
  reminderTime: "08:00",
} as const;

/** A missed weekly digest is still sent this long after its time (a server down on Monday morning). */
export const DIGEST_CATCH_UP_MS = 24 * 3600_000;

const WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];
export const weekdayName = (weekday: number) => WEEKDAYS[weekday - 1] ?? "";

function at(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(":").map(Number);
  // A time inside the spring-forward gap (02:00–03:00) does not exist; luxon moves it forward an hour.
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The latest instant ≤ now at which the weekly schedule fell due. */
export function latestWeekly(s: Weekly, now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  // Step back by calendar days (not 24-hour blocks) so the wall-clock time survives a DST change.
  let day = local.startOf("day");
  while (day.weekday !== s.weekday) day = day.minus({ days: 1 });
  let due = at(day, s.time);
  if (due.toMillis() > now.getTime()) due = at(day.minus({ weeks: 1 }), s.time);
  return due.toJSDate();
}

/** The first instant > now at which the weekly schedule falls due. */
export function nextWeekly(s: Weekly, now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  let day = local.startOf("day");
  while (day.weekday !== s.weekday) day = day.plus({ days: 1 });
  let due = at(day, s.time);
  if (due.toMillis() <= now.getTime()) due = at(day.plus({ weeks: 1 }), s.time);
  return due.toJSDate();
}

/** When an event's reminders go out: `daysBefore` calendar days before its date, at `time` Oslo time. */
export function reminderDueAt(eventDate: string, daysBefore: number, time: string): Date {
  const day = DateTime.fromISO(eventDate, { zone: ZONE }).minus({ days: daysBefore });
  return at(day, time).toJSDate();
}

export type RunDecision =
  | { run: true; dueAt: Date }
  | { run: false; why: "not-due" | "already-ran" | "too-late" };

/** The weekly digest: run the latest due instant once, unless it was recorded or is older than the catch-up window. */
export function digestDecision(
  s: Weekly & { enabled: boolean },
  hasRun: (dueAt: Date) => boolean,
  now: Date,
  catchUpMs = DIGEST_CATCH_UP_MS,
): RunDecision {
  if (!s.enabled) return { run: false, why: "not-due" };
  const dueAt = latestWeekly(s, now);
  if (hasRun(dueAt)) return { run: false, why: "already-ran" };
  if (now.getTime() - dueAt.getTime() > catchUpMs) return { run: false, why: "too-late" };
  return { run: true, dueAt };
}

export type ReminderDecision =
  | { run: true; dueAt: Date; first: boolean }
  | { run: false; why: "not-due" | "too-late" };

/**
 * An event's reminders: from their due instant until the first interview starts. The first run is recorded
 * once; every later tick runs again (`first: false`) for veiledere who booked since, each reminded once by key.
 */
export function reminderDecision(
  dueAt: Date,
  eventStartsAt: Date,
  hasRun: (dueAt: Date) => boolean,
  now: Date,
): ReminderDecision {
  if (now < dueAt) return { run: false, why: "not-due" };
  if (now >= eventStartsAt) return { run: false, why: "too-late" };
  return { run: true, dueAt, first: !hasRun(dueAt) };
}
