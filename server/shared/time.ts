// Owns wall-clock ↔ instant conversion in Europe/Oslo and Norwegian date formatting.
import { DateTime } from "luxon";

export const ZONE = "Europe/Oslo";
export const LOCALE = "nb";

/** A source of "now"; rules receive the instant, only services and routes call the clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Oslo wall-clock date + time → UTC ISO instant, or null when that time does not exist (DST gap). */
export function osloToUtc(date: string, time: string): string | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!dt.isValid) return null;
  // Luxon moves a time inside the spring-forward gap (02:00–03:00) forward; such a time does not exist.
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return null;
  return dt.toUTC().toISO();
}

/** True when an Oslo wall-clock time happens twice that day (the autumn fall-back hour, 02:00–03:00). */
export function isRepeatedOsloTime(date: string, time: string): boolean {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!dt.isValid) return false;
  const wall = (d: DateTime) => d.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
  const same = wall(dt);
  return wall(dt.plus({ hours: 1 })) === same || wall(dt.minus({ hours: 1 })) === same;
}

export function osloDateTime(instant: string | Date): DateTime {
  const dt =
    typeof instant === "string" ? DateTime.fromISO(instant, { zone: "utc" }) : DateTime.fromJSDate(instant);
  return dt.setZone(ZONE).setLocale(LOCALE);
}

/** The Oslo calendar date (YYYY-MM-DD) of an instant. */
export function osloDate(instant: string | Date): string {
  return osloDateTime(instant).toISODate() ?? "";
}

/**
 * Formatting with luxon costs tens of microseconds a call and pages format the same few dates over
 * and over; these formatters are pure, so their results are kept (a bounded map, emptied when full).
 */
function memo(fn: (v: string) => string): (v: string) => string {
  const cache = new Map<string, string>();
  return (v: string) => {
    let out = cache.get(v);
    if (out === undefined) {
      out = fn(v);
      if (cache.size >= 5000) cache.clear();
      cache.set(v, out);
    }
    return out;
  };
}

/** "5. april 2018" */
export const formatDate = memo((date: string) =>
  DateTime.fromISO(date, { zone: ZONE }).setLocale(LOCALE).toFormat("d. MMMM yyyy"),
);

/** "torsdag 5. april 2018" */
export const formatDateLong = memo((date: string) =>
  DateTime.fromISO(date, { zone: ZONE }).setLocale(LOCALE).toFormat("cccc d. MMMM yyyy"),
);

// Pages list dozens of slot times; one Intl formatter is many times cheaper than a luxon DateTime per time.
const OSLO_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "15:30" in Oslo for an instant. */
export function formatTime(instant: string): string {
  const ms = Date.parse(instant);
  // Anything Date.parse does not take as given (a bare date, an offset-less time) goes through luxon as before.
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:?\d{2})$/.test(instant))
    return osloDateTime(instant).toFormat("HH:mm");
  return OSLO_TIME.format(ms);
}

/** "5. april 2018 kl. 12:00" in Oslo for an instant. */
export const formatInstant = memo((instant: string) =>
  osloDateTime(instant).toFormat("d. MMMM yyyy 'kl.' HH:mm"),
);

/** Minutes since midnight for "HH:MM". */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** "HH:MM" for minutes since midnight. */
export function timeOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Value for an <input type="datetime-local"> in Oslo time. */
export function toDateTimeLocal(instant: string): string {
  return osloDateTime(instant).toFormat("yyyy-MM-dd'T'HH:mm");
}

export function isValidIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: ZONE }).isValid;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate() ?? date;
}
