// Owns the one background timer. Jobs (the weekly digest and reminders, the events' lifecycle, the retention purge)
// register here; each says what it ran on a tick and when it next falls due, so the timer sleeps until then.
import type { Clock } from "./time";

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
