// Owns the retention purge as a background job: every night at 03:00 Oslo time, and once when the server starts.
import { dailyJob, type Job } from "../shared/jobs";
import type { Clock } from "../shared/time";
import type { RetentionService } from "./retention.service";

export function retentionJob(retention: RetentionService, clock: Clock): Job {
  return dailyJob("retention", "03:00", clock, (now) => {
    const r = retention.purge(now);
    // Counts only, never a name (the service logs the details).
    return r.events ? `${r.events} arrangement(er) renset` : null;
  });
}
