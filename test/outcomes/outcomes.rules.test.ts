import { describe, expect, it } from "vitest";
import {
  checkAnswerChange,
  checkDecisionChange,
  checkEnrolAgain,
  checkFeedbackAllowed,
  checkFeedbackDates,
  checkFollowUpStart,
  checkPlanRemoval,
  checkStatusDate,
  checkStepDone,
  cohortYear,
  employerMaySeeCandidates,
  employerSeesName,
  eventHeld,
  firstParticipation,
  followUpDueDates,
  followUpSteps,
  parseDecisionChoice,
  participations,
  tookPart,
} from "../../server/outcomes/outcomes.rules";

// 10 Dec 2026 is the event; Oslo is UTC+1 in December.
const at = (iso: string) => new Date(iso);

describe("what an employer sees", () => {
  // Interviews start 15:30 Oslo (14:30 UTC).
  it.each([
    ["the evening before (Oslo)", "2026-12-09T22:59:00Z", false],
    ["from midnight on the day (Oslo)", "2026-12-09T23:00:00Z", false],
    ["the morning of the day", "2026-12-10T09:00:00Z", false],
    ["a minute before the first interview", "2026-12-10T14:29:00Z", false],
    ["when the first interview starts", "2026-12-10T14:30:00Z", true],
    ["the day after", "2026-12-11T10:00:00Z", true],
  ])("%s: candidates visible = %s", (_name, now, visible) => {
    expect(employerMaySeeCandidates({ date: "2026-12-10", interviewStart: "15:30" }, at(now))).toBe(visible);
  });

  it("counts the first interview in Oslo time on a DST-change day", () => {
    // 29 March 2026: Oslo moves to UTC+2 at 02:00, so 10:00 Oslo is 08:00 UTC.
    const e = { date: "2026-03-29", interviewStart: "10:00" };
    expect(employerMaySeeCandidates(e, at("2026-03-29T07:59:00Z"))).toBe(false);
    expect(employerMaySeeCandidates(e, at("2026-03-29T08:00:00Z"))).toBe(true);
  });

  it.each([
    ["Ola Nordmann", "Ola N."],
    ["Åse-Marie Ø.", "Åse-Marie Ø."],
    ["  kari   berg  hansen ", "kari H."],
    ["Ali", "Ali"],
  ])("shows %j as %j (first name and initial)", (name, shown) => {
    expect(employerSeesName(name)).toBe(shown);
  });

  // Ola's interview starts 16:00 Oslo (15:00 UTC).
  const startsAt = "2026-12-10T15:00:00.000Z";
  it.each([
    [{ startsAt, stage: "scheduled", noShow: false }, "2026-12-09T12:00:00Z", "too-early"],
    [{ startsAt, stage: "scheduled", noShow: false }, "2026-12-10T08:00:00Z", "too-early"],
    [{ startsAt, stage: "scheduled", noShow: false }, "2026-12-10T14:59:00Z", "too-early"],
    [{ startsAt, stage: "in-room", noShow: false }, "2026-12-10T15:00:00Z", null],
    [{ startsAt, stage: "no-show", noShow: false }, "2026-12-10T18:00:00Z", "no-show"],
    [{ startsAt, stage: "scheduled", noShow: true }, "2026-12-10T18:00:00Z", "no-show"],
    [{ startsAt, stage: "scheduled", noShow: false }, "2026-12-10T18:00:00Z", null],
    [{ startsAt, stage: "finished", noShow: false }, "2027-03-01T12:00:00Z", null],
  ])("feedback on %j at %s: refusal %s", (i, now, reason) => {
    const d = checkFeedbackAllowed(i, at(now));
    expect(d.ok ? null : d.reason).toBe(reason);
  });

  it("tells the employer when feedback can be given", () => {
    const d = checkFeedbackAllowed(
      { startsAt, stage: "scheduled", noShow: false },
      at("2026-12-10T09:00:00Z"),
    );
    expect(d).toMatchObject({ ok: false, message: expect.stringContaining("10. desember 2026 kl. 16:00") });
  });
});

