// Owns SQL for veiledere, candidates, bookings, the waitlist, notices and the audit log.
import type { Db } from "../db/connection";
import type { HeldInterview, SlotFacts } from "./booking.rules";

export type Caseworker = {
  id: number;
  email: string;
  name: string;
  officeId: number | null;
  manageLinkVersion: number;
};
export type Candidate = {
  id: number;
  eventId: number;
  caseworkerId: number;
  displayName: string;
  birthYear: number;
  eligibility: string;
  backupCaseworker: string;
  caseworkerJoins: boolean;
  needsAdaptation: boolean;
};
export type BookingRow = {
  id: number;
  slotId: number;
  participationId: number;
  candidateId: number;
  eventId: number;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  createdBy: string;
  displayName: string;
  participantNumber: number;
  /** "unconfirmed": registered through the booking link by a browser that had not proven the address. */
  identity: "confirmed" | "unconfirmed";
  caseworkerId: number;
  caseworkerName: string;
  caseworkerEmail: string;
  employerName: string;
  department: string;
  roomName: string | null;
  /** A Speedintervju's panel as stored on the participation (JSON [{name, role}]); "[]" for an employer. */
  panelJson: string;
  /** Stable through moves, so a calendar updates its entry instead of adding one. */
  calendarUid: string;
  calendarSeq: number;
};
/** A candidate registered for attendance on an event without slots (a Minijobbmesse). */
export type RegistrationRow = {
  candidateId: number;
  eventId: number;
  caseworkerId: number;
  caseworkerName: string;
  caseworkerEmail: string;
  displayName: string;
  birthYear: number;
  participantNumber: number;
  caseworkerJoins: boolean;
  needsAdaptation: boolean;
  identity: "confirmed" | "unconfirmed";
  createdAt: string;
  arrivedAt: string | null;
  /** The host has acted on the candidate on the day (even if undone since). */
  dayRecords: boolean;
  personId: number | null;
  /** The event's format: the caller keeps the registrations of formats without slots. */
  format: string;
};
export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  bookingId: number | null;
  candidateId: number | null;
  slotId: number | null;
  details: string;
};
export type WaitlistRow = {
  id: number;
  participationId: number;
  candidateId: number;
  createdAt: string;
  displayName: string;
  caseworkerId: number;
  caseworkerName: string;
  employerName: string;
  department: string;
  eventId: number;
};

const SLOT_FACTS = `s.id, s.participation_id AS participationId, p.employer_id AS employerId, e.name AS employerName,
  s.starts_at AS startsAt, s.ends_at AS endsAt, p.min_age AS minAge,
  (SELECT count(*) FROM booking b WHERE b.slot_id = s.id) AS taken, p.slot_capacity AS seats
  FROM slot s JOIN participation p ON p.id = s.participation_id JOIN employer e ON e.id = p.employer_id`;

const BOOKING = `b.id, b.slot_id AS slotId, b.participation_id AS participationId, b.candidate_id AS candidateId,
  c.event_id AS eventId, b.starts_at AS startsAt, b.ends_at AS endsAt, b.created_at AS createdAt, b.created_by AS createdBy,
  c.display_name AS displayName, c.identity, c.caseworker_id AS caseworkerId, w.name AS caseworkerName, w.email AS caseworkerEmail,
  e.name AS employerName, p.department, p.panel AS panelJson, r.name AS roomName, c.participant_number AS participantNumber,
  coalesce(b.calendar_uid, 'booking-' || b.id) AS calendarUid, b.calendar_seq AS calendarSeq
  FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN caseworker w ON w.id = c.caseworker_id
  JOIN participation p ON p.id = b.participation_id JOIN employer e ON e.id = p.employer_id
  LEFT JOIN room r ON r.id = p.room_id`;

const WAITLIST = `x.id, x.participation_id AS participationId, x.candidate_id AS candidateId, x.created_at AS createdAt,
  c.display_name AS displayName, c.caseworker_id AS caseworkerId, w.name AS caseworkerName,
  e.name AS employerName, p.department, c.event_id AS eventId
  FROM waitlist_entry x JOIN candidate c ON c.id = x.candidate_id JOIN caseworker w ON w.id = c.caseworker_id
  JOIN participation p ON p.id = x.participation_id JOIN employer e ON e.id = p.employer_id`;

const REGISTRATION = `c.id AS candidateId, c.event_id AS eventId, c.caseworker_id AS caseworkerId, w.name AS caseworkerName,
  w.email AS caseworkerEmail, c.display_name AS displayName, c.birth_year AS birthYear,
  c.participant_number AS participantNumber, c.caseworker_joins AS caseworkerJoins, c.needs_adaptation AS needsAdaptation,
  c.identity, c.created_at AS createdAt, c.arrived_at AS arrivedAt, c.person_id AS personId, e.format,
  EXISTS (SELECT 1 FROM host_action h WHERE h.candidate_id = c.id) AS dayRecords
  FROM candidate c JOIN caseworker w ON w.id = c.caseworker_id JOIN event e ON e.id = c.event_id`;
