// Owns wiring the mail services together over one database, for the routes (createApp) and the runtime (main.ts).
import type { BookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import { digestService } from "../digest/digest.service";
import type { EventsService } from "../events/events.service";
import type { RegionsService } from "../regions/regions.service";
import type { Clock } from "../shared/time";
import { notifyService } from "./notify.service";
import { outboxService } from "./outbox.service";
import { type DailyJob, schedulerService } from "./scheduler";

export type MailDeps = {
  db: Db;
  clock: Clock;
  events: EventsService;
  regions: RegionsService;
  booking: BookingService;
  secret: string;
  baseUrl: string;
  /** Other features' daily background jobs, run by this scheduler. */
  daily?: DailyJob[];
};

export function mailServices(d: MailDeps) {
  const outbox = outboxService(d.db, d.clock);
  const digest = digestService(d.db, d.clock, { events: d.events, regions: d.regions, outbox });
  const notify = notifyService(d.db, d.clock, {
    events: d.events,
    booking: d.booking,
    outbox,
    secret: d.secret,
    baseUrl: d.baseUrl,
  });
  const scheduler = schedulerService(d.db, d.clock, {
    digest,
    notify,
    events: d.events,
    regions: d.regions,
    daily: d.daily,
  });
  return { outbox, digest, notify, scheduler };
}
export type MailServices = ReturnType<typeof mailServices>;

/** What the running sender reports, for the admin page (the routes live in createApp, which starts nothing). */
export type MailRuntime = { transport: string; startedAt: string };
const runtimes = new WeakMap<Db, MailRuntime>();
export const setMailRuntime = (db: Db, r: MailRuntime | undefined) =>
  r ? runtimes.set(db, r) : runtimes.delete(db);
export const mailRuntime = (db: Db) => runtimes.get(db);