describe("the employer's decision", () => {
  it.each([
    ["offer:lonnstilskudd", undefined, { decision: "offer", offerKind: "lonnstilskudd" }],
    ["maybe", "2026-12-20", { decision: "maybe", decideBy: "2026-12-20" }],
    ["no-offer", undefined, { decision: "no-offer" }],
  ] as const)("reads %s", (choice, decideBy, expected) => {
    expect(parseDecisionChoice(choice, decideBy)).toEqual(expected);
  });

  it.each([
    ["a maybe without a date", { decision: { decision: "maybe", decideBy: "" } }, ["decideBy"]],
    [
      "a maybe dated before the event",
      { decision: { decision: "maybe", decideBy: "2026-12-01" } },
      ["decideBy"],
    ],
    [
      "a second interview before the event",
      { secondInterviewOn: "2026-12-09", decision: { decision: "no-offer" } },
      ["secondInterviewOn"],
    ],
    [
      "dates on the event day",
      { secondInterviewOn: "2026-12-10", decision: { decision: "maybe", decideBy: "2026-12-10" } },
      [],
    ],
  ] as const)("checks %s", (_name, f, fields) => {
    expect(Object.keys(checkFeedbackDates("2026-12-10", f))).toEqual(fields);
  });

  it.each([
    ["no offer before", null, { decision: "no-offer" }, true],
    [
      "a pending offer withdrawn",
      { kind: "arbeidstrening", answer: "pending" },
      { decision: "no-offer" },
      true,
    ],
    [
      "a pending offer changed",
      { kind: "arbeidstrening", answer: "pending" },
      { decision: "offer", offerKind: "ordinar" },
      true,
    ],
    [
      "an accepted offer kept",
      { kind: "arbeidstrening", answer: "accepted" },
      { decision: "offer", offerKind: "arbeidstrening" },
      true,
    ],
    [
      "an accepted offer withdrawn",
      { kind: "arbeidstrening", answer: "accepted" },
      { decision: "no-offer" },
      false,
    ],
    [
      "a declined offer changed to another kind",
      { kind: "arbeidstrening", answer: "declined" },
      { decision: "offer", offerKind: "lonnstilskudd" },
      false,
    ],
    [
      "an accepted offer turned into maybe",
      { kind: "ordinar", answer: "accepted" },
      { decision: "maybe", decideBy: "2026-12-20" },
      false,
    ],
  ] as const)("%s: allowed = %s", (_name, existing, next, ok) => {
    expect(checkDecisionChange(existing, next).ok).toBe(ok);
  });

  it("explains why an answered offer cannot be withdrawn", () => {
    const d = checkDecisionChange({ kind: "arbeidstrening", answer: "accepted" }, { decision: "no-offer" });
    expect(d.ok ? "" : d.message).toContain(
      "har allerede takket ja til tilbudet om arbeidstrening/arbeidspraksis",
    );
  });

  it.each([
    ["pending", "accepted", false, true],
    ["accepted", "declined", false, true],
    ["accepted", "declined", true, false],
    ["accepted", "pending", true, false],
    ["accepted", "accepted", true, true],
    ["declined", "accepted", true, true],
  ] as const)("answer %s → %s with a plan = %s: allowed %s", (from, to, plan, ok) => {
    expect(checkAnswerChange(from, to, plan).ok).toBe(ok);
  });
});

