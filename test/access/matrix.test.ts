// The access matrix: every route the app declares (walked from Express's router stack) and every socket event has
// an access rule here, and each rule is tried with the identities that must be refused. A new route or socket
// event without a rule fails the first test.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedbackForm, FollowUpForm } from "../../server/outcomes/outcomes.schemas";
import { outcomesService } from "../../server/outcomes/outcomes.service";
import type { ActionAck } from "../../server/realtime/events";
import { attachRealtime } from "../../server/realtime/socket";
import { linkToken } from "../../server/shared/tokens";
import { parseInput } from "../../server/shared/validation";
import {
  csrfFrom,
  eventForm,
  makeApp,
  managePathFor,
  openEvent,
  otherRegion,
  signedInAgent,
  TEST_SECRET,
} from "../helpers";
import { book, feedbackBody } from "../outcomes/outcomes-helpers";
import { appRoutes } from "./routes";

type Link = "booking" | "host" | "board" | "employer" | "manage";
/** What a coordinator of another region meets on a coordinator route. */
type OtherRegion =
  | "refused" // 403 outside-region: the path names a resource of region A
  | "filtered" // 200, but nothing of region A on the page
  | "free" // nothing region-bound (a form, one's own account, a new region)
  | "owner" // 403: another coordinator's API token
  | { body: (w: World) => Record<string, string>; status: number }; // region A named in the form

type Rule =
  | { kind: "public" }
  | { kind: "coordinator"; other: OtherRegion; query?: string }
  | { kind: "link"; link: Link }
  | { kind: "api-coordinator"; other: "refused" | "filtered" | "free" }
  | { kind: "api-booking" };

const coord = (other: OtherRegion, query?: string): Rule => ({ kind: "coordinator", other, query });
const link = (l: Link): Rule => ({ kind: "link", link: l });

