import { describe, expect, it } from "vitest";
import {
  type Actor,
  type CandidateFacts,
  checkBooking,
  type EventFacts,
  pickFromWaitlist,
  proposeSlots,
  type SlotFacts,
} from "../../server/booking/booking.rules";

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
const afterDeadline = new Date("2018-04-04T12:00:00Z");

// Slots at 15:30, 16:00, 16:30, 17:00 Oslo (13:30Z…) for employers 1..3.
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
  seats: 1,
  ...extra,
});
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

describe("checkBooking", () => {
  it.each<[string, EventFacts, Actor, Date, CandidateFacts, SlotFacts, string | null]>([
    ["a free slot for a fresh candidate", event, veileder, before, holding(), slot(1, 0), null],
    ["a slot someone else took", event, veileder, before, holding(), slot(1, 0, { taken: 1 }), "slot-taken"],
    [
      "a third interview",
      event,
      veileder,
      before,
      holding(slot(1, 0), slot(2, 1)),
      slot(3, 2),
      "candidate-max-interviews",
    ],
    [
      "a third interview when the event allows three",
      { ...event, maxInterviews: 3 },
      veileder,
      before,
      holding(slot(1, 0), slot(2, 1)),
      slot(3, 2),
      null,
    ],
    ["the same employer twice", event, veileder, before, holding(slot(1, 0)), slot(1, 2), "same-employer"],
    ["an overlapping time", event, veileder, before, holding(slot(1, 1)), slot(2, 1), "time-overlap"],
    ["back-to-back interviews", event, veileder, before, holding(slot(1, 0)), slot(2, 1), null],
    [
      "back-to-back when the event asks for pep-talk time",
      { ...event, pepTalkGap: true },
      veileder,
      before,
      holding(slot(1, 0)),
      slot(2, 1),
      "time-overlap",
    ],
    [
      "one slot apart with pep-talk time",
      { ...event, pepTalkGap: true },
      veileder,
      before,
      holding(slot(1, 0)),
      slot(2, 2),
      null,
    ],
    [
      "a 19-year-old with an employer asking for 20",
      event,
      veileder,
      before,
      { ...holding(), birthYear: 1999 },
      slot(1, 0, { minAge: 20 }),
      "under-minimum-age",
    ],
    [
      "a candidate turning 20 in the event's year",
      event,
      veileder,
      before,
      { ...holding(), birthYear: 1998 },
      slot(1, 0, { minAge: 20 }),
      null,
    ],
    [
      "a veileder after the deadline",
      event,
      veileder,
      afterDeadline,
      holding(),
      slot(1, 0),
      "booking-closed",
    ],
    ["a coordinator after the deadline", event, coordinator, afterDeadline, holding(), slot(1, 0), null],
    [
      "a veileder on a draft event",
      { ...event, status: "draft" },
      veileder,
      before,
      holding(),
      slot(1, 0),
      "booking-closed",
    ],
    [
      "a veileder on a closed event",
      { ...event, status: "closed" },
      veileder,
      before,
      holding(),
      slot(1, 0),
      "booking-closed",
    ],
    [
      "a coordinator on a closed event",
      { ...event, status: "closed" },
      coordinator,
      before,
      holding(),
      slot(1, 0),
      null,
    ],
    [
      "a coordinator on a held event",
      { ...event, status: "held" },
      coordinator,
      before,
      holding(),
      slot(1, 0),
      "booking-closed",
    ],
  ])("%s", (_name, e, actor, now, candidate, s, expected) => {
    const d = checkBooking(e, actor, now, candidate, s);
    expect(d.ok ? null : d.reason).toBe(expected);
    if (!d.ok) expect(d.message.length).toBeGreaterThan(10);
  });
});

describe("proposeSlots", () => {
  it("proposes the earliest two times with different employers that do not overlap", () => {
    const combo = proposeSlots(event, veileder, before, holding(), [
      [slot(1, 0), slot(1, 1)],
      [slot(2, 0), slot(2, 1), slot(2, 2)],
    ]);
    expect(combo?.map((s) => s.id)).toEqual([10, 21]);
  });

  it("leaves a slot between the two interviews when the event asks for pep-talk time", () => {
    const combo = proposeSlots({ ...event, pepTalkGap: true }, veileder, before, holding(), [
      [slot(1, 0), slot(1, 1)],
      [slot(2, 0), slot(2, 1), slot(2, 2)],
    ]);
    expect(combo?.map((s) => s.id)).toEqual([10, 22]);
  });

  it("returns null when no combination fits", () => {
    expect(
      proposeSlots(event, veileder, before, { ...holding(), birthYear: 2005 }, [
        [slot(1, 0, { minAge: 20 })],
      ]),
    ).toBeNull();
  });
});

describe("waitlist promotion", () => {
  it("books the first waiting candidate who fits every rule", () => {
    const freed = slot(1, 1);
    const waiting = [
      { entryId: 1, candidateId: 100, candidate: holding(slot(2, 1)) }, // busy at that time
      { entryId: 2, candidateId: 200, candidate: holding(slot(2, 3)) },
      { entryId: 3, candidateId: 300, candidate: holding() },
    ];
    expect(pickFromWaitlist(event, coordinator, before, freed, waiting)?.candidateId).toBe(200);
  });

  it("promotes nobody when nobody fits", () => {
    const waiting = [{ entryId: 1, candidateId: 100, candidate: { ...holding(), birthYear: 2010 } }];
    expect(pickFromWaitlist(event, coordinator, before, slot(1, 0, { minAge: 18 }), waiting)).toBeNull();
  });
});
