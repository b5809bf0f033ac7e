// Owns SQL for the scheduler's record of runs.
import type { Db } from "../db/connection";

export type RunOutcome = "sent" | "no-event" | "no-recipients";
export type ScheduleRun = {
  id: number;
  job: string;
  dueAt: string;
  ranAt: string;
  outcome: RunOutcome;
  mails: number;
};

export function scheduleRepo(db: Db) {
  const s = {
    has: db.prepare<[string, string], { id: number }>(
      "SELECT id FROM schedule_run WHERE job = ? AND due_at = ?",
    ),
    insert: db.prepare(`INSERT INTO schedule_run (job, due_at, ran_at, outcome, mails)
      VALUES (@job, @dueAt, @ranAt, @outcome, @mails) ON CONFLICT (job, due_at) DO NOTHING`),
    addMails: db.prepare("UPDATE schedule_run SET mails = mails + ? WHERE job = ? AND due_at = ?"),
    recent: db.prepare<[number], ScheduleRun>(
      `SELECT id, job, due_at AS dueAt, ran_at AS ranAt, outcome, mails FROM schedule_run
       ORDER BY ran_at DESC, id DESC LIMIT ?`,
    ),
    forJob: db.prepare<[string, number], ScheduleRun>(
      `SELECT id, job, due_at AS dueAt, ran_at AS ranAt, outcome, mails FROM schedule_run
       WHERE job = ? ORDER BY due_at DESC LIMIT ?`,
    ),
  };
  return {
    hasRun: (job: string, dueAt: string) => Boolean(s.has.get(job, dueAt)),
    /** False when another scheduler recorded the same run first. */
    record: (r: Omit<ScheduleRun, "id">) => s.insert.run(r).changes === 1,
    /** Counts mails a later tick added to a recorded run (reminders for veiledere who booked after it). */
    addMails: (job: string, dueAt: string, mails: number) => s.addMails.run(mails, job, dueAt).changes === 1,
    recent: (limit = 50) => s.recent.all(limit),
    forJob: (job: string, limit = 10) => s.forJob.all(job, limit),
  };
}
export type ScheduleRepo = ReturnType<typeof scheduleRepo>;
