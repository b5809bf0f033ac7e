// Owns mounting the digest and mail pages and API into createApp. It starts no timers (startMailAndScheduler does).
import { Router } from "express";
import { digestApi } from "../digest/digest.api";
import { digestRoutes } from "../digest/digest.routes";
import { mailRoutes } from "./mail.routes";
import { type MailDeps, mailServices } from "./services";

export function mailFeature(deps: MailDeps) {
  const services = mailServices(deps);
  const routes = Router();
  routes.use(
    digestRoutes({
      digest: services.digest,
      scheduler: services.scheduler,
      events: deps.events,
      regions: deps.regions,
      secret: deps.secret,
      clock: deps.clock,
    }),
  );
  routes.use(
    mailRoutes({
      db: deps.db,
      outbox: services.outbox,
      scheduler: services.scheduler,
      events: deps.events,
      booking: deps.booking,
      secret: deps.secret,
      clock: deps.clock,
    }),
  );
  return { ...services, routes, api: digestApi(services.digest) };
}
