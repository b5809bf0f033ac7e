import { describe, expect, it } from "vitest";
import {
  boardName,
  type CandidateDay,
  decideHostAction,
  type HostAction,
  roomState,
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
