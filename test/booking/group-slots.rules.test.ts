// Group slots: a slot holds up to `seats` candidates, and every per-candidate rule still holds inside it.
import { describe, expect, it } from "vitest";
import {
  type Actor,
  type CandidateFacts,
  checkBooking,
  checkGroupSize,
  type EventFacts,
  pickFromWaitlist,
  proposeSlots,
  type SlotFacts,
  seatsLeft,
  slotFull,
} from "../../server/booking/booking.rules";
import { candidatePlan, type StepInterview } from "../../server/dayof/dayof.rules";

const event: EventFacts = {
  status: "open",
  date: "2018-04-05",
  bookingDeadline: "2018-04-04T10:00:00.000Z",
  maxInterviews: 2,
  pepTalkGap: false,
  slotMinutes: 30,
  gapMinutes: 0,
};
const veileder: Actor = { kind: "caseworker", id: "caseworker:1" };
const coordinator: Actor = { kind: "coordinator", id: "coordinator:1" };
const before = new Date("2018-04-03T08:00:00Z");

// 15:30, 16:00, 16:30, 17:00 Oslo; employer 1 takes groups of three, employer 2 one at a time.
const at = ["13:30", "14:00", "14:30", "15:00"];
const slot = (employerId: number, i: number, extra: Partial<SlotFacts> = {}): SlotFacts => ({
  id: employerId * 10 + i,
  participationId: employerId,
  employerId,
  employerName: `Virksomhet ${employerId}`,
  startsAt: `2018-04-05T${at[i]}:00.000Z`,
  endsAt: new Date(Date.parse(`2018-04-05T${at[i]}:00.000Z`) + 30 * 60_000).toISOString(),
  minAge: null,
  taken: 0,
  seats: employerId === 1 ? 3 : 1,
  ...extra,
});
const group = (i: number, taken: number, extra: Partial<SlotFacts> = {}) => slot(1, i, { taken, ...extra });
const holding = (...slots: SlotFacts[]): CandidateFacts => ({
  birthYear: 2000,
  interviews: slots.map((s) => ({
    slotId: s.id,
    participationId: s.participationId,
    employerId: s.employerId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
  })),
});

describe("seats in a slot", () => {
  it.each<[string, Pick<SlotFacts, "taken" | "seats">, number, boolean]>([
    ["an empty one-to-one slot", { taken: 0, seats: 1 }, 1, false],
    ["a booked one-to-one slot", { taken: 1, seats: 1 }, 0, true],
    ["an empty group of three", { taken: 0, seats: 3 }, 3, false],
    ["a group of three with two booked", { taken: 2, seats: 3 }, 1, false],
    ["a full group of three", { taken: 3, seats: 3 }, 0, true],
    ["a group overfilled by old data", { taken: 4, seats: 3 }, 0, true],
  ])("%s", (_name, s, left, full) => {
    expect(seatsLeft(s)).toBe(left);
    expect(slotFull(s)).toBe(full);
  });
});

describe("checkBooking in a group slot", () => {
  it.each<[string, EventFacts, CandidateFacts, SlotFacts, string | null]>([
    ["the first seat of a group", event, holding(), group(0, 0), null],
    ["the last free seat of a group", event, holding(), group(0, 2), null],
    ["a full group", event, holding(), group(0, 3), "slot-taken"],
    ["the same candidate twice in one group slot", event, holding(group(0, 1)), group(0, 1), "same-employer"],
    [
      "the same candidate twice in a full group slot (told it is theirs, not taken by another)",
      event,
      holding(group(0, 3)),
      group(0, 3),
      "same-employer",
    ],
    ["another group slot of the same employer", event, holding(group(0, 1)), group(2, 0), "same-employer"],
    [
      "a group slot at the time of the candidate's other interview",
      event,
      holding(slot(2, 1)),
      group(1, 1),
      "time-overlap",
    ],
    [
      "a group slot right after another interview when the event asks for pep-talk time",
      { ...event, pepTalkGap: true },
      holding(slot(2, 0)),
      group(1, 0),
      "time-overlap",
    ],
    [
      "a third interview in a group slot",
      event,
      holding(slot(2, 0), slot(3, 2)),
      group(3, 1),
      "candidate-max-interviews",
    ],
    [
      "a group slot for a candidate under its age limit",
      event,
      { ...holding(), birthYear: 2005 },
      group(0, 0, { minAge: 18 }),
      "under-minimum-age",
    ],
    ["a group slot after a one-to-one elsewhere", event, holding(slot(2, 0)), group(2, 2), null],
    [
      "a group slot on a closed event",
      { ...event, status: "closed" },
      holding(),
      group(0, 0),
      "booking-closed",
    ],
  ])("%s", (_name, e, candidate, s, expected) => {
    const d = checkBooking(e, veileder, before, candidate, s);
    expect(d.ok ? null : d.reason).toBe(expected);
    if (!d.ok) expect(d.message).toMatch(/[a-zæøå]{4,}/);
  });

  it("says all seats are gone, in Norwegian, when a group fills up", () => {
    const d = checkBooking(event, veileder, before, holding(), group(0, 3));
    expect(d).toMatchObject({ ok: false, reason: "slot-taken" });
    expect(!d.ok && d.message).toBe("Alle 3 plassene på tidspunktet hos Virksomhet 1 ble nettopp booket.");
  });
});