describe("follow-up due dates", () => {
  it.each([
    ["2027-01-10", { kickoff: "2027-01-10", first: "2027-02-10", evaluation: "2027-04-10" }],
    // Month ends clamp: a month after 31 January is 28 February.
    ["2027-01-31", { kickoff: "2027-01-31", first: "2027-02-28", evaluation: "2027-04-30" }],
    ["2028-01-31", { kickoff: "2028-01-31", first: "2028-02-29", evaluation: "2028-04-30" }],
    ["2026-11-30", { kickoff: "2026-11-30", first: "2026-12-30", evaluation: "2027-02-28" }],
  ])("from a start on %s", (start, due) => {
    expect(followUpDueDates(start)).toEqual(due);
  });

  const plan = { startOn: "2027-01-10", kickoffDoneOn: null, firstDoneOn: null, evaluationDoneOn: null };
  const states = (p: typeof plan | Record<string, string | null>, now: string) =>
    followUpSteps(p as typeof plan, at(now)).map((s) => s.state);

  it.each([
    ["long before", "2026-12-15T12:00:00Z", ["upcoming", "upcoming", "upcoming"]],
    ["a week before the start", "2027-01-03T12:00:00Z", ["due-soon", "upcoming", "upcoming"]],
    ["on the start day", "2027-01-10T12:00:00Z", ["due-soon", "upcoming", "upcoming"]],
    ["the day after the start", "2027-01-11T12:00:00Z", ["overdue", "upcoming", "upcoming"]],
    ["a month and a day after", "2027-02-11T12:00:00Z", ["overdue", "overdue", "upcoming"]],
    ["four months after", "2027-05-11T12:00:00Z", ["overdue", "overdue", "overdue"]],
  ])("%s", (_name, now, expected) => {
    expect(states(plan, now)).toEqual(expected);
  });

  it("counts a done step as done however late", () => {
    expect(
      states({ ...plan, kickoffDoneOn: "2027-01-10", firstDoneOn: "2027-02-20" }, "2027-05-11T12:00:00Z"),
    ).toEqual(["done", "done", "overdue"]);
  });

  it("uses the Oslo date: 23:30 UTC on the due date is already the next day in Oslo", () => {
    expect(states(plan, "2027-01-10T23:30:00Z")[0]).toBe("overdue");
  });

  it.each([
    ["2026-12-09", ["startOn"]],
    ["2026-12-10", []],
    ["2027-12-10", []],
    ["2027-12-11", ["startOn"]],
  ])("a start on %s after an event on 10 Dec 2026: errors %j", (start, fields) => {
    expect(Object.keys(checkFollowUpStart("2026-12-10", start))).toEqual(fields);
  });

  it.each([
    ["2027-01-12", "2027-01-12T08:00:00Z", []],
    ["2027-01-13", "2027-01-12T08:00:00Z", ["doneOn"]],
    ["2026-12-01", "2027-01-12T08:00:00Z", ["doneOn"]],
  ])("a step done on %s (now %s): errors %j", (doneOn, now, fields) => {
    expect(Object.keys(checkStepDone("2026-12-10", doneOn, at(now)))).toEqual(fields);
  });

  it("refuses to delete a plan that has a step done", () => {
    expect(checkPlanRemoval(plan).ok).toBe(true);
    expect(checkPlanRemoval({ ...plan, kickoffDoneOn: "2027-01-10" }).ok).toBe(false);
  });
});

describe("who took part, and cohorts", () => {
  const today = "2027-01-15";
  it.each([
    [{ status: "held", date: "2026-12-10" }, true],
    [{ status: "archived", date: "2026-12-10" }, true],
    [{ status: "closed", date: "2026-12-10" }, true],
    [{ status: "open", date: "2026-12-10" }, true],
    [{ status: "closed", date: "2027-01-15" }, false],
    [{ status: "draft", date: "2026-12-10" }, false],
  ])("event %j held: %s", (e, held) => {
    expect(eventHeld(e, today)).toBe(held);
  });

  it.each([
    [{ status: "held", date: "2026-12-10", noShow: false, interviews: 2 }, true],
    [{ status: "held", date: "2026-12-10", noShow: true, interviews: 0 }, false],
    [{ status: "held", date: "2026-12-10", noShow: false, interviews: 0 }, false],
    [{ status: "draft", date: "2026-12-10", noShow: false, interviews: 1 }, false],
    // A Speedintervju counts like Ta sjansen: at least one interview.
    [{ status: "held", date: "2026-12-10", noShow: false, interviews: 1, format: "speedintervju" }, true],
    [{ status: "held", date: "2026-12-10", noShow: false, interviews: 0, format: "speedintervju" }, false],
    // A Minijobbmesse has no interviews: a registered candidate counts once checked in.
    [
      {
        status: "held",
        date: "2026-12-10",
        noShow: false,
        interviews: 0,
        format: "minijobbmesse",
        arrived: true,
      },
      true,
    ],
    [
      {
        status: "held",
        date: "2026-12-10",
        noShow: false,
        interviews: 0,
        format: "minijobbmesse",
        arrived: false,
      },
      false,
    ],
    [
      {
        status: "held",
        date: "2026-12-10",
        noShow: true,
        interviews: 0,
        format: "minijobbmesse",
        arrived: true,
      },
      false,
    ],
    [
      {
        status: "open",
        date: "2027-01-15",
        noShow: false,
        interviews: 0,
        format: "minijobbmesse",
        arrived: true,
      },
      false,
    ],
  ])("candidate %j took part: %s", (c, yes) => {
    expect(tookPart(c, today)).toBe(yes);
  });

  it("merges history into a tool event on the same region and date", () => {
    const list = participations(
      [
        {
          personId: 1,
          eventId: 7,
          regionId: 1,
          status: "held",
          date: "2026-12-10",
          noShow: false,
          interviews: 1,
        },
        {
          personId: 2,
          eventId: 7,
          regionId: 1,
          status: "held",
          date: "2026-12-10",
          noShow: true,
          interviews: 0,
        },
      ],
      [{ personId: 3, regionId: 1, date: "2026-12-10" }],
      today,
    );
    expect(list).toEqual([
      { personId: 1, date: "2026-12-10", eventKey: "event:7", format: "ta-sjansen" },
      { personId: 3, date: "2026-12-10", eventKey: "event:7", format: "ta-sjansen" },
    ]);
  });

  it("keeps two tool events on one day in one region apart, and history on other days by date", () => {
    const held = (personId: number, eventId: number, regionId: number, date: string) => ({
      personId,
      eventId,
      regionId,
      status: "held",
      date,
      noShow: false,
      interviews: 1,
    });
    const list = participations(
      [held(1, 9, 1, "2026-12-10"), held(2, 8, 1, "2026-12-10"), held(3, 5, 2, "2026-12-10")],
      [
        { personId: 4, regionId: 1, date: "2026-12-10" },
        { personId: 5, regionId: 1, date: "2015-03-12" },
        { personId: 6, regionId: 1, date: "2015-03-12" },
        { personId: 7, regionId: 2, date: "2015-03-12" },
        // A held event nobody came to still takes the history of its day.
        { personId: 8, regionId: 1, date: "2026-11-05" },
      ],
      today,
      [
        { id: 9, regionId: 1, date: "2026-12-10" },
        { id: 8, regionId: 1, date: "2026-12-10" },
        { id: 5, regionId: 2, date: "2026-12-10" },
        { id: 4, regionId: 1, date: "2026-11-05" },
      ],
    );
    expect(list.map((x) => [x.personId, x.eventKey])).toEqual([
      [1, "event:9"],
      [2, "event:8"],
      [3, "event:5"],
      [4, "event:8"],
      [5, "1:2015-03-12"],
      [6, "1:2015-03-12"],
      [7, "2:2015-03-12"],
      [8, "event:4"],
    ]);
  });

  it("gives each person their first date, and the cohort is its year", () => {
    const first = firstParticipation([
      { personId: 1, date: "2015-02-01", eventKey: "a" },
      { personId: 1, date: "2014-11-01", eventKey: "b" },
      { personId: 2, date: "2016-05-01", eventKey: "c" },
    ]);
    expect([...first]).toEqual([
      [1, "2014-11-01"],
      [2, "2016-05-01"],
    ]);
    expect(cohortYear(["2015-02-01", "2014-11-01"])).toBe(2014);
    expect(cohortYear([])).toBeNull();
  });
});

