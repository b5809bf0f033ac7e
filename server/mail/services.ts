// Owns wiring the mail services over one database: the outbox and the e-mails to veiledere (built once, by createApp).
import type { BookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import type { Clock } from "../shared/time";
import { notifyService } from "./notify.service";
import { outboxService } from "./outbox.service";

export type MailDeps = {
  db: Db;
  clock: Clock;
  events: EventsService;
  booking: BookingService;
  secret: string;
  baseUrl: string;
};

export function mailServices(d: MailDeps) {
  const outbox = outboxService(d.db, d.clock);
  const notify = notifyService(d.db, d.clock, {
    events: d.events,
    booking: d.booking,
    outbox,
    secret: d.secret,
    baseUrl: d.baseUrl,
  });
  return { outbox, notify };
}
export type MailServices = ReturnType<typeof mailServices>;

/** What the running sender reports, for the admin page (the routes live in createApp, which starts nothing). */
export type MailRuntime = { transport: string; startedAt: string };
const runtimes = new WeakMap<Db, MailRuntime>();
export const setMailRuntime = (db: Db, r: MailRuntime | undefined) =>
  r ? runtimes.set(db, r) : runtimes.delete(db);
export const mailRuntime = (db: Db) => runtimes.get(db);
