// Owns the sign-in, first-coordinator setup and API-token pages.
import { type Request, type Response, Router } from "express";
import { rateLimit } from "express-rate-limit";
import type { RegionsService } from "../regions/regions.service";
import { refusalErrors, renderForm } from "../shared/render";
import { formatInstant } from "../shared/time";
import { parseInput } from "../shared/validation";
import { mayRegion, regionFilter } from "./access";
import type { Coordinator } from "./auth.repo";
import { ApiTokenForm, LoginForm, SetupForm } from "./auth.schemas";
import type { AuthService } from "./auth.service";
import { type CookieOptions, cookieName, requireCoordinator, SESSION_COOKIE } from "./middleware";

/** Failed sign-ins allowed per 15 minutes. */
export const LOGIN_FAILURES_PER_CLIENT = 20;
export const LOGIN_FAILURES_PER_EMAIL = 5;

/** Only same-site paths, so ?next= cannot send someone to another site after sign-in. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
}

export function authRoutes(auth: AuthService, cookies: CookieOptions, regions: RegionsService) {
  const r = Router();
  const sessionCookie = { httpOnly: true, sameSite: "lax" as const, secure: cookies.secure, path: "/" };
  const SID = cookieName(SESSION_COOKIE, cookies);

  // Failed sign-ins only (a success does not count): per client address (set TRUST_PROXY behind a proxy, or
  // everyone shares the proxy's bucket) and per e-mail address, so guessing one account's password from many
  // addresses is slow too.
  const tooMany = {
    windowMs: 15 * 60_000,
    standardHeaders: "draft-8" as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: (_req: Request, res: Response) => {
      res.status(429).render("auth/login", {
        title: "Logg inn",
        errors: { _form: "For mange innloggingsforsøk. Vent et kvarter og prøv igjen." },
        values: {},
        next: "/",
      });
    },
  };
  const loginLimiterPerClient = rateLimit({ ...tooMany, limit: LOGIN_FAILURES_PER_CLIENT });
  const loginLimiterPerEmail = rateLimit({
    ...tooMany,
    limit: LOGIN_FAILURES_PER_EMAIL,
    identifier: "per-email",
    keyGenerator: (req) =>
      `email:${String(req.body?.email ?? "")
        .trim()
        .toLowerCase()}`,
  });

  r.get("/login", (req, res) => {
    if (res.locals.coordinator) return res.redirect(303, safeNext(req.query.next));
    renderForm(res, "auth/login", { title: "Logg inn", next: safeNext(req.query.next) });
  });

  r.post("/login", loginLimiterPerClient, loginLimiterPerEmail, async (req, res) => {
    const next = safeNext(req.body.next);
    const vm = { title: "Logg inn", next };
    const parsed = parseInput(LoginForm, req.body);
    if (!parsed.ok) return renderForm(res, "auth/login", vm, parsed.errors, { email: req.body.email });
    const token = await auth.signIn(parsed.data.email, parsed.data.password);
    if (!token) {
      return renderForm(
        res,
        "auth/login",
        vm,
        { password: "Feil e-postadresse eller passord" },
        { email: parsed.data.email },
      );
    }
    res.cookie(SID, token, sessionCookie);
    res.redirect(303, next);
  });

  r.post("/logout", (req, res) => {
    const sid = req.cookies?.[SID];
    if (sid) auth.signOut(sid);
    res.clearCookie(SID, sessionCookie);
    res.redirect(303, "/login");
  });

  r.get("/setup/:token", (req, res) => {
    const setup = auth.findSetup(req.params.token);
    if (!setup) return res.status(410).render("auth/setup-expired", { title: "Lenken er utløpt" });
    renderForm(
      res,
      "auth/setup",
      { title: "Opprett koordinatorkonto", action: `/setup/${req.params.token}` },
      {},
      {
        email: setup.email ?? "",
        name: setup.name ?? "",
      },
    );
  });

  r.post("/setup/:token", async (req, res) => {
    const vm = { title: "Opprett koordinatorkonto", action: `/setup/${req.params.token}` };
    const values = { email: req.body.email, name: req.body.name };
    if (!auth.findSetup(req.params.token)) {
      return res.status(410).render("auth/setup-expired", { title: "Lenken er utløpt" });
    }
    const parsed = parseInput(SetupForm, req.body);
    if (!parsed.ok) return renderForm(res, "auth/setup", vm, parsed.errors, values);
    try {
      await auth.completeSetup(req.params.token, parsed.data);
    } catch (err) {
      return renderForm(res, "auth/setup", vm, refusalErrors(err), values);
    }
    const token = await auth.signIn(parsed.data.email, parsed.data.password);
    if (token) res.cookie(SID, token, sessionCookie);
    res.redirect(303, "/");
  });

  /** The coordinator's own tokens (an admin sees everyone's), with what each reaches and until when. */
  function tokensVm(res: Response, created: string | null = null) {
    const me = res.locals.coordinator ?? null;
    const regionName = new Map(regions.listRegions().map((g) => [g.id, g.name]));
    return {
      title: "API-tokener",
      created,
      regionOptions: [
        { value: "", label: "Alle mine regioner" },
        ...regions.overview(regionFilter(res)).map((g) => ({ value: g.id, label: g.name })),
      ],
      scopeOptions: [
        { value: "read", label: "Bare lese" },
        { value: "read-write", label: "Lese og endre" },
      ],
      tokens: auth.listApiTokens(me).map((t) => ({
        ...t,
        scopeText: t.scope === "read" ? "Bare lese" : "Lese og endre",
        regionText: t.regionId === null ? "Alle" : (regionName.get(t.regionId) ?? `Region ${t.regionId}`),
        expiresText: formatInstant(t.expiresAt),
      })),
    };
  }

  r.get("/account/tokens", requireCoordinator, (_req, res) => {
    renderForm(res, "auth/tokens", tokensVm(res), {}, { scope: "read", days: 90 });
  });

  r.post("/account/tokens", requireCoordinator, (req, res) => {
    const parsed = parseInput(ApiTokenForm, req.body);
    if (!parsed.ok) return renderForm(res, "auth/tokens", tokensVm(res), parsed.errors, req.body);
    const { name, scope, regionId, days } = parsed.data;
    if (regionId !== "" && !mayRegion(res, regionId)) {
      return renderForm(
        res,
        "auth/tokens",
        tokensVm(res),
        { regionId: "Velg en region fra listen" },
        req.body,
      );
    }
    const { token } = auth.createApiToken(name, res.locals.coordinator?.id ?? null, {
      scope,
      regionId: regionId === "" ? null : regionId,
      days,
    });
    // Shown once on this response only; never stored in plain text.
    renderForm(res, "auth/tokens", tokensVm(res, token), {}, { scope: "read", days: 90 });
  });

  r.post("/account/tokens/:id/revoke", requireCoordinator, (req, res) => {
    // requireCoordinator ran: a null here would be the command line's power.
    auth.revokeApiToken(Number(req.params.id), res.locals.coordinator as Coordinator);
    res.redirect(303, "/account/tokens");
  });

  return r;
}
