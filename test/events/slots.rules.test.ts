import { describe, expect, it } from "vitest";
import { checkEventDates, defaultBookingDeadline } from "../../server/events/events.rules";
import { checkWindow, deriveSlots, planSlotChange, slotCapacity } from "../../server/events/slots.rules";

const base = {
  date: "2018-04-05",
  interviewStart: "15:30",
  interviewEnd: "17:30",
  slotMinutes: 30,
  gapMinutes: 0,
};

describe("slot capacity", () => {
  it.each([
    ["15:30", "17:30", 30, 0, 4],
    ["15:30", "17:25", 25, 5, 4],
    ["15:30", "17:30", 25, 5, null],
    ["15:30", "17:30", 40, 0, 3],
    ["15:30", "17:30", 45, 0, null],
    ["17:30", "15:30", 30, 0, null],
    ["15:30", "16:00", 30, 10, 1],
  ])("%s–%s with %i min slots and %i min gap holds %s", (s, e, slot, gap, expected) => {
    expect(slotCapacity({ interviewStart: s, interviewEnd: e, slotMinutes: slot, gapMinutes: gap })).toBe(
      expected,
    );
  });
});

describe("window checks", () => {
  it("accepts the standard window", () => {
    expect(checkWindow(base)).toEqual({});
  });

  it("refuses a window that ends before it starts", () => {
    expect(checkWindow({ ...base, interviewEnd: "15:00" }).interviewEnd).toContain("slutte etter");
  });

  it("refuses slots that do not fill the window and suggests end times", () => {
    const errors = checkWindow({ ...base, slotMinutes: 25, gapMinutes: 5 });
    expect(errors.slotMinutes).toContain("går ikke opp");
    expect(errors.slotMinutes).toContain("17:25");
  });

  it("refuses a time that does not exist on the spring-forward day", () => {
    const errors = checkWindow({
      ...base,
      date: "2027-03-28",
      interviewStart: "02:30",
      interviewEnd: "04:30",
    });
    expect(errors.interviewStart).toContain("finnes ikke");
  });
});

describe("deriving slots in Europe/Oslo", () => {
  it("stores 15:30 summer time as 13:30 UTC", () => {
    const slots = deriveSlots(base, 4);
    expect(slots.map((s) => s.startsAt)).toEqual([
      "2018-04-05T13:30:00.000Z",
      "2018-04-05T14:00:00.000Z",
      "2018-04-05T14:30:00.000Z",
      "2018-04-05T15:00:00.000Z",
    ]);
    expect(slots[3].endsAt).toBe("2018-04-05T15:30:00.000Z");
  });

  it("uses winter time on the autumn DST-change day (2026-10-25)", () => {
    const slots = deriveSlots({ ...base, date: "2026-10-25" }, 4);
    expect(slots[0].startsAt).toBe("2026-10-25T14:30:00.000Z");
    expect(slots[3].endsAt).toBe("2026-10-25T16:30:00.000Z");
  });

  it("uses summer time on the spring DST-change day (2027-03-28)", () => {
    const slots = deriveSlots({ ...base, date: "2027-03-28" }, 4);
    expect(slots[0].startsAt).toBe("2027-03-28T13:30:00.000Z");
  });

  it("still uses summer time for night slots before the autumn change at 03:00", () => {
    const slots = deriveSlots(
      { date: "2026-10-25", interviewStart: "00:30", interviewEnd: "01:30", slotMinutes: 30, gapMinutes: 0 },
      2,
    );
    expect(slots.map((s) => s.startsAt)).toEqual(["2026-10-24T22:30:00.000Z", "2026-10-24T23:00:00.000Z"]);
  });

  it("leaves the changeover gap between slots", () => {
    const slots = deriveSlots({ ...base, interviewEnd: "17:25", slotMinutes: 25, gapMinutes: 5 }, 2);
    expect(slots[1].startsAt).toBe("2018-04-05T14:00:00.000Z");
    expect(slots[0].endsAt).toBe("2018-04-05T13:55:00.000Z");
  });
});

