// Owns writing the audit log from booking domain events, inside the transaction that made the change: the log
// cannot miss a committed change, and a rolled-back one leaves no line. Ids only, never candidate names.
import type { Db } from "../db/connection";
import type { DomainEvent, DomainEvents } from "../shared/domain-events";
import type { Clock } from "../shared/time";
import { bookingRepo } from "./booking.repo";

type AuditLine = Parameters<ReturnType<typeof bookingRepo>["audit"]>[0];

/** The audit line for an event, or null for events the booking audit log does not record. */
export function auditLineFor(e: DomainEvent, at: string): AuditLine | null {
  switch (e.type) {
    case "booking.created":
      return {
        eventId: e.eventId,
        at,
        actor: e.actor,
        action: "booked",
        bookingId: e.bookingId,
        candidateId: e.candidateId,
        slotId: e.slotId,
      };
    case "registration.created":
      return { eventId: e.eventId, at, actor: e.actor, action: "registered", candidateId: e.candidateId };
    case "registration.cancelled":
      return {
        eventId: e.eventId,
        at,
        actor: e.actor,
        action: "registration-cancelled",
        candidateId: e.registration.candidateId,
      };
    case "booking.moved":
      return {
        eventId: e.eventId,
        at,
        actor: e.actor,
        action: "moved",
        bookingId: e.bookingId,
        candidateId: e.candidateId,
        slotId: e.toSlotId,
        details: { fromSlotId: e.fromSlotId, fromBookingId: e.fromBookingId },
      };
    case "booking.cancelled":
      return {
        eventId: e.eventId,
        at,
        actor: e.actor,
        action: "cancelled",
        bookingId: e.booking.bookingId,
        candidateId: e.booking.candidateId,
        slotId: e.booking.slotId,
      };
    case "waitlist.promoted":
      return {
        eventId: e.eventId,
        at,
        actor: "system:waitlist",
        action: "promoted-from-waitlist",
        bookingId: e.bookingId,
        candidateId: e.candidateId,
        slotId: e.slotId,
      };
    case "waitlist.joined":
    case "waitlist.left":
      return {
        eventId: e.eventId,
        at,
        actor: e.actor,
        action: e.type === "waitlist.joined" ? "waitlisted" : "left-waitlist",
        candidateId: e.candidateId,
        details: { participationId: e.participationId },
      };
    case "selection.recorded":
      return {
        eventId: e.eventId,
        at,
        actor: e.actor,
        action: "selection-recorded",
        candidateId: e.candidateId,
        details: { decision: e.decision, version: e.version },
      };
    default:
      return null;
  }
}

const subscribed = new WeakSet<DomainEvents>();

/** Subscribes the audit log to the bus, once per bus (a second app on the same database must not log twice). */
export function subscribeAudit(db: Db, bus: DomainEvents, clock: Clock): void {
  if (subscribed.has(bus)) return;
  subscribed.add(bus);
  const repo = bookingRepo(db);
  bus.onRecord((e) => {
    const line = auditLineFor(e, clock().toISOString());
    if (line) repo.audit(line);
  });
}
