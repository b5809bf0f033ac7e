// Test helper: writes the outcome rows of the newer formats (migration 014) straight into their tables — the
// Speedintervju panel's decision, a Minijobbmesse check-in, room visit and «vil møte igjen» — and links a candidate
// to a person from another event. The statistics only read these rows; the services that write them are built
// separately, so the statistics tests do not depend on them.
import type { TestApp } from "../helpers";

export function formatOutcomeRows(t: TestApp) {
  const run = (sql: string, ...params: unknown[]) => t.db.prepare(sql).run(...params);
  return {
    /** The panel's decision for a Speedintervju candidate. */
    selection(candidateId: number, decision: "selected" | "reserve" | "not-selected", note = "") {
      run(
        `INSERT INTO selection (candidate_id, decision, note, decided_by, updated_at)
         VALUES (?, ?, ?, 'coordinator:1', '2026-01-01T00:00:00Z')`,
        candidateId,
        decision,
        note,
      );
    },
    /** The host checked the candidate in at the door. */
    checkIn(candidateId: number, at: string) {
      run("UPDATE candidate SET arrived_at = ? WHERE id = ?", at, candidateId);
    },
    /** The host tapped the candidate into an employer's open room (and out again when `left` is given). */
    roomVisit(eventId: number, candidateId: number, participationId: number, entered: string, left?: string) {
      run(
        `INSERT INTO room_visit (event_id, candidate_id, participation_id, entered_at, left_at)
         VALUES (?, ?, ?, ?, ?)`,
        eventId,
        candidateId,
        participationId,
        entered,
        left ?? null,
      );
    },
    /** The employer noted that they want to meet the candidate again. */
    meetAgain(participationId: number, candidateId: number, note = "") {
      run(
        `INSERT INTO meet_again (participation_id, candidate_id, note, created_at)
         VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`,
        participationId,
        candidateId,
        note,
      );
    },
    /** The candidate is the same person as another event's candidate (as "put on again" records it). */
    samePerson(candidateId: number, asCandidateId: number) {
      run(
        "UPDATE candidate SET person_id = (SELECT person_id FROM candidate WHERE id = ?) WHERE id = ?",
        asCandidateId,
        candidateId,
      );
    },
  };
}
