// Rule tables for registering on an event without slots (Minijobbmesse): open or closed, full, places left.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../server/booking/booking.rules";
import {
  checkCancelRegistration,
  checkRegistration,
  placesLeft,
  type RegistrationEventFacts,
  registrationTimes,
} from "../../server/booking/registration.rules";

const event: RegistrationEventFacts = {
  status: "open",
  date: "2026-05-12",
  bookingDeadline: "2026-05-11T10:00:00.000Z",
  maxInterviews: 1,
  pepTalkGap: false,
  slotMinutes: 30,
  gapMinutes: 0,
  capacity: 20,
};
const veileder: Actor = { kind: "caseworker", id: "caseworker:1" };
const coordinator: Actor = { kind: "coordinator", id: "coordinator:1" };
const before = new Date("2026-05-10T08:00:00Z");
const afterDeadline = new Date("2026-05-11T12:00:00Z");
const none = { slots: 0, waitlists: 0 };

describe("checkRegistration", () => {
  it.each<[string, RegistrationEventFacts, Actor, Date, number, typeof none, string | null]>([
    ["open with places left", event, veileder, before, 0, none, null],
    ["the last place", event, veileder, before, 19, none, null],
    ["full", event, veileder, before, 20, none, "event-full"],
    ["over-full (older data) is full too", event, veileder, before, 25, none, "event-full"],
    ["no capacity set counts as full", { ...event, capacity: null }, veileder, before, 0, none, "event-full"],
    ["after the deadline, a veileder", event, veileder, afterDeadline, 0, none, "booking-closed"],
    ["after the deadline, a coordinator", event, coordinator, afterDeadline, 0, none, null],
    [
      "full after the deadline: closed is said first",
      event,
      veileder,
      afterDeadline,
      20,
      none,
      "booking-closed",
    ],
    ["a coordinator on a full event", event, coordinator, afterDeadline, 20, none, "event-full"],
    ["a draft event", { ...event, status: "draft" }, veileder, before, 0, none, "booking-closed"],
    [
      "a draft event, a coordinator",
      { ...event, status: "draft" },
      coordinator,
      before,
      0,
      none,
      "booking-closed",
    ],
    ["a closed event, a coordinator", { ...event, status: "closed" }, coordinator, before, 3, none, null],
    ["a held event", { ...event, status: "held" }, coordinator, before, 0, none, "booking-closed"],
    ["a slot chosen", event, veileder, before, 0, { slots: 1, waitlists: 0 }, "format-has-no-slots"],
    ["a waitlist chosen", event, veileder, before, 0, { slots: 0, waitlists: 1 }, "format-has-no-slots"],
    [
      "a slot chosen on a full event: the choice first",
      event,
      veileder,
      before,
      20,
      { slots: 1, waitlists: 0 },
      "format-has-no-slots",
    ],
  ])("%s", (_name, e, actor, now, registered, choice, expected) => {
    const d = checkRegistration(e, actor, now, registered, choice);
    expect(d.ok ? null : d.reason).toBe(expected);
    if (!d.ok) expect(d.message.length).toBeGreaterThan(10);
  });

  it("says a full event in Minijobbmesse words", () => {
    const d = checkRegistration(event, veileder, before, 20);
    expect(d).toMatchObject({ ok: false, message: expect.stringMatching(/^Minijobbmessen er full/) });
  });
});

describe("placesLeft", () => {
  it.each<[number | null, number, number]>([
    [20, 0, 20],
    [20, 17, 3],
    [20, 20, 0],
    [20, 23, 0],
    [null, 0, 0],
  ])("capacity %s with %s registered leaves %s", (capacity, registered, left) => {
    expect(placesLeft(capacity, registered)).toBe(left);
  });
});

describe("checkCancelRegistration", () => {
  it.each<[string, RegistrationEventFacts, Actor, Date, string | null, string | null]>([
    ["before the deadline", event, veileder, before, null, null],
    ["after the deadline, a veileder", event, veileder, afterDeadline, null, "booking-closed"],
    ["after the deadline, a coordinator", event, coordinator, afterDeadline, null, null],
    ["checked in", event, coordinator, afterDeadline, "2026-05-12T09:00:00Z", "registration-checked-in"],
    ["a held event", { ...event, status: "held" }, coordinator, afterDeadline, null, "booking-closed"],
  ])("%s", (_name, e, actor, now, arrivedAt, expected) => {
    const d = checkCancelRegistration(e, actor, now, { arrivedAt });
    expect(d.ok ? null : d.reason).toBe(expected);
  });

  it("refuses once the day has records of the candidate, even when the check-in was undone", () => {
    const d = checkCancelRegistration(event, coordinator, afterDeadline, {
      arrivedAt: null,
      dayRecords: true,
    });
    expect(d).toMatchObject({ ok: false, reason: "registration-in-use" });
  });
});

describe("registrationTimes", () => {
  it.each<[string, { time: string }[], string, string]>([
    [
      "the presentations before the rooms",
      [{ time: "11:00" }, { time: "11:00" }, { time: "12:00" }],
      "11:00",
      "12:00",
    ],
    ["no programme: when the rooms open", [], "12:00", "12:00"],
    ["only items after the rooms open", [{ time: "13:00" }], "12:00", "12:00"],
    ["the earliest item, in any order", [{ time: "11:30" }, { time: "10:45" }], "10:45", "12:00"],
    ["a label that is not a time is ignored", [{ time: "kl. 9" }], "12:00", "12:00"],
  ])("%s", (_name, programme, arrival, roomsOpen) => {
    expect(registrationTimes(programme, { start: "12:00", end: "14:00" })).toEqual({
      arrival,
      roomsOpen,
      roomsClose: "14:00",
    });
  });
});
