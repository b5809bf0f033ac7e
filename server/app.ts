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
import { clientError, requestBodies } from "./shared/http-input";
import { createLogger, type Logger, redactPath, requestLogger } from "./shared/logger";
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
};

export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger();
  const cookies = { secure: deps.secureCookies ?? false };
  const auth = authService(deps.db, clock);
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
  const viewCache = deps.viewCache ?? true;
  app.set("views", path.join(ROOT, "views"));
  app.engine("ejs", ejsEngine(path.join(ROOT, "views"), { cache: viewCache }));
  app.set("view engine", "ejs");
  app.set("view cache", viewCache);
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
  app.use("/aksel", express.static(path.join(ROOT, "node_modules/@navikt/ds-css/dist"), { maxAge: "1d" }));
  // Only a path that names a file (app.css, js/dayof.js) goes to the disk: pages skip a stat() each.
  const publicFiles = express.static(path.join(ROOT, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  app.get("/healthz", (_req, res) => {
    deps.db.prepare("SELECT 1").get();
    res.json({ status: "ok" });
  });

  // After the static files: assets are not worth a log line each.
  app.use(requestLogger(logger));
  app.use(cookieParser());
  app.use(requestBodies());

  const api = express.Router();
  // The API authenticates with bearer tokens only (no cookies), so it needs no CSRF token.
  app.use("/api/v1", api);
  const openapi = openApiDocument([...coreOperations, ...bookingOperations]);
  api.get("/openapi.json", (_req, res) => res.json(openapi));
  api.use(outcomes.apiGuard);
  api.use(bookingApi({ booking, events, auth, secret: deps.secret }));
  api.use(requireApiCoordinator(auth), eventsApi(events, regions));
  api.use(requireApiCoordinator(auth), mail.api);
  api.use(requireApiCoordinator(auth), stats.api);

  app.use(csrfProtection(deps.secret, cookies));
  app.use(loadCoordinator(auth));
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
    }),
  );

  app.use(dayofRoutes({ dayof, events, secret: deps.secret }));
  app.use(mail.routes);
  app.use(outcomes.routes);
  app.use(stats.routes);

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
        });
      return;
    }
    res.status(appErr.status).render("error", { title, message: appErr.message });
  };
}

/** Kept here for callers that import it from the app. */
export { redactPath };
