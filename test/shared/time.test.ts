import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, formatInstant, formatTime, osloDateTime } from "../../server/shared/time";

describe("fast time formatting", () => {
  it("formats any instant as luxon does in Oslo, across DST changes", () => {
    const instants = fc
      .integer({ min: Date.parse("2015-01-01T00:00:00Z"), max: Date.parse("2035-12-31T00:00:00Z") })
      .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString());
    fc.assert(
      fc.property(instants, (iso) => {
        expect(formatTime(iso)).toBe(osloDateTime(iso).toFormat("HH:mm"));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["2026-10-25T00:30:00.000Z", "02:30"],
    ["2026-10-25T01:30:00.000Z", "02:30"],
    ["2027-03-28T01:00:00.000Z", "03:00"],
    ["2018-04-05T13:30:00.000Z", "15:30"],
    ["2026-12-10T23:00:00.000Z", "00:00"],
  ])("shows %s as %s", (iso, expected) => {
    expect(formatTime(iso)).toBe(expected);
  });

  it("gives the same text for a date however often it is asked", () => {
    expect(formatDate("2018-04-05")).toBe("5. april 2018");
    expect(formatDate("2018-04-05")).toBe("5. april 2018");
    expect(formatInstant("2018-04-05T10:00:00.000Z")).toBe("5. april 2018 kl. 12:00");
  });
});
