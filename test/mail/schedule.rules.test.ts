import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  DIGEST_CATCH_UP_MS,
  digestDecision,
  latestWeekly,
  nextWeekly,
  reminderDecision,
  reminderDueAt,
} from "../../server/mail/schedule.rules";

const MONDAY_8 = { weekday: 1, time: "08:00" };
const iso = (d: Date) => d.toISOString();

describe("weekly schedule in Europe/Oslo across DST changes", () => {
  it.each([
    // Autumn: summer time ends Sunday 25 October 2026 (08:00 CEST = 06:00Z, 08:00 CET = 07:00Z).
    ["the Monday after the autumn change, from Saturday", "2026-10-24T12:00:00Z", "2026-10-26T07:00:00.000Z"],
    ["the week after, from the Monday run itself", "2026-10-19T06:00:00Z", "2026-10-26T07:00:00.000Z"],
    ["Monday 00:30 Oslo (Sunday in UTC)", "2026-10-25T23:30:00Z", "2026-10-26T07:00:00.000Z"],
    // Spring: summer time starts Sunday 28 March 2027.
    ["the Monday after the spring change, from Saturday", "2027-03-27T12:00:00Z", "2027-03-29T06:00:00.000Z"],
    ["a plain winter week", "2027-03-16T12:00:00Z", "2027-03-22T07:00:00.000Z"],
  ])("nextWeekly: %s", (_name, now, expected) => {
    expect(iso(nextWeekly(MONDAY_8, new Date(now)))).toBe(expected);
  });

  it.each([
    [
      "just before 08:00 CET on the Monday after the autumn change",
      "2026-10-26T06:59:00Z",
      "2026-10-19T06:00:00.000Z",
    ],
    ["at 08:00 CET on that Monday", "2026-10-26T07:00:00Z", "2026-10-26T07:00:00.000Z"],
    [
      "just before 08:00 CEST on the Monday after the spring change",
      "2027-03-29T05:59:00Z",
      "2027-03-22T07:00:00.000Z",
    ],
    ["at 08:00 CEST on that Monday", "2027-03-29T06:00:00Z", "2027-03-29T06:00:00.000Z"],
    ["on the Sunday of the spring change", "2027-03-28T12:00:00Z", "2027-03-22T07:00:00.000Z"],
  ])("latestWeekly: %s", (_name, now, expected) => {
    expect(iso(latestWeekly(MONDAY_8, new Date(now)))).toBe(expected);
  });

  it("keeps Monday 08:00 Oslo wall-clock time through ten weeks spanning the autumn change", () => {
    let now = new Date("2026-10-01T00:00:00Z");
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      now = nextWeekly(MONDAY_8, now);
      seen.push(DateTime.fromJSDate(now, { zone: "Europe/Oslo" }).toFormat("cccc HH:mm"));
    }
    expect(new Set(seen)).toEqual(new Set(["Monday 08:00"]));
  });

  it("moves a time inside the spring-forward gap to the hour after (02:30 does not exist on 28 March 2027)", () => {
    const due = nextWeekly({ weekday: 7, time: "02:30" }, new Date("2027-03-27T12:00:00Z"));
    expect(iso(due)).toBe("2027-03-28T01:30:00.000Z"); // 03:30 CEST
  });
});

describe("reminderDueAt", () => {
  it.each([
    ["two days before, both days in winter time", "2027-03-29", 2, "08:00", "2027-03-27T07:00:00.000Z"],
    ["two days before, falling on the spring DST day", "2027-03-30", 2, "08:00", "2027-03-28T06:00:00.000Z"],
    ["two days before, on the autumn DST day", "2026-10-27", 2, "08:00", "2026-10-25T07:00:00.000Z"],
    ["the same day", "2018-04-05", 0, "09:30", "2018-04-05T07:30:00.000Z"],
  ])("%s", (_name, date, days, time, expected) => {
    expect(iso(reminderDueAt(date, days, time))).toBe(expected);
  });
});

describe("run decisions", () => {
  const due = new Date("2026-11-30T07:00:00Z");
  const never = () => false;
  const always = () => true;
  it.each([
    ["runs at the due instant", { enabled: true }, never, "2026-11-30T07:00:00Z", { run: true, dueAt: due }],
    [
      "runs a missed run after a restart within the catch-up window",
      { enabled: true },
      never,
      "2026-11-30T15:00:00Z",
      { run: true, dueAt: due },
    ],
    [
      "does not repeat a recorded run",
      { enabled: true },
      always,
      "2026-11-30T07:05:00Z",
      { run: false, why: "already-ran" },
    ],
    [
      "does not send a stale digest days later",
      { enabled: true },
      never,
      "2026-12-03T09:00:00Z",
      { run: false, why: "too-late" },
    ],
    [
      "does nothing when switched off",
      { enabled: false },
      never,
      "2026-11-30T07:00:00Z",
      { run: false, why: "not-due" },
    ],
  ])("digest: %s", (_name, s, hasRun, now, expected) => {
    expect(digestDecision({ ...MONDAY_8, ...s }, hasRun, new Date(now))).toEqual(expected);
  });

  it("has a catch-up window of a day", () => {
    expect(DIGEST_CATCH_UP_MS).toBe(24 * 3600_000);
  });

  const remindAt = new Date("2026-12-08T07:00:00Z");
  const starts = new Date("2026-12-10T14:30:00Z");
  it.each([
    ["not before its time", never, "2026-12-08T06:59:00Z", { run: false, why: "not-due" }],
    ["at its time", never, "2026-12-08T07:00:00Z", { run: true, dueAt: remindAt, first: true }],
    [
      "late, after a server was down, while the event is still ahead",
      never,
      "2026-12-10T09:00:00Z",
      { run: true, dueAt: remindAt, first: true },
    ],
    ["never once the event has started", never, "2026-12-10T14:30:00Z", { run: false, why: "too-late" }],
    [
      "again after it ran, for veiledere who booked since",
      always,
      "2026-12-09T07:00:00Z",
      { run: true, dueAt: remindAt, first: false },
    ],
    [
      "not even then once the event has started",
      always,
      "2026-12-10T14:30:00Z",
      { run: false, why: "too-late" },
    ],
  ])("reminder: %s", (_name, hasRun, now, expected) => {
    expect(reminderDecision(remindAt, starts, hasRun, new Date(now))).toEqual(expected);
  });
});