const RULES: Record<string, Rule> = {
  "GET /": { kind: "public" },
  "GET /healthz": { kind: "public" },
  "GET /aksel/index.css": { kind: "public" },
  "GET /favicon.ico": { kind: "public" },
  // Confirmation pages before a destructive action, and renames (issue 13).
  "GET /events/:id/bookings/:bid/cancel": coord("refused"),
  "GET /events/:id/registrations/:cid/cancel": coord("refused"),
  "POST /events/:id/registrations/:cid/cancel": coord("refused"),
  "GET /events/:id/delete": coord("refused"),
  "POST /events/:id/delete": coord("refused"),
  "GET /events/:id/links/:kind/rotate": coord("refused"),
  "GET /participations/:id/delete": coord("refused"),
  "GET /participations/:id/employer-link/rotate": coord("refused"),
  "POST /regions/:id/rename": coord("refused"),
  "POST /regions/offices/:officeId/rename": coord("refused"),
  "POST /regions/rooms/:roomId/rename": coord("refused"),
  "GET /a/:token/oppgaver": link("employer"),
  "POST /a/:token/oppgaver": link("employer"),
  "GET /v/:token/bookings/:id/cancel": link("manage"),
  "GET /tilgjengelighet": { kind: "public" },
  "GET /login": { kind: "public" },
  "POST /login": { kind: "public" },
  "POST /logout": { kind: "public" },
  "GET /setup/:token": { kind: "public" },
  "POST /setup/:token": { kind: "public" },
  "GET /api/v1/openapi.json": { kind: "public" },

  "GET /account/tokens": coord("filtered"),
  "POST /account/tokens": coord({
    body: (w) => ({ name: "snik", scope: "read", regionId: String(w.a.regionId), days: "10" }),
    status: 422,
  }),
  "POST /account/tokens/:id/revoke": coord("owner"),
  "GET /regions": coord("filtered"),
  "POST /regions": coord("free"),
  "POST /regions/:id/offices": coord("refused"),
  "POST /regions/:id/staff-domains": coord("refused"),
  "POST /regions/offices/:officeId/rooms": coord("refused"),
  "GET /regions/:id/digest": coord("refused"),
  "POST /regions/:id/digest/settings": coord("refused"),
  "POST /regions/:id/digest/send": coord("refused"),
  "POST /regions/:id/digest/new-employers": coord("refused"),
  "GET /employers": coord("filtered"),
  "GET /employers/new": coord("filtered"),
  "POST /employers": coord({
    body: (w) => ({ regionId: String(w.a.regionId), name: "Snik AS", sector: "private" }),
    status: 403,
  }),
  "GET /employers/:id/edit": coord("refused"),
  "POST /employers/:id": coord("refused"),
  "GET /events": coord("filtered"),
  "GET /events/new": coord("filtered"),
  "POST /events": coord({ body: (w) => eventForm(w.a.officeId, { title: "Snik" }), status: 403 }),
  "GET /events/:id": coord("refused"),
  "POST /events/:id": coord("refused"),
  "GET /events/:id/edit": coord("refused"),
  "POST /events/:id/status": coord("refused"),
  "POST /events/:id/links/:kind/rotate": coord("refused"),
  "GET /events/:id/copy": coord("refused"),
  "POST /events/:id/copy": coord("refused"),
  "POST /events/:id/series": coord("refused"),
  "GET /events/:id/participations/new": coord("refused"),
  "POST /events/:id/participations": coord("refused"),
  "GET /events/:id/bookings": coord("refused"),
  "POST /events/:id/bookings/:bid/cancel": coord("refused"),
  "POST /events/:id/bookings/:bid/move": coord("refused"),
  "POST /events/:id/caseworkers/:cid/rotate-link": coord("refused"),
  "GET /events/:id/audit": coord("refused"),
  "GET /events/:id/day": coord("refused"),
  "GET /events/:id/print": coord("refused"),
  "GET /events/:id/utvalg": coord("refused"),
  "GET /events/:id/utvalg/:candidateId": coord("refused"),
  "POST /events/:id/utvalg/:candidateId": coord("refused"),
  "GET /events/:id/utvalg.csv": coord("refused"),
  "GET /participations/:id/edit": coord("refused"),
  "POST /participations/:id": coord("refused"),
  "POST /participations/:id/delete": coord("refused"),
  "GET /participations/:id/feedback": coord("refused"),
  "POST /participations/:id/employer-link/rotate": coord("refused"),
  "GET /candidates/:id/oppfolging": coord("refused"),
  "POST /candidates/:id/offers/:oid/answer": coord("refused"),
  "POST /candidates/:id/offers/:oid/follow-up": coord("refused"),
  "POST /candidates/:id/follow-ups/:fid/done": coord("refused"),
  "POST /candidates/:id/follow-ups/:fid/delete": coord("refused"),
  "POST /candidates/:id/status": coord("refused"),
  "POST /candidates/:id/enrol": coord("refused"),
  "GET /candidates/:id/personvern": coord("refused"),
  "GET /candidates/:id/personvern/eksport.json": coord("refused"),
  "POST /candidates/:id/personvern/slett": coord("refused"),
  "GET /follow-ups": coord("filtered"),
  "GET /status": coord("filtered", "?region=A"),
  "GET /status/persons/:id": coord("refused"),
  "POST /status/persons/:id": coord("refused"),
  "GET /stats": coord("refused", "?region=A"),
  "GET /stats/:file.csv": coord("refused", "?region=A"),
  "GET /stats/import": coord("filtered", "?region=A"),
  "POST /stats/import": coord({
    body: (w) => ({ regionId: String(w.a.regionId), csv: "14.11.2013;HM-9;Snik AS", mode: "import" }),
    status: 422,
  }),
  "GET /mail": coord("filtered"),
  "GET /mail/:id/eml": coord("refused"),
  "POST /mail/:id/retry": coord("refused"),

  "GET /b/:token": link("booking"),
  "POST /b/:token": link("booking"),
  "POST /b/:token/propose": link("booking"),
  "GET /b/:token/oppgaver": link("booking"),
  "GET /host/:token": link("host"),
  "GET /host/:token/print": link("host"),
  "GET /board/:token": link("board"),
  "GET /a/:token": link("employer"),
  "GET /a/:token/interviews/:bid": link("employer"),
  "POST /a/:token/interviews/:bid": link("employer"),
  // Speedintervju: the interview panel's selection behind its participation's link.
  "GET /a/:token/utvalg": link("employer"),
  "GET /a/:token/utvalg/:bid": link("employer"),
  "POST /a/:token/utvalg/:bid": link("employer"),
  // A Minijobbmesse: the employer marks a visitor «Vil møte igjen»; the coordinator's list per employer.
  "POST /a/:token/meet-again/:cid": link("employer"),
  "GET /events/:id/meet-again": coord("refused"),
  "GET /v/:token": link("manage"),
  "POST /v/:token/bookings/:id/cancel": link("manage"),
  "POST /v/:token/bookings/:id/move": link("manage"),
  "POST /v/:token/candidates/:id/book": link("manage"),
  "POST /v/:token/waitlist/:id/leave": link("manage"),
  // Minijobbmesse: «Avbestill påmeldingen» asks first, then frees the place.
  "GET /v/:token/registrations/:id/cancel": link("manage"),
  "POST /v/:token/registrations/:id/cancel": link("manage"),
  "GET /v/:token/candidates/:id/invitasjon": link("manage"),
  "GET /v/:token/candidates/:id/oppfolging": link("manage"),
  "POST /v/:token/candidates/:id/offers/:oid/answer": link("manage"),
  "POST /v/:token/candidates/:id/offers/:oid/follow-up": link("manage"),
  "POST /v/:token/candidates/:id/follow-ups/:fid/done": link("manage"),
  "POST /v/:token/candidates/:id/follow-ups/:fid/delete": link("manage"),
  "POST /v/:token/candidates/:id/status": link("manage"),
  "POST /v/:token/candidates/:id/enrol": link("manage"),

  "GET /api/v1/regions": { kind: "api-coordinator", other: "filtered" },
  "GET /api/v1/events": { kind: "api-coordinator", other: "filtered" },
  "POST /api/v1/events": { kind: "api-coordinator", other: "free" },
  "GET /api/v1/events/:id": { kind: "api-coordinator", other: "refused" },
  "POST /api/v1/events/:id/participations": { kind: "api-coordinator", other: "refused" },
  "GET /api/v1/participations/:id": { kind: "api-coordinator", other: "refused" },
  "GET /api/v1/regions/:id/digest": { kind: "api-coordinator", other: "refused" },
  "GET /api/v1/stats/participation": { kind: "api-coordinator", other: "filtered" },
  "POST /api/v1/events/:id/candidates": { kind: "api-booking" },
  "POST /api/v1/bookings": { kind: "api-booking" },
  "GET /api/v1/bookings": { kind: "api-booking" },
  "DELETE /api/v1/bookings/:id": { kind: "api-booking" },
  "DELETE /api/v1/registrations/:id": { kind: "api-booking" },
};

