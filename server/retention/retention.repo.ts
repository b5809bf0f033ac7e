// Owns the SQL of retention: which events hold personal data, scrubbing it (per event or per candidate) while the
// facts the statistics count stay, the outbox mails that belong to an event or candidate, and one candidate's export.
import type { Db } from "../db/connection";

export type RetentionEvent = {
  id: number;
  date: string;
  purgedAt: string | null;
  latestFollowUpStart: string | null;
};

export type MailFile = { id: number; location: string | null };

const EVENT_BOOKINGS =
  "SELECT b.id FROM booking b JOIN candidate c ON c.id = b.candidate_id WHERE c.event_id = @id";
const CANDIDATE_BOOKINGS = "SELECT b.id FROM booking b WHERE b.candidate_id = @id";
const feedbackOf = (bookings: string) => `SELECT f.id FROM feedback f WHERE f.booking_id IN (${bookings})`;
const offersOf = (bookings: string) =>
  `SELECT o.id FROM offer o JOIN feedback f ON f.id = o.feedback_id WHERE f.booking_id IN (${bookings})`;

// The person's pseudonym replaces the name (the person row is what the statistics count, and stays).
const PSEUDONYM = `coalesce(substr((SELECT p.person_key FROM person p WHERE p.id = candidate.person_id), 1, 60), 'Slettet')`;

/** The scrubbing statements for one scope: every candidate of an event, or one candidate. */
function scrub(db: Db, scope: "event" | "candidate") {
  const bookings = scope === "event" ? EVENT_BOOKINGS : CANDIDATE_BOOKINGS;
  const candidates = scope === "event" ? "candidate.event_id = @id" : "candidate.id = @id";
  return [
    // Notices that name a candidate go first, while the name is still there to find.
    db.prepare(`DELETE FROM caseworker_notice WHERE EXISTS (SELECT 1 FROM candidate
      WHERE ${candidates} AND candidate.caseworker_id = caseworker_notice.caseworker_id
      AND instr(caseworker_notice.message, candidate.display_name) > 0)`),
    db.prepare(`UPDATE candidate SET display_name = ${PSEUDONYM}, backup_caseworker = '', needs_adaptation = 0,
      request_key = NULL WHERE ${candidates}`),
    db.prepare(`UPDATE feedback SET message = '' WHERE booking_id IN (${bookings})`),
    db.prepare(`DELETE FROM feedback_note WHERE feedback_id IN (${feedbackOf(bookings)})`),
    db.prepare(`UPDATE follow_up SET place = '–' WHERE offer_id IN (${offersOf(bookings)})`),
    // A Speedintervju panel's note about a candidate; the decision itself stays (the statistics count selected).
    db.prepare(`UPDATE selection SET note = '' WHERE note <> '' AND candidate_id IN
      (SELECT candidate.id FROM candidate WHERE ${candidates})`),
    // A Minijobbmesse employer's «Vil møte igjen» note; the mark itself stays for the per-event tables.
    db.prepare(
      `UPDATE meet_again SET note = '' WHERE candidate_id IN (SELECT id FROM candidate WHERE ${candidates})`,
    ),
    db.prepare(
      scope === "event"
        ? "UPDATE host_action SET before = '{}' WHERE event_id = @id"
        : `UPDATE host_action SET before = '{}' WHERE candidate_id = @id OR booking_id IN (${bookings})`,
    ),
  ];
}