describe("changing slots", () => {
  const s = (id: number, start: string, booked = false) => ({
    id,
    startsAt: `2018-04-05T${start}:00.000Z`,
    endsAt: `2018-04-05T${start}:30.000Z`,
    booked,
  });

  it("keeps matching slots, removes free ones and adds new ones", () => {
    const times = (x: ReturnType<typeof s>) => ({ startsAt: x.startsAt, endsAt: x.endsAt });
    const plan = planSlotChange([s(1, "13"), s(2, "14", true)], [times(s(0, "14")), times(s(0, "15"))]);
    expect(plan).toEqual({
      ok: true,
      keep: [2],
      remove: [1],
      add: [{ startsAt: s(0, "15").startsAt, endsAt: s(0, "15").endsAt }],
    });
  });

  it("refuses to drop a booked slot and says which", () => {
    const plan = planSlotChange([s(1, "13", true), s(2, "14")], [s(0, "14")]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.dropped.map((d) => d.id)).toEqual([1]);
  });
});

describe("event dates", () => {
  const now = new Date("2026-11-27T09:00:00Z");

  it("refuses a date in the past", () => {
    const errors = checkEventDates(
      { date: "2026-11-26", interviewStart: "15:30", bookingDeadline: "2026-11-25T11:00:00Z" },
      now,
    );
    expect(errors.date).toContain("har vært");
  });

  it("accepts today", () => {
    expect(
      checkEventDates(
        { date: "2026-11-27", interviewStart: "15:30", bookingDeadline: "2026-11-27T10:00:00.000Z" },
        now,
      ),
    ).toEqual({});
  });

  it("refuses a deadline after the first interview", () => {
    const errors = checkEventDates(
      { date: "2026-12-03", interviewStart: "15:30", bookingDeadline: "2026-12-03T16:00:00.000Z" },
      now,
    );
    expect(errors.bookingDeadline).toBeDefined();
  });

  it("defaults the deadline to noon Oslo time the day before", () => {
    expect(defaultBookingDeadline("2018-04-05")).toBe("2018-04-04T10:00:00.000Z");
    expect(defaultBookingDeadline("2027-03-29")).toBe("2027-03-28T10:00:00.000Z");
  });
});

describe("a window over the spring-forward hour", () => {
  it("is refused with a message rather than failing later", () => {
    const errors = checkWindow({
      date: "2027-03-28",
      interviewStart: "01:30",
      interviewEnd: "03:30",
      slotMinutes: 30,
      gapMinutes: 0,
    });
    expect(errors.interviewStart).toContain("sommertid");
  });
});

describe("a window over the autumn fall-back hour", () => {
  const autumn = { date: "2026-10-25", slotMinutes: 30, gapMinutes: 0 };

  it("is refused with a message, since 02:30 happens twice and a slot over it would last 90 minutes", () => {
    const errors = checkWindow({ ...autumn, interviewStart: "01:30", interviewEnd: "03:30" });
    expect(errors.interviewStart).toContain("vintertid");
  });

  it("is refused when only one slot lies inside the repeated hour", () => {
    expect(
      checkWindow({ ...autumn, interviewStart: "02:00", interviewEnd: "02:30" }).interviewStart,
    ).toContain("gjentas");
  });

  it("accepts a window that ends as the repeated hour begins", () => {
    expect(checkWindow({ ...autumn, interviewStart: "01:00", interviewEnd: "02:00" })).toEqual({});
  });

  it("accepts a window that starts once the repeated hour is over, with slots of their real length", () => {
    expect(checkWindow({ ...autumn, interviewStart: "03:00", interviewEnd: "04:00" })).toEqual({});
    const slots = deriveSlots({ ...autumn, interviewStart: "03:00", interviewEnd: "04:00" }, 2);
    expect(slots.map((s) => s.startsAt)).toEqual(["2026-10-25T02:00:00.000Z", "2026-10-25T02:30:00.000Z"]);
    expect(slots[1].endsAt).toBe("2026-10-25T03:00:00.000Z");
  });

  it("leaves an ordinary autumn Sunday afternoon alone", () => {
    expect(checkWindow({ ...autumn, interviewStart: "15:30", interviewEnd: "17:30" })).toEqual({});
  });
});
