import { describe, expect, it } from "vitest";
import {
  boardName,
  byUrgency,
  type CandidateDay,
  candidatePlan,
  decideHostAction,
  decideUndo,
  effectiveTime,
  type HostAction,
  roomState,
  type StepInterview,
  type UndoTarget,
} from "../../server/dayof/dayof.rules";

const c = (o: Partial<CandidateDay> = {}): CandidateDay => ({
  id: 1,
  arrivedAt: null,
  pepTalkAt: null,
  noShowAt: null,
  version: 3,
  interviews: [
    { bookingId: 10, participationId: 1, stage: "scheduled" },
    { bookingId: 11, participationId: 2, stage: "scheduled" },
  ],
  ...o,
});
const T = "2026-12-10T14:30:00.000Z";

describe("host actions", () => {
  it.each<[string, HostAction, CandidateDay | null, string | null]>([
    ["arrive", { kind: "arrive", candidateId: 1, version: 3 }, c(), null],
    ["arrive twice", { kind: "arrive", candidateId: 1, version: 3 }, c({ arrivedAt: T }), "already-arrived"],
    ["arrive with a stale version", { kind: "arrive", candidateId: 1, version: 2 }, c(), "stale"],
    ["pep talk before arrival", { kind: "pep-talk", candidateId: 1, version: 3 }, c(), "not-arrived"],
    ["pep talk after arrival", { kind: "pep-talk", candidateId: 1, version: 3 }, c({ arrivedAt: T }), null],
    [
      "no-show of someone who came",
      { kind: "no-show", candidateId: 1, version: 3 },
      c({ arrivedAt: T }),
      "already-arrived",
    ],
    ["no-show", { kind: "no-show", candidateId: 1, version: 3 }, c(), null],
    ["start", { kind: "start", bookingId: 10, version: 3 }, c({ arrivedAt: T }), null],
    [
      "start while in the other room",
      { kind: "start", bookingId: 11, version: 3 },
      c({
        interviews: [
          { bookingId: 10, participationId: 1, stage: "in-room" },
          { bookingId: 11, participationId: 2, stage: "scheduled" },
        ],
      }),
      "candidate-in-other-room",
    ],
    [
      "start twice",
      { kind: "start", bookingId: 10, version: 3 },
      c({ interviews: [{ bookingId: 10, participationId: 1, stage: "in-room" }] }),
      "already-started",
    ],
    [
      "finish a finished interview",
      { kind: "finish", bookingId: 10, version: 3 },
      c({ interviews: [{ bookingId: 10, participationId: 1, stage: "finished" }] }),
      "already-finished",
    ],
    ["finish before start", { kind: "finish", bookingId: 10, version: 3 }, c(), "not-started"],
    [
      "finish",
      { kind: "finish", bookingId: 10, version: 3 },
      c({ interviews: [{ bookingId: 10, participationId: 1, stage: "in-room" }] }),
      null,
    ],
    ["delay of -500 minutes", { kind: "delay", participationId: 1, minutes: -500 }, null, "invalid-delay"],
    ["delay of 15 minutes", { kind: "delay", participationId: 1, minutes: 15 }, null, null],
    ["delay of 2.5 minutes", { kind: "delay", participationId: 1, minutes: 2.5 }, null, "invalid-delay"],
  ])("%s", (_n, action, candidate, expected) => {
    const d = decideHostAction(action, candidate);
    expect(d.ok ? null : d.reason).toBe(expected);
  });
});

describe("room state", () => {
  const slot = (
    h: string,
    booking: {
      stage: "scheduled" | "in-room" | "finished" | "no-show";
      startedAt?: string;
      arrived?: boolean;
    } | null,
  ) => ({
    startsAt: `2026-12-10T${h}:00.000Z`,
    endsAt: new Date(Date.parse(`2026-12-10T${h}:00.000Z`) + 30 * 60_000).toISOString(),
    booking: booking
      ? { stage: booking.stage, startedAt: booking.startedAt ?? null, arrived: booking.arrived ?? false }
      : null,
  });
  const now = new Date("2026-12-10T14:40:00Z");

  it("is in interview with minutes left while someone is inside", () => {
    const r = roomState(
      [
        slot("14:30", { stage: "in-room", startedAt: "2026-12-10T14:32:00.000Z" }),
        slot("15:00", { stage: "scheduled" }),
      ],
      0,
      30,
      now,
    );
    expect(r).toMatchObject({ state: "in-interview", currentIndex: 0, nextIndex: 1, minutesLeft: 22 });
  });

  it("is waiting when the next candidate has arrived", () => {
    expect(
      roomState(
        [slot("14:30", { stage: "finished" }), slot("15:00", { stage: "scheduled", arrived: true })],
        0,
        30,
        now,
      ).state,
    ).toBe("waiting");
  });

  it("is finished for the day when nobody is left", () => {
    expect(roomState([slot("14:30", { stage: "finished" }), slot("15:00", null)], 0, 30, now).state).toBe(
      "finished",
    );
  });

  it("shifts the room's times by its delay", () => {
    const r = roomState([slot("15:00", { stage: "scheduled" })], 15, 30, now);
    expect(r.slots[0].startsAt).toBe("2026-12-10T15:15:00.000Z");
  });
});

