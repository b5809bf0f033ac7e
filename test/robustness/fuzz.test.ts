// Property-based: random and nasty requests at every route the app registers, with and without a
// valid CSRF token, a session and a bearer token. No 5xx, ever; and a refusal (4xx) stores nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingOperations, coreOperations, openApiDocument } from "../../server/api/openapi";
import { createApp } from "../../server/app";
import { silentLogger } from "../../server/shared/logger";
import { sha256 } from "../../server/shared/tokens";
import { fixedClock, makeApp, TEST_SECRET } from "../helpers";
import { eventWithInterviews } from "../outcomes/outcomes-helpers";
import { registeredRoutes } from "./routes";

const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const NOW = "2026-12-10T16:10:00Z";
const CSRF_SEED = "f".repeat(43);
/** The valid CSRF token for the seed cookie and a session (tokens are bound to the session; "" for none). */
const csrfFor = (session: string) =>
  crypto
    .createHmac("sha256", TEST_SECRET)
    .update(`csrf:${CSRF_SEED}:${sha256(session)}`)
    .digest("base64url");

type World = {
  image: Buffer;
  session: string;
  apiToken: string;
  tokens: Record<string, string>;
};

let world: World;

/** One seeded database (an event on its day with booked interviews, a coordinator, tokens), copied per route. */
beforeAll(async () => {
  const t = makeApp();
  const ev = eventWithInterviews(t, { now: NOW });
  const setup = t.auth.createSetupLink().split("/").pop() as string;
  await t.auth.completeSetup(setup, { email: "k@nav.no", name: "Kari", password: "et langt passord 123" });
  const session = (await t.auth.signIn("k@nav.no", "et langt passord 123")) as string;
  const apiToken = t.auth.createApiToken("fuzz", null).token;
  const links = t.events.links(t.events.get(ev.eventId));
  const last = (url: string) => url.split("/").pop() as string;
  const olaCaseworker = t.booking.getCandidate(ev.ola.candidateId).caseworkerId;
  world = {
    image: t.db.serialize(),
    session,
    apiToken,
    tokens: {
      b: last(links.booking),
      host: last(links.host),
      board: last(links.board),
      v: last(ev.managePath(olaCaseworker)),
      a: last(ev.employerPath(ev.vask)),
      setup: last(t.auth.createSetupLink()),
    },
  };
});

function freshApp() {
  const db = new Database(world.image);
  db.pragma("foreign_keys = ON");
  const ctx = createApp({
    db,
    secret: TEST_SECRET,
    baseUrl: "http://localhost:3000",
    clock: fixedClock(NOW),
    logger: silentLogger(),
  });
  return { app: ctx.app, db };
}

/** Every table's rows, to prove a refused request changed nothing. */
function snapshot(db: Database.Database): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables.map((name) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).raw().all())).join("\n");
}

/** Field names the app knows: every form field in the views and every property in the OpenAPI document. */
function knownFields(): string[] {
  const names = new Set<string>();
  const views = path.resolve(import.meta.dirname, "../../views");
  for (const file of fs.readdirSync(views, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ejs")) continue;
    const src = fs.readFileSync(path.join(views, file), "utf8");
    for (const m of src.matchAll(/name(?:="|: ')([A-Za-z_.[\]]+)['"]/g)) names.add(m[1]);
  }
  const collect = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === "properties" && typeof v === "object" && v) for (const p of Object.keys(v)) names.add(p);
      collect(v);
    }
  };
  collect(openApiDocument([...coreOperations, ...bookingOperations]));
  names.delete("_csrf");
  return [...names];
}

const FIELDS = knownFields();

const nastyString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\nb",
    "\r\n",
    "\u202e",
    "%ff",
    "%",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "9".repeat(40),
    "x".repeat(5000),
    "__proto__",
    "constructor",
    "toString",
    "<script>alert(1)</script>",
    "12345678901",
    "2026-02-30",
    "2026-10-25",
    "2027-03-28",
    "02:30",
    "25:99",
    "on",
    "true",
    "1",
    "2",
    "3",
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);

const formValue = fc.oneof(nastyString, fc.array(nastyString, { maxLength: 3 }));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS, "toString", "valueOf"), fc.string()), tie("value"), {
      maxKeys: 4,
    }),
  ),
})).value;

const fieldName = fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 }));

