// Owns assembling the Express app from its dependencies; it never listens (main.ts does).

import path from "node:path";
import { fileURLToPath } from "node:url";
import cookieParser from "cookie-parser";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { bookingOperations, coreOperations, openApiDocument } from "./api/openapi";
import { authRoutes } from "./auth/auth.routes";
import { authService } from "./auth/auth.service";
import { bodyAfterAuth } from "./auth/body";
import { csrfProtection, issueCsrfToken, loadCoordinator, requireApiCoordinator } from "./auth/middleware";
import { subscribeAudit } from "./booking/audit.listener";
import { bookingApi } from "./booking/booking.api";
import { bookingRoutes } from "./booking/booking.routes";
import { bookingService } from "./booking/booking.service";
import { waitlistListener } from "./booking/waitlist.listener";
import { dayofRoutes } from "./dayof/dayof.routes";
import { dayofService } from "./dayof/dayof.service";
import type { Db } from "./db/connection";
import { digestFeature } from "./digest/feature";
import { bookingLinkNotice } from "./digest/link-notice";
import { employersRoutes } from "./employers/employers.routes";
import { employersService } from "./employers/employers.service";
import { eventsApi } from "./events/events.api";
import { eventsRoutes } from "./events/events.routes";
import { eventsService } from "./events/events.service";
import { lifecycleJob } from "./events/lifecycle.job";
import { mailFeature } from "./mail/feature";
import { outcomesFeature } from "./outcomes/feature";
import { feedbackRemovalPolicy } from "./outcomes/removal-policy";
import type { RealtimeDeps } from "./realtime/socket";
import { regionsRoutes } from "./regions/regions.routes";
import { regionsService } from "./regions/regions.service";
import { retentionJob } from "./retention/retention.job";
import { retentionRoutes } from "./retention/retention.routes";
import { retentionService } from "./retention/retention.service";
import { assetRoutes } from "./shared/assets";
import { domainEvents } from "./shared/domain-events";
import { AppError } from "./shared/errors";
import { flashMessages } from "./shared/flash";
import { clientError } from "./shared/http-input";
import type { Job } from "./shared/jobs";
import { createLogger, type Logger, redactPath, requestLogger } from "./shared/logger";
import { multipartForm } from "./shared/multipart";
import { type Clock, systemClock } from "./shared/time";
import { ejsEngine } from "./shared/views";
import { statsFeature } from "./stats/feature";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type AppDeps = {
  db: Db;
  /** Server secret for HMAC links and CSRF tokens (kept in DATA_DIR, never in the database). */
  secret: string;
  baseUrl: string;
  clock?: Clock;
  secureCookies?: boolean;
  /** Structured operational logs (pino); never candidate names. Tests pass a silent or capturing one. */
  logger?: Logger;
  /** Compile templates once (default); main.ts turns it off for NODE_ENV=development. */
  viewCache?: boolean;
  /** Months personal data is kept after an event (see server/retention/retention.rules.ts). */
  retentionMonths?: number;
  /** Express's "trust proxy" (TRUST_PROXY); default: only a proxy on the same machine. */
  trustProxy?: boolean | number | string;
  /** scrypt cost for passwords; production uses the default (2^17), tests a lower one to stay fast. */
  scryptN?: number;
  /** Public booking posts allowed per client and per link in 15 minutes (PUBLIC_BOOKING_LIMITS). */
  publicBookingLimits?: { perClient: number; perLink: number };
};