/** Socket events the server listens to, with who may send them (checked below). */
const SOCKET_EVENTS: Record<string, string> = {
  "host:action": "the host link of this event, or a coordinator of its region; never the board",
};

/**
 * HOOK (issue 11, point 4, branch issue11a): when links get lifetimes, add here one expired link per kind
 * (e.g. a host link the day after tomorrow, an employer link 31 days after the event) with the status the expired
 * page answers; the link test below tries each on every route of its kind.
 */
const EXPIRED_LINKS: { link: Link; token: (w: World) => string; status: number; setClock?: string }[] = [];

type World = Awaited<ReturnType<typeof world>>;

/** Region A (Hedmarken) with a held event full of data; region B (Gjøvik) with its own coordinator and event. */
async function world() {
  const t = makeApp();
  const admin = await signedInAgent(t);
  // createApp already mails booking changes (the mail listener subscribes to the domain events).
  const a = openEvent(t);
  const [vask, syk, bams] = a.participationIds;
  const ola = book(t, a, [a.slots(vask)[0]], { displayName: "Ola Nordmann" });
  const otto = book(
    t,
    a,
    [a.slots(bams)[0]],
    { displayName: "Otto Annen" },
    { name: "Otto", email: "otto@nav.no" },
  );
  // Bamsebjørn is full, so Wenche waits for it.
  for (const i of [1, 2, 3])
    book(t, a, [a.slots(bams)[i]], { displayName: `Fyll ${i}` }, { name: "Otto", email: "otto@nav.no" });
  const waiting = t.booking.register({ kind: "caseworker", id: "caseworker:new" }, a.eventId, {
    caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: a.officeId },
    candidate: {
      displayName: "Wenche Venter",
      birthYear: 1990,
      eligibility: "annet",
      backupCaseworker: "",
      caseworkerJoins: false,
      needsAdaptation: false,
    },
    slotIds: [a.slots(syk)[3]],
    waitlistParticipationIds: [bams],
    requestKey: "matrix-waitlist-0000001",
  });
  t.clock.set("2026-12-10T17:00:00Z");
  const outcomes = outcomesService(t.db, t.clock, { booking: t.booking });
  const olaBooking = t.db
    .prepare("SELECT id FROM booking WHERE candidate_id = ?")
    .pluck()
    .get(ola.candidateId) as number;
  const fb = parseInput(FeedbackForm, feedbackBody("x"));
  if (!fb.ok) throw new Error("feedback");
  outcomes.saveFeedback(vask, olaBooking, fb.data);
  const offerId = t.db.prepare("SELECT id FROM offer").pluck().get() as number;
  outcomes.recordAnswer({ actor: "test", caseworkerId: null }, offerId, "accepted");
  const plan = parseInput(FollowUpForm, { startOn: "2026-12-14", place: "Bakgården 7" });
  if (!plan.ok) throw new Error("plan");
  const followUpId = outcomes.planFollowUp({ actor: "test", caseworkerId: null }, offerId, plan.data);
  // Back to the morning the sessions were made, so they are still valid.
  t.clock.set("2026-11-27T10:00:00Z");

  const b = otherRegion(t);
  const kari = await signedInAgent(t, "kari@nav.no", { regions: [b.regionId] });
  const gone = await signedInAgent(t, "borte@nav.no", { regions: [a.regionId] });
  t.auth.deactivate(gone.coordinatorId);
  const adminToken = t.auth.createApiToken("admin", admin.coordinatorId);

  const links = t.events.links(t.events.get(a.eventId));
  const tokenOf = (url: string) => new URL(url).pathname.split("/")[2];
  const employerToken = (pid: number) =>
    linkToken(
      TEST_SECRET,
      "employer",
      pid,
      t.db.prepare("SELECT employer_link_version FROM participation WHERE id = ?").pluck().get(pid) as number,
    );
  const tokens: Record<Link, string> = {
    booking: tokenOf(links.booking),
    host: tokenOf(links.host),
    board: tokenOf(links.board),
    employer: employerToken(vask),
    manage: managePathFor(t, "vera@nav.no").split("/")[2],
  };
  const mailId = t.db.prepare("SELECT id FROM mail_outbox ORDER BY id").pluck().get() as number;
  const waitlistId = t.db.prepare("SELECT id FROM waitlist_entry").pluck().get() as number;
  const personId = t.db
    .prepare("SELECT person_id FROM candidate WHERE id = ?")
    .pluck()
    .get(ola.candidateId) as number;
  const vera = t.booking.caseworkerByEmail("vera@nav.no")?.id as number;
  return {
    t,
    admin,
    kari,
    gone,
    a,
    b,
    ola,
    otto,
    waiting,
    vask,
    syk,
    olaBooking,
    offerId,
    followUpId,
    mailId,
    waitlistId,
    personId,
    vera,
    tokens,
    sykToken: employerToken(syk),
    ottoManage: managePathFor(t, "otto@nav.no").split("/")[2],
    adminToken,
  };
}