const nastyParam = fc.oneof(
  fc.constantFrom(
    "%ff",
    "%",
    "%E0%A4%A",
    "%00",
    "..",
    "-1",
    "0",
    "1.5",
    "1e309",
    "9".repeat(30),
    "NaN",
    "%2F",
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/** A value that reaches the handler: a real token for the link's kind, or a small id (ids 1–3 exist). */
function validParam(routePath: string, name: string): string {
  if (name === "token") {
    const prefix = routePath.split("/")[1];
    return world.tokens[prefix] ?? "x";
  }
  if (name === "kind") return "booking";
  if (name === "file") return "participation";
  return "1";
}

const BODY_MODES = [
  "none",
  "form",
  "json",
  "bad-charset",
  "gzip-header",
  "unknown-encoding",
  "text",
  "gzip-ok",
];

type Attempt = {
  params: Record<string, string>;
  query: Record<string, string>;
  mode: string;
  form: [string, string | string[]][];
  json: unknown;
  session: boolean;
  csrf: "valid" | "none" | "array" | "object" | "wrong" | "header";
  bearer: "none" | "api" | "booking" | "manage" | "garbage";
};

function attemptFor(routePath: string) {
  const names = [...routePath.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return fc.record<Attempt>({
    params: fc.record(
      Object.fromEntries(names.map((n) => [n, fc.oneof(fc.constant(validParam(routePath, n)), nastyParam)])),
    ),
    query: fc.dictionary(
      fc.constantFrom("next", "booket", "year", "regionId", "eventId", "q", "id"),
      nastyString,
      {
        maxKeys: 2,
      },
    ),
    // Mostly the body type the route takes, so most attempts reach the handler and its validation.
    mode: fc.oneof(
      { arbitrary: fc.constant(routePath.startsWith("/api/") ? "json" : "form"), weight: 6 },
      { arbitrary: fc.constantFrom(...BODY_MODES), weight: 3 },
    ),
    form: fc.array(fc.tuple(fieldName, formValue), { maxLength: 8 }),
    json: fc.oneof(jsonValue, fc.dictionary(fieldName, jsonValue, { maxKeys: 8 })),
    session: fc.oneof(
      { arbitrary: fc.constant(true), weight: 3 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
    csrf: fc.oneof(
      { arbitrary: fc.constant<Attempt["csrf"]>("valid"), weight: 5 },
      {
        arbitrary: fc.constantFrom<Attempt["csrf"]>("none", "array", "object", "wrong", "header"),
        weight: 2,
      },
    ),
    bearer: routePath.startsWith("/api/")
      ? fc.constantFrom<Attempt["bearer"]>("api", "api", "booking", "manage", "none", "garbage")
      : fc.constantFrom<Attempt["bearer"]>("none", "none", "api", "garbage"),
  });
}

function encodeForm(pairs: [string, string | string[]][], csrf: Attempt["csrf"], CSRF: string): string {
  const body = new URLSearchParams();
  if (csrf === "valid") body.append("_csrf", CSRF);
  if (csrf === "array") {
    body.append("_csrf", CSRF);
    body.append("_csrf", CSRF);
  }
  if (csrf === "wrong") body.append("_csrf", "x".repeat(CSRF.length));
  for (const [k, v] of pairs) for (const one of [v].flat()) body.append(k, one);
  return body.toString();
}

async function send(app: ReturnType<typeof freshApp>["app"], routePath: string, method: string, a: Attempt) {
  const url =
    routePath.replace(/:(\w+)/g, (_, n: string) => a.params[n]) +
    (Object.keys(a.query).length ? `?${new URLSearchParams(a.query)}` : "");
  const agent = request(app);
  const req =
    method === "GET"
      ? agent.get(url)
      : method === "DELETE"
        ? agent.delete(url)
        : method === "PUT"
          ? agent.put(url)
          : method === "PATCH"
            ? agent.patch(url)
            : agent.post(url);
  const cookies = [`csrf=${CSRF_SEED}`];
  if (a.session) cookies.push(`sid=${world.session}`);
  const CSRF = csrfFor(a.session ? world.session : "");
  req.set("Cookie", cookies.join("; "));
  if (a.csrf === "header") req.set("x-csrf-token", CSRF);
  const bearer = { api: world.apiToken, booking: world.tokens.b, manage: world.tokens.v, garbage: "%ff" }[
    a.bearer as "api"
  ];
  if (bearer) req.set("Authorization", `Bearer ${bearer}`);
  const form = encodeForm(a.form, a.csrf, CSRF);
  const json =
    a.csrf === "object" && typeof a.json === "object" && a.json && !Array.isArray(a.json)
      ? { ...a.json, _csrf: { toString: 1 } }
      : a.csrf === "valid" && typeof a.json === "object" && a.json && !Array.isArray(a.json)
        ? { ...a.json, _csrf: CSRF }
        : a.json;
  switch (a.mode) {
    case "form":
      return req.set("Content-Type", "application/x-www-form-urlencoded").send(form);
    case "json":
      return req.set("Content-Type", "application/json").send(JSON.stringify(json));
    case "bad-charset":
      return req.set("Content-Type", "application/x-www-form-urlencoded; charset=klingon").send(form);
    case "gzip-header":
      return req
        .set("Content-Type", "application/json")
        .set("Content-Encoding", "gzip")
        .send(JSON.stringify(json));
    case "unknown-encoding":
      return req
        .set("Content-Type", "application/x-www-form-urlencoded")
        .set("Content-Encoding", "zstd-ish")
        .send(form);
    case "text":
      return req.set("Content-Type", "text/plain").send(form);
    case "gzip-ok":
      return req
        .set("Content-Type", "application/x-www-form-urlencoded")
        .set("Content-Encoding", "gzip")
        .send(zlib.gzipSync(form));
    default:
      return req;
  }
}

const statuses: string[] = [];
afterAll(() => {
  if (!process.env.FUZZ_STATS) return;
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  fs.writeFileSync(process.env.FUZZ_STATS, [...counts].map(([k, n]) => `${k} ×${n}`).join("\n"));
});

describe("every registered route under random and hostile input", () => {
  const routes = registeredRoutes(makeApp().app);

  it("finds the routes by walking the app (so new routes are fuzzed without being listed)", () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes).toContainEqual({ method: "GET", path: "/b/:token" });
    expect(routes).toContainEqual({ method: "POST", path: "/api/v1/bookings" });
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s answers without a 5xx and stores nothing when it refuses",
    async (_name, route) => {
      const { app, db } = freshApp();
      await fc.assert(
        fc.asyncProperty(attemptFor(route.path), async (attempt) => {
          const before = snapshot(db);
          const res = await send(app, route.path, route.method, attempt);
          if (process.env.FUZZ_STATS) statuses.push(`${route.method} ${route.path} ${res.status}`);
          expect(res.status, `${route.method} ${route.path} → ${res.status}`).toBeLessThan(500);
          if (res.status >= 400) expect(snapshot(db)).toBe(before);
        }),
        { numRuns: RUNS },
      );
      db.close();
    },
  );
});

describe("malformed requests named in issue 12", () => {
  const cases: [string, (app: ReturnType<typeof freshApp>["app"]) => request.Test, number][] = [
    ["a bad percent-encoding in a path parameter", (app) => request(app).get("/b/%ff"), 400],
    [
      "an unknown charset",
      (app) =>
        request(app)
          .post("/login")
          .set("Content-Type", "application/x-www-form-urlencoded; charset=bogus")
          .send("email=a"),
      415,
    ],
    [
      "an unknown content encoding",
      (app) =>
        request(app)
          .post("/login")
          .set("Content-Type", "application/x-www-form-urlencoded")
          .set("Content-Encoding", "foo")
          .send("email=a"),
      415,
    ],
    [
      "a gzip header on a plain body",
      (app) =>
        request(app)
          .post("/login")
          .set("Content-Type", "application/x-www-form-urlencoded")
          .set("Content-Encoding", "gzip")
          .send("email=a"),
      400,
    ],
    [
      "a JSON body to a form route",
      (app) =>
        request(app)
          .post("/login")
          .send({ email: { a: 1 } }),
      415,
    ],
  ];

  it.each(cases)("answers %s with a Norwegian page, not a 500", async (_name, make, status) => {
    const { app } = freshApp();
    const res = await make(app);
    expect(res.status).toBe(status);
    expect(res.type).toBe("text/html");
    expect(res.text).toMatch(
      /Forespørselen kunne ikke leses|Adressen inneholder tegn|Skjemaet ble sendt|tegnsett/,
    );
  });

  it("answers a form body to the JSON API with a problem document", async () => {
    const { app, db } = freshApp();
    const before = snapshot(db);
    const res = await request(app)
      .post("/api/v1/bookings")
      .set("Authorization", `Bearer ${world.tokens.b}`)
      .type("form")
      .send("candidateId=1&slotId=2");
    expect(res.status).toBe(415);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.code).toBe("unsupported-media-type");
    expect(snapshot(db)).toBe(before);
  });

  it("refuses a CSRF token sent as an object without a 500", async () => {
    const { app } = freshApp();
    const res = await request(app)
      .post("/api/v1/events")
      .set("Authorization", `Bearer ${world.apiToken}`)
      .send({ _csrf: { toString: 1 }, title: { toString: 1 } });
    expect(res.status).toBeLessThan(500);
  });

  it("refuses a line break in a single-line field and stores no region", async () => {
    const { app, db } = freshApp();
    const count = () => db.prepare("SELECT count(*) FROM region").pluck().get();
    const before = count();
    const res = await request(app)
      .post("/regions")
      .set("Cookie", `csrf=${CSRF_SEED}; sid=${world.session}`)
      .type("form")
      .send({ _csrf: csrfFor(world.session), name: "Hed\nmarken" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("én linje");
    expect(count()).toBe(before);
  });

  it("refuses an autumn event window over the repeated hour on the event form", async () => {
    const { app, db } = freshApp();
    const count = () => db.prepare("SELECT count(*) FROM event").pluck().get();
    const before = count();
    const res = await request(app)
      .post("/events")
      .set("Cookie", `csrf=${CSRF_SEED}; sid=${world.session}`)
      .type("form")
      .send({
        _csrf: csrfFor(world.session),
        officeId: "1",
        title: "Ta sjansen natt",
        date: "2027-10-31",
        interviewStart: "01:30",
        interviewEnd: "03:30",
        slotMinutes: "30",
        gapMinutes: "0",
        maxInterviews: "2",
        bookingDeadline: "",
        programme: "",
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain("vintertid");
    expect(count()).toBe(before);
  });
});
