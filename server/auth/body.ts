// Owns when request bodies are read: only once the caller is known, so an anonymous caller cannot make the
// server parse a large body for a coordinator route.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { AppError } from "../shared/errors";
import { requestBodies } from "../shared/http-input";
import { bearer } from "./middleware";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Paths anyone may post to: capability links (employer, booking, manage, host, board, setup) and sign-in.
 * Everything else that takes a body is a coordinator route.
 */
const PUBLIC_POST = /^\/(?:(?:a|b|v|host|board|setup)\/[^/]+(?:\/.*)?|login|logout)$/;

/**
 * Runs after the session is loaded (loadCoordinator) and before any body parser: an anonymous post to a
 * coordinator route is refused without reading its body; an API call without a bearer token likewise.
 */
export function bodyAfterAuth(): Router {
  const r = express.Router();
  r.use((req: Request, res: Response, next: NextFunction) => {
    if (!UNSAFE.has(req.method) || res.locals.coordinator) return next();
    if (req.path.startsWith("/api/")) {
      return bearer(req)
        ? next()
        : next(new AppError(401, "unauthenticated", "Mangler Authorization: Bearer-token"));
    }
    if (PUBLIC_POST.test(req.path)) return next();
    // Drop the connection's unread body rather than parse it; the answer says to sign in.
    next(new AppError(401, "unauthenticated", "Du må logge inn"));
  });
  // Then the parsers: forms for pages, JSON for the API, a larger limit for a coordinator's history import.
  r.use(requestBodies());
  return r;
}
