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
import { bookingApi } from "./booking/booking.api";
import { bookingRoutes } from "./booking/booking.routes";
import { type BookingChange, bookingService } from "./booking/booking.service";
import { dayofRoutes } from "./dayof/dayof.routes";
import { dayofService } from "./dayof/dayof.service";
import type { Db } from "./db/connection";
import { employersRoutes } from "./employers/employers.routes";
import { employersService } from "./employers/employers.service";
import { eventsApi } from "./events/events.api";
import { eventsRoutes } from "./events/events.routes";
import { eventsService } from "./events/events.service";
import { mailFeature } from "./mail/feature";
import { outcomesFeature } from "./outcomes/feature";
import type { RealtimeDeps } from "./realtime/socket";
import { regionsRoutes } from "./regions/regions.routes";
import { regionsService } from "./regions/regions.service";
import { AppError } from "./shared/errors";
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
  /** Express's "trust proxy" (TRUST_PROXY); default: only a proxy on the same machine. */
  trustProxy?: boolean | number | string;
  /** scrypt cost for passwords; production uses the default (2^17), tests a lower one to stay fast. */
  scryptN?: number;
  /** Where operational messages go; never candidate names. */
  log?: (msg: string) => void;
};

export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? ((msg: string) => console.error(msg));
  const cookies = { secure: deps.secureCookies ?? false };
  const auth = authService(deps.db, clock, { scryptN: deps.scryptN });
  const regions = regionsService(deps.db, clock);
  const employers = employersService(deps.db, clock);
  const events = eventsService(deps.db, clock, deps.secret, deps.baseUrl);
  // Listeners for committed booking changes (realtime screens, e-mail) subscribe here.
  const bookingListeners: ((c: BookingChange) => void)[] = [];
  const booking = bookingService(deps.db, clock, (c) => {
    for (const listener of bookingListeners) listener(c);
  });
  const dayof = dayofService(deps.db, clock);
  const mail = mailFeature({
    db: deps.db,
    clock,
    events,
    regions,
    booking,
    secret: deps.secret,
    baseUrl: deps.baseUrl,
  });
  const outcomes = outcomesFeature({
    db: deps.db,
    auth,
    clock,
    booking,
    events,
    regions,
    secret: deps.secret,
    baseUrl: deps.baseUrl,
  });
  const stats = statsFeature({ db: deps.db, clock, regions, outcomes: outcomes.outcomes });

  const app = express();
  app.set("views", path.join(ROOT, "views"));
  app.set("view engine", "ejs");
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
  app.use("/aksel", express.static(path.join(ROOT, "node_modules/@navikt/ds-css/dist"), { maxAge: "1d" }));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));

  app.get("/healthz", (_req, res) => {
    deps.db.prepare("SELECT 1").get();
    res.json({ status: "ok" });
  });

  // Everything after the static files may carry personal data: no browser or proxy keeps a copy.
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  app.use(cookieParser());
  app.use(loadCoordinator(auth, cookies));
  // The token is issued before the body is read, so even an early error page can offer "Logg ut".
  const issueCsrf = issueCsrfToken(deps.secret, cookies);
  // The API authenticates with bearer tokens only: no CSRF cookie there.
  app.use((req, res, next) => (req.path.startsWith("/api/") ? next() : issueCsrf(req, res, next)));
  // Bodies are read only once the caller is known. A region's history import may be a few thousand CSV
  // lines (signed-in coordinators only); every other form stays small.
  app.use(bodyAfterAuth({ largeBodies: { "/stats/import": "2mb" } }));

  const api = express.Router();
  // The API authenticates with bearer tokens only (no cookies), so it needs no CSRF token.
  app.use("/api/v1", api);
  const openapi = openApiDocument([...coreOperations, ...bookingOperations]);
  api.get("/openapi.json", (_req, res) => res.json(openapi));
  api.use(outcomes.apiGuard);
  api.use(bookingApi({ booking, events, auth, secret: deps.secret, clock, regions }));
  api.use(requireApiCoordinator(auth), eventsApi(events, regions));
  api.use(requireApiCoordinator(auth), mail.api);
  api.use(requireApiCoordinator(auth), stats.api);

  app.use(csrfProtection());
  app.use(authRoutes(auth, cookies));
  app.use(regionsRoutes(regions));
  app.use(employersRoutes(employers, regions));
  app.use(outcomes.hooks);
  app.use(eventsRoutes(events, regions, employers));
  app.use(
    bookingRoutes({
      booking,
      events,
      regions,
      secret: deps.secret,
      baseUrl: deps.baseUrl,
      secureCookies: cookies.secure,
      clock,
      db: deps.db,
    }),
  );

  app.use(dayofRoutes({ dayof, events, secret: deps.secret, clock }));
  app.use(mail.routes);
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
    clock,
    baseUrl: deps.baseUrl,
    secureCookies: cookies.secure,
    onBookingChange: (listener) => bookingListeners.push(listener),
  };
  return {
    app,
    auth,
    regions,
    employers,
    events,
    booking,
    bookingListeners,
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
        });
      return;
    }
    res.status(appErr.status).render("error", { title, message: appErr.message });
  };
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
