// Owns mounting the weekly markeds-e-post into createApp: its service, its schedule (a background job that also
// sends the reminders before each event), its pages and API. Mail only delivers what the digest puts in the outbox.
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import type { NotifyService } from "../mail/notify.service";
import type { OutboxService } from "../mail/outbox.service";
import type { RegionsService } from "../regions/regions.service";
import type { Clock } from "../shared/time";
import { digestApi } from "./digest.api";
import { digestRoutes } from "./digest.routes";
import { schedulerService } from "./digest.schedule";
import { digestService } from "./digest.service";

export function digestFeature(deps: {
  db: Db;
  clock: Clock;
  events: EventsService;
  regions: RegionsService;
  outbox: OutboxService;
  notify: NotifyService;
  secret: string;
}) {
  const { db, clock, events, regions, outbox, notify, secret } = deps;
  const digest = digestService(db, clock, { events, regions, outbox });
  const scheduler = schedulerService(db, clock, { digest, notify, events, regions });
  return {
    digest,
    scheduler,
    routes: digestRoutes({ digest, scheduler, events, regions, secret, clock }),
    api: digestApi(digest),
  };
}
