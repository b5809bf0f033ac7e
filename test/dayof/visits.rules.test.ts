// The Minijobbmesse's open rooms: who may be tapped into a room and out again, and the counts the board shows.
import { describe, expect, it } from "vitest";
import {
  decideVisit,
  roomCounts,
  type VisitAction,
  type Visitor,
  visitorStatus,
} from "../../server/dayof/visits.rules";

const DAY = "2026-12-10";
// 12:30 Oslo on the day.
const NOON = new Date("2026-12-10T11:30:00Z");
const ARRIVED = "2026-12-10T11:00:00Z";
const v = (o: Partial<Visitor> = {}): Visitor => ({
  arrivedAt: ARRIVED,
  noShowAt: null,
  version: 4,
  inRoom: null,
  ...o,
});
const enter = (participationId: number, version = 4): VisitAction => ({
  kind: "enter",
  candidateId: 1,
  participationId,
  version,
});
const leave = (version = 4): VisitAction => ({ kind: "leave", candidateId: 1, version });

describe("tapping a visitor in and out of an open room", () => {
  it.each<[string, VisitAction, Visitor, Date, string]>([
    ["into a room from the lobby", enter(7), v(), NOON, "enter"],
    ["not checked in", enter(7), v({ arrivedAt: null }), NOON, "not-arrived"],
    ["marked as no-show", enter(7), v({ arrivedAt: null, noShowAt: ARRIVED }), NOON, "was-no-show"],
    ["already in that room: nothing changes", enter(7), v({ inRoom: 7 }), NOON, "none"],
    ["already in that room, even from a tablet a step behind", enter(7, 2), v({ inRoom: 7 }), NOON, "none"],
    ["in another room: moved", enter(7), v({ inRoom: 8 }), NOON, "move"],
    ["into a room with a stale version", enter(7, 3), v(), NOON, "stale"],
    ["out of the room", leave(), v({ inRoom: 7 }), NOON, "leave"],
    ["out when not in a room", leave(), v(), NOON, "not-in-room"],
    ["out with a stale version", leave(3), v({ inRoom: 7 }), NOON, "stale"],
    ["the day before the event", enter(7), v(), new Date("2026-12-09T12:00:00Z"), "not-today"],
    ["after the event", enter(7), v(), new Date("2026-12-11T08:00:00Z"), "event-over"],
    ["out after the event", leave(), v({ inRoom: 7 }), new Date("2026-12-11T08:00:00Z"), "event-over"],
    // 23:30 Oslo is still the day (22:30 UTC), 00:30 Oslo the next is not.
    ["late on the day, Oslo time", enter(7), v(), new Date("2026-12-10T22:30:00Z"), "enter"],
    ["just after midnight in Oslo", enter(7), v(), new Date("2026-12-10T23:30:00Z"), "event-over"],
  ])("%s", (_name, action, visitor, now, expected) => {
    const d = decideVisit(action, visitor, DAY, now);
    expect(d.ok ? d.effect : d.reason).toBe(expected);
    if (!d.ok) expect(d.message).toMatch(/\S/);
  });
});

describe("room counts", () => {
  it("counts who is inside now and each visitor once in the total", () => {
    const counts = roomCounts([
      { candidateId: 1, participationId: 7, leftAt: "x" },
      { candidateId: 1, participationId: 7, leftAt: null },
      { candidateId: 2, participationId: 7, leftAt: "x" },
      { candidateId: 2, participationId: 8, leftAt: null },
    ]);
    expect(counts.get(7)).toEqual({ inside: [1], visitors: 2 });
    expect(counts.get(8)).toEqual({ inside: [2], visitors: 1 });
    expect(counts.get(9)).toBeUndefined();
  });

  it.each<[string, Partial<Visitor>, string]>([
    ["not yet come", { arrivedAt: null }, "expected"],
    ["did not come", { arrivedAt: null, noShowAt: ARRIVED }, "no-show"],
    ["checked in", {}, "lobby"],
    ["in a room", { inRoom: 7 }, "inside"],
  ])("a visitor %s", (_name, o, status) => {
    expect(visitorStatus(v(o))).toBe(status);
  });
});
