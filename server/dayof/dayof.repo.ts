// Owns SQL for the day: candidates' arrival state, interview stages, room delays and the host action log.
import type { Db } from "../db/connection";
import type { Stage } from "./dayof.rules";

export type DayRow = {
  bookingId: number;
  slotId: number;
  participationId: number;
  startsAt: string;
  endsAt: string;
  stage: Stage;
  startedAt: string | null;
  finishedAt: string | null;
} & DayCandidate;

export type ActionRow = {
  id: string;
  eventId: number;
  at: string;
  actor: string;
  kind: string;
  candidateId: number | null;
  bookingId: number | null;
  participationId: number | null;
  before: string;
  undoneAt: string | null;
};

/** A candidate of the event with their day state, whether or not they have interviews (a Minijobbmesse has none). */
export type DayCandidate = {
  candidateId: number;
  displayName: string;
  participantNumber: number;
  arrivedAt: string | null;
  pepTalkAt: string | null;
  noShowAt: string | null;
  version: number;
  caseworkerJoins: number;
  needsAdaptation: number;
  caseworkerName: string;
  backupCaseworker: string;
};

export type VisitRecord = {
  id: number;
  candidateId: number;
  participationId: number;
  enteredAt: string;
  leftAt: string | null;
};

const CANDIDATE_COLUMNS = `c.id AS candidateId, c.display_name AS displayName, c.participant_number AS participantNumber,
  c.arrived_at AS arrivedAt, c.pep_talk_at AS pepTalkAt, c.no_show_at AS noShowAt, c.day_version AS version,
  c.caseworker_joins AS caseworkerJoins, c.needs_adaptation AS needsAdaptation, w.name AS caseworkerName,
  c.backup_caseworker AS backupCaseworker`;
const VISIT_COLUMNS = `id, candidate_id AS candidateId, participation_id AS participationId, entered_at AS enteredAt,
  left_at AS leftAt`;

const ACTION_COLUMNS = `id, event_id AS eventId, at, actor, kind, candidate_id AS candidateId, booking_id AS bookingId,
  participation_id AS participationId, before, undone_at AS undoneAt`;