/** The route's path with region A's resources in it. */
function fill(route: string, w: World, token?: string): string {
  const [, path] = route.split(" ");
  const idFor = (): number => {
    if (path.startsWith("/events/") || path.startsWith("/api/v1/events/")) return w.a.eventId;
    if (path.startsWith("/participations/") || path.startsWith("/api/v1/participations/")) return w.vask;
    if (path.startsWith("/employers/")) return w.a.employerIds[0];
    if (path.startsWith("/regions/") || path.startsWith("/api/v1/regions/")) return w.a.regionId;
    if (
      path.startsWith("/candidates/") ||
      path.includes("/candidates/:id") ||
      path.includes("/registrations/:id")
    )
      return w.ola.candidateId;
    if (path.startsWith("/status/persons/")) return w.personId;
    if (path.startsWith("/mail/")) return w.mailId;
    if (path.startsWith("/account/tokens/")) return w.adminToken.id;
    if (path.includes("/bookings/:id")) return w.olaBooking;
    if (path.includes("/waitlist/:id")) return w.waitlistId;
    throw new Error(`no id for ${route}`);
  };
  return path
    .replace(":token", token ?? "x")
    .replace(":officeId", String(w.a.officeId))
    .replace(":roomId", String(w.a.roomIds[0]))
    .replace(":bid", String(w.olaBooking))
    .replace(":cid", String(w.vera))
    .replace(":kind", "host")
    .replace(":oid", String(w.offerId))
    .replace(":fid", String(w.followUpId))
    .replace(":file", "events")
    .replace(":id", () => String(idFor()));
}

