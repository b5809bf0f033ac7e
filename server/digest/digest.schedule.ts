// Owns the mail schedule, a job on the one background timer: each tick sends what fell due (weekly digests, event
// reminders) once, recording every run with its due instant in one transaction with the mails it enqueued, so a
// restart neither skips nor repeats. It lives with the digest: mail delivery knows nothing of either.
import type { Db } from "../db/connection";
import type { EventRow } from "../events/events.repo";
import type { EventsService } from "../events/events.service";
import type { NotifyService } from "../mail/notify.service";
import { type RunOutcome, scheduleRepo } from "../mail/schedule.repo";
import { digestDecision, nextWeekly, reminderDecision, reminderDueAt } from "../mail/schedule.rules";
import type { RegionsService } from "../regions/regions.service";
import { addDays, type Clock, osloDate, osloToUtc } from "../shared/time";
import type { DigestService } from "./digest.service";

export type TickRun = { job: string; dueAt: string; outcome: RunOutcome; mails: number };

const digestJob = (regionId: number) => `digest:region:${regionId}`;
const reminderJob = (eventId: number) => `reminder:event:${eventId}`;

export function schedulerService(
  db: Db,
  clock: Clock,
  deps: { digest: DigestService; notify: NotifyService; events: EventsService; regions: RegionsService },
) {
  const runs = scheduleRepo(db);
  const { digest, notify, events, regions } = deps;
  const hasRun = (job: string) => (dueAt: Date) => runs.hasRun(job, dueAt.toISOString());

  /** Events that may still need a reminder: bookable or closed for booking, not yet held. */
  function reminderCandidates(now: Date): EventRow[] {
    const yesterday = addDays(osloDate(now), -1);
    return events.repo
      .list()
      .filter((e) => (e.status === "open" || e.status === "closed") && e.date >= yesterday);
  }

  function reminderTimes(e: EventRow) {
    const s = digest.settings(e.regionId);
    const dueAt = reminderDueAt(e.date, s.reminderDaysBefore, s.reminderTime);
    const startsAt = new Date(osloToUtc(e.date, e.interviewStart) ?? `${e.date}T12:00:00.000Z`);
    return { dueAt, startsAt };
  }

  /** Runs `work` and records it, in one write transaction; `work` may answer null to leave the run for a later tick. */
  function record(
    job: string,
    dueAt: Date,
    now: Date,
    work: () => { outcome: RunOutcome; mails: number } | null,
  ) {
    return db
      .transaction((): TickRun | null => {
        // Checked again inside the write lock: another process may have run it since we looked.
        if (runs.hasRun(job, dueAt.toISOString())) return null;
        const r = work();
        if (!r) return null;
        const run = { job, dueAt: dueAt.toISOString(), ranAt: now.toISOString(), ...r };
        runs.record(run);
        return { job, dueAt: run.dueAt, outcome: r.outcome, mails: r.mails };
      })
      .immediate();
  }

  /** After the recorded run: reminds the veiledere who booked since (the confirmation promised them one). */
  function topUpReminders(job: string, dueAt: Date, eventId: number): TickRun | null {
    return db
      .transaction((): TickRun | null => {
        const { created } = notify.remindersInTx(eventId);
        if (!created) return null;
        runs.addMails(job, dueAt.toISOString(), created);
        return { job, dueAt: dueAt.toISOString(), outcome: "sent", mails: created };
      })
      .immediate();
  }

  return {
    /** Registered with the one background timer (server/shared/jobs.ts). */
    name: "scheduler",
    runs,

    /** Runs every job that is due at the clock's now. */
    tick(): TickRun[] {
      const now = clock();
      const done: TickRun[] = [];
      for (const region of regions.listRegions()) {
        const s = digest.settings(region.id);
        const job = digestJob(region.id);
        const d = digestDecision(
          { weekday: s.weekday, time: s.sendTime, enabled: s.autoSend },
          hasRun(job),
          now,
        );
        if (!d.run) continue;
        const dueIso = d.dueAt.toISOString();
        const run = record(job, d.dueAt, now, () => {
          const r = digest.enqueueInTx(region.id, `${job}:${dueIso}`);
          if (r.ok) return { outcome: "sent", mails: r.mails };
          return { outcome: r.reason === "no-recipients" ? "no-recipients" : "no-event", mails: 0 };
        });
        if (run) done.push(run);
      }
      for (const e of reminderCandidates(now)) {
        const { dueAt, startsAt } = reminderTimes(e);
        const job = reminderJob(e.id);
        const d = reminderDecision(dueAt, startsAt, hasRun(job), now);
        if (!d.run) continue;
        const run = d.first
          ? record(job, d.dueAt, now, () => {
              const { mails } = notify.remindersInTx(e.id);
              // No bookings yet: try again next tick, so veiledere who book before the event are still reminded.
              return mails ? { outcome: "sent", mails } : null;
            })
          : topUpReminders(job, d.dueAt, e.id);
        if (run) done.push(run);
      }
      return done;
    },

    /** The next instant anything falls due, so the timer can sleep until then. */
    nextWakeAt(now: Date): Date | null {
      const times: Date[] = [];
      for (const region of regions.listRegions()) {
        const s = digest.settings(region.id);
        if (s.autoSend) times.push(nextWeekly({ weekday: s.weekday, time: s.sendTime }, now));
      }
      for (const e of reminderCandidates(now)) {
        const { dueAt } = reminderTimes(e);
        if (dueAt > now) times.push(dueAt);
      }
      return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
    },

    /** What the admin page shows: each region's next digest and each coming event's reminder time. */
    upcoming(now: Date) {
      const digests = regions.listRegions().map((region) => {
        const s = digest.settings(region.id);
        return {
          regionId: region.id,
          regionName: region.name,
          autoSend: s.autoSend,
          next: s.autoSend ? nextWeekly({ weekday: s.weekday, time: s.sendTime }, now) : null,
          recipients: digest.recipients(region.id).length,
        };
      });
      const reminders = reminderCandidates(now).map((e) => {
        const { dueAt, startsAt } = reminderTimes(e);
        const ran = runs.forJob(reminderJob(e.id), 1)[0];
        return { eventId: e.id, title: e.title, date: e.date, dueAt, startsAt, ran };
      });
      return { digests, reminders };
    },

    digestRuns: (regionId: number, limit = 10) => runs.forJob(digestJob(regionId), limit),
  };
}
export type SchedulerService = ReturnType<typeof schedulerService>;
