// Owns request-level access: the CSRF check, loading the signed-in coordinator, and guards.
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../shared/errors";
import { randomToken, sha256 } from "../shared/tokens";
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
 * Over https every cookie carries the `__Host-` prefix: the browser then takes it only with Secure, Path=/ and no
 * Domain, so a neighbouring subdomain cannot plant or overwrite it.
 */
export const cookieName = (name: string, cookies: CookieOptions) =>
  cookies.secure ? `__Host-${name}` : name;

/**
 * Signed double-submit CSRF bound to the session: a random HttpOnly cookie, and forms carry
 * HMAC(secret, cookie + hash of the session cookie). A cross-site page can neither read the cookies nor compute
 * the token, and a token seen under one session (or before signing in) is worthless under another.
 */
export function issueCsrfToken(secret: string, cookies: CookieOptions) {
  const csrfCookie = cookieName(CSRF_COOKIE, cookies);
  const sessionCookie = cookieName(SESSION_COOKIE, cookies);
  const sign = (seed: string, session: string) =>
    crypto
      .createHmac("sha256", secret)
      .update(`csrf:${seed}:${sha256(session)}`)
      .digest("base64url");
  return (req: Request, res: Response, next: NextFunction) => {
    let seed: string | undefined = req.cookies?.[csrfCookie];
    if (!seed || !/^[A-Za-z0-9_-]{43}$/.test(seed)) {
      seed = randomToken();
      res.cookie(csrfCookie, seed, { httpOnly: true, sameSite: "lax", secure: cookies.secure, path: "/" });
    }
    res.locals.csrfToken = sign(seed, String(req.cookies?.[sessionCookie] ?? ""));
    next();
  };
}

/** Checks the token issued above on every unsafe request (after the body is parsed). */
export function csrfProtection() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!UNSAFE.has(req.method)) return next();
    const expected = res.locals.csrfToken;
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

export function loadCoordinator(auth: AuthService, cookies: CookieOptions) {
  const name = cookieName(SESSION_COOKIE, cookies);
  return (req: Request, res: Response, next: NextFunction) => {
    const sid: string | undefined = req.cookies?.[name];
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