type RegistrationDb = Omit<RegistrationRow, "caseworkerJoins" | "needsAdaptation" | "dayRecords"> & {
  caseworkerJoins: number;
  needsAdaptation: number;
  dayRecords: number;
};
const toRegistration = (r: RegistrationDb): RegistrationRow => ({
  ...r,
  caseworkerJoins: r.caseworkerJoins === 1,
  needsAdaptation: r.needsAdaptation === 1,
  dayRecords: r.dayRecords === 1,
});
type CandidateDb = Omit<Candidate, "caseworkerJoins" | "needsAdaptation"> & {
  caseworkerJoins: number;
  needsAdaptation: number;
};
const toCandidate = (r: CandidateDb | undefined): Candidate | undefined =>
  r
    ? { ...r, caseworkerJoins: r.caseworkerJoins === 1, needsAdaptation: r.needsAdaptation === 1 }
    : undefined;

export function bookingRepo(db: Db) {
  const s = {
    caseworkerByEmail: db.prepare<[string], Caseworker>(
      "SELECT id, email, name, office_id AS officeId, manage_link_version AS manageLinkVersion FROM caseworker WHERE email = ?",
    ),
    caseworker: db.prepare<[number], Caseworker>(
      "SELECT id, email, name, office_id AS officeId, manage_link_version AS manageLinkVersion FROM caseworker WHERE id = ?",
    ),
    insertCaseworker: db.prepare(
      "INSERT INTO caseworker (email, name, office_id, created_at) VALUES (?, ?, ?, ?)",
    ),
    updateCaseworker: db.prepare("UPDATE caseworker SET name = ?, office_id = ? WHERE id = ?"),
    bumpManageLink: db.prepare(
      "UPDATE caseworker SET manage_link_version = manage_link_version + 1 WHERE id = ?",
    ),
    candidate: db.prepare<[number], CandidateDb>(
      `SELECT id, event_id AS eventId, caseworker_id AS caseworkerId, display_name AS displayName, birth_year AS birthYear,
       eligibility, backup_caseworker AS backupCaseworker, caseworker_joins AS caseworkerJoins,
       needs_adaptation AS needsAdaptation FROM candidate WHERE id = ?`,
    ),
    sameCandidates: db.prepare<[number, number, number], { id: number; displayName: string }>(
      `SELECT id, display_name AS displayName FROM candidate
       WHERE event_id = ? AND caseworker_id = ? AND birth_year = ? ORDER BY id`,
    ),
    candidateByRequestKey: db.prepare<[string], { id: number }>(
      "SELECT id FROM candidate WHERE request_key = ?",
    ),
    // The participant number is the next free one in the event, taken inside the booking transaction.
    insertCandidate:
      db.prepare(`INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility,
      backup_caseworker, caseworker_joins, needs_adaptation, request_key, created_at, name_key, participant_number,
      office_id)
      VALUES (@eventId, @caseworkerId, @displayName, @birthYear, @eligibility, @backupCaseworker, @caseworkerJoins,
      @needsAdaptation, @requestKey, @now, @nameKey,
      (SELECT coalesce(max(participant_number), 0) + 1 FROM candidate WHERE event_id = @eventId),
      -- The veileder's office as of this booking (the caseworker row was just upserted), for statistics.
      (SELECT office_id FROM caseworker WHERE id = @caseworkerId))`),
    slotFacts: db.prepare<[number], SlotFacts>(`SELECT ${SLOT_FACTS} WHERE s.id = ?`),
    eventSlotFacts: db.prepare<[number], SlotFacts>(
      `SELECT ${SLOT_FACTS} WHERE p.event_id = ? ORDER BY s.starts_at, p.id`,
    ),
    interviews: db.prepare<[number], HeldInterview>(
      `SELECT b.slot_id AS slotId, b.participation_id AS participationId, p.employer_id AS employerId,
       b.starts_at AS startsAt, b.ends_at AS endsAt
       FROM booking b JOIN participation p ON p.id = b.participation_id WHERE b.candidate_id = ?`,
    ),
    insertBooking:
      db.prepare(`INSERT INTO booking (slot_id, participation_id, candidate_id, starts_at, ends_at, created_at, created_by,
      calendar_uid, calendar_seq)
      VALUES (@slotId, @participationId, @candidateId, @startsAt, @endsAt, @now, @actor, @calendarUid, @calendarSeq)`),
    booking: db.prepare<[number], BookingRow>(`SELECT ${BOOKING} WHERE b.id = ?`),
    deleteBooking: db.prepare("DELETE FROM booking WHERE id = ?"),
    eventBookings: db.prepare<[number], BookingRow>(
      `SELECT ${BOOKING} WHERE c.event_id = ? ORDER BY b.starts_at, e.name`,
    ),
    caseworkerBookings: db.prepare<[number], BookingRow>(
      `SELECT ${BOOKING} WHERE c.caseworker_id = ? ORDER BY b.starts_at`,
    ),
    insertWaitlist: db.prepare(
      "INSERT INTO waitlist_entry (participation_id, candidate_id, created_at) VALUES (?, ?, ?)",
    ),
    waitlistFor: db.prepare<[number], WaitlistRow>(
      `SELECT ${WAITLIST} WHERE x.participation_id = ? ORDER BY x.created_at, x.id`,
    ),
    eventWaitlist: db.prepare<[number], WaitlistRow>(
      `SELECT ${WAITLIST} WHERE c.event_id = ? ORDER BY e.name, x.created_at, x.id`,
    ),
    caseworkerWaitlist: db.prepare<[number], WaitlistRow>(
      `SELECT ${WAITLIST} WHERE c.caseworker_id = ? ORDER BY x.created_at`,
    ),
    waitlistEntry: db.prepare<[number], WaitlistRow>(`SELECT ${WAITLIST} WHERE x.id = ?`),
    deleteWaitlist: db.prepare("DELETE FROM waitlist_entry WHERE id = ?"),
    insertAudit:
      db.prepare(`INSERT INTO audit_log (event_id, at, actor, action, booking_id, candidate_id, slot_id, details)
      VALUES (@eventId, @at, @actor, @action, @bookingId, @candidateId, @slotId, @details)`),
    audit: db.prepare<[number], AuditRow>(
      `SELECT id, at, actor, action, booking_id AS bookingId, candidate_id AS candidateId, slot_id AS slotId, details
       FROM audit_log WHERE event_id = ? ORDER BY at DESC, id DESC`,
    ),
    insertNotice: db.prepare("INSERT INTO caseworker_notice (caseworker_id, at, message) VALUES (?, ?, ?)"),
    notices: db.prepare<[number], { id: number; at: string; message: string }>(
      "SELECT id, at, message FROM caseworker_notice WHERE caseworker_id = ? ORDER BY at DESC, id DESC LIMIT 20",
    ),
    markUnconfirmed: db.prepare("UPDATE candidate SET identity = 'unconfirmed' WHERE id = ?"),
    unconfirmedCandidates: db.prepare<[number], { id: number; eventId: number }>(
      "SELECT id, event_id AS eventId FROM candidate WHERE caseworker_id = ? AND identity = 'unconfirmed'",
    ),
    confirmCandidate: db.prepare(
      "UPDATE candidate SET identity = 'confirmed' WHERE id = ? AND identity = 'unconfirmed'",
    ),
    registration: db.prepare<[number], RegistrationDb>(`SELECT ${REGISTRATION} WHERE c.id = ?`),
    eventRegistrations: db.prepare<[number], RegistrationDb>(
      `SELECT ${REGISTRATION} WHERE c.event_id = ? ORDER BY c.participant_number`,
    ),
    caseworkerRegistrations: db.prepare<[number], RegistrationDb>(
      `SELECT ${REGISTRATION} WHERE c.caseworker_id = ? ORDER BY e.date, c.participant_number`,
    ),
    deleteCandidate: db.prepare("DELETE FROM candidate WHERE id = ?"),
    // A person the tool made for this registration alone goes with it; one with any other record stays.
    deleteLonePerson: db.prepare(
      `DELETE FROM person WHERE id = @id AND source = 'tool'
       AND NOT EXISTS (SELECT 1 FROM candidate WHERE person_id = @id)
       AND NOT EXISTS (SELECT 1 FROM status_snapshot WHERE person_id = @id)
       AND NOT EXISTS (SELECT 1 FROM history_participation WHERE person_id = @id)`,
    ),
    caseworkerEvents: db.prepare<[number], { id: number; date: string; status: string }>(
      `SELECT DISTINCT e.id, e.date, e.status FROM candidate c JOIN event e ON e.id = c.event_id
       WHERE c.caseworker_id = ?`,
    ),
  };
  return {
    caseworkerByEmail: (email: string) => s.caseworkerByEmail.get(email),
    caseworker: (id: number) => s.caseworker.get(id),
    insertCaseworker: (email: string, name: string, officeId: number | null, now: string) =>
      Number(s.insertCaseworker.run(email, name, officeId, now).lastInsertRowid),
    updateCaseworker: (id: number, name: string, officeId: number | null) =>
      s.updateCaseworker.run(name, officeId, id),
    bumpManageLink: (id: number) => s.bumpManageLink.run(id),
    candidate: (id: number) => toCandidate(s.candidate.get(id)),
    candidateByRequestKey: (key: string) => s.candidateByRequestKey.get(key)?.id,
    /** The veileder's candidates on the event with this birth year (the caller compares folded names). */
    sameCandidates: (eventId: number, caseworkerId: number, birthYear: number) =>
      s.sameCandidates.all(eventId, caseworkerId, birthYear),
    insertCandidate: (
      c: Omit<Candidate, "id"> & { requestKey: string | null; now: string; nameKey: string },
    ) =>
      Number(
        s.insertCandidate.run({
          ...c,
          caseworkerJoins: c.caseworkerJoins ? 1 : 0,
          needsAdaptation: c.needsAdaptation ? 1 : 0,
        }).lastInsertRowid,
      ),
    slotFacts: (id: number) => s.slotFacts.get(id),
    eventSlotFacts: (eventId: number) => s.eventSlotFacts.all(eventId),
    interviews: (candidateId: number) => s.interviews.all(candidateId),
    insertBooking: (b: {
      slotId: number;
      participationId: number;
      candidateId: number;
      startsAt: string;
      endsAt: string;
      now: string;
      actor: string;
      calendarUid?: string | null;
      calendarSeq?: number;
    }) => Number(s.insertBooking.run({ calendarUid: null, calendarSeq: 0, ...b }).lastInsertRowid),
    booking: (id: number) => s.booking.get(id),
    deleteBooking: (id: number) => s.deleteBooking.run(id),
    eventBookings: (eventId: number) => s.eventBookings.all(eventId),
    caseworkerBookings: (caseworkerId: number) => s.caseworkerBookings.all(caseworkerId),
    insertWaitlist: (participationId: number, candidateId: number, now: string) =>
      Number(s.insertWaitlist.run(participationId, candidateId, now).lastInsertRowid),
    waitlistFor: (participationId: number) => s.waitlistFor.all(participationId),
    eventWaitlist: (eventId: number) => s.eventWaitlist.all(eventId),
    caseworkerWaitlist: (caseworkerId: number) => s.caseworkerWaitlist.all(caseworkerId),
    waitlistEntry: (id: number) => s.waitlistEntry.get(id),
    deleteWaitlist: (id: number) => s.deleteWaitlist.run(id),
    audit: (e: {
      eventId: number;
      at: string;
      actor: string;
      action: string;
      bookingId?: number;
      candidateId?: number;
      slotId?: number;
      details?: Record<string, unknown>;
    }) =>
      s.insertAudit.run({
        bookingId: null,
        candidateId: null,
        slotId: null,
        ...e,
        details: JSON.stringify(e.details ?? {}),
      }),
    auditLog: (eventId: number) => s.audit.all(eventId),
    insertNotice: (caseworkerId: number, at: string, message: string) =>
      s.insertNotice.run(caseworkerId, at, message),
    notices: (caseworkerId: number) => s.notices.all(caseworkerId),
    markUnconfirmed: (candidateId: number) => s.markUnconfirmed.run(candidateId),
    unconfirmedCandidates: (caseworkerId: number) => s.unconfirmedCandidates.all(caseworkerId),
    confirmCandidate: (candidateId: number) => s.confirmCandidate.run(candidateId).changes === 1,
    registration: (candidateId: number) => {
      const r = s.registration.get(candidateId);
      return r ? toRegistration(r) : undefined;
    },
    eventRegistrations: (eventId: number) => s.eventRegistrations.all(eventId).map(toRegistration),
    caseworkerRegistrations: (caseworkerId: number) =>
      s.caseworkerRegistrations.all(caseworkerId).map(toRegistration),
    /** Removes a registration that holds nothing else (no bookings, visits or outcomes: foreign keys refuse those). */
    deleteRegistration: (candidateId: number, personId: number | null) => {
      s.deleteCandidate.run(candidateId);
      if (personId === null) return;
      try {
        s.deleteLonePerson.run({ id: personId });
      } catch (err) {
        // A record this repo does not know still holds the person: it stays (a pseudonym only, no personal data).
        if (!(err instanceof Error && "code" in err && err.code === "SQLITE_CONSTRAINT_FOREIGNKEY"))
          throw err;
      }
    },
    /** The events a veileder has candidates on: their manage link lives as long as the latest follow-up. */
    caseworkerEvents: (caseworkerId: number) => s.caseworkerEvents.all(caseworkerId),
  };
}
export type BookingRepo = ReturnType<typeof bookingRepo>;