describe("proposals and the waitlist with group slots", () => {
  it("proposes a group slot while a seat is free, and skips a full one", () => {
    const combo = proposeSlots(event, veileder, before, holding(), [
      [group(0, 3), group(1, 2)],
      [slot(2, 0)],
    ]);
    expect(combo?.map((s) => s.id)).toEqual([11, 20]);
  });

  it("promotes the first waiting candidate who fits into a freed seat", () => {
    const waiting = [
      { entryId: 1, candidateId: 100, candidate: holding(group(0, 2)) }, // already in the group
      { entryId: 2, candidateId: 200, candidate: holding(slot(2, 0)) }, // busy at that time
      { entryId: 3, candidateId: 300, candidate: holding() },
    ];
    expect(pickFromWaitlist(event, coordinator, before, group(0, 2), waiting)?.candidateId).toBe(300);
  });

  it("promotes nobody into a group that is still full", () => {
    const waiting = [{ entryId: 1, candidateId: 100, candidate: holding() }];
    expect(pickFromWaitlist(event, coordinator, before, group(0, 3), waiting)).toBeNull();
  });
});

describe("checkGroupSize: the group an employer takes", () => {
  const s = (time: string, taken: number) => ({ startsAt: `2018-04-05T${time}:00.000Z`, taken });
  it.each<[string, number, { startsAt: string; taken: number }[], string | null]>([
    ["growing a group", 3, [s("13:30", 1)], null],
    ["shrinking to what the fullest slot holds", 2, [s("13:30", 2), s("14:00", 1)], null],
    ["shrinking to one-to-one with one booking per slot", 1, [s("13:30", 1), s("14:00", 1)], null],
    ["shrinking below a slot's bookings", 1, [s("13:30", 2), s("14:00", 1)], "kl. 15:30 (2)"],
    [
      "shrinking below two slots' bookings",
      2,
      [s("14:00", 3), s("13:30", 3)],
      "kl. 15:30 (3), kl. 16:00 (3)",
    ],
    ["no slots at all", 1, [], null],
  ])("%s", (_name, capacity, slots, named) => {
    const d = checkGroupSize(capacity, slots);
    expect(d.ok ? null : d.reason).toBe(named ? "slot-capacity-below-bookings" : null);
    if (!d.ok) {
      expect(d.message).toContain(named as string);
      expect(d.message).toContain("Flytt eller avbestill");
    }
  });
});

describe("the host's next step in a group interview", () => {
  const now = new Date("2018-04-05T13:31:00Z");
  const interview = (extra: Partial<StepInterview> = {}): StepInterview => ({
    bookingId: 2,
    participationId: 1,
    slotId: 10,
    stage: "scheduled",
    startsAt: "2018-04-05T13:30:00.000Z",
    endsAt: "2018-04-05T14:00:00.000Z",
    ...extra,
  });
  const arrived = (i: StepInterview) => ({ arrived: true, pepTalk: true, noShow: false, interviews: [i] });

  it.each<[string, StepInterview, Set<number>, string | null, string | null]>([
    ["a group member joins the group that has begun", interview(), new Set([10]), "start", null],
    [
      "the next group waits while the room is busy",
      interview({ slotId: 11 }),
      new Set([10]),
      null,
      "room-busy",
    ],
    ["a one-to-one slot waits while the room is busy", interview(), new Set(), null, "room-busy"],
  ])("%s", (_name, i, groups, primary, waitingFor) => {
    const plan = candidatePlan(
      arrived(i),
      { usesPepTalk: false, busyRooms: new Set([1]), groupsInProgress: groups },
      now,
    );
    expect(plan.primary?.kind ?? null).toBe(primary);
    expect(plan.waitingFor).toBe(waitingFor);
  });
});
