// Owns when request bodies are read: only once the caller is known, so an anonymous caller cannot make the
// server parse a large body for a coordinator route.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { AppError } from "../shared/errors";
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
export function bodyAfterAuth(opts: { largeBodies: Record<string, string> }): Router {
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
  // Larger limits (a region's history import) only for a signed-in coordinator.
  for (const [path, limit] of Object.entries(opts.largeBodies)) {
    const parse = express.urlencoded({ extended: false, limit });
    r.use(path, (req, res, next) => (res.locals.coordinator ? parse(req, res, next) : next()));
  }
  r.use(express.json({ limit: "100kb" }));
  r.use(express.urlencoded({ extended: false, limit: "100kb" }));
  // Express 5 leaves req.body undefined when no parser ran; handlers may then read fields safely.
  r.use((req, _res, next) => {
    req.body ??= {};
    next();
  });
  return r;
}
