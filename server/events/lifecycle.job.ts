// Owns the events' lifecycle as a background job: booking closes at the deadline and an event whose day is over
// becomes «Gjennomført», without anyone pressing a button (the pages show the same status before it runs).
import type { Job } from "../shared/jobs";
import type { Clock } from "../shared/time";
import type { EventsService } from "./events.service";

export function lifecycleJob(events: EventsService, clock: Clock): Job {
  return {
    name: "lifecycle",
    tick() {
      const changed = events.advanceLifecycle();
      return changed
        ? [{ job: "lifecycle", dueAt: clock().toISOString(), outcome: `${changed} endret` }]
        : [];
    },
    nextWakeAt: (now) => events.nextLifecycleAt(now),
  };
}