export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger();
  /** Operational messages of the features (mail listener, purge counts): warnings, never candidate names. */
  const log = (msg: string) => logger.warn(msg);
  const cookies = { secure: deps.secureCookies ?? false };
  const auth = authService(deps.db, clock, { scryptN: deps.scryptN });
  const regions = regionsService(deps.db, clock);
  const employers = employersService(deps.db, clock);
  // Every change of state is announced as domain events after its transaction commits (docs/architecture.md):
  // the audit log writes inside the transaction; mail (below) and realtime (main.ts) subscribe after commit.
  const bus = domainEvents(deps.db, log);
  subscribeAudit(deps.db, bus, clock);
  const events = eventsService(deps.db, clock, deps.secret, deps.baseUrl);
  const booking = bookingService(deps.db, clock, { bus, removalPolicy: feedbackRemovalPolicy(deps.db) });
  const dayof = dayofService(deps.db, clock);
  const mailCore = mailFeature({
    db: deps.db,
    clock,
    events,
    booking,
    secret: deps.secret,
    baseUrl: deps.baseUrl,
  });
  const digest = digestFeature({
    db: deps.db,
    clock,
    events,
    regions,
    outbox: mailCore.outbox,
    notify: mailCore.notify,
    secret: deps.secret,
  });
  /** Mail, and the digest's service and schedule beside it (tests and the admin commands reach them here). */
  const mail = { ...mailCore, digest: digest.digest, scheduler: digest.scheduler };
  const outcomes = outcomesFeature({
    db: deps.db,
    clock,
    booking,
    events,
    regions,
    secret: deps.secret,
    baseUrl: deps.baseUrl,
  });
  const stats = statsFeature({ db: deps.db, clock, regions, outcomes: outcomes.outcomes });
  // Booking, waitlist and event changes reach veiledere by e-mail: queued in the outbox after commit.
  bus.subscribe(mail.notify.listener(log));
  // Seats an employer gains (a bigger group, more interviews) go to its waitlist first.
  bus.subscribe(waitlistListener(booking));
  const retention = retentionService(deps.db, { months: deps.retentionMonths, log });
  // What the one background timer runs (main.ts starts it): digests and reminders, the events' lifecycle and
  // the nightly retention purge.
  const jobs: Job[] = [mail.scheduler, lifecycleJob(events, clock), retentionJob(retention, clock)];

  const app = express();
  const viewCache = deps.viewCache ?? true;
  app.set("views", path.join(ROOT, "views"));
  app.engine("ejs", ejsEngine(path.join(ROOT, "views"), { cache: viewCache }));
  app.set("view engine", "ejs");
  app.set("view cache", viewCache);
  app.set("trust proxy", deps.trustProxy ?? "loopback");
  app.disable("x-powered-by");

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": cookies.secure ? [] : null,
        },
      },
      // Capability links must not leak to other sites through the Referer header.
      referrerPolicy: { policy: "no-referrer" },
    }),
  );
  app.use(assetRoutes(ROOT));
  // Only a path that names a file (app.css, js/dayof.js) goes to the disk: pages skip a stat() each.
  const publicFiles = express.static(path.join(ROOT, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  app.get("/healthz", (_req, res) => {
    deps.db.prepare("SELECT 1").get();
    res.json({ status: "ok" });
  });

  // After the static files: assets are not worth a log line each.
  app.use(requestLogger(logger));
  // Everything after the static files may carry personal data: no browser or proxy keeps a copy.
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  app.use(cookieParser());
  app.use(flashMessages);
  app.use(loadCoordinator(auth, cookies));
  // The token is issued before the body is read, so even an early error page can offer "Logg ut".
  const issueCsrf = issueCsrfToken(deps.secret, cookies);
  // The API authenticates with bearer tokens only: no CSRF cookie there.
  app.use((req, res, next) => (req.path.startsWith("/api/") ? next() : issueCsrf(req, res, next)));
  // Bodies are read only once the caller is known. A region's history import may be a few thousand CSV
  // lines (signed-in coordinators only); every other form stays small.
  app.use(bodyAfterAuth());
  // The history import also takes a CSV file (a signed-in coordinator's upload, read after the gate above).
  app.use("/stats/import", multipartForm({ fileField: "csvFile", maxBytes: 2 * 1024 * 1024 }));

  const api = express.Router();
  // The API authenticates with bearer tokens only (no cookies), so it needs no CSRF token.
  app.use("/api/v1", api);
  const openapi = openApiDocument([...coreOperations, ...bookingOperations]);
  api.get("/openapi.json", (_req, res) => res.json(openapi));
  api.use(
    bookingApi({
      booking,
      events,
      auth,
      secret: deps.secret,
      clock,
      regions,
      limits: deps.publicBookingLimits,
    }),
  );
  api.use(requireApiCoordinator(auth), eventsApi(events, regions));
  api.use(requireApiCoordinator(auth), digest.api);
  api.use(requireApiCoordinator(auth), stats.api);

  app.use(csrfProtection());
  app.use(authRoutes(auth, cookies, regions));
  app.use(regionsRoutes(regions, mail.digest.health));
  app.use(employersRoutes(employers, regions));
  app.use(
    eventsRoutes(events, regions, employers, {
      participationLinks: outcomes.participationLinks,
      digestHealth: mail.digest.health,
      linkNotice: bookingLinkNotice(deps.db, { events, regions, outbox: mail.outbox }),
    }),
  );
  app.use(
    bookingRoutes({
      booking,
      events,
      regions,
      secret: deps.secret,
      baseUrl: deps.baseUrl,
      secureCookies: cookies.secure,
      manageOutcomes: outcomes.manageOutcomes,
      clock,
      db: deps.db,
      limits: deps.publicBookingLimits,
    }),
  );

  app.use(dayofRoutes({ dayof, events, secret: deps.secret, clock }));
  app.use(digest.routes);
  app.use(mailCore.routes((now) => digest.scheduler.upcoming(now)));
  app.use(outcomes.routes);
  app.use(stats.routes);
  app.use(retentionRoutes({ retention, booking, events, clock }));

  app.get("/tilgjengelighet", (_req, res) =>
    res.render("accessibility", { title: "Tilgjengelighetserklæring" }),
  );

  api.use((_req, _res, next) => next(new AppError(404, "not-found", "Ukjent API-adresse")));
  app.use((_req, _res, next) => next(new AppError(404, "not-found", "Fant ikke siden")));
  app.use(errorHandler(logger));

  const realtimeDeps: RealtimeDeps = {
    dayof,
    events,
    auth,
    secret: deps.secret,
    onDomainEvents: (listener) => bus.subscribe(listener),
    clock,
    baseUrl: deps.baseUrl,
    secureCookies: cookies.secure,
  };
  return {
    app,
    auth,
    regions,
    employers,
    events,
    booking,
    bus,
    mail,
    jobs,
    dayof,
    realtimeDeps,
    retention,
    api,
    clock,
    deps,
  };
}

const TITLES: Record<number, string> = {
  400: "Ugyldig forespørsel",
  401: "Du må logge inn",
  403: "Ingen tilgang",
  404: "Fant ikke siden",
  409: "Konflikt",
  410: "Lenken er utløpt",
  413: "For stort innhold",
  415: "Ukjent innholdstype",
  422: "Ugyldige opplysninger",
  429: "For mange forespørsler",
  500: "Noe gikk galt",
};

function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let appErr: AppError;
    const refused = err instanceof AppError ? err : clientError(err);
    if (refused) appErr = refused;
    else {
      // Unknown errors are logged with the token-free path and the request id, and never leak to the client.
      (req.log ?? logger).error(
        { err, path: redactPath(req.path) },
        `error on ${req.method} ${redactPath(req.path)}`,
      );
      appErr = new AppError(500, "internal-error", "Noe gikk galt hos oss. Prøv igjen om litt.");
    }
    const title = TITLES[appErr.status] ?? "Feil";
    if (req.originalUrl.startsWith("/api/")) {
      res
        .status(appErr.status)
        .type("application/problem+json")
        .json({
          type: "about:blank",
          title,
          status: appErr.status,
          code: appErr.code,
          detail: appErr.message,
          ...(appErr.fieldErrors ? { errors: appErr.fieldErrors } : {}),
          ...appErr.extra,
        });
      return;
    }
    res.status(appErr.status).render("error", {
      title,
      message: appErr.message,
      back: backLink(req.path, Boolean(res.locals.coordinator)),
    });
  };
}

/**
 * Where a refused page sends the person: back to the link they came in by (the manage page, the booking page,
 * the employer page), never to a sign-in page they have no account for.
 */
export function backLink(p: string, coordinator: boolean): { href: string; label: string } {
  const m = /^\/(v|b|a|host)\/([^/]+)\/./.exec(p);
  const labels: Record<string, string> = {
    v: "Tilbake til «Mine bookinger»",
    b: "Tilbake til bookingsiden",
    a: "Tilbake til siden for virksomheten",
    host: "Tilbake til hovmestersiden",
  };
  if (m) return { href: `/${m[1]}/${m[2]}`, label: labels[m[1]] };
  return coordinator
    ? { href: "/events", label: "Til arrangementene" }
    : { href: "/", label: "Til forsiden" };
}

/** Kept here for callers that import it from the app. */
export { redactPath };
