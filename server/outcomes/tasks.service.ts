// Owns the employer's edits of its task description through its link, and the record of what changed.
import type { Db } from "../db/connection";
import { AppError, notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { employerMayEditTasks, type TaskChange, type TaskTexts, taskChanges } from "./tasks.rules";

type Row = TaskTexts & { id: number; bookingDeadline: string; status: string };
type ChangeRow = { id: number; changedAt: string; changes: string };

export function employerTasksService(db: Db, clock: Clock) {
  const s = {
    get: db.prepare<[number], Row>(
      `SELECT p.id, p.tasks, p.training, p.prerequisites, p.restrictions,
       ev.booking_deadline AS bookingDeadline, ev.status
       FROM participation p JOIN event ev ON ev.id = p.event_id WHERE p.id = ?`,
    ),
    update: db.prepare(
      `UPDATE participation SET tasks = @tasks, training = @training, prerequisites = @prerequisites,
       restrictions = @restrictions WHERE id = @id`,
    ),
    insertChange: db.prepare(
      "INSERT INTO participation_change (participation_id, changed_at, actor, changes) VALUES (?, ?, 'employer', ?)",
    ),
    changes: db.prepare<[number], ChangeRow>(
      `SELECT id, changed_at AS changedAt, changes FROM participation_change
       WHERE participation_id = ? ORDER BY changed_at DESC, id DESC`,
    ),
  };
  const load = (id: number) => {
    const row = s.get.get(id);
    if (!row) throw notFound("Fant ikke virksomheten på arrangementet");
    return row;
  };
  return {
    current(participationId: number) {
      const row = load(participationId);
      return { texts: row as TaskTexts, decision: employerMayEditTasks(row, clock()) };
    },
    /** Saves the texts and records what changed; returns the changes (none: nothing written). */
    save(participationId: number, texts: TaskTexts): TaskChange[] {
      return db.transaction(() => {
        const row = load(participationId);
        const decision = employerMayEditTasks(row, clock());
        if (!decision.ok) throw new AppError(409, decision.reason, decision.message);
        const changes = taskChanges(row, texts);
        if (!changes.length) return changes;
        s.update.run({ id: participationId, ...texts });
        s.insertChange.run(participationId, clock().toISOString(), JSON.stringify(changes));
        return changes;
      })();
    },
    changes: (participationId: number) =>
      s.changes.all(participationId).map((r) => ({
        id: r.id,
        changedAt: r.changedAt,
        changes: JSON.parse(r.changes) as TaskChange[],
      })),
  };
}
export type EmployerTasksService = ReturnType<typeof employerTasksService>;
