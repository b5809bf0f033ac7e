// Owns assembling the Express app from its dependencies; it never listens (main.ts does).
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookieParser from "cookie-parser";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { bookingOperations, coreOperations, openApiDocument } from "./api/openapi";
import { authRoutes } from "./auth/auth.routes";
import { authService } from "./auth/auth.service";
import { csrfProtection, loadCoordinator, requireApiCoordinator } from "./auth/middleware";
import { subscribeAudit } from "./booking/audit.listener";
import { bookingApi } from "./booking/booking.api";
import { bookingRoutes } from "./booking/booking.routes";
import { bookingService } from "./booking/booking.service";
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
import { assetRoutes } from "./shared/assets";
import { domainEvents } from "./shared/domain-events";
import { AppError } from "./shared/errors";
import { flashMessages } from "./shared/flash";
import type { Job } from "./shared/jobs";
import { multipartForm } from "./shared/multipart";
import { type Clock, systemClock } from "./shared/time";
import { statsFeature } from "./stats/feature";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type AppDeps = {
  db: Db;
  /** Server secret for HMAC links and CSRF tokens (kept in DATA_DIR, never in the database). */
  secret: string;
  baseUrl: string;
  clock?: Clock;
  secureCookies?: boolean;
  /** Where operational messages go; never candidate names. */
  log?: (msg: string) => void;
};

export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? ((msg: string) => console.error(msg));
  const cookies = { secure: deps.secureCookies ?? false };
  const auth = authService(deps.db, clock);
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
  // What the one background timer runs (main.ts starts it): digests and reminders, and the events' lifecycle.
  const jobs: Job[] = [mail.scheduler, lifecycleJob(events, clock)];

  const app = express();
  app.set("views", path.join(ROOT, "views"));
  app.set("view engine", "ejs");
  app.set("trust proxy", "loopback");
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
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));

  app.get("/healthz", (_req, res) => {
    deps.db.prepare("SELECT 1").get();
    res.json({ status: "ok" });
  });

  app.use(cookieParser());
  app.use(flashMessages);
  // A region's history import may be a few thousand CSV lines; every other form stays small.
  app.use("/stats/import", express.urlencoded({ extended: false, limit: "2mb" }));
  app.use("/stats/import", multipartForm({ fileField: "csvFile", maxBytes: 2 * 1024 * 1024 }));
  app.use(express.json({ limit: "100kb" }));
  app.use(express.urlencoded({ extended: false, limit: "100kb" }));
  // Express 5 leaves req.body undefined when no parser ran; handlers may then read fields safely.
  app.use((req, _res, next) => {
    req.body ??= {};
    next();
  });

  const api = express.Router();
  // The API authenticates with bearer tokens only (no cookies), so it needs no CSRF token.
  app.use("/api/v1", api);
  const openapi = openApiDocument([...coreOperations, ...bookingOperations]);
  api.get("/openapi.json", (_req, res) => res.json(openapi));
  api.use(bookingApi({ booking, events, auth, secret: deps.secret }));
  api.use(requireApiCoordinator(auth), eventsApi(events, regions));
  api.use(requireApiCoordinator(auth), digest.api);
  api.use(requireApiCoordinator(auth), stats.api);

  app.use(csrfProtection(deps.secret, cookies));
  app.use(loadCoordinator(auth));
  app.use(authRoutes(auth, cookies));
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
    }),
  );

  app.use(dayofRoutes({ dayof, events, secret: deps.secret }));
  app.use(digest.routes);
  app.use(mailCore.routes((now) => digest.scheduler.upcoming(now)));
  app.use(outcomes.routes);
  app.use(stats.routes);

  app.get("/tilgjengelighet", (_req, res) =>
    res.render("accessibility", { title: "Tilgjengelighetserklæring" }),
  );

  api.use((_req, _res, next) => next(new AppError(404, "not-found", "Ukjent API-adresse")));
  app.use((_req, _res, next) => next(new AppError(404, "not-found", "Fant ikke siden")));
  app.use(errorHandler(log));

  const realtimeDeps: RealtimeDeps = {
    dayof,
    events,
    auth,
    secret: deps.secret,
    onDomainEvents: (listener) => bus.subscribe(listener),
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
  422: "Ugyldige opplysninger",
  429: "For mange forespørsler",
  500: "Noe gikk galt",
};

function errorHandler(log: (msg: string) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (isBodyParserError(err, 413))
      appErr = new AppError(
        413,
        "too-large",
        "Innholdet er for stort. Del det opp i mindre deler og send hver for seg.",
      );
    else if (isBodyParserError(err, 400))
      appErr = new AppError(400, "bad-request", "Forespørselen kunne ikke leses");
    else {
      // Unknown errors are logged with the path only, and never leak to the client.
      log(
        `error on ${req.method} ${redactPath(req.path)}: ${err instanceof Error ? err.stack : String(err)}`,
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

/** Capability tokens in paths (employer, booking, manage, host, board, setup links) never reach the log. */
export function redactPath(p: string): string {
  return p.replace(/^\/(a|b|v|host|board|setup)\/[^/]+/, "/$1/:token");
}

function isBodyParserError(err: unknown, status: number): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    "type" in err &&
    "status" in err &&
    (err as { status: number }).status === status
  );
}
