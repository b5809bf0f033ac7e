// Owns the one background timer. Jobs (the weekly digest and reminders, the events' lifecycle, the retention purge)
// register here; each says what it ran on a tick and when it next falls due, so the timer sleeps until then.
import { addDays, type Clock, osloDate, osloToUtc } from "./time";

export type JobRun = { job: string; dueAt: string; outcome: string; mails?: number };

export type Job = {
  name: string;
  /** Runs whatever is due at the clock's now; each run is recorded by the job so a restart never repeats it. */
  tick(): JobRun[];
  /** The next instant something falls due, or null when nothing is planned. */
  nextWakeAt(now: Date): Date | null;
};

/** Starts the timer; returns a stop function. A job that throws is logged and tried again on the next tick. */
export function startJobs(
  jobs: Job[],
  clock: Clock,
  opts: { tickMs?: number; log: (msg: string) => void },
): () => void {
  const maxSleep = opts.tickMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const loop = () => {
    if (stopped) return;
    let sleep = maxSleep;
    for (const job of jobs) {
      try {
        for (const run of job.tick()) {
          opts.log(
            `${job.name}: ${run.job} due ${run.dueAt}: ${run.outcome}${run.mails === undefined ? "" : ` (${run.mails} e-post)`}`,
          );
        }
        const now = clock();
        const next = job.nextWakeAt(now);
        if (next) sleep = Math.min(sleep, Math.max(1000, next.getTime() - now.getTime()));
      } catch (err) {
        opts.log(`${job.name} tick failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    timer = setTimeout(loop, sleep);
    timer.unref();
  };
  loop();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/**
 * A job run once a day at an Oslo wall-clock time, and once when the timer starts (a server that was down at
 * that hour catches up). Only for idempotent work: a second run the same day finds nothing to do.
 */
export function dailyJob(name: string, time: string, clock: Clock, run: (now: Date) => string | null): Job {
  let lastDue: string | null = null;
  const dueAt = (now: Date) => {
    const today = osloToUtc(osloDate(now), time);
    const at = today && new Date(today) <= now ? today : osloToUtc(addDays(osloDate(now), -1), time);
    return at ?? now.toISOString();
  };
  return {
    name,
    tick() {
      const now = clock();
      const due = dueAt(now);
      if (due === lastDue) return [];
      lastDue = due;
      const outcome = run(now);
      return outcome ? [{ job: name, dueAt: due, outcome }] : [];
    },
    nextWakeAt(now) {
      const tomorrow = osloToUtc(addDays(osloDate(now), 1), time);
      const today = osloToUtc(osloDate(now), time);
      const next = [today, tomorrow].map((t) => (t ? new Date(t) : null)).find((t) => t && t > now);
      return next ?? null;
    },
  };
}
