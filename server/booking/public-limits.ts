// Owns the rate limits on the public booking endpoints (the booking link's page and API): per link and per
// client, so a leaked link cannot be used to flood an event or the outbox.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { bearer } from "../auth/middleware";
import { AppError } from "../shared/errors";

const WINDOW_MS = 15 * 60_000;
/** A region's veiledere share one link on a Monday morning; one client is one veileder (or one proxy hop). */
export const PUBLIC_POSTS_PER_LINK = 600;
export const PUBLIC_POSTS_PER_CLIENT = 60;

const refuse = (_req: Request, _res: Response, next: NextFunction) =>
  next(
    new AppError(
      429,
      "too-many-requests",
      "For mange bookinger på kort tid. Vent et kvarter og prøv igjen, eller kontakt markedskoordinatoren.",
    ),
  );

/** The link a public request came through: the path's token, or the bearer token (API). */
const linkOf = (req: Request) => String(req.params.token ?? bearer(req) ?? "");

/**
 * Middleware for the booking form, "Foreslå tider" and the API's registration. Signed-in coordinators and API
 * tokens of coordinators are not limited here (the caller decides with `isStaff`).
 */
export function publicBookingLimits(
  isStaff: (req: Request, res: Response) => boolean,
  limits = { perClient: PUBLIC_POSTS_PER_CLIENT, perLink: PUBLIC_POSTS_PER_LINK },
): RequestHandler {
  const common = {
    windowMs: WINDOW_MS,
    standardHeaders: "draft-8" as const,
    legacyHeaders: false,
    handler: refuse,
    skip: isStaff,
  };
  const perClient = rateLimit({ ...common, limit: limits.perClient });
  const perLink = rateLimit({
    ...common,
    limit: limits.perLink,
    identifier: "per-link",
    keyGenerator: (req) => `link:${linkOf(req)}`,
  });
  return (req, res, next) =>
    perClient(req, res, (err?: unknown) => (err ? next(err) : perLink(req, res, next)));
}
