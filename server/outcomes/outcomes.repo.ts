// Owns SQL for what happens after the interviews: employer feedback and its notes, offers, follow-up plans,
// the employer link's participation, and copying a candidate to another event as the same person.
import type { Db } from "../db/connection";
import type { Answer, Assessment, OfferKind, Rating } from "./outcomes.rules";

export type LinkParticipation = {
  id: number;
  eventId: number;
  employerName: string;
  department: string;
  employerLinkVersion: number;
  eventTitle: string;
  eventDate: string;
  /** The event's first interview ("HH:MM", Oslo): employers see candidates from then. */
  interviewStart: string;
  eventStatus: string;
  regionId: number;
  /** The event's format ("speedintervju": the link belongs to an interview panel). */
  eventFormat: string;
  /** The panel as stored (JSON [{name, role}]); "[]" for an employer. */
  panel: string;
};

/** One interview (a booking) with what the after-event pages need around it. */
export type InterviewRow = {
  bookingId: number;
  participationId: number;
  startsAt: string;
  endsAt: string;
  stage: string;
  candidateId: number;
  displayName: string;
  noShowAt: string | null;
  caseworkerId: number;
  personId: number;
  eventId: number;
  eventDate: string;
  eventTitle: string;
  eventFormat: string;
  employerName: string;
  department: string;
  feedbackId: number | null;
};

export type FeedbackRow = {
  id: number;
  bookingId: number;
  assessment: Assessment;
  handshake: Rating;
  language: Rating;
  eyeContact: Rating;
  message: string;
  secondInterviewOn: string | null;
  decision: "offer" | "maybe" | "no-offer";
  decideBy: string | null;
  version: number;
  updatedAt: string;
  offerId: number | null;
  offerKind: OfferKind | null;
  answer: Answer | null;
  answeredOn: string | null;
};

export type NoteRow = { speaker: "employer" | "candidate"; text: string };

export type OfferRow = {
  id: number;
  kind: OfferKind;
  answer: Answer;
  answeredOn: string | null;
  feedbackId: number;
  bookingId: number;
  candidateId: number;
  caseworkerId: number;
  eventDate: string;
  followUpId: number | null;
};

export type FollowUpRow = {
  id: number;
  offerId: number;
  startOn: string;
  place: string;
  kickoffDoneOn: string | null;
  firstDoneOn: string | null;
  evaluationDoneOn: string | null;
  offerKind: OfferKind;
  candidateId: number;
  displayName: string;
  caseworkerId: number;
  caseworkerName: string;
  caseworkerEmail: string;
  employerName: string;
  department: string;
  eventId: number;
  eventDate: string;
  regionId: number;
};

export type FeedbackWrite = {
  assessment: Assessment;
  handshake: Rating;
  language: Rating;
  eyeContact: Rating;
  message: string;
  secondInterviewOn: string | null;
  decision: "offer" | "maybe" | "no-offer";
  decideBy: string | null;
};

const INTERVIEW = `b.id AS bookingId, b.participation_id AS participationId, b.starts_at AS startsAt, b.ends_at AS endsAt,
  b.stage, c.id AS candidateId, c.display_name AS displayName, c.no_show_at AS noShowAt, c.caseworker_id AS caseworkerId,
  c.person_id AS personId, ev.id AS eventId, ev.date AS eventDate, ev.title AS eventTitle, ev.format AS eventFormat,
  em.name AS employerName,
  p.department, f.id AS feedbackId
  FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN participation p ON p.id = b.participation_id
  JOIN employer em ON em.id = p.employer_id JOIN event ev ON ev.id = c.event_id
  LEFT JOIN feedback f ON f.booking_id = b.id`;

const FEEDBACK = `f.id, f.booking_id AS bookingId, f.assessment, f.handshake, f.language, f.eye_contact AS eyeContact,
  f.message, f.second_interview_on AS secondInterviewOn, f.decision, f.decide_by AS decideBy, f.version,
  f.updated_at AS updatedAt, o.id AS offerId, o.type AS offerKind, o.answer, o.answered_on AS answeredOn
  FROM feedback f LEFT JOIN offer o ON o.feedback_id = f.id`;

const OFFER = `o.id, o.type AS kind, o.answer, o.answered_on AS answeredOn, f.id AS feedbackId, b.id AS bookingId,
  c.id AS candidateId, c.caseworker_id AS caseworkerId, ev.date AS eventDate, fu.id AS followUpId
  FROM offer o JOIN feedback f ON f.id = o.feedback_id JOIN booking b ON b.id = f.booking_id
  JOIN candidate c ON c.id = b.candidate_id JOIN event ev ON ev.id = c.event_id
  LEFT JOIN follow_up fu ON fu.offer_id = o.id`;