const routesOf = (kind: Rule["kind"]) => Object.keys(RULES).filter((r) => RULES[r].kind === kind);
// Region A's names; not Vaskebedrift or Sykehuset (the import page's example) nor Hedmarken (the region form's).
const MARKERS = ["Bamsebjørn", "Ola Nordmann", "vera@nav.no", "NAV Hamar", "Bakgården"];

async function send(
  agent: request.Agent | ReturnType<typeof request>,
  route: string,
  url: string,
  body = {},
) {
  const method = route.split(" ")[0].toLowerCase() as "get" | "post" | "delete";
  const req = agent[method](url);
  return method === "get" ? await req : await req.type("form").send(body);
}

let w: World;
beforeAll(async () => {
  w = await world();
}, 60_000);

describe("the access matrix", () => {
  it("has a rule for every route the app declares, and no rule for a route that is gone", () => {
    const declared = appRoutes(w.t.app);
    expect(declared.filter((r) => !RULES[r])).toEqual([]);
    expect(Object.keys(RULES).filter((r) => !declared.includes(r))).toEqual([]);
  });

  it("sends anonymous visitors, veileder browsers and deactivated coordinators to sign in on every coordinator route", async () => {
    const anonymous = request.agent(w.t.app);
    const anonCsrf = csrfFrom((await anonymous.get("/login")).text);
    const veileder = request.agent(w.t.app);
    await veileder.get(`/v/${w.tokens.manage}`).expect(200);
    const veilederCsrf = csrfFrom((await veileder.get(`/v/${w.tokens.manage}`)).text);
    const who = [
      { name: "anonymous", agent: anonymous, csrf: anonCsrf },
      { name: "veileder", agent: veileder, csrf: veilederCsrf },
      { name: "deactivated", agent: w.gone.agent, csrf: w.gone.csrf },
    ];
    const wrong: string[] = [];
    for (const route of routesOf("coordinator")) {
      for (const x of who) {
        const res = await send(x.agent, route, fill(route, w), { _csrf: x.csrf });
        const ok = route.startsWith("GET")
          ? res.status === 303 && String(res.headers.location).startsWith("/login")
          : res.status === 401;
        if (!ok) wrong.push(`${x.name}: ${route} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("refuses a coordinator of another region every resource of region A, and shows no region A data in lists", async () => {
    const wrong: string[] = [];
    for (const route of routesOf("coordinator")) {
      const rule = RULES[route] as Extract<Rule, { kind: "coordinator" }>;
      const url = fill(route, w) + (rule.query?.replace("A", String(w.a.regionId)) ?? "");
      if (rule.other === "free") continue;
      if (typeof rule.other === "object") {
        const res = await send(w.kari.agent, route, url, { _csrf: w.kari.csrf, ...rule.other.body(w) });
        if (res.status !== rule.other.status) wrong.push(`${route} → ${res.status}`);
        continue;
      }
      const res = await send(w.kari.agent, route, url, { _csrf: w.kari.csrf });
      if (rule.other === "owner") {
        if (res.status !== 403) wrong.push(`${route} → ${res.status}`);
      } else if (rule.other === "refused") {
        if (res.status !== 403 || !res.text.includes("Du har ikke tilgang til denne regionen"))
          wrong.push(`${route} → ${res.status}`);
      } else {
        const leaked = MARKERS.filter((m) => res.text.includes(m));
        if (res.status !== 200 || leaked.length) wrong.push(`${route} → ${res.status} ${leaked.join(", ")}`);
      }
    }
    expect(wrong).toEqual([]);
    // Nothing was made in region A along the way.
    expect(w.t.db.prepare("SELECT count(*) FROM event WHERE title = 'Snik'").pluck().get()).toBe(0);
    expect(w.t.db.prepare("SELECT count(*) FROM employer WHERE name = 'Snik AS'").pluck().get()).toBe(0);
    expect(w.t.db.prepare("SELECT count(*) FROM history_participation").pluck().get()).toBe(0);
    expect(w.t.auth.apiTokenByValue(w.adminToken.token)).toBeDefined();
  }, 60_000);

  it("shows the admin what the other region's coordinator does not see", async () => {
    const events = await w.admin.agent.get("/events").expect(200);
    expect(events.text).toContain(`/events/${w.a.eventId}"`);
    await w.admin.agent.get(`/events/${w.a.eventId}`).expect(200);
    await w.admin.agent.get(`/candidates/${w.ola.candidateId}/oppfolging`).expect(200);
  });

  it("refuses every link route a token of another kind or a made-up one", async () => {
    const kinds: Link[] = ["booking", "host", "board", "employer", "manage"];
    const wrong: string[] = [];
    for (const route of routesOf("link")) {
      const own = (RULES[route] as Extract<Rule, { kind: "link" }>).link;
      for (const k of kinds.filter((x) => x !== own)) {
        const res = await send(request(w.t.app), route, fill(route, w, w.tokens[k]));
        // POSTs meet the CSRF check first (403) or the unknown link (404); neither lets anything through.
        if (res.status !== 404 && res.status !== 403) wrong.push(`${k} token: ${route} → ${res.status}`);
      }
      const agent = request.agent(w.t.app);
      const csrf = csrfFrom((await agent.get("/login")).text);
      for (const [name, token] of [
        ["made-up", "1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
        ...kinds.filter((x) => x !== own).map((k) => [k, w.tokens[k]]),
      ]) {
        const res = await send(agent, route, fill(route, w, token), { _csrf: csrf });
        if (res.status !== 404) wrong.push(`${name} with CSRF: ${route} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("refuses another veileder's manage link on this veileder's bookings, candidates and waitlist places", async () => {
    const agent = request.agent(w.t.app);
    const csrf = csrfFrom((await agent.get("/login")).text);
    const wrong: string[] = [];
    for (const route of routesOf("link").filter((r) => r.includes("/v/:token/"))) {
      const res = await send(agent, route, fill(route, w, w.ottoManage), {
        _csrf: csrf,
        slotId: "1",
        answer: "declined",
      });
      if (res.status !== 404) wrong.push(`${route} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(w.t.db.prepare("SELECT count(*) FROM booking WHERE id = ?").pluck().get(w.olaBooking)).toBe(1);
    expect(w.t.db.prepare("SELECT count(*) FROM waitlist_entry").pluck().get()).toBe(1);
  });

  it("refuses one employer's link on another employer's interviews", async () => {
    const agent = request.agent(w.t.app);
    const csrf = csrfFrom((await agent.get("/login")).text);
    for (const route of routesOf("link").filter((r) => r.includes("/a/:token/interviews/"))) {
      const res = await send(agent, route, fill(route, w, w.sykToken), feedbackBody(csrf));
      expect(res.status, route).toBe(404);
    }
  });

  it("answers expired links with the expired page (hook for link lifetimes)", async () => {
    for (const e of EXPIRED_LINKS) {
      if (e.setClock) w.t.clock.set(e.setClock);
      for (const route of routesOf("link").filter((r) => (RULES[r] as { link: Link }).link === e.link)) {
        const res = await send(request(w.t.app), route, fill(route, w, e.token(w)));
        expect(res.status, route).toBe(e.status);
      }
    }
    expect(EXPIRED_LINKS.every((e) => e.status >= 400)).toBe(true);
  });

  it("refuses the coordinator API without a coordinator token, another region's token, an expired one and a read-only one on writes", async () => {
    const t = w.t;
    const regionB = t.auth.createApiToken("b", null, { regionId: w.b.regionId }).token;
    const readOnly = t.auth.createApiToken("r", null, { scope: "read" }).token;
    const expiring = t.auth.createApiToken("e", null, { days: 1 }).token;
    const goneToken = t.db
      .prepare("SELECT count(*) FROM api_token WHERE coordinator_id = ?")
      .pluck()
      .get(w.gone.coordinatorId);
    expect(goneToken).toBe(0);
    const ownerGone = t.auth.createApiToken("g", w.gone.coordinatorId).token;
    t.clock.set("2026-12-11T09:00:00Z");
    const wrong: string[] = [];
    for (const route of routesOf("api-coordinator")) {
      const rule = RULES[route] as Extract<Rule, { kind: "api-coordinator" }>;
      const url = fill(route, w);
      const method = route.split(" ")[0].toLowerCase() as "get" | "post";
      const call = (token?: string) => {
        const r = request(t.app)[method](url);
        return token ? r.set("Authorization", `Bearer ${token}`).send({}) : r.send({});
      };
      const expectations: [string, string | undefined, number][] = [
        ["none", undefined, 401],
        ["booking link", w.tokens.booking, 403],
        ["manage link", w.tokens.manage, 403],
        ["expired", expiring, 403],
        ["owner deactivated", ownerGone, 403],
      ];
      if (method === "post") expectations.push(["read-only", readOnly, 403]);
      if (rule.other === "refused") expectations.push(["region B", regionB, 403]);
      for (const [name, token, status] of expectations) {
        const res = await call(token);
        if (res.status !== status) wrong.push(`${name}: ${route} → ${res.status}`);
      }
      if (rule.other === "filtered") {
        const res = await call(regionB);
        const leaked = MARKERS.filter((m) => JSON.stringify(res.body).includes(m));
        if (res.status !== 200 || leaked.length) wrong.push(`region B: ${route} → ${res.status} ${leaked}`);
      }
    }
    t.clock.set("2026-11-27T10:00:00Z");
    expect(wrong).toEqual([]);
  }, 60_000);

  it("refuses the booking API to the wrong link, another veileder and another region's token", async () => {
    const t = w.t;
    const regionB = t.auth.createApiToken("b2", null, { regionId: w.b.regionId }).token;
    const bBooking = new URL(t.events.links(t.events.get(w.b.eventId)).booking).pathname.split("/")[2];
    const api = (method: "get" | "post" | "delete", url: string, token: string, body: object = {}) =>
      request(t.app)[method](`/api/v1${url}`).set("Authorization", `Bearer ${token}`).send(body);
    const register = {
      caseworker: { name: "X", email: "x@nav.no" },
      candidate: { displayName: "Y", birthYear: 1990 },
    };
    const wrong: string[] = [];
    const expect_ = async (name: string, p: Promise<request.Response>, status: number) => {
      const res = await p;
      if (res.status !== status) wrong.push(`${name} → ${res.status} ${res.body?.code}`);
    };
    await expect_(
      "register, other event's booking link",
      api("post", `/events/${w.a.eventId}/candidates`, bBooking, register),
      403,
    );
    await expect_(
      "register, manage link",
      api("post", `/events/${w.a.eventId}/candidates`, w.tokens.manage, register),
      403,
    );
    await expect_(
      "register, region B token",
      api("post", `/events/${w.a.eventId}/candidates`, regionB, register),
      403,
    );
    const bookBody = { candidateId: w.ola.candidateId, slotId: w.a.slots(w.syk)[0] };
    await expect_("book, booking link", api("post", "/bookings", w.tokens.booking, bookBody), 403);
    await expect_("book, other veileder", api("post", "/bookings", w.ottoManage, bookBody), 404);
    await expect_("book, region B token", api("post", "/bookings", regionB, bookBody), 403);
    await expect_("cancel, booking link", api("delete", `/bookings/${w.olaBooking}`, w.tokens.booking), 403);
    await expect_("cancel, other veileder", api("delete", `/bookings/${w.olaBooking}`, w.ottoManage), 404);
    await expect_("cancel, region B token", api("delete", `/bookings/${w.olaBooking}`, regionB), 403);
    const reg = `/registrations/${w.ola.candidateId}`;
    await expect_("cancel registration, booking link", api("delete", reg, w.tokens.booking), 403);
    await expect_("cancel registration, other veileder", api("delete", reg, w.ottoManage), 404);
    await expect_("cancel registration, region B token", api("delete", reg, regionB), 403);
    await expect_("list, booking link", api("get", "/bookings", w.tokens.booking), 403);
    await expect_("list, coordinator token", api("get", "/bookings", w.adminToken.token), 403);
    await expect_("list, none", request(t.app).get("/api/v1/bookings"), 401);
    expect(wrong).toEqual([]);
    expect(t.db.prepare("SELECT count(*) FROM booking WHERE id = ?").pluck().get(w.olaBooking)).toBe(1);
  });
});

describe("the socket matrix", () => {
  let url = "";
  let close = () => {};
  let realtime: ReturnType<typeof attachRealtime>;
  const sockets: Socket[] = [];
  let admin: Awaited<ReturnType<typeof signedInAgent>>;
  beforeAll(async () => {
    // Host and board links work from the day before the event: the sockets are tried on the day, with a
    // coordinator of region A signed in that morning.
    w.t.clock.set("2026-12-10T08:00:00Z");
    admin = await signedInAgent(w.t, "dagens-koordinator@nav.no", { regions: [w.a.regionId] });
    const server = http.createServer(w.t.app);
    realtime = attachRealtime(server, { ...w.t.realtimeDeps, tickMs: 0 });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => {
      for (const s of sockets) s.close();
      realtime.close();
      server.close();
    };
  });
  afterAll(() => close());

  /** The agent's cookies (its session), as the browser would send them with the handshake. */
  const cookieOf = (agent: request.Agent) =>
    (agent as unknown as { jar: { getCookies: (o: object) => { name: string; value: string }[] } }).jar
      .getCookies({ domain: "127.0.0.1", path: "/", secure: false, script: false })
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");

  function open(auth: Record<string, unknown>, cookie?: string): Promise<{ socket: Socket; ok: boolean }> {
    const socket = connect(url, {
      auth,
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once("day:snapshot", () => resolve({ socket, ok: true }));
      socket.once("connect_error", () => resolve({ socket, ok: false }));
    });
  }

  it("has a rule for every socket event the server listens to", async () => {
    const { socket, ok } = await open({ role: "host", token: w.tokens.host });
    expect(ok).toBe(true);
    // The server's side of this client: its listeners are the events a client may send.
    const names = (realtime.io.sockets.sockets.get(socket.id as string)?.eventNames() ?? []).map(String);
    expect(names.length).toBeGreaterThan(0);
    // socket.io itself listens to "error" (a no-op) on every socket.
    expect(names.filter((n) => !SOCKET_EVENTS[n] && n !== "error")).toEqual([]);
    expect(Object.keys(SOCKET_EVENTS).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("refuses the handshake to the wrong link, another region's coordinator, a deactivated one and an unknown role", async () => {
    const a = w.a.eventId;
    const cases: [string, Record<string, unknown>, string | undefined][] = [
      ["host with the board link", { role: "host", token: w.tokens.board }, undefined],
      ["host with the booking link", { role: "host", token: w.tokens.booking }, undefined],
      ["board with the host link", { role: "board", token: w.tokens.host }, undefined],
      ["board with an employer link", { role: "board", token: w.tokens.employer }, undefined],
      ["coordinator without a session", { role: "coordinator", eventId: a }, undefined],
      ["coordinator of region B", { role: "coordinator", eventId: a }, cookieOf(w.kari.agent)],
      ["deactivated coordinator", { role: "coordinator", eventId: a }, cookieOf(w.gone.agent)],
      ["unknown role", { role: "admin", token: w.tokens.host }, undefined],
    ];
    const let_in: string[] = [];
    for (const [name, auth, cookie] of cases) if ((await open(auth, cookie)).ok) let_in.push(name);
    expect(let_in).toEqual([]);
    // The admin's session does get in (the refusals above are about who, not about cookies).
    expect((await open({ role: "coordinator", eventId: a }, cookieOf(admin.agent))).ok).toBe(true);
  });

  it("refuses host:action from the board and from another event's host on this event's candidates", async () => {
    const board = await open({ role: "board", token: w.tokens.board });
    const act = (s: Socket, candidateId: number, id: string) =>
      new Promise<ActionAck>((r) =>
        s.emit("host:action", { id, action: { kind: "arrive", candidateId, version: 0 } }, (x: ActionAck) =>
          r(x),
        ),
      );
    expect(await act(board.socket, w.ola.candidateId, "matrix-board-0001")).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const bHost = new URL(w.t.events.links(w.t.events.get(w.b.eventId)).host).pathname.split("/")[2];
    // Event B is a week later: its host link works from the day before it.
    w.t.clock.set("2026-12-16T08:00:00Z");
    const other = await open({ role: "host", token: bHost });
    expect(other.ok).toBe(true);
    const res = await act(other.socket, w.ola.candidateId, "matrix-other-0001");
    expect(res.ok).toBe(false);
    expect(
      w.t.db.prepare("SELECT arrived_at FROM candidate WHERE id = ?").pluck().get(w.ola.candidateId),
    ).toBeNull();
  });
});
