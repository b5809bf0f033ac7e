// Owns SQL for a Speedintervju's selection: the facts a decision depends on, the decision row with its version,
// and the lists the panel, the coordinator and the course export read.
import type { Db } from "../db/connection";
import type { SelectionDecision, SelectionInterview } from "./selection.rules";

export type SelectionCandidate = {
  candidateId: number;
  eventId: number;
  caseworkerId: number;
  eventDate: string;
  format: string;
  regionId: number;
};

export type SelectionRow = {
  candidateId: number;
  decision: SelectionDecision;
  note: string;
  reserveRank: number | null;
  decidedBy: string;
  version: number;
  updatedAt: string;
};

/** A candidate interviewed on the event, with the decision if one is recorded. */
export type SelectionLine = {
  candidateId: number;
  displayName: string;
  birthYear: number;
  caseworkerName: string;
  caseworkerEmail: string;
  officeName: string;
  bookingId: number;
  participationId: number;
  startsAt: string;
  noShow: number;
  decision: SelectionDecision | null;
  note: string | null;
  reserveRank: number | null;
  version: number | null;
  decidedBy: string | null;
};

export type SelectionWrite = {
  candidateId: number;
  decision: SelectionDecision;
  note: string;
  reserveRank: number | null;
  decidedBy: string;
  now: string;
};

// One line per interview; the office is the veileder's office when the candidate was booked (issue 13).
const LINE = `c.id AS candidateId, c.display_name AS displayName, c.birth_year AS birthYear,
  w.name AS caseworkerName, w.email AS caseworkerEmail,
  coalesce((SELECT o.name FROM office o WHERE o.id = coalesce(c.office_id, w.office_id)), '') AS officeName,
  b.id AS bookingId, b.participation_id AS participationId, b.starts_at AS startsAt,
  (c.no_show_at IS NOT NULL OR b.stage = 'no-show') AS noShow,
  s.decision, s.note, s.reserve_rank AS reserveRank, s.version, s.decided_by AS decidedBy
  FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN caseworker w ON w.id = c.caseworker_id
  LEFT JOIN selection s ON s.candidate_id = c.id`;

export function selectionRepo(db: Db) {
  const s = {
    candidate: db.prepare<[number], SelectionCandidate>(
      `SELECT c.id AS candidateId, c.event_id AS eventId, c.caseworker_id AS caseworkerId, e.date AS eventDate,
       e.format, e.region_id AS regionId FROM candidate c JOIN event e ON e.id = c.event_id WHERE c.id = ?`,
    ),
    interviews: db.prepare<[number], Omit<SelectionInterview, "noShow"> & { noShow: number }>(
      `SELECT b.participation_id AS participationId, b.starts_at AS startsAt,
       (c.no_show_at IS NOT NULL OR b.stage = 'no-show') AS noShow
       FROM booking b JOIN candidate c ON c.id = b.candidate_id WHERE b.candidate_id = ? ORDER BY b.starts_at`,
    ),
    get: db.prepare<[number], SelectionRow>(
      `SELECT candidate_id AS candidateId, decision, note, reserve_rank AS reserveRank, decided_by AS decidedBy,
       version, updated_at AS updatedAt FROM selection WHERE candidate_id = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO selection (candidate_id, decision, note, reserve_rank, decided_by, version, updated_at)
       VALUES (@candidateId, @decision, @note, @reserveRank, @decidedBy, 1, @now)`,
    ),
    // The version guards against two panel members (or a panel and a coordinator) overwriting each other.
    update: db.prepare(
      `UPDATE selection SET decision = @decision, note = @note, reserve_rank = @reserveRank, decided_by = @decidedBy,
       version = version + 1, updated_at = @now WHERE candidate_id = @candidateId AND version = @version`,
    ),
    eventLines: db.prepare<[number], SelectionLine>(
      `SELECT ${LINE} WHERE c.event_id = ? ORDER BY b.starts_at, b.id`,
    ),
    participationLines: db.prepare<[number], SelectionLine>(
      `SELECT ${LINE} WHERE b.participation_id = ? ORDER BY b.starts_at, b.id`,
    ),
    caseworkerSelections: db.prepare<[number], SelectionRow & { eventId: number }>(
      `SELECT s.candidate_id AS candidateId, s.decision, s.note, s.reserve_rank AS reserveRank,
       s.decided_by AS decidedBy, s.version, s.updated_at AS updatedAt, c.event_id AS eventId
       FROM selection s JOIN candidate c ON c.id = s.candidate_id WHERE c.caseworker_id = ?`,
    ),
  };
  return {
    candidate: (id: number) => s.candidate.get(id),
    interviews: (candidateId: number): SelectionInterview[] =>
      s.interviews.all(candidateId).map((i) => ({ ...i, noShow: Boolean(i.noShow) })),
    get: (candidateId: number) => s.get.get(candidateId),
    insert: (w: SelectionWrite) => s.insert.run(w),
    /** False when someone else saved in between (the version moved on). */
    update: (w: SelectionWrite & { version: number }) => s.update.run(w).changes === 1,
    eventLines: (eventId: number) => s.eventLines.all(eventId),
    participationLines: (participationId: number) => s.participationLines.all(participationId),
    caseworkerSelections: (caseworkerId: number) => s.caseworkerSelections.all(caseworkerId),
  };
}
export type SelectionRepo = ReturnType<typeof selectionRepo>;
