// Owns booking transactions: register a candidate, book, cancel, move, waitlist and its promotion, audit.
import type { Db } from "../db/connection";
import { type EventRow, eventsRepo, freeSeats } from "../events/events.repo";
import { formatOf } from "../events/formats";
import { regionsRepo } from "../regions/regions.repo";
import { type BookingSnapshot, type DomainEvents, domainEvents } from "../shared/domain-events";
import { AppError, type Decision, invalidInput, notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { formatDate, formatTime } from "../shared/time";
import { type BookingRow, bookingRepo, type Candidate } from "./booking.repo";
import {
  type Actor,
  type CandidateFacts,
  checkBooking,
  checkOpen,
  nameKey,
  pickFromWaitlist,
  proposeSlots,
  type SlotFacts,
  slotFull,
} from "./booking.rules";
import type { BookingForm, CandidateInput } from "./booking.schemas";
import {
  checkCancelRegistration,
  checkRegistration,
  EVENT_FULL_MESSAGE,
  IN_USE_MESSAGE,
} from "./registration.rules";

/**
 * Whether a booking may be removed (cancelled or moved away), decided by a feature that owns the reason — the
 * after-event feature refuses to remove an interview the employer gave feedback on.
 */
export type RemovalPolicy = (bookingId: number) => Decision;

export type BookingDeps = { bus?: DomainEvents; removalPolicy?: RemovalPolicy };

const WAITLIST_ACTOR: Actor = { kind: "coordinator", id: "system:waitlist" };

/** The schema's last-line-of-defence errors, as the same codes and plain words the rules use. */
const GUARD_MESSAGES: Record<string, string> = {
  "slot-taken": "Tidspunktet ble nettopp tatt. Velg et annet.",
  "same-employer": "Kandidaten har allerede et intervju hos denne virksomheten.",
  "time-overlap": "Kandidaten har et annet intervju på samme tid.",
  "candidate-max-interviews": "Kandidaten har allerede så mange intervjuer som arrangementet tillater.",
  "booking-has-feedback":
    "Arbeidsgiveren har gitt tilbakemelding på intervjuet, så det kan ikke avbestilles eller flyttes.",
  "candidate-exists": "Kandidaten er allerede registrert av deg på dette arrangementet.",
  "event-full": EVENT_FULL_MESSAGE,
};

/** Maps a database guard that fired to a 409 with the rule's code; anything else is not ours to explain. */
export function guardError(err: unknown): AppError | null {
  const msg = err instanceof Error ? err.message : "";
  let code: string | null = null;
  if (msg.includes("booking.slot_id")) code = "slot-taken";
  else if (msg.includes("booking.candidate_id, booking.participation_id")) code = "same-employer";
  else if (msg in GUARD_MESSAGES) code = msg;
  return code ? new AppError(409, code, GUARD_MESSAGES[code]) : null;
}

/** What listeners need of a booking that is about to be deleted. */
export function bookingSnapshot(b: BookingRow): BookingSnapshot {
  return {
    bookingId: b.id,
    eventId: b.eventId,
    candidateId: b.candidateId,
    caseworkerId: b.caseworkerId,
    slotId: b.slotId,
    participationId: b.participationId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    employerName: b.employerName,
    department: b.department,
    roomName: b.roomName,
    participantNumber: b.participantNumber,
    calendarUid: b.calendarUid,
    calendarSeq: b.calendarSeq,
  };
}

export function bookingService(db: Db, clock: Clock, deps: BookingDeps = {}) {
  const repo = bookingRepo(db);
  const bus = deps.bus ?? domainEvents(db);
  const removalPolicy: RemovalPolicy = deps.removalPolicy ?? (() => ({ ok: true }));
  const events = eventsRepo(db);
  const regions = regionsRepo(db);
  const nowIso = () => clock().toISOString();

  function eventFacts(eventId: number): EventRow {
    const e = events.get(eventId);
    if (!e) throw notFound("Fant ikke arrangementet");
    return e;
  }

  function candidateFacts(c: Candidate): CandidateFacts {
    return { birthYear: c.birthYear, interviews: repo.interviews(c.id) };
  }

  function getCandidate(id: number): Candidate {
    const c = repo.candidate(id);
    if (!c) throw notFound("Fant ikke kandidaten");
    return c;
  }

  function getSlot(eventId: number, slotId: number): SlotFacts {
    const slot = repo.slotFacts(slotId);
    const p = slot && events.participation(slot.participationId);
    if (!slot || !p || p.eventId !== eventId)
      throw new AppError(404, "slot-not-found", "Fant ikke intervjutidspunktet på dette arrangementet");
    return slot;
  }

  /** Runs a write through the database, turning a guard that fired into the rule's 409. */
  function guarded<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      throw guardError(err) ?? err;
    }
  }

  function checkRemovable(bookingId: number) {
    const d = removalPolicy(bookingId);
    if (!d.ok) throw new AppError(409, d.reason, d.message);
  }

  /**
   * Inserts a booking inside the caller's transaction; throws a 409 AppError with the rule's code on refusal.
   * `calendar` carries a moved booking's calendar identity over to its new row.
   */
  function insertInTx(
    actor: Actor,
    candidate: Candidate,
    slotId: number,
    calendar?: { uid: string; seq: number },
  ): number {
    const event = eventFacts(candidate.eventId);
    const slot = getSlot(candidate.eventId, slotId);
    const decision = checkBooking(event, actor, clock(), candidateFacts(candidate), slot);
    if (!decision.ok) throw new AppError(409, decision.reason, decision.message);
    return guarded(() =>
      repo.insertBooking({
        slotId,
        participationId: slot.participationId,
        candidateId: candidate.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        now: nowIso(),
        actor: actor.id,
        calendarUid: calendar?.uid ?? null,
        calendarSeq: calendar?.seq ?? 0,
      }),
    );
  }

  function bookInTx(actor: Actor, candidate: Candidate, slotId: number): number {
    const id = insertInTx(actor, candidate, slotId);
    bus.record({
      type: "booking.created",
      eventId: candidate.eventId,
      bookingId: id,
      candidateId: candidate.id,
      caseworkerId: candidate.caseworkerId,
      slotId,
      actor: actor.id,
    });
    return id;
  }

  /** Fills a freed slot from its employer's waitlist; returns the promoted candidate's id. */
  function promoteInTx(slotId: number, eventId: number): number | null {
    const slot = repo.slotFacts(slotId);
    // A group slot promotes as long as a seat is free (the caller frees one seat at a time).
    if (!slot || slotFull(slot)) return null;
    const event = eventFacts(eventId);
    const waiting = repo.waitlistFor(slot.participationId).map((w) => {
      const c = getCandidate(w.candidateId);
      return { entryId: w.id, candidateId: c.id, candidate: candidateFacts(c) };
    });
    const pick = pickFromWaitlist(event, WAITLIST_ACTOR, clock(), slot, waiting);
    if (!pick) return null;
    const candidate = getCandidate(pick.candidateId);
    const bookingId = bookInTx(WAITLIST_ACTOR, candidate, slotId);
    repo.deleteWaitlist(pick.entryId);
    bus.record({
      type: "waitlist.promoted",
      eventId,
      bookingId,
      candidateId: candidate.id,
      caseworkerId: candidate.caseworkerId,
      slotId,
      participationId: slot.participationId,
    });
    repo.insertNotice(
      candidate.caseworkerId,
      nowIso(),
      `${candidate.displayName} har fått plass fra ventelisten: ${slot.employerName} kl. ${formatTime(slot.startsAt)} ${formatDate(event.date)}.`,
    );
    return candidate.id;
  }

  function joinWaitlistInTx(actor: Actor, candidate: Candidate, participationId: number): number {
    const event = eventFacts(candidate.eventId);
    const open = checkOpen(event, actor, clock());
    if (!open.ok) throw new AppError(409, open.reason, open.message);
    const p = events.participation(participationId);
    if (!p || p.eventId !== candidate.eventId)
      throw new AppError(404, "not-found", "Fant ikke virksomheten på arrangementet");
    // "Full" means no seat left in any slot (a group slot with one free seat still takes a booking).
    const free = events.slots(participationId).filter((s) => freeSeats(s) > 0);
    if (free.length) {
      throw new AppError(
        409,
        "not-full",
        `${p.employerName} har fortsatt ledige tidspunkter. Book et av dem i stedet.`,
      );
    }
    if (repo.interviews(candidate.id).some((i) => i.employerId === p.employerId)) {
      throw new AppError(409, "same-employer", `Kandidaten har allerede et intervju hos ${p.employerName}.`);
    }
    try {
      const id = repo.insertWaitlist(participationId, candidate.id, nowIso());
      bus.record({
        type: "waitlist.joined",
        eventId: candidate.eventId,
        entryId: id,
        candidateId: candidate.id,
        caseworkerId: candidate.caseworkerId,
        participationId,
        actor: actor.id,
      });
      return id;
    } catch (err) {
      if (err instanceof Error && err.message.includes("UNIQUE")) {
        throw new AppError(409, "already-waiting", "Kandidaten står allerede på ventelisten");
      }
      throw err;
    }
  }

  /**
   * The veileder behind an e-mail address. Anyone with the booking link can type any address, so an
   * existing veileder's name and office change only when the browser proved it is theirs (`provenId`,
   * from the manage-link cookie).
   */
  function upsertCaseworker(
    input: BookingForm["caseworker"],
    provenId: number | null,
  ): { id: number; isNew: boolean } {
    if (!regions.office(input.officeId))
      throw invalidInput({ "caseworker.officeId": "Velg NAV-kontoret ditt fra listen" });
    const existing = repo.caseworkerByEmail(input.email);
    if (existing) {
      if (existing.id === provenId) repo.updateCaseworker(existing.id, input.name, input.officeId);
      return { id: existing.id, isNew: false };
    }
    return { id: repo.insertCaseworker(input.email, input.name, input.officeId, nowIso()), isNew: true };
  }

  /** The veileder's existing candidate with this name and birth year on the event, if any. */
  function sameCandidate(eventId: number, caseworkerId: number, c: CandidateInput) {
    const key = nameKey(c.displayName);
    return repo
      .sameCandidates(eventId, caseworkerId, c.birthYear)
      .find((x) => nameKey(x.displayName) === key);
  }

  function insertCandidate(
    actor: Actor,
    eventId: number,
    caseworkerId: number,
    c: CandidateInput,
    requestKey: string | null,
    attendance = false,
  ) {
    const existing = sameCandidate(eventId, caseworkerId, c);
    if (existing) {
      throw new AppError(
        409,
        "candidate-exists",
        `${existing.displayName} (født ${c.birthYear}) er allerede registrert av deg på dette arrangementet. ${
          attendance
            ? "Påmeldingen står i «Mine bookinger»."
            : "Endre eller legg til intervjuer fra «Mine bookinger»."
        }`,
        { "candidate.displayName": "Kandidaten er allerede registrert av deg på dette arrangementet" },
        { candidateId: existing.id },
      );
    }
    const id = guarded(() =>
      repo.insertCandidate({
        ...c,
        eventId,
        caseworkerId,
        requestKey,
        now: nowIso(),
        nameKey: nameKey(c.displayName),
      }),
    );
    bus.record({ type: "candidate.registered", eventId, candidateId: id, caseworkerId, actor: actor.id });
    return id;
  }

  return {
    repo,
    bus,
    /** The service's clock, for pages that show whether booking is still open. */
    now: () => clock(),
    eventFacts,
    getCandidate,

    /**
     * The booking form in one transaction: the veileder, the candidate, each chosen slot and waitlist.
     * Any refusal rolls everything back, so nothing is half-saved. A repeated requestKey (double-click,
     * retry) returns the first result instead of booking twice.
     */
    register(
      actor: Actor,
      eventId: number,
      form: BookingForm & { allowEmpty?: boolean },
      provenCaseworkerId: number | null = null,
    ) {
      // The page needs a slot or a waitlist; the API may register first and book afterwards.
      if (!form.allowEmpty && !form.slotIds.length && !form.waitlistParticipationIds.length) {
        throw invalidInput({
          slotIds: "Velg minst ett intervjutidspunkt, eller sett kandidaten på venteliste",
        });
      }
      return bus.transaction(() => {
        const replay = repo.candidateByRequestKey(form.requestKey);
        if (replay) {
          const c = getCandidate(replay);
          // Only the same submission (same event, same veileder) gets the first answer back.
          const same =
            c.eventId === eventId && repo.caseworkerByEmail(form.caseworker.email)?.id === c.caseworkerId;
          if (!same)
            throw new AppError(409, "request-key-reused", "Skjemaet er allerede brukt. Last siden på nytt.");
          return { candidateId: c.id, caseworkerId: c.caseworkerId, isNewCaseworker: false, replay: true };
        }
        const event = eventFacts(eventId);
        // A format without slots (Minijobbmesse) registers attendance up to its capacity instead.
        const attendance = !formatOf(event.format).hasSlots;
        const open = attendance
          ? checkRegistration(event, actor, clock(), events.candidateCount(eventId), {
              slots: form.slotIds.length,
              waitlists: form.waitlistParticipationIds.length,
            })
          : checkOpen(event, actor, clock());
        if (!open.ok) throw new AppError(409, open.reason, open.message);
        const caseworker = upsertCaseworker(form.caseworker, provenCaseworkerId);
        // Through the booking link, the typed address is only a claim until its owner opens the e-mailed link.
        const unconfirmed = actor.kind === "caseworker" && provenCaseworkerId !== caseworker.id;
        const who: Actor =
          actor.kind === "caseworker"
            ? { kind: "caseworker", id: `caseworker:${caseworker.id}${unconfirmed ? ":unconfirmed" : ""}` }
            : actor;
        const candidateId = insertCandidate(
          who,
          eventId,
          caseworker.id,
          form.candidate,
          form.requestKey,
          attendance,
        );
        if (unconfirmed) repo.markUnconfirmed(candidateId);
        if (attendance) {
          bus.record({
            type: "registration.created",
            eventId,
            candidateId,
            caseworkerId: caseworker.id,
            actor: who.id,
          });
        }
        const candidate = getCandidate(candidateId);
        for (const slotId of form.slotIds) {
          try {
            bookInTx(who, candidate, slotId);
          } catch (err) {
            // Say which ticked time was refused, so the form can keep the others and mark this one.
            if (err instanceof AppError && err.status === 409 && !err.extra)
              throw new AppError(err.status, err.code, err.message, err.fieldErrors, { slotId });
            throw err;
          }
        }
        for (const pid of form.waitlistParticipationIds) joinWaitlistInTx(who, candidate, pid);
        return {
          candidateId,
          caseworkerId: caseworker.id,
          isNewCaseworker: caseworker.isNew,
          replay: false,
        };
      });
    },

    /** One more slot for an existing candidate. */
    book(actor: Actor, candidateId: number, slotId: number): number {
      return bus.transaction(() => bookInTx(actor, getCandidate(candidateId), slotId));
    },

    /** Cancels a booking and gives the freed slot to the first fitting candidate on the waitlist. */
    /**
     * Seats a participation gained (a bigger group, more interviews) go to its waitlist first, in the waitlist's
     * order, before anyone new can take them; returns how many were promoted.
     */
    fillFromWaitlist(participationId: number): number {
      return bus.transaction(() => {
        const p = events.participation(participationId);
        if (!p) return 0;
        let promoted = 0;
        // promoteInTx re-reads the slot each time and stops at a full slot or an empty (or unfitting) waitlist.
        for (const s of events.slots(participationId)) {
          while (freeSeats(s) > 0 && promoteInTx(s.id, p.eventId) !== null) promoted += 1;
        }
        return promoted;
      });
    },

    cancel(actor: Actor, bookingId: number): { promotedCandidateId: number | null } {
      return bus.transaction(() => {
        const b = repo.booking(bookingId);
        if (!b) throw notFound("Fant ikke bookingen");
        const open = checkOpen(eventFacts(b.eventId), actor, clock());
        if (!open.ok) throw new AppError(409, open.reason, open.message);
        checkRemovable(b.id);
        guarded(() => repo.deleteBooking(b.id));
        bus.record({
          type: "booking.cancelled",
          eventId: b.eventId,
          booking: { ...bookingSnapshot(b), calendarSeq: b.calendarSeq + 1 },
          actor: actor.id,
        });
        return { promotedCandidateId: promoteInTx(b.slotId, b.eventId) };
      });
    },

    /**
     * Cancels a registration on an event without slots (a Minijobbmesse): the candidate row goes, and with it the
     * place. Refused after check-in, and once the day has records of the candidate (the schema's foreign keys).
     */
    cancelRegistration(actor: Actor, candidateId: number): void {
      bus.transaction(() => {
        const r = repo.registration(candidateId);
        if (!r) throw notFound("Fant ikke påmeldingen");
        if (formatOf(r.format).hasSlots) {
          throw new AppError(
            409,
            "not-a-registration",
            "Arrangementet har intervjutider: avbestill kandidatens intervjuer i stedet.",
          );
        }
        const d = checkCancelRegistration(eventFacts(r.eventId), actor, clock(), r);
        if (!d.ok) throw new AppError(409, d.reason, d.message);
        try {
          repo.deleteRegistration(r.candidateId, r.personId);
        } catch (err) {
          if (err instanceof Error && "code" in err && err.code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
            throw new AppError(409, "registration-in-use", IN_USE_MESSAGE);
          }
          throw err;
        }
        bus.record({
          type: "registration.cancelled",
          eventId: r.eventId,
          registration: {
            candidateId: r.candidateId,
            caseworkerId: r.caseworkerId,
            displayName: r.displayName,
            participantNumber: r.participantNumber,
          },
          actor: actor.id,
        });
      });
    },

    /** Moves a booking to another slot on the same event in one step (both or neither). */
    move(actor: Actor, bookingId: number, slotId: number): number {
      return bus.transaction(() => {
        const b = repo.booking(bookingId);
        if (!b) throw notFound("Fant ikke bookingen");
        checkRemovable(b.id);
        guarded(() => repo.deleteBooking(b.id));
        const newId = insertInTx(actor, getCandidate(b.candidateId), slotId, {
          uid: b.calendarUid,
          seq: b.calendarSeq + 1,
        });
        bus.record({
          type: "booking.moved",
          eventId: b.eventId,
          bookingId: newId,
          fromBookingId: b.id,
          fromSlotId: b.slotId,
          toSlotId: slotId,
          candidateId: b.candidateId,
          caseworkerId: b.caseworkerId,
          actor: actor.id,
        });
        promoteInTx(b.slotId, b.eventId);
        return newId;
      });
    },

    joinWaitlist(actor: Actor, candidateId: number, participationId: number): number {
      const candidate = getCandidate(candidateId);
      return bus.transaction(() => joinWaitlistInTx(actor, candidate, participationId));
    },

    leaveWaitlist(actor: Actor, entryId: number) {
      bus.transaction(() => {
        const w = repo.waitlistEntry(entryId);
        if (!w) throw notFound("Fant ikke plassen på ventelisten");
        repo.deleteWaitlist(entryId);
        bus.record({
          type: "waitlist.left",
          eventId: w.eventId,
          entryId,
          candidateId: w.candidateId,
          caseworkerId: w.caseworkerId,
          participationId: w.participationId,
          actor: actor.id,
        });
      });
    },

    /** Earliest slots (one per chosen employer) that satisfy every rule for a candidate with this birth year. */
    propose(
      actor: Actor,
      eventId: number,
      birthYear: number,
      participationIds: number[],
    ): SlotFacts[] | null {
      const event = eventFacts(eventId);
      const free = repo.eventSlotFacts(eventId).filter((s) => !slotFull(s));
      const per = participationIds.map((pid) => free.filter((s) => s.participationId === pid));
      return proposeSlots(event, actor, clock(), { birthYear, interviews: [] }, per);
    },

    slotsOf: (eventId: number) => repo.eventSlotFacts(eventId),
    eventBookings: (eventId: number) => repo.eventBookings(eventId),
    eventWaitlist: (eventId: number) => repo.eventWaitlist(eventId),
    auditLog: (eventId: number) => repo.auditLog(eventId),
    caseworker: (id: number) => repo.caseworker(id),
    caseworkerByEmail: (email: string) => repo.caseworkerByEmail(email),
    rotateManageLink: (id: number) => repo.bumpManageLink(id),
    forCaseworker: (caseworkerId: number) => ({
      bookings: repo.caseworkerBookings(caseworkerId),
      waitlist: repo.caseworkerWaitlist(caseworkerId),
      /** Candidates registered for attendance on events without slots (Minijobbmesse). */
      registrations: repo.caseworkerRegistrations(caseworkerId).filter((r) => !formatOf(r.format).hasSlots),
      notices: repo.notices(caseworkerId),
    }),
    /** Registrations on an event without slots, in participant-number order (none for slot formats). */
    eventRegistrations: (eventId: number) =>
      repo.eventRegistrations(eventId).filter((r) => !formatOf(r.format).hasSlots),
    booking: (id: number) => repo.booking(id),
  };
}
export type BookingService = ReturnType<typeof bookingService>;
