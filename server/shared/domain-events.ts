// Owns domain events: typed records of what changed (with the ids a listener needs), collected inside a
// transaction and dispatched once, after the OUTERMOST commit. A rollback — of the whole transaction or of a
// nested savepoint — announces nothing of what it undid.
import type { Db } from "../db/connection";

/** Who made a change: "coordinator:3", "caseworker:5", "host:event-1", "system:waitlist", "employer:12". */
export type ActorId = string;

/** What a listener needs to tell someone about a booking that no longer exists (the row is gone after commit). */
export type BookingSnapshot = {
  bookingId: number;
  eventId: number;
  candidateId: number;
  caseworkerId: number;
  slotId: number;
  participationId: number;
  startsAt: string;
  endsAt: string;
  employerName: string;
  department: string;
  roomName: string | null;
  participantNumber: number | null;
  calendarUid: string;
  calendarSeq: number;
};

/** What listeners need of a registration (Minijobbmesse) that was cancelled: the candidate row is gone after commit. */
export type RegistrationSnapshot = {
  candidateId: number;
  caseworkerId: number;
  /** For the veileder's mail only; never logged. */
  displayName: string;
  participantNumber: number | null;
};

export type DomainEvent =
  | {
      type: "candidate.registered";
      eventId: number;
      candidateId: number;
      caseworkerId: number;
      actor: ActorId;
    }
  | {
      /** A candidate registered for attendance on an event without slots (a Minijobbmesse). */
      type: "registration.created";
      eventId: number;
      candidateId: number;
      caseworkerId: number;
      actor: ActorId;
    }
  | { type: "registration.cancelled"; eventId: number; registration: RegistrationSnapshot; actor: ActorId }
  | {
      type: "booking.created";
      eventId: number;
      bookingId: number;
      candidateId: number;
      caseworkerId: number;
      slotId: number;
      actor: ActorId;
    }
  | {
      type: "booking.moved";
      eventId: number;
      bookingId: number;
      fromBookingId: number;
      fromSlotId: number;
      toSlotId: number;
      candidateId: number;
      caseworkerId: number;
      actor: ActorId;
    }
  | { type: "booking.cancelled"; eventId: number; booking: BookingSnapshot; actor: ActorId }
  | {
      type: "waitlist.joined" | "waitlist.left";
      eventId: number;
      entryId: number;
      candidateId: number;
      caseworkerId: number;
      participationId: number;
      actor: ActorId;
    }
  | {
      type: "waitlist.promoted";
      eventId: number;
      bookingId: number;
      candidateId: number;
      caseworkerId: number;
      slotId: number;
      participationId: number;
    }
  | {
      type: "participation.changed";
      eventId: number;
      participationId: number;
      change: "added" | "updated" | "removed";
      /** Its bookings moved to another room: their veiledere are told. */
      placeChanged?: boolean;
    }
  | {
      type: "event.changed";
      eventId: number;
      /** What changed; "place" and "time" move every booking's calendar entry. */
      changes: ("details" | "place" | "time" | "status" | "links")[];
    }
  | { type: "host.action"; eventId: number; actionId: string; kind: string; actor: ActorId }
  | {
      /** A Speedintervju panel (or a coordinator) recorded or changed a candidate's course decision. */
      type: "selection.recorded";
      eventId: number;
      candidateId: number;
      caseworkerId: number;
      decision: "selected" | "reserve" | "not-selected";
      version: number;
      actor: ActorId;
    };

export type DomainEventType = DomainEvent["type"];

/** Hears every committed transaction's events at once, so it can fold several changes into one message. */
export type BatchListener = (events: readonly DomainEvent[]) => void;
/** Runs inside the transaction as each event is recorded (the audit log): its write commits or rolls back with it. */
export type InTransactionListener = (event: DomainEvent) => void;

export type DomainEvents = {
  /** Runs `fn` in a write transaction (a savepoint when nested) and dispatches its events after the outermost commit. */
  transaction<T>(fn: () => T): T;
  /** Records an event; only inside `transaction`. */
  record(event: DomainEvent): void;
  /** After-commit listener; returns an unsubscribe function. */
  subscribe(listener: BatchListener): () => void;
  /** In-transaction listener; returns an unsubscribe function. */
  onRecord(listener: InTransactionListener): () => void;
};

type Log = (msg: string) => void;
const buses = new WeakMap<Db, DomainEvents>();

/**
 * The one event bus of a database connection. Transactions belong to the connection, so every service on it
 * shares the bus: a service called inside another's transaction is nested, whichever feature it belongs to.
 */
export function domainEvents(db: Db, log: Log = (m) => console.error(m)): DomainEvents {
  const existing = buses.get(db);
  if (existing) return existing;
  let depth = 0;
  let pending: DomainEvent[] = [];
  const afterCommit = new Set<BatchListener>();
  const inTransaction = new Set<InTransactionListener>();

  function dispatch(batch: DomainEvent[]) {
    for (const listener of [...afterCommit]) {
      try {
        listener(batch);
      } catch (err) {
        // A listener's failure (a mail that could not be queued) never undoes or fails the committed change.
        log(
          `domain event listener failed (${batch.map((e) => e.type).join(", ")}): ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  const bus: DomainEvents = {
    transaction<T>(fn: () => T): T {
      if (depth === 0 && db.inTransaction) {
        // Someone opened a transaction without the bus: we could not tell when it commits.
        throw new Error("domainEvents.transaction: the outer transaction must be opened through the bus");
      }
      const mark = pending.length;
      depth += 1;
      let result: T;
      try {
        result = db.transaction(fn).immediate();
      } catch (err) {
        pending.length = mark;
        depth -= 1;
        throw err;
      }
      depth -= 1;
      if (depth === 0 && pending.length) {
        const batch = pending;
        pending = [];
        dispatch(batch);
      }
      return result;
    },
    record(event) {
      if (depth === 0) throw new Error(`domain event ${event.type} recorded outside a transaction`);
      for (const listener of inTransaction) listener(event);
      pending.push(event);
    },
    subscribe(listener) {
      afterCommit.add(listener);
      return () => afterCommit.delete(listener);
    },
    onRecord(listener) {
      inTransaction.add(listener);
      return () => inTransaction.delete(listener);
    },
  };
  buses.set(db, bus);
  return bus;
}