describe("a delay shifts only what is still to come", () => {
  // Oslo 15:30 is 14:30 UTC in December. The room is set 10 minutes late at 16:00 Oslo.
  const at = (h: string) => `2026-12-10T${h}:00.000Z`;
  const slot = (
    h: string,
    stage: "scheduled" | "in-room" | "finished" | "no-show" | null,
    startedAt?: string,
  ) => ({
    startsAt: at(h),
    endsAt: new Date(Date.parse(at(h)) + 30 * 60_000).toISOString(),
    booking: stage ? { stage, startedAt: startedAt ?? null, arrived: true } : null,
  });
  const sixteen = new Date(at("15:00"));

  it("keeps a room's finished 15:30 interview at 15:30 when the room is 10 minutes late at 16:00", () => {
    const r = roomState(
      [slot("14:30", "finished", at("14:30")), slot("15:00", "scheduled"), slot("15:30", "scheduled")],
      10,
      30,
      sixteen,
    );
    expect(r.slots.map((x) => [x.startsAt, x.shifted])).toEqual([
      [at("14:30"), false],
      [at("15:10"), true],
      [at("15:40"), true],
    ]);
  });

  it.each<[string, ReturnType<typeof slot>, string]>([
    [
      "an interview that started shows when it really started",
      slot("15:00", "in-room", at("15:03")),
      at("15:03"),
    ],
    ["a no-show keeps its planned time", slot("14:30", "no-show"), at("14:30")],
    ["a past empty slot keeps its planned time", slot("14:00", null), at("14:00")],
    ["a coming empty slot moves", slot("15:30", null), at("15:40")],
    ["a booked interview not yet started moves", slot("15:00", "scheduled"), at("15:10")],
  ])("%s", (_n, s, expected) => {
    expect(effectiveTime(s, 10, sixteen).startsAt).toBe(expected);
  });
});