export function retentionRepo(db: Db) {
  const s = {
    events: db.prepare<[], RetentionEvent>(
      `SELECT e.id, e.date, e.purged_at AS purgedAt,
       (SELECT max(fu.start_on) FROM follow_up fu JOIN offer o ON o.id = fu.offer_id
        JOIN feedback f ON f.id = o.feedback_id JOIN booking b ON b.id = f.booking_id
        JOIN candidate c ON c.id = b.candidate_id WHERE c.event_id = e.id) AS latestFollowUpStart
       FROM event e WHERE e.purged_at IS NULL ORDER BY e.date, e.id`,
    ),
    markPurged: db.prepare("UPDATE event SET purged_at = ? WHERE id = ?"),
    eventCounts: db.prepare<{ id: number }, { candidates: number; feedback: number; notes: number }>(
      `SELECT (SELECT count(*) FROM candidate WHERE event_id = @id) AS candidates,
       (SELECT count(*) FROM feedback WHERE booking_id IN (${EVENT_BOOKINGS}) AND message <> '') AS feedback,
       (SELECT count(*) FROM feedback_note WHERE feedback_id IN (${feedbackOf(EVENT_BOOKINGS)}))
       + (SELECT count(*) FROM selection WHERE note <> ''
          AND candidate_id IN (SELECT id FROM candidate WHERE event_id = @id))
       + (SELECT count(*) FROM meet_again WHERE note <> ''
          AND candidate_id IN (SELECT id FROM candidate WHERE event_id = @id)) AS notes`,
    ),
    eventMails: db.prepare<[number], MailFile>(
      "SELECT mail_id AS id, location FROM mail_outbox_scope WHERE event_id = ?",
    ),
    candidateMails: db.prepare<{ id: number; eventId: number; caseworkerId: number }, MailFile>(
      `SELECT mail_id AS id, location FROM mail_outbox_scope WHERE candidate_id = @id
       UNION SELECT id, location FROM mail_outbox
       WHERE idempotency_key LIKE 'reminder:event:' || @eventId || ':%:caseworker:' || @caseworkerId`,
    ),
    // Mails of no event (the weekly digest) and old notices go after the same period.
    oldMails: db.prepare<[string], MailFile>(
      "SELECT mail_id AS id, location FROM mail_outbox_scope WHERE event_id IS NULL AND created_at < ?",
    ),
    deleteMail: db.prepare("DELETE FROM mail_outbox WHERE id = ?"),
    deleteOldNotices: db.prepare("DELETE FROM caseworker_notice WHERE at < ?"),
    insertAudit: db.prepare(
      `INSERT INTO audit_log (event_id, at, actor, action, candidate_id, details)
       VALUES (@eventId, @at, @actor, @action, @candidateId, '{}')`,
    ),
  };
  const scrubEvent = scrub(db, "event");
  const scrubCandidate = scrub(db, "candidate");

  return {
    unpurgedEvents: () => s.events.all(),
    eventCounts: (id: number) =>
      s.eventCounts.get({ id }) as { candidates: number; feedback: number; notes: number },
    /** Replaces names by pseudonyms and clears free text; returns the rows changed per statement. */
    scrubEvent: (id: number) => scrubEvent.map((st) => st.run({ id }).changes),
    scrubCandidate: (id: number) => scrubCandidate.map((st) => st.run({ id }).changes),
    markPurged: (id: number, now: string) => s.markPurged.run(now, id),
    eventMails: (id: number) => s.eventMails.all(id),
    candidateMails: (c: { id: number; eventId: number; caseworkerId: number }) => s.candidateMails.all(c),
    oldMails: (before: string) => s.oldMails.all(before),
    deleteMail: (id: number) => s.deleteMail.run(id),
    deleteOldNotices: (before: string) => s.deleteOldNotices.run(before).changes,
    audit: (a: { eventId: number; at: string; actor: string; action: string; candidateId: number }) =>
      s.insertAudit.run(a),
  };
}
export type RetentionRepo = ReturnType<typeof retentionRepo>;

