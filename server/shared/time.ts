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

/** "5. april 2018" */
export function formatDate(date: string): string {
  return DateTime.fromISO(date, { zone: ZONE }).setLocale(LOCALE).toFormat("d. MMMM yyyy");
}

/** "torsdag 5. april 2018" */
export function formatDateLong(date: string): string {
  return DateTime.fromISO(date, { zone: ZONE }).setLocale(LOCALE).toFormat("cccc d. MMMM yyyy");
}

/** "15:30" in Oslo for an instant. */
export function formatTime(instant: string): string {
  return osloDateTime(instant).toFormat("HH:mm");
}

/** "5. april 2018 kl. 12:00" in Oslo for an instant. */
export function formatInstant(instant: string): string {
  return osloDateTime(instant).toFormat("d. MMMM yyyy 'kl.' HH:mm");
}

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
