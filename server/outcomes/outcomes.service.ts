// Owns the after-event transactions: employer feedback and offers, the candidate's answers, follow-up plans, and
// putting the same candidate (person) on another event.
import { type Actor, slotFull } from "../booking/booking.rules";
import type { BookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import { eventsRepo } from "../events/events.repo";
import { domainEvents } from "../shared/domain-events";
import { AppError, invalidInput, notFound } from "../shared/errors";
import { inScope, type RegionScope } from "../shared/scope";
import { type Clock, osloDate } from "../shared/time";
import { type FeedbackRow, type FeedbackWrite, type InterviewRow, outcomesRepo } from "./outcomes.repo";
import {
  type Answer,
  checkAnswerChange,
  checkDecisionChange,
  checkEnrolAgain,
  checkFeedbackAllowed,
  checkFeedbackDates,
  checkFollowUpStart,
  checkPlanRemoval,
  checkStepDone,
  type FollowUpStep,
  followUpSteps,
  parseDecisionChoice,
} from "./outcomes.rules";
import type { FeedbackForm, FollowUpForm } from "./outcomes.schemas";
import { personsRepo } from "./persons.repo";

/** Who may act on a candidate's offers: their own veileder, or any coordinator (caseworkerId null). */
export type Acting = { actor: string; caseworkerId: number | null };

export const FEEDBACK_BLOCKS_REMOVAL =
  "Arbeidsgiveren har gitt tilbakemelding på dette intervjuet, og tilbakemeldingen (og et eventuelt tilbud) hører til det. Intervjuet kan derfor ikke avbestilles eller flyttes.";

const staleFeedback = () =>
  new AppError(
    409,
    "stale-feedback",
    "Noen andre har lagret tilbakemelding på dette intervjuet mens du skrev. Se hva som er lagret nå, og lagre igjen hvis du vil erstatte det med det du skrev.",
  );

export function outcomesService(db: Db, clock: Clock, deps: { booking: BookingService }) {
  const repo = outcomesRepo(db);
  const persons = personsRepo(db);
  const events = eventsRepo(db);
  const nowIso = () => clock().toISOString();

  function interviewOf(participationId: number, bookingId: number): InterviewRow {
    const i = repo.interview(bookingId);
    // A link for another participation sees the same answer as an unknown interview.
    if (!i || i.participationId !== participationId) throw notFound("Fant ikke intervjuet");
    return i;
  }

  function feedbackWithNotes(bookingId: number) {
    const f = repo.feedback(bookingId);
    if (!f) return null;
    const notes = repo.notes(f.id);
    return {
      ...f,
      employerNotes: notes.filter((n) => n.speaker === "employer").map((n) => n.text),
      candidateNotes: notes.filter((n) => n.speaker === "candidate").map((n) => n.text),
    };
  }

  /** The candidate's person: their region and the events they are on. */
  function personOf(candidateId: number) {
    const personId = persons.personOfCandidate(candidateId);
    if (personId === undefined) throw notFound("Fant ikke kandidaten");
    const person = persons.person(personId);
    return {
      regionId: person?.regionId ?? -1,
      eventIds: persons.personCandidates(personId).map((f) => f.eventId),
    };
  }

  function ownOffer(offerId: number, who: Acting) {
    const o = repo.offer(offerId);
    if (!o || (who.caseworkerId !== null && o.caseworkerId !== who.caseworkerId))
      throw notFound("Fant ikke tilbudet");
    return o;
  }

  function ownFollowUp(id: number, who: Acting) {
    const f = repo.followUp(id);
    if (!f || (who.caseworkerId !== null && f.caseworkerId !== who.caseworkerId))
      throw notFound("Fant ikke oppfølgingsplanen");
    return f;
  }

  return {
    repo,
    feedbackWithNotes,

    linkParticipation: (id: number) => repo.linkParticipation(id),
    eventLinkParticipations: (eventId: number) => repo.eventLinkParticipations(eventId),
    rotateEmployerLink(id: number) {
      if (!repo.linkParticipation(id)) throw notFound("Fant ikke virksomheten på arrangementet");
      repo.bumpEmployerLink(id);
    },

    interviewOf,
    participationInterviews: (participationId: number) => repo.participationInterviews(participationId),

    /**
     * Saves an employer's feedback on one interview, with its notes and the offer that follows from the decision.
     * An answered offer is not changed behind the veileder's back; a stale form is refused, not merged.
     */
    saveFeedback(participationId: number, bookingId: number, form: FeedbackForm): number {
      return db
        .transaction(() => {
          const i = interviewOf(participationId, bookingId);
          const allowed = checkFeedbackAllowed(
            { startsAt: i.startsAt, stage: i.stage, noShow: i.noShowAt !== null },
            clock(),
          );
          if (!allowed.ok) throw new AppError(409, allowed.reason, allowed.message);
          const decision = parseDecisionChoice(form.decision, form.decideBy);
          const dateErrors = checkFeedbackDates(i.eventDate, {
            secondInterviewOn: form.secondInterviewOn,
            decision,
          });
          if (Object.keys(dateErrors).length) throw invalidInput(dateErrors);
          const existing: FeedbackRow | undefined = repo.feedback(bookingId);
          const change = checkDecisionChange(
            existing?.offerId && existing.offerKind && existing.answer
              ? { kind: existing.offerKind, answer: existing.answer }
              : null,
            decision,
          );
          if (!change.ok)
            throw new AppError(409, change.reason, change.message, { decision: change.message });
          const write: FeedbackWrite = {
            assessment: form.assessment,
            handshake: form.handshake,
            language: form.language,
            eyeContact: form.eyeContact,
            message: form.message,
            secondInterviewOn: form.secondInterviewOn ?? null,
            decision: decision.decision,
            decideBy: decision.decision === "maybe" ? decision.decideBy : null,
          };
          const now = nowIso();
          let feedbackId: number;
          if (existing) {
            // A form without a version was opened before anything was saved; one with an older version before the
            // last save. Either way it was filled in without seeing what is saved now: refused, never merged.
            if (
              form.version !== existing.version ||
              !repo.updateFeedback(existing.id, existing.version, write, now)
            )
              throw staleFeedback();
            feedbackId = existing.id;
          } else {
            try {
              feedbackId = repo.insertFeedback(bookingId, write, now);
            } catch (err) {
              // Two phones saving the first feedback at once: the second meets the UNIQUE booking_id.
              if (err instanceof Error && err.message.includes("UNIQUE")) throw staleFeedback();
              throw err;
            }
          }
          repo.replaceNotes(feedbackId, { employer: form.employerNotes, candidate: form.candidateNotes });
          if (decision.decision === "offer") {
            if (!existing?.offerId) repo.insertOffer(feedbackId, decision.offerKind, now);
            else if (existing.offerKind !== decision.offerKind)
              repo.setOfferKind(existing.offerId, decision.offerKind);
          } else if (existing?.offerId) {
            repo.deleteOffer(existing.offerId);
          }
          return feedbackId;
        })
        .immediate();
    },

    /** The veileder records the candidate's answer to an offer (each offer on its own: two in one evening is fine). */
    recordAnswer(who: Acting, offerId: number, answer: Answer) {
      db.transaction(() => {
        const o = ownOffer(offerId, who);
        const d = checkAnswerChange(o.answer, answer, o.followUpId !== null);
        if (!d.ok) throw new AppError(409, d.reason, d.message, { [`offer-${o.id}`]: d.message });
        if (o.answer === answer) return;
        repo.setAnswer(
          o.id,
          answer,
          answer === "pending" ? null : osloDate(clock()),
          answer === "pending" ? null : who.actor,
        );
      }).immediate();
    },

    /** A follow-up plan for an accepted offer: the oppstartsmøte's date and place; the rest follows by rule. */
    planFollowUp(who: Acting, offerId: number, form: FollowUpForm): number {
      return db
        .transaction(() => {
          const o = ownOffer(offerId, who);
          if (o.answer !== "accepted") {
            throw new AppError(
              409,
              "offer-not-accepted",
              "Oppfølgingsplanen lages når kandidaten har takket ja til tilbudet.",
            );
          }
          if (o.followUpId)
            throw new AppError(409, "follow-up-exists", "Tilbudet har allerede en oppfølgingsplan.");
          const errors = checkFollowUpStart(o.eventDate, form.startOn);
          if (Object.keys(errors).length) throw invalidInput(errors);
          return repo.insertFollowUp({ offerId, ...form, now: nowIso(), actor: who.actor });
        })
        .immediate();
    },

    markStepDone(who: Acting, followUpId: number, step: FollowUpStep, doneOn: string) {
      db.transaction(() => {
        const f = ownFollowUp(followUpId, who);
        const errors = checkStepDone(f.eventDate, doneOn, clock());
        if (Object.keys(errors).length) throw invalidInput(errors);
        repo.setStepDone(f.id, step, doneOn);
      }).immediate();
    },

    removeFollowUp(who: Acting, followUpId: number) {
      db.transaction(() => {
        const f = ownFollowUp(followUpId, who);
        const d = checkPlanRemoval(f);
        if (!d.ok) throw new AppError(409, d.reason, d.message);
        repo.deleteFollowUp(f.id);
      }).immediate();
    },

    followUpsFor: (caseworkerId: number) =>
      repo.caseworkerFollowUps(caseworkerId).map((f) => ({ ...f, steps: followUpSteps(f, clock()) })),

    /** Every plan with a step past its due date, oldest first, for the coordinator. */
    overdue(regionId: RegionScope) {
      return repo
        .allFollowUps()
        .filter((f) => inScope(regionId, f.regionId))
        .map((f) => ({ ...f, steps: followUpSteps(f, clock()) }))
        .filter((f) => f.steps.some((s) => s.state === "overdue"));
    },

    /** Free slots on open events in the person's region that they are not on yet. */
    enrolOptions(candidateId: number) {
      const person = personOf(candidateId);
      const now = clock();
      return events
        .list()
        .filter((e) => checkEnrolAgain(e, person, now).ok)
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((e) => ({ event: e, slots: deps.booking.slotsOf(e.id).filter((s) => !slotFull(s)) }))
        .filter((x) => x.slots.length);
    },

    /**
     * Puts the same person on another event: a new candidate row with the same person and the same minimal data,
     * booked into the chosen slot, all or nothing. The booking itself runs through the booking service (a
     * savepoint inside this transaction), so every booking rule applies; nothing after it can fail.
     */
    enrolAgain(who: Acting, candidateId: number, slotId: number): number {
      // Through the bus: the booking's events are announced once this whole transaction commits.
      return domainEvents(db).transaction(() => {
        const c = deps.booking.getCandidate(candidateId);
        if (who.caseworkerId !== null && c.caseworkerId !== who.caseworkerId)
          throw notFound("Fant ikke kandidaten");
        const slot = deps.booking.repo.slotFacts(slotId);
        const p = slot && repo.linkParticipation(slot.participationId);
        const target = p && events.get(p.eventId);
        if (!target) throw invalidInput({ slotId: "Velg et ledig intervjutidspunkt fra listen" });
        const d = checkEnrolAgain(target, personOf(c.id), clock());
        if (!d.ok) throw new AppError(409, d.reason, d.message, { slotId: d.message });
        const newId = repo.copyCandidate(c.id, target.id, nowIso());
        const actor: Actor =
          who.caseworkerId === null
            ? { kind: "coordinator", id: who.actor }
            : { kind: "caseworker", id: who.actor };
        deps.booking.book(actor, newId, slotId);
        return newId;
      });
    },
  };
}
export type OutcomesService = ReturnType<typeof outcomesService>;
