// Owns request-level access: the CSRF check, loading the signed-in coordinator, and guards.
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../shared/errors";
import { randomToken } from "../shared/tokens";
import type { Coordinator } from "./auth.repo";
import type { AuthService } from "./auth.service";

declare global {
  namespace Express {
    interface Locals {
      coordinator?: Coordinator;
      csrfToken: string;
      /** Who acts, for the audit log: "coordinator:3", "api-token:2", "caseworker:7". */
      actor?: string;
    }
  }
}

export const SESSION_COOKIE = "sid";
const CSRF_COOKIE = "csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type CookieOptions = { secure: boolean };

/**
 * Signed double-submit CSRF: a random HttpOnly cookie, and forms carry HMAC(secret, cookie).
 * A cross-site page can neither read the cookie nor compute the token.
 */
export function csrfProtection(secret: string, cookies: CookieOptions) {
  const sign = (v: string) => crypto.createHmac("sha256", secret).update(`csrf:${v}`).digest("base64url");
  return (req: Request, res: Response, next: NextFunction) => {
    let seed: string | undefined = req.cookies?.[CSRF_COOKIE];
    if (!seed || !/^[A-Za-z0-9_-]{43}$/.test(seed)) {
      seed = randomToken();
      res.cookie(CSRF_COOKIE, seed, { httpOnly: true, sameSite: "lax", secure: cookies.secure, path: "/" });
    }
    const expected = sign(seed);
    res.locals.csrfToken = expected;
    if (!UNSAFE.has(req.method)) return next();
    // Only a string can be a token: an array or an object from a crafted body is simply wrong.
    const raw: unknown = req.body?._csrf ?? req.get("x-csrf-token");
    const given = typeof raw === "string" ? raw : "";
    const ok =
      given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) {
      return next(
        new AppError(
          403,
          "csrf-failed",
          "Skjemaet var utløpt. Gå tilbake, last siden på nytt og send igjen.",
        ),
      );
    }
    next();
  };
}

export function loadCoordinator(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const sid: string | undefined = req.cookies?.[SESSION_COOKIE];
    if (sid) {
      const found = auth.sessionAccess(sid);
      if (found) {
        res.locals.coordinator = found.coordinator;
        res.locals.access = found.access;
        res.locals.actor = found.access.actor;
      }
    }
    next();
  };
}

/** Pages: a visitor who is not signed in is sent to the sign-in page and back afterwards. */
export function requireCoordinator(req: Request, res: Response, next: NextFunction) {
  if (res.locals.coordinator) return next();
  if (req.method === "GET") return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  next(new AppError(401, "unauthenticated", "Du må logge inn"));
}

/** API: a coordinator's API token as bearer; a read-only token may only read. */
export function requireApiCoordinator(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return next(new AppError(401, "unauthenticated", "Mangler Authorization: Bearer-token"));
    const found = auth.tokenAccess(token);
    if (!found) return next(new AppError(403, "forbidden", "Ukjent, utløpt eller tilbakekalt token"));
    if (!found.access.write && UNSAFE.has(req.method)) {
      return next(new AppError(403, "token-read-only", "Tokenet kan bare lese"));
    }
    res.locals.access = found.access;
    res.locals.actor = found.access.actor;
    next();
  };
}

export function bearer(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
  return m?.[1];
}
