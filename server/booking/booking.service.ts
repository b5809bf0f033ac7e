// Owns booking transactions: register a candidate, book, cancel, move, waitlist and its promotion, audit.
import type { Db } from "../db/connection";
import { eventsRepo } from "../events/events.repo";
import { regionsRepo } from "../regions/regions.repo";
import { AppError, invalidInput, notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { formatDate, formatTime } from "../shared/time";
import { bookingRepo, type Candidate } from "./booking.repo";
import {
  type Actor,
  type CandidateFacts,
  checkBooking,
  checkOpen,
  type EventFacts,
  pickFromWaitlist,
  proposeSlots,
  type SlotFacts,
} from "./booking.rules";
import type { BookingForm, CandidateInput } from "./booking.schemas";

/** Told after a booking change commits (realtime screens, e-mail); never inside the transaction. */
export type BookingChange = {
  eventId: number;
  type: "booked" | "cancelled" | "moved" | "promoted" | "waitlisted";
  /** The candidate the change is about, where the call site knows it ("promoted": who got the slot). */
  candidateId?: number;
};

const WAITLIST_ACTOR: Actor = { kind: "coordinator", id: "system:waitlist" };

/** Maps the schema's last-line-of-defence errors to the same codes the rules use. */
function constraintCode(err: unknown): string | null {
  const msg = err instanceof Error ? err.message : "";
  if (msg.includes("booking.slot_id")) return "slot-taken";
  if (msg.includes("booking.candidate_id, booking.participation_id")) return "same-employer";
  for (const code of ["time-overlap", "candidate-max-interviews", "same-employer"])
    if (msg === code) return code;
  return null;
}

export function bookingService(db: Db, clock: Clock, onChange: (c: BookingChange) => void = () => {}) {
  const repo = bookingRepo(db);
  const events = eventsRepo(db);
  const regions = regionsRepo(db);
  const nowIso = () => clock().toISOString();

  function eventFacts(eventId: number): EventFacts & { id: number; title: string } {
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

  /** Books inside the caller's transaction; throws a 409 AppError with the rule's code on refusal. */
  function bookInTx(actor: Actor, candidate: Candidate, slotId: number): number {
    const event = eventFacts(candidate.eventId);
    const slot = getSlot(candidate.eventId, slotId);
    const decision = checkBooking(event, actor, clock(), candidateFacts(candidate), slot);
    if (!decision.ok) throw new AppError(409, decision.reason, decision.message);
    try {
      const id = repo.insertBooking({
        slotId,
        participationId: slot.participationId,
        candidateId: candidate.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        now: nowIso(),
        actor: actor.id,
      });
      repo.audit({
        eventId: candidate.eventId,
        at: nowIso(),
        actor: actor.id,
        action: "booked",
        bookingId: id,
        candidateId: candidate.id,
        slotId,
      });
      return id;
    } catch (err) {
      const code = constraintCode(err);
      if (code) throw new AppError(409, code, "Tidspunktet kan ikke bookes for denne kandidaten.");
      throw err;
    }
  }

  /** Fills a freed slot from its employer's waitlist; returns the promoted candidate's id. */
  function promoteInTx(slotId: number, eventId: number): number | null {
    const slot = repo.slotFacts(slotId);
    if (!slot || slot.booked) return null;
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
    repo.audit({
      eventId,
      at: nowIso(),
      actor: WAITLIST_ACTOR.id,
      action: "promoted-from-waitlist",
      bookingId,
      candidateId: candidate.id,
      slotId,
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
    const free = events.slots(participationId).filter((s) => !s.booked);
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
      repo.audit({
        eventId: candidate.eventId,
        at: nowIso(),
        actor: actor.id,
        action: "waitlisted",
        candidateId: candidate.id,
        details: { participationId },
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

  function insertCandidate(
    eventId: number,
    caseworkerId: number,
    c: CandidateInput,
    requestKey: string | null,
  ) {
    return repo.insertCandidate({ ...c, eventId, caseworkerId, requestKey, now: nowIso() });
  }

  return {
    repo,
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
      const result = db
        .transaction(() => {
          const replay = repo.candidateByRequestKey(form.requestKey);
          if (replay) {
            const c = getCandidate(replay);
            // Only the same submission (same event, same veileder) gets the first answer back.
            const same =
              c.eventId === eventId && repo.caseworkerByEmail(form.caseworker.email)?.id === c.caseworkerId;
            if (!same)
              throw new AppError(
                409,
                "request-key-reused",
                "Skjemaet er allerede brukt. Last siden på nytt.",
              );
            return { candidateId: c.id, caseworkerId: c.caseworkerId, isNewCaseworker: false, replay: true };
          }
          const event = eventFacts(eventId);
          const open = checkOpen(event, actor, clock());
          if (!open.ok) throw new AppError(409, open.reason, open.message);
          const caseworker = upsertCaseworker(form.caseworker, provenCaseworkerId);
          // Through the booking link, the typed address is only a claim until its owner opens the e-mailed link.
          const unconfirmed = actor.kind === "caseworker" && provenCaseworkerId !== caseworker.id;
          const who: Actor =
            actor.kind === "caseworker"
              ? { kind: "caseworker", id: `caseworker:${caseworker.id}${unconfirmed ? ":unconfirmed" : ""}` }
              : actor;
          const candidateId = insertCandidate(eventId, caseworker.id, form.candidate, form.requestKey);
          if (unconfirmed) repo.markUnconfirmed(candidateId);
          const candidate = getCandidate(candidateId);
          for (const slotId of form.slotIds) bookInTx(who, candidate, slotId);
          for (const pid of form.waitlistParticipationIds) joinWaitlistInTx(who, candidate, pid);
          return {
            candidateId,
            caseworkerId: caseworker.id,
            isNewCaseworker: caseworker.isNew,
            replay: false,
          };
        })
        .immediate();
      if (!result.replay) onChange({ eventId, type: "booked", candidateId: result.candidateId });
      return result;
    },

    /** One more slot for an existing candidate. */
    book(actor: Actor, candidateId: number, slotId: number): number {
      const id = db.transaction(() => bookInTx(actor, getCandidate(candidateId), slotId)).immediate();
      onChange({ eventId: getCandidate(candidateId).eventId, type: "booked", candidateId });
      return id;
    },

    /** Cancels a booking and gives the freed slot to the first fitting candidate on the waitlist. */
    cancel(actor: Actor, bookingId: number): { promotedCandidateId: number | null } {
      const result = db
        .transaction(() => {
          const b = repo.booking(bookingId);
          if (!b) throw notFound("Fant ikke bookingen");
          const open = checkOpen(eventFacts(b.eventId), actor, clock());
          if (!open.ok) throw new AppError(409, open.reason, open.message);
          repo.deleteBooking(b.id);
          repo.audit({
            eventId: b.eventId,
            at: nowIso(),
            actor: actor.id,
            action: "cancelled",
            bookingId: b.id,
            candidateId: b.candidateId,
            slotId: b.slotId,
          });
          return { eventId: b.eventId, promotedCandidateId: promoteInTx(b.slotId, b.eventId) };
        })
        .immediate();
      onChange({
        eventId: result.eventId,
        type: result.promotedCandidateId ? "promoted" : "cancelled",
        candidateId: result.promotedCandidateId ?? undefined,
      });
      return { promotedCandidateId: result.promotedCandidateId };
    },

    /** Moves a booking to another slot on the same event in one step (both or neither). */
    move(actor: Actor, bookingId: number, slotId: number): number {
      const result = db
        .transaction(() => {
          const b = repo.booking(bookingId);
          if (!b) throw notFound("Fant ikke bookingen");
          repo.deleteBooking(b.id);
          const newId = bookInTx(actor, getCandidate(b.candidateId), slotId);
          repo.audit({
            eventId: b.eventId,
            at: nowIso(),
            actor: actor.id,
            action: "moved",
            bookingId: newId,
            candidateId: b.candidateId,
            slotId,
            details: { fromSlotId: b.slotId, fromBookingId: b.id },
          });
          promoteInTx(b.slotId, b.eventId);
          return { eventId: b.eventId, newId };
        })
        .immediate();
      onChange({ eventId: result.eventId, type: "moved" });
      return result.newId;
    },

    joinWaitlist(actor: Actor, candidateId: number, participationId: number): number {
      const candidate = getCandidate(candidateId);
      const id = db.transaction(() => joinWaitlistInTx(actor, candidate, participationId)).immediate();
      onChange({ eventId: candidate.eventId, type: "waitlisted", candidateId: candidate.id });
      return id;
    },

    leaveWaitlist(actor: Actor, entryId: number) {
      db.transaction(() => {
        const w = repo.waitlistEntry(entryId);
        if (!w) throw notFound("Fant ikke plassen på ventelisten");
        repo.deleteWaitlist(entryId);
        repo.audit({
          eventId: w.eventId,
          at: nowIso(),
          actor: actor.id,
          action: "left-waitlist",
          candidateId: w.candidateId,
          details: { participationId: w.participationId },
        });
      }).immediate();
    },

    /** Earliest slots (one per chosen employer) that satisfy every rule for a candidate with this birth year. */
    propose(
      actor: Actor,
      eventId: number,
      birthYear: number,
      participationIds: number[],
    ): SlotFacts[] | null {
      const event = eventFacts(eventId);
      const free = repo.eventSlotFacts(eventId).filter((s) => !s.booked);
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
      notices: repo.notices(caseworkerId),
    }),
    booking: (id: number) => repo.booking(id),
  };
}
export type BookingService = ReturnType<typeof bookingService>;
