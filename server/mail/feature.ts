// Owns mounting mail into createApp: the outbox and the e-mails to veiledere, and the coordinator's e-post page.
// It starts no timers (main.ts starts the worker and the background jobs).
import type { Router } from "express";
import { mailRoutes, type ScheduleOverview } from "./mail.routes";
import { type MailDeps, mailServices } from "./services";

export function mailFeature(deps: MailDeps) {
  const services = mailServices(deps);
  /** The e-post page also shows what the background jobs will send; they are registered after mail is built. */
  const routes = (upcoming: (now: Date) => ScheduleOverview): Router =>
    mailRoutes({
      db: deps.db,
      outbox: services.outbox,
      upcoming,
      events: deps.events,
      booking: deps.booking,
      secret: deps.secret,
      clock: deps.clock,
    });
  return { ...services, routes };
}