describe("the host's next step per candidate", () => {
  const now = new Date("2026-12-10T15:00:00Z");
  const iv = (
    bookingId: number,
    participationId: number,
    h: string,
    stage: StepInterview["stage"] = "scheduled",
  ) => ({
    bookingId,
    participationId,
    stage,
    startsAt: `2026-12-10T${h}:00.000Z`,
    endsAt: new Date(Date.parse(`2026-12-10T${h}:00.000Z`) + 30 * 60_000).toISOString(),
  });
  const none = new Set<number>();
  const who = (o: Partial<Parameters<typeof candidatePlan>[0]> = {}) => ({
    arrived: false,
    pepTalk: false,
    noShow: false,
    interviews: [iv(10, 1, "15:00"), iv(11, 2, "15:30")],
    ...o,
  });

  it.each<
    [string, Parameters<typeof candidatePlan>[0], { usesPepTalk: boolean; busyRooms: Set<number> }, object]
  >([
    [
      "not arrived: ankommet, due now",
      who(),
      { usesPepTalk: false, busyRooms: none },
      { status: "expected", primary: { kind: "arrive" }, rank: 0 },
    ],
    [
      "not arrived, first interview in an hour: ankommet, later",
      who({ interviews: [iv(10, 1, "16:00")] }),
      { usesPepTalk: false, busyRooms: none },
      { status: "expected", primary: { kind: "arrive" }, rank: 1 },
    ],
    [
      "arrived where the event uses pep talk: pep talk",
      who({ arrived: true }),
      { usesPepTalk: true, busyRooms: none },
      { status: "waiting", primary: { kind: "pep-talk" }, rank: 0 },
    ],
    [
      "arrived, room free, interview due: send inn",
      who({ arrived: true }),
      { usesPepTalk: false, busyRooms: none },
      { status: "waiting", primary: { kind: "start", bookingId: 10 }, rank: 0 },
    ],
    [
      "arrived, room busy: wait, no primary",
      who({ arrived: true }),
      { usesPepTalk: false, busyRooms: new Set([1]) },
      { status: "waiting", primary: null, waitingFor: "room-busy", rank: 1 },
    ],
    [
      "arrived, interview not due yet: wait",
      who({ arrived: true, interviews: [iv(10, 1, "15:20")] }),
      { usesPepTalk: false, busyRooms: none },
      { status: "waiting", primary: null, waitingFor: "not-due" },
    ],
    [
      "in the first interview: ferdig, not the second one's send inn",
      who({ arrived: true, interviews: [iv(10, 1, "14:35", "in-room"), iv(11, 2, "15:00")] }),
      { usesPepTalk: false, busyRooms: new Set([1]) },
      { status: "inside", primary: { kind: "finish", bookingId: 10 }, rank: 0, nextBookingId: 10 },
    ],
    [
      "first done, second due: send inn to the second, no pep talk again",
      who({ arrived: true, interviews: [iv(10, 1, "14:30", "finished"), iv(11, 2, "15:00")] }),
      { usesPepTalk: true, busyRooms: none },
      { status: "waiting", primary: { kind: "start", bookingId: 11 } },
    ],
    [
      "all done: ferdig, out of the way",
      who({ arrived: true, interviews: [iv(10, 1, "14:00", "finished"), iv(11, 2, "14:30", "finished")] }),
      { usesPepTalk: false, busyRooms: none },
      { status: "done", primary: null, rank: 2 },
    ],
    [
      "no-show: nothing to do",
      who({ noShow: true, interviews: [iv(10, 1, "15:00", "no-show")] }),
      { usesPepTalk: false, busyRooms: none },
      { status: "no-show", primary: null, rank: 2 },
    ],
  ])("%s", (_n, c, opts, expected) => {
    expect(candidatePlan(c, opts, now)).toMatchObject(expected);
  });

  it("sorts who needs a tap now first, then by when they are due, the done ones last", () => {
    const c = (number: number, rank: 0 | 1 | 2, dueAt: string | null) => ({ number, plan: { rank, dueAt } });
    const list = [c(1, 2, null), c(2, 1, "16:00"), c(3, 0, "15:30"), c(4, 1, "15:30"), c(5, 0, "15:00")];
    expect(list.sort(byUrgency).map((x) => x.number)).toEqual([5, 3, 4, 2, 1]);
  });
});

describe("undo", () => {
  const a = (id: string, o: Partial<UndoTarget> = {}): UndoTarget => ({
    id,
    kind: "arrive",
    candidateId: 1,
    participationId: null,
    undoneAt: null,
    ...o,
  });
  it.each<[string, UndoTarget | undefined, UndoTarget[], string | null]>([
    ["the newest action", a("x"), [], null],
    ["past a newer action on another candidate", a("x"), [a("y", { candidateId: 2 })], null],
    ["past a newer action on the same candidate that was undone", a("x"), [a("y", { undoneAt: "t" })], null],
    ["not past a newer action on the same candidate", a("x"), [a("y", { kind: "pep-talk" })], "stale"],
    ["not twice", a("x", { undoneAt: "t" }), [], "already-undone"],
    ["not an undo", a("x", { kind: "undo" }), [], "nothing-to-undo"],
    ["not an unknown action", undefined, [], "nothing-to-undo"],
    [
      "a delay past a newer delay elsewhere",
      a("x", { kind: "delay", candidateId: null, participationId: 3 }),
      [a("y", { kind: "delay", candidateId: null, participationId: 4 })],
      null,
    ],
    [
      "not a delay past a newer delay in the same room",
      a("x", { kind: "delay", candidateId: null, participationId: 3 }),
      [a("y", { kind: "delay", candidateId: null, participationId: 3 })],
      "stale",
    ],
  ])("%s", (_n, target, newer, expected) => {
    const d = decideUndo(target, newer);
    expect(d.ok ? null : d.reason).toBe(expected);
  });
});

describe("board names", () => {
  it.each([
    ["Ola N.", 3, false, "Ola N."],
    ["Åse-Marie Ødegård", 4, false, "Åse-Marie Ø."],
    ["Ola", 5, false, "Ola"],
    ["Ola Nordmann", 7, true, "Nr. 7"],
  ])("%s (nr %i, hide %s) → %s", (name, n, hide, expected) => {
    expect(boardName(name, n, hide)).toBe(expected);
  });
});