const FOLLOW_UP = `fu.id, fu.offer_id AS offerId, fu.start_on AS startOn, fu.place, fu.kickoff_done_on AS kickoffDoneOn,
  fu.first_done_on AS firstDoneOn, fu.evaluation_done_on AS evaluationDoneOn, o.type AS offerKind,
  c.id AS candidateId, c.display_name AS displayName, c.caseworker_id AS caseworkerId, w.name AS caseworkerName,
  w.email AS caseworkerEmail, em.name AS employerName, p.department, ev.id AS eventId, ev.date AS eventDate,
  ev.region_id AS regionId
  FROM follow_up fu JOIN offer o ON o.id = fu.offer_id JOIN feedback f ON f.id = o.feedback_id
  JOIN booking b ON b.id = f.booking_id JOIN candidate c ON c.id = b.candidate_id
  JOIN caseworker w ON w.id = c.caseworker_id JOIN participation p ON p.id = b.participation_id
  JOIN employer em ON em.id = p.employer_id JOIN event ev ON ev.id = c.event_id`;

export function outcomesRepo(db: Db) {
  const s = {
    linkParticipation: db.prepare<[number], LinkParticipation>(
      `SELECT p.id, p.event_id AS eventId, em.name AS employerName, p.department,
       p.employer_link_version AS employerLinkVersion, ev.title AS eventTitle, ev.date AS eventDate,
       ev.interview_start AS interviewStart, ev.status AS eventStatus, ev.region_id AS regionId,
       ev.format AS eventFormat, p.panel
       FROM participation p JOIN employer em ON em.id = p.employer_id JOIN event ev ON ev.id = p.event_id
       WHERE p.id = ?`,
    ),
    eventLinkParticipations: db.prepare<[number], LinkParticipation>(
      `SELECT p.id, p.event_id AS eventId, em.name AS employerName, p.department,
       p.employer_link_version AS employerLinkVersion, ev.title AS eventTitle, ev.date AS eventDate,
       ev.interview_start AS interviewStart, ev.status AS eventStatus, ev.region_id AS regionId,
       ev.format AS eventFormat, p.panel
       FROM participation p JOIN employer em ON em.id = p.employer_id JOIN event ev ON ev.id = p.event_id
       WHERE p.event_id = ? ORDER BY p.id`,
    ),
    bumpEmployerLink: db.prepare(
      "UPDATE participation SET employer_link_version = employer_link_version + 1 WHERE id = ?",
    ),
    interview: db.prepare<[number], InterviewRow>(`SELECT ${INTERVIEW} WHERE b.id = ?`),
    participationInterviews: db.prepare<[number], InterviewRow>(
      `SELECT ${INTERVIEW} WHERE b.participation_id = ? ORDER BY b.starts_at, b.id`,
    ),
    caseworkerInterviews: db.prepare<[number], InterviewRow>(
      `SELECT ${INTERVIEW} WHERE c.caseworker_id = ? ORDER BY ev.date DESC, b.starts_at`,
    ),
    candidateInterviews: db.prepare<[number], InterviewRow>(
      `SELECT ${INTERVIEW} WHERE c.id = ? ORDER BY b.starts_at`,
    ),
    feedback: db.prepare<[number], FeedbackRow>(`SELECT ${FEEDBACK} WHERE f.booking_id = ?`),
    notes: db.prepare<[number], NoteRow>(
      "SELECT speaker, text FROM feedback_note WHERE feedback_id = ? ORDER BY speaker, position",
    ),
    insertFeedback: db.prepare(
      `INSERT INTO feedback (booking_id, assessment, handshake, language, eye_contact, message, second_interview_on,
       decision, decide_by, created_at, updated_at)
       VALUES (@bookingId, @assessment, @handshake, @language, @eyeContact, @message, @secondInterviewOn, @decision,
       @decideBy, @now, @now)`,
    ),
    // The version guards against two people from the same employer overwriting each other.
    updateFeedback: db.prepare(
      `UPDATE feedback SET assessment = @assessment, handshake = @handshake, language = @language,
       eye_contact = @eyeContact, message = @message, second_interview_on = @secondInterviewOn, decision = @decision,
       decide_by = @decideBy, version = version + 1, updated_at = @now WHERE id = @id AND version = @version`,
    ),
    deleteNotes: db.prepare("DELETE FROM feedback_note WHERE feedback_id = ?"),
    insertNote: db.prepare(
      "INSERT INTO feedback_note (feedback_id, speaker, position, text) VALUES (?, ?, ?, ?)",
    ),
    insertOffer: db.prepare("INSERT INTO offer (feedback_id, type, created_at) VALUES (?, ?, ?)"),
    setOfferKind: db.prepare("UPDATE offer SET type = ? WHERE id = ?"),
    deleteOffer: db.prepare("DELETE FROM offer WHERE id = ? AND answer = 'pending'"),
    offer: db.prepare<[number], OfferRow>(`SELECT ${OFFER} WHERE o.id = ?`),
    setAnswer: db.prepare("UPDATE offer SET answer = ?, answered_on = ?, answered_by = ? WHERE id = ?"),
    followUp: db.prepare<[number], FollowUpRow>(`SELECT ${FOLLOW_UP} WHERE fu.id = ?`),
    followUpByOffer: db.prepare<[number], FollowUpRow>(`SELECT ${FOLLOW_UP} WHERE fu.offer_id = ?`),
    caseworkerFollowUps: db.prepare<[number], FollowUpRow>(
      `SELECT ${FOLLOW_UP} WHERE c.caseworker_id = ? ORDER BY fu.start_on`,
    ),
    allFollowUps: db.prepare<[], FollowUpRow>(`SELECT ${FOLLOW_UP} ORDER BY fu.start_on`),
    insertFollowUp: db.prepare(
      `INSERT INTO follow_up (offer_id, start_on, place, created_at, created_by)
       VALUES (@offerId, @startOn, @place, @now, @actor)`,
    ),
    stepDone: {
      kickoff: db.prepare("UPDATE follow_up SET kickoff_done_on = ? WHERE id = ?"),
      first: db.prepare("UPDATE follow_up SET first_done_on = ? WHERE id = ?"),
      evaluation: db.prepare("UPDATE follow_up SET evaluation_done_on = ? WHERE id = ?"),
    },
    deleteFollowUp: db.prepare("DELETE FROM follow_up WHERE id = ?"),
    // A new candidate row for another event, the same person; the participant number is the event's next one.
    copyCandidate: db.prepare(
      `INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, backup_caseworker,
       caseworker_joins, needs_adaptation, request_key, created_at, participant_number, person_id, name_key)
       SELECT @eventId, caseworker_id, display_name, birth_year, eligibility, backup_caseworker, caseworker_joins,
       needs_adaptation, NULL, @now,
       (SELECT coalesce(max(participant_number), 0) + 1 FROM candidate WHERE event_id = @eventId), person_id,
       name_key
       FROM candidate WHERE id = @fromId`,
    ),
  };
  return {
    linkParticipation: (id: number) => s.linkParticipation.get(id),
    eventLinkParticipations: (eventId: number) => s.eventLinkParticipations.all(eventId),
    bumpEmployerLink: (id: number) => s.bumpEmployerLink.run(id),
    interview: (bookingId: number) => s.interview.get(bookingId),
    participationInterviews: (participationId: number) => s.participationInterviews.all(participationId),
    caseworkerInterviews: (caseworkerId: number) => s.caseworkerInterviews.all(caseworkerId),
    candidateInterviews: (candidateId: number) => s.candidateInterviews.all(candidateId),
    feedback: (bookingId: number) => s.feedback.get(bookingId),
    notes: (feedbackId: number) => s.notes.all(feedbackId),
    insertFeedback: (bookingId: number, f: FeedbackWrite, now: string) =>
      Number(s.insertFeedback.run({ ...f, bookingId, now }).lastInsertRowid),
    /** False when someone else saved in between (the version moved on). */
    updateFeedback: (id: number, version: number, f: FeedbackWrite, now: string) =>
      s.updateFeedback.run({ ...f, id, version, now }).changes === 1,
    replaceNotes(feedbackId: number, notes: { employer: string[]; candidate: string[] }) {
      s.deleteNotes.run(feedbackId);
      notes.employer.forEach((text, i) => {
        s.insertNote.run(feedbackId, "employer", i, text);
      });
      notes.candidate.forEach((text, i) => {
        s.insertNote.run(feedbackId, "candidate", i, text);
      });
    },
    insertOffer: (feedbackId: number, kind: OfferKind, now: string) =>
      Number(s.insertOffer.run(feedbackId, kind, now).lastInsertRowid),
    setOfferKind: (offerId: number, kind: OfferKind) => s.setOfferKind.run(kind, offerId),
    deleteOffer: (offerId: number) => s.deleteOffer.run(offerId).changes === 1,
    offer: (id: number) => s.offer.get(id),
    setAnswer: (offerId: number, answer: Answer, on: string | null, by: string | null) =>
      s.setAnswer.run(answer, on, by, offerId),
    followUp: (id: number) => s.followUp.get(id),
    followUpByOffer: (offerId: number) => s.followUpByOffer.get(offerId),
    caseworkerFollowUps: (caseworkerId: number) => s.caseworkerFollowUps.all(caseworkerId),
    allFollowUps: () => s.allFollowUps.all(),
    insertFollowUp: (f: { offerId: number; startOn: string; place: string; now: string; actor: string }) =>
      Number(s.insertFollowUp.run(f).lastInsertRowid),
    setStepDone: (id: number, step: "kickoff" | "first" | "evaluation", on: string) =>
      s.stepDone[step].run(on, id),
    deleteFollowUp: (id: number) => s.deleteFollowUp.run(id),
    copyCandidate: (fromId: number, eventId: number, now: string) =>
      Number(s.copyCandidate.run({ fromId, eventId, now }).lastInsertRowid),
  };
}
export type OutcomesRepo = ReturnType<typeof outcomesRepo>;