/** Everything the tool holds about one candidate, for an access request (GDPR art. 15). */
export function candidateExport(db: Db, candidateId: number) {
  const candidate = db
    .prepare<[number], Record<string, unknown> & { eventId: number; personId: number; caseworkerId: number }>(
      `SELECT c.id, c.display_name AS displayName, c.birth_year AS birthYear, c.eligibility,
       c.backup_caseworker AS backupCaseworker, c.caseworker_joins AS caseworkerJoins,
       c.needs_adaptation AS needsAdaptation, c.participant_number AS participantNumber,
       c.arrived_at AS arrivedAt, c.pep_talk_at AS pepTalkAt, c.no_show_at AS noShowAt,
       c.created_at AS createdAt, c.event_id AS eventId, c.person_id AS personId, c.caseworker_id AS caseworkerId
       FROM candidate c WHERE c.id = ?`,
    )
    .get(candidateId);
  if (!candidate) return undefined;
  const event = db.prepare("SELECT id, title, date, status FROM event WHERE id = ?").get(candidate.eventId);
  const caseworker = db
    .prepare("SELECT name, email FROM caseworker WHERE id = ?")
    .get(candidate.caseworkerId);
  const person = db
    .prepare("SELECT person_key AS personKey, source FROM person WHERE id = ?")
    .get(candidate.personId);
  const interviews = db
    .prepare<[number], { bookingId: number; feedbackId: number | null } & Record<string, unknown>>(
      `SELECT b.id AS bookingId, em.name AS employer, p.department, b.starts_at AS startsAt, b.ends_at AS endsAt,
       b.stage, b.created_at AS bookedAt, b.created_by AS bookedBy, f.id AS feedbackId, f.assessment,
       f.handshake, f.language, f.eye_contact AS eyeContact, f.message, f.decision,
       f.second_interview_on AS secondInterviewOn, f.decide_by AS decideBy,
       o.type AS offerType, o.answer AS offerAnswer, o.answered_on AS offerAnsweredOn,
       fu.start_on AS followUpStartOn, fu.place AS followUpPlace, fu.kickoff_done_on AS kickoffDoneOn,
       fu.first_done_on AS firstFollowUpDoneOn, fu.evaluation_done_on AS evaluationDoneOn
       FROM booking b JOIN participation p ON p.id = b.participation_id JOIN employer em ON em.id = p.employer_id
       LEFT JOIN feedback f ON f.booking_id = b.id LEFT JOIN offer o ON o.feedback_id = f.id
       LEFT JOIN follow_up fu ON fu.offer_id = o.id
       WHERE b.candidate_id = ? ORDER BY b.starts_at`,
    )
    .all(candidateId);
  const notes = db.prepare<[number], { speaker: string; text: string }>(
    "SELECT speaker, text FROM feedback_note WHERE feedback_id = ? ORDER BY speaker, position",
  );
  const waitlist = db
    .prepare(
      `SELECT em.name AS employer, p.department, w.created_at AS since FROM waitlist_entry w
       JOIN participation p ON p.id = w.participation_id JOIN employer em ON em.id = p.employer_id
       WHERE w.candidate_id = ?`,
    )
    .all(candidateId);
  const statuses = db
    .prepare(
      `SELECT cohort_year AS cohortYear, status, as_of AS asOf, recorded_at AS recordedAt FROM status_snapshot
       WHERE person_id = ? ORDER BY as_of`,
    )
    .all(candidate.personId);
  const selection = db
    .prepare(
      `SELECT decision, note, reserve_rank AS reserveRank, decided_by AS decidedBy, updated_at AS updatedAt
       FROM selection WHERE candidate_id = ?`,
    )
    .get(candidateId);
  const history = db
    .prepare(
      "SELECT at, actor, action, booking_id AS bookingId FROM audit_log WHERE candidate_id = ? ORDER BY at, id",
    )
    .all(candidateId);
  // A Minijobbmesse: the rooms the candidate walked into, and the employers who want to meet them again.
  const roomVisits = db
    .prepare(
      `SELECT em.name AS employer, v.entered_at AS enteredAt, v.left_at AS leftAt FROM room_visit v
       JOIN participation p ON p.id = v.participation_id JOIN employer em ON em.id = p.employer_id
       WHERE v.candidate_id = ? ORDER BY v.entered_at, v.id`,
    )
    .all(candidateId);
  const meetAgain = db
    .prepare(
      `SELECT em.name AS employer, m.note, m.created_at AS createdAt FROM meet_again m
       JOIN participation p ON p.id = m.participation_id JOIN employer em ON em.id = p.employer_id
       WHERE m.candidate_id = ? ORDER BY m.created_at`,
    )
    .all(candidateId);
  const { eventId: _e, personId: _p, caseworkerId: _c, ...own } = candidate;
  return {
    candidate: own,
    event,
    caseworker,
    person,
    interviews: interviews.map(({ feedbackId, ...i }) => ({
      ...i,
      notes: feedbackId ? notes.all(feedbackId) : [],
    })),
    waitlist,
    selection: selection ?? null,
    roomVisits,
    meetAgain,
    statuses,
    history,
  };
}
