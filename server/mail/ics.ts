// Owns iCalendar (.ics) files for interviews: Europe/Oslo local times with the zone's VTIMEZONE, so a calendar
// shows 15:30 on a DST-change day too. Pure: `now` is passed in for DTSTAMP.
import { DateTime } from "luxon";
import { ZONE } from "../shared/time";

export type IcsEvent = {
  uid: string;
  /** UTC ISO instants, as stored. */
  startsAt: string;
  endsAt: string;
  summary: string;
  location: string;
  description: string;
  /** Raised on every change of the same UID, so calendars replace the entry instead of adding one. */
  sequence?: number;
};

/** PUBLISH adds or updates entries; CANCEL removes them (same UID, higher SEQUENCE). */
export type IcsMethod = "PUBLISH" | "CANCEL";

/** Europe/Oslo's rules since 1996 (EU): CEST from the last Sunday in March 02:00, CET from the last Sunday in October 03:00. */
export const OSLO_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Oslo",
  "X-LIC-LOCATION:Europe/Oslo",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** RFC 5545 TEXT escaping. */
export function icsText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const limit = parts.length ? 74 : 75; // continuation lines start with a space
    if (bytes + n > limit) {
      parts.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const osloLocal = (iso: string) =>
  DateTime.fromISO(iso, { zone: "utc" }).setZone(ZONE).toFormat("yyyyMMdd'T'HHmmss");
const utcStamp = (d: Date) => DateTime.fromJSDate(d, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'");

export function buildIcs(events: IcsEvent[], now: Date, method: IcsMethod = "PUBLISH"): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//NAV//Ta sjansen//NB",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...OSLO_VTIMEZONE,
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence ?? 0}`,
      ...(method === "CANCEL" ? ["STATUS:CANCELLED"] : []),
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=Europe/Oslo:${osloLocal(e.startsAt)}`,
      `DTEND;TZID=Europe/Oslo:${osloLocal(e.endsAt)}`,
      `SUMMARY:${icsText(e.summary)}`,
      `LOCATION:${icsText(e.location)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
