// Owns the SQL of «Vil møte igjen»: who visited an employer's open room, and the employers' marks and notes.
import type { Db } from "../db/connection";

export type RoomVisitor = {
  candidateId: number;
  displayName: string;
  participantNumber: number;
  /** How many times the candidate went into the room. */
  visits: number;
  /** Set when the employer wants to meet the candidate again. */
  markedAt: string | null;
  note: string | null;
};

export type MeetAgainLine = {
  participationId: number;
  candidateId: number;
  displayName: string;
  participantNumber: number;
  caseworkerName: string;
  caseworkerEmail: string;
  note: string;
  createdAt: string;
};

export function meetAgainRepo(db: Db) {
  const s = {
    event: db.prepare<[number], { title: string; date: string; format: string }>(
      "SELECT title, date, format FROM event WHERE id = ?",
    ),
    format: db.prepare<[number], { format: string; date: string; opensAt: string; eventId: number }>(
      `SELECT e.format, e.date, e.interview_start AS opensAt, e.id AS eventId
       FROM participation p JOIN event e ON e.id = p.event_id WHERE p.id = ?`,
    ),
    visitors: db.prepare<[number], RoomVisitor>(
      `SELECT c.id AS candidateId, c.display_name AS displayName, c.participant_number AS participantNumber,
       count(v.id) AS visits, m.created_at AS markedAt, m.note
       FROM room_visit v JOIN candidate c ON c.id = v.candidate_id
       LEFT JOIN meet_again m ON m.participation_id = v.participation_id AND m.candidate_id = c.id
       WHERE v.participation_id = ? GROUP BY c.id ORDER BY c.participant_number, c.id`,
    ),
    candidateRooms: db.prepare<
      [number],
      {
        employerName: string;
        department: string;
        visits: number;
        wantsToMeetAgain: number;
        note: string | null;
      }
    >(
      `SELECT em.name AS employerName, p.department, count(v.id) AS visits,
       m.candidate_id IS NOT NULL AS wantsToMeetAgain, m.note
       FROM room_visit v JOIN participation p ON p.id = v.participation_id JOIN employer em ON em.id = p.employer_id
       LEFT JOIN meet_again m ON m.participation_id = p.id AND m.candidate_id = v.candidate_id
       WHERE v.candidate_id = ? GROUP BY p.id ORDER BY em.name, p.department`,
    ),
    upsert: db.prepare(
      `INSERT INTO meet_again (participation_id, candidate_id, note, created_at)
       VALUES (@participationId, @candidateId, @note, @now)
       ON CONFLICT (participation_id, candidate_id) DO UPDATE SET note = excluded.note`,
    ),
    remove: db.prepare("DELETE FROM meet_again WHERE participation_id = ? AND candidate_id = ?"),
    eventLines: db.prepare<[number], MeetAgainLine>(
      `SELECT m.participation_id AS participationId, c.id AS candidateId, c.display_name AS displayName,
       c.participant_number AS participantNumber, w.name AS caseworkerName, w.email AS caseworkerEmail,
       m.note, m.created_at AS createdAt
       FROM meet_again m JOIN participation p ON p.id = m.participation_id
       JOIN candidate c ON c.id = m.candidate_id JOIN caseworker w ON w.id = c.caseworker_id
       WHERE p.event_id = ? ORDER BY c.participant_number, c.id`,
    ),
    employers: db.prepare<
      [number],
      {
        participationId: number;
        employerName: string;
        department: string;
        room: string | null;
        visitors: number;
      }
    >(
      `SELECT p.id AS participationId, em.name AS employerName, p.department, r.name AS room,
       (SELECT count(DISTINCT v.candidate_id) FROM room_visit v WHERE v.participation_id = p.id) AS visitors
       FROM participation p JOIN employer em ON em.id = p.employer_id LEFT JOIN room r ON r.id = p.room_id
       WHERE p.event_id = ? ORDER BY em.name, p.department, p.id`,
    ),
  };
  return {
    event: (eventId: number) => s.event.get(eventId),
    /** The event behind a participation: its format and when its rooms open. */
    eventOf: (participationId: number) => s.format.get(participationId),
    visitors: (participationId: number) => s.visitors.all(participationId),
    /** The rooms one candidate went into, and whether each employer wants to meet them again. */
    candidateRooms: (candidateId: number) => s.candidateRooms.all(candidateId),
    mark: (m: { participationId: number; candidateId: number; note: string; now: string }) => s.upsert.run(m),
    unmark: (participationId: number, candidateId: number) =>
      s.remove.run(participationId, candidateId).changes,
    eventLines: (eventId: number) => s.eventLines.all(eventId),
    /** The event's employers with their room and how many different candidates came in. */
    employers: (eventId: number) => s.employers.all(eventId),
  };
}