export function dayofRepo(db: Db) {
  const s = {
    rows: db.prepare<[number], DayRow>(
      `SELECT b.id AS bookingId, b.slot_id AS slotId, b.participation_id AS participationId, b.starts_at AS startsAt,
       b.ends_at AS endsAt, b.stage, b.started_at AS startedAt, b.finished_at AS finishedAt, c.id AS candidateId,
       c.display_name AS displayName, c.participant_number AS participantNumber, c.arrived_at AS arrivedAt,
       c.pep_talk_at AS pepTalkAt, c.no_show_at AS noShowAt, c.day_version AS version,
       c.caseworker_joins AS caseworkerJoins, c.needs_adaptation AS needsAdaptation, w.name AS caseworkerName,
       c.backup_caseworker AS backupCaseworker
       FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN caseworker w ON w.id = c.caseworker_id
       WHERE c.event_id = ? ORDER BY b.starts_at, b.id`,
    ),
    bookingEvent: db.prepare<[number], { eventId: number; candidateId: number }>(
      "SELECT c.event_id AS eventId, b.candidate_id AS candidateId FROM booking b JOIN candidate c ON c.id = b.candidate_id WHERE b.id = ?",
    ),
    candidateEvent: db.prepare<[number], { eventId: number }>(
      "SELECT event_id AS eventId FROM candidate WHERE id = ?",
    ),
    participationEvent: db.prepare<[number], { eventId: number; delayMinutes: number }>(
      "SELECT event_id AS eventId, delay_minutes AS delayMinutes FROM participation WHERE id = ?",
    ),
    candidates: db.prepare<[number], DayCandidate>(
      `SELECT ${CANDIDATE_COLUMNS} FROM candidate c JOIN caseworker w ON w.id = c.caseworker_id
       WHERE c.event_id = ? ORDER BY c.participant_number, c.id`,
    ),
    candidate: db.prepare<[number], DayCandidate>(
      `SELECT ${CANDIDATE_COLUMNS} FROM candidate c JOIN caseworker w ON w.id = c.caseworker_id WHERE c.id = ?`,
    ),
    visits: db.prepare<[number], VisitRecord>(
      `SELECT ${VISIT_COLUMNS} FROM room_visit WHERE event_id = ? ORDER BY entered_at, id`,
    ),
    openVisit: db.prepare<[number], VisitRecord>(
      `SELECT ${VISIT_COLUMNS} FROM room_visit WHERE candidate_id = ? AND left_at IS NULL`,
    ),
    insertVisit: db.prepare(
      `INSERT INTO room_visit (event_id, candidate_id, participation_id, entered_at)
       VALUES (@eventId, @candidateId, @participationId, @at)`,
    ),
    closeVisit: db.prepare("UPDATE room_visit SET left_at = ? WHERE id = ?"),
    reopenVisit: db.prepare("UPDATE room_visit SET left_at = NULL WHERE id = ?"),
    deleteVisit: db.prepare("DELETE FROM room_visit WHERE id = ?"),
    // An employer's «Vil møte igjen» rests on a visit: without any visit to that room, the mark goes too.
    dropUnvisitedMark: db.prepare(
      `DELETE FROM meet_again WHERE candidate_id = @candidateId AND participation_id = @participationId
       AND NOT EXISTS (SELECT 1 FROM room_visit v WHERE v.candidate_id = @candidateId
                       AND v.participation_id = @participationId)`,
    ),
    visitRoom: db.prepare<[number], { candidateId: number; participationId: number }>(
      "SELECT candidate_id AS candidateId, participation_id AS participationId FROM room_visit WHERE id = ?",
    ),
    setCandidate: db.prepare(
      `UPDATE candidate SET arrived_at = @arrivedAt, pep_talk_at = @pepTalkAt, no_show_at = @noShowAt,
       day_version = day_version + 1 WHERE id = @id`,
    ),
    setStage: db.prepare(
      "UPDATE booking SET stage = @stage, started_at = @startedAt, finished_at = @finishedAt WHERE id = @id",
    ),
    setDelay: db.prepare("UPDATE participation SET delay_minutes = ? WHERE id = ?"),
    action: db.prepare<[string], ActionRow>(`SELECT ${ACTION_COLUMNS} FROM host_action WHERE id = ?`),
    actors: db.prepare<[number], { actor: string }>(
      "SELECT actor FROM host_action WHERE event_id = ? GROUP BY actor ORDER BY min(rowid)",
    ),
    insertAction: db.prepare(
      `INSERT INTO host_action (id, event_id, at, actor, kind, candidate_id, booking_id, participation_id, before)
       VALUES (@id, @eventId, @at, @actor, @kind, @candidateId, @bookingId, @participationId, @before)`,
    ),
    markUndone: db.prepare("UPDATE host_action SET undone_at = ? WHERE id = ?"),
    // Insertion order (rowid), not `at`: two actions in the same millisecond still have an order.
    newerThan: db.prepare<[number, string], ActionRow>(
      `SELECT ${ACTION_COLUMNS}
       FROM host_action WHERE event_id = ? AND rowid > (SELECT rowid FROM host_action WHERE id = ?)`,
    ),
    log: db.prepare<[number], ActionRow>(
      `SELECT ${ACTION_COLUMNS}
       FROM host_action WHERE event_id = ? ORDER BY at DESC, rowid DESC LIMIT 200`,
    ),
  };
  return {
    rows: (eventId: number) => s.rows.all(eventId),
    bookingEvent: (bookingId: number) => s.bookingEvent.get(bookingId),
    candidateEvent: (candidateId: number) => s.candidateEvent.get(candidateId)?.eventId,
    participationEvent: (id: number) => s.participationEvent.get(id),
    /** Every candidate of the event, by participant number. */
    candidates: (eventId: number) => s.candidates.all(eventId),
    candidate: (candidateId: number) => s.candidate.get(candidateId),
    visits: (eventId: number) => s.visits.all(eventId),
    openVisit: (candidateId: number) => s.openVisit.get(candidateId),
    insertVisit: (v: { eventId: number; candidateId: number; participationId: number; at: string }) =>
      Number(s.insertVisit.run(v).lastInsertRowid),
    closeVisit: (id: number, at: string) => s.closeVisit.run(at, id),
    reopenVisit: (id: number) => s.reopenVisit.run(id),
    /** Takes a visit back (undo), and with it an employer's mark that only that visit made possible. */
    deleteVisit: (id: number) => {
      const v = s.visitRoom.get(id);
      s.deleteVisit.run(id);
      if (v) s.dropUnvisitedMark.run(v);
    },
    setCandidate: (c: {
      id: number;
      arrivedAt: string | null;
      pepTalkAt: string | null;
      noShowAt: string | null;
    }) => s.setCandidate.run(c),
    setStage: (b: { id: number; stage: Stage; startedAt: string | null; finishedAt: string | null }) =>
      s.setStage.run(b),
    setDelay: (participationId: number, minutes: number) => s.setDelay.run(minutes, participationId),
    action: (id: string) => s.action.get(id),
    /** Everyone who acted on the event's day, first actor first (tablets are named by this order). */
    actors: (eventId: number) => s.actors.all(eventId).map((r) => r.actor),
    insertAction: (a: Omit<ActionRow, "before" | "undoneAt"> & { before: unknown }) =>
      s.insertAction.run({ ...a, before: JSON.stringify(a.before) }),
    markUndone: (id: string, at: string) => s.markUndone.run(at, id),
    newerThan: (eventId: number, actionId: string) => s.newerThan.all(eventId, actionId),
    log: (eventId: number) => s.log.all(eventId),
  };
}
