import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildIcs, fold, icsText, OSLO_VTIMEZONE } from "../../server/mail/ics";

const NOW = new Date("2026-10-20T08:00:00Z");
const event = (startsAt: string, endsAt: string) => ({
  uid: "booking-1@localhost",
  startsAt,
  endsAt,
  summary: "Ta sjansen: Ola N. – Vaskebedrift AS",
  location: "NAV Hamar, Vangsvegen 73, Hamar, Samtalerom 1",
  description: "Intervju hos Vaskebedrift AS; kantine.",
});

/** Offset (minutes) the VTIMEZONE's rules give a UTC instant: CEST between the last Sundays of March (01:00Z) and October (01:00Z). */
function vtimezoneOffset(utc: DateTime): number {
  const lastSunday = (month: number) => {
    let d = DateTime.utc(utc.year, month, 1).endOf("month").startOf("day");
    while (d.weekday !== 7) d = d.minus({ days: 1 });
    return d.set({ hour: 1 });
  };
  return utc >= lastSunday(3) && utc < lastSunday(10) ? 120 : 60;
}

describe(".ics files", () => {
  it.each([
    ["the spring DST day (28 March 2027, CEST)", "2027-03-28T13:30:00.000Z", "20270328T153000"],
    ["the autumn DST day (25 October 2026, CET)", "2026-10-25T14:30:00.000Z", "20261025T153000"],
    ["the day before the spring change (CET)", "2027-03-27T14:30:00.000Z", "20270327T153000"],
    ["a summer day", "2018-04-05T13:30:00.000Z", "20180405T153000"],
  ])(
    "writes 15:30 Oslo time on %s, and the VTIMEZONE maps it back to the stored instant",
    (_n, start, local) => {
      const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
      const ics = buildIcs([event(start, end)], NOW);
      expect(ics).toContain(`DTSTART;TZID=Europe/Oslo:${local}\r\n`);
      const wall = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss", { zone: "utc" });
      const utc = DateTime.fromISO(start, { zone: "utc" });
      expect(wall.minus({ minutes: vtimezoneOffset(utc) }).toISO()).toBe(utc.toISO());
      // And the rule agrees with the real zone.
      expect(vtimezoneOffset(utc)).toBe(utc.setZone("Europe/Oslo").offset);
    },
  );

  it("is a complete calendar with the Oslo zone, CRLF line ends, a UID and a DTSTAMP in UTC", () => {
    const ics = buildIcs([event("2026-12-10T14:30:00.000Z", "2026-12-10T15:00:00.000Z")], NOW);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain(OSLO_VTIMEZONE.join("\r\n"));
    expect(ics).toContain("UID:booking-1@localhost\r\n");
    expect(ics).toContain("DTSTAMP:20261020T080000Z\r\n");
    expect(ics).toContain("DTEND;TZID=Europe/Oslo:20261210T160000\r\n");
    expect(ics).not.toMatch(/[^\r]\n/);
  });

  it("escapes text and folds long lines at 75 octets without splitting a character", () => {
    expect(icsText("a, b; c\\d\ne")).toBe("a\\, b\\; c\\\\d\\ne");
    const long = `DESCRIPTION:${"æ".repeat(60)}`;
    const folded = fold(long);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n ").join("")).toBe(long);
  });
});