describe("the status register's dates", () => {
  const now = at("2028-06-01T10:00:00Z");
  it.each([
    ["the day before the event", "2026-12-09", "status-before-event"],
    ["six months after", "2027-06-10", "status-too-early"],
    ["eleven months and thirty days after", "2027-12-09", "status-too-early"],
    ["a date in the future", "2028-06-02", "status-in-future"],
  ])("refuses %s", (_name, asOf, reason) => {
    const d = checkStatusDate("2026-12-10", asOf, now);
    expect(d.ok ? null : d.reason).toBe(reason);
  });

  it.each([
    ["exactly twelve months after", "2027-12-10"],
    ["years after", "2028-06-01"],
  ])("accepts %s", (_name, asOf) => {
    expect(checkStatusDate("2026-12-10", asOf, now).ok).toBe(true);
  });

  it("says from which date a status may be recorded", () => {
    const d = checkStatusDate("2015-04-05", "2015-10-01", now);
    expect(d.ok ? "" : d.message).toContain("tidligst 5. april 2016");
  });
});

describe("the same candidate to another event", () => {
  const now = at("2026-11-27T09:00:00Z");
  const target = { id: 7, regionId: 1, status: "open", bookingDeadline: "2027-02-03T11:00:00.000Z" };
  it.each([
    ["an open event in the region", target, { regionId: 1, eventIds: [3] }, null],
    ["an event they are on", target, { regionId: 1, eventIds: [3, 7] }, "already-on-event"],
    ["another region's event", target, { regionId: 2, eventIds: [3] }, "other-region"],
    ["a closed event", { ...target, status: "closed" }, { regionId: 1, eventIds: [3] }, "booking-closed"],
    [
      "after the deadline",
      { ...target, bookingDeadline: "2026-11-27T08:00:00.000Z" },
      { regionId: 1, eventIds: [3] },
      "booking-closed",
    ],
  ])("%s", (_name, t, person, reason) => {
    const d = checkEnrolAgain(t, person, now);
    expect(d.ok ? null : d.reason).toBe(reason);
  });
});
