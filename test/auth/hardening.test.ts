// Hardening (issue 11, point 6): session-bound CSRF, __Host- cookies over https, sign-in limits per client and
// per e-mail counting failures only, scrypt at OWASP's cost with upgrades, no-store, bodies read only after
// authentication, and DATA_DIR permissions.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { LOGIN_FAILURES_PER_CLIENT, LOGIN_FAILURES_PER_EMAIL } from "../../server/auth/auth.routes";
import { hashPassword, SCRYPT_N, verifyPassword } from "../../server/auth/passwords";
import { parseTrustProxy } from "../../server/config";
import { openDatabase } from "../../server/db/connection";
import { fileTransport } from "../../server/mail/transport";
import { secureDataDir } from "../../server/shared/data-dir";
import { loadOrCreateSecret } from "../../server/shared/tokens";
import { csrfFrom, makeApp, openEvent, signedInAgent, TEST_SCRYPT_N } from "../helpers";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const PASSWORD = "et langt passord 123";

async function login(agent: ReturnType<typeof request.agent>, email: string, password: string, ip?: string) {
  const csrf = csrfFrom((await agent.get("/login")).text);
  const req = agent.post("/login").type("form");
  if (ip) req.set("X-Forwarded-For", ip);
  return req.send({ _csrf: csrf, email, password });
}

describe("sign-in limits count failures only, per client and per e-mail", () => {
  it("locks one e-mail address after its failures, while other addresses from the same client still try", async () => {
    const t = makeApp();
    await signedInAgent(t);
    const agent = request.agent(t.app);
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
      expect((await login(agent, "koordinator@nav.no", "feil")).status).toBe(422);
    }
    const locked = await login(agent, "Koordinator@nav.no ", PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("For mange innloggingsforsøk");
    expect(String(locked.headers["set-cookie"] ?? "")).not.toContain("sid=");
    expect((await login(agent, "annen@nav.no", "feil")).status).toBe(422);
  });

  it("locks a client after failures across many addresses", async () => {
    const t = makeApp();
    const agent = request.agent(t.app);
    for (let i = 0; i < LOGIN_FAILURES_PER_CLIENT; i++) {
      expect((await login(agent, `x${i}@nav.no`, "feil")).status).toBe(422);
    }
    expect((await login(agent, "ny@nav.no", "feil")).status).toBe(429);
  });

  it("does not count successful sign-ins", async () => {
    const t = makeApp();
    await signedInAgent(t);
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL + 2; i++) {
      expect((await login(request.agent(t.app), "koordinator@nav.no", PASSWORD)).status).toBe(303);
    }
  });

  it("keys on the client behind a proxy only when TRUST_PROXY trusts it", async () => {
    // Trusting one proxy hop: two clients behind it have separate buckets.
    const trusted = makeApp({ deps: { trustProxy: 1 } });
    const a = request.agent(trusted.app);
    for (let i = 0; i < LOGIN_FAILURES_PER_CLIENT; i++) await login(a, `x${i}@nav.no`, "feil", "203.0.113.1");
    expect((await login(a, "y@nav.no", "feil", "203.0.113.1")).status).toBe(429);
    expect((await login(a, "y@nav.no", "feil", "203.0.113.2")).status).toBe(422);
    // Trusting no proxy: a forged X-Forwarded-For does not buy a fresh bucket.
    const untrusted = makeApp({ deps: { trustProxy: false } });
    const b = request.agent(untrusted.app);
    for (let i = 0; i < LOGIN_FAILURES_PER_CLIENT; i++)
      await login(b, `x${i}@nav.no`, "feil", `203.0.113.${i}`);
    expect((await login(b, "y@nav.no", "feil", "198.51.100.7")).status).toBe(429);
  });

  it.each([
    ["loopback", "loopback"],
    ["false", false],
    ["true", true],
    ["1", 1],
    ["10.0.0.0/8, 127.0.0.1", "10.0.0.0/8, 127.0.0.1"],
  ])("reads TRUST_PROXY=%s", (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });
});

describe("passwords", () => {
  // 128 MiB and a few hundred milliseconds on an idle machine; more on a shared CI runner.
  it("hashes at OWASP's scrypt cost by default (N=2^17, r=8, p=1)", { timeout: 60_000 }, async () => {
    expect(SCRYPT_N).toBe(2 ** 17);
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  it("upgrades an old hash on the next successful sign-in, and not on a failed one", async () => {
    const t = makeApp();
    const old = await hashPassword(PASSWORD, 2 ** 10);
    t.db
      .prepare(
        "INSERT INTO coordinator (email, name, password_hash, created_at) VALUES (?, 'Kari', ?, 'now')",
      )
      .run("kari@nav.no", old);
    const stored = () => t.db.prepare("SELECT password_hash FROM coordinator").pluck().get() as string;
    expect((await login(request.agent(t.app), "kari@nav.no", "feil passord")).status).toBe(422);
    expect(stored()).toBe(old);
    expect((await login(request.agent(t.app), "kari@nav.no", PASSWORD)).status).toBe(303);
    expect(stored()).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT_N}\\$8\\$1\\$`));
    expect((await login(request.agent(t.app), "kari@nav.no", PASSWORD)).status).toBe(303);
  });
});

describe("CSRF tokens are bound to the session", () => {
  it("refuses a token from before sign-in, and one from an earlier session, with the same CSRF cookie", async () => {
    const t = makeApp();
    const { agent, csrf } = await signedInAgent(t);
    const regions = () => t.db.prepare("SELECT count(*) FROM region").pluck().get();
    await agent.post("/regions").type("form").send({ _csrf: csrf, name: "Hedmarken" }).expect(303);
    // Sign out and in again in the same browser: the CSRF cookie stays, the session changes.
    await agent.post("/logout").type("form").send({ _csrf: csrf }).expect(303);
    const anonymous = csrfFrom((await agent.get("/login")).text);
    await agent
      .post("/login")
      .type("form")
      .send({ _csrf: anonymous, email: "koordinator@nav.no", password: PASSWORD })
      .expect(303);
    for (const stale of [csrf, anonymous]) {
      const res = await agent
        .post("/regions")
        .type("form")
        .send({ _csrf: stale, name: "Innlandet" })
        .expect(403);
      expect(res.text).toContain("Skjemaet var utløpt");
    }
    expect(regions()).toBe(1);
    const fresh = csrfFrom((await agent.get("/account/tokens")).text);
    await agent.post("/regions").type("form").send({ _csrf: fresh, name: "Innlandet" }).expect(303);
    expect(regions()).toBe(2);
  });
});

describe("cookies over https", () => {
  it("use the __Host- prefix (Secure, Path=/, no Domain) and only the prefixed session counts", async () => {
    const t = makeApp({ deps: { secureCookies: true, baseUrl: "https://tasjansen.nav.no" } });
    await signedInAgent(makeApp()); // (the plain app is unaffected)
    const page = await request(t.app).get("/login").expect(200);
    const csrfCookie = String(page.headers["set-cookie"]);
    expect(csrfCookie).toMatch(/^__Host-csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    expect(csrfCookie).not.toContain("Domain=");
    const seed = /^__Host-csrf=([^;]+)/.exec(csrfCookie)?.[1] as string;
    const link = t.auth.createSetupLink();
    const form = await request(t.app).get(link).set("Cookie", `__Host-csrf=${seed}`).expect(200);
    const created = await request(t.app)
      .post(link)
      .set("Cookie", `__Host-csrf=${seed}`)
      .type("form")
      .send({
        _csrf: csrfFrom(form.text),
        name: "Kari",
        email: "kari@nav.no",
        password: PASSWORD,
        passwordAgain: PASSWORD,
      })
      .expect(303);
    const sid = /__Host-sid=([^;]+); Path=\/; HttpOnly; Secure; SameSite=Lax/.exec(
      String(created.headers["set-cookie"]),
    )?.[1];
    expect(sid).toBeDefined();
    await request(t.app).get("/account/tokens").set("Cookie", `__Host-sid=${sid}`).expect(200);
    await request(t.app).get("/account/tokens").set("Cookie", `sid=${sid}`).expect(303);
  });
});

describe("Cache-Control", () => {
  it("is no-store on pages and answers with personal data, but not on static files", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent } = await signedInAgent(t);
    for (const p of ["/login", ev.bookingPath, `/events/${ev.eventId}/bookings`, "/mail", "/nope"]) {
      const res = await agent.get(p);
      expect(res.headers["cache-control"], p).toBe("no-store");
    }
    const api = await request(t.app).get(`/api/v1/events`).set("Authorization", "Bearer x");
    expect(api.headers["cache-control"]).toBe("no-store");
    const css = await request(t.app).get("/app.css").expect(200);
    expect(css.headers["cache-control"]).not.toBe("no-store");
  });
});

describe("bodies are read only after authentication", () => {
  /** Sends the headers and a first chunk of a large body, and resolves with the status if the server answers. */
  function partialPost(url: string, p: string, headers: Record<string, string>): Promise<number | "timeout"> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${url}${p}`, {
        method: "POST",
        headers: { "Content-Length": String(2_000_000), ...headers },
      });
      const timer = setTimeout(() => {
        req.destroy();
        resolve("timeout");
      }, 1500);
      req.on("response", (res) => {
        clearTimeout(timer);
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (err) => (String(err).includes("ECONNRESET") ? undefined : reject(err)));
      req.write("x".repeat(1000)); // the rest never comes: a parser would wait for it
    });
  }

  it("refuses a large body to a coordinator route without a session before reading it", async () => {
    const t = makeApp();
    const server = http.createServer(t.app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanups.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    expect(await partialPost(url, "/stats/import", form)).toBe(401);
    expect(await partialPost(url, "/events", form)).toBe(401);
    expect(await partialPost(url, "/api/v1/events", { "Content-Type": "application/json" })).toBe(401);
  });

  it("still takes the history import's large body from a signed-in coordinator", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent, csrf } = await signedInAgent(t);
    const csv = `dato;personnøkkel;virksomhet\n${"14.11.2013;HM-1;Sykehuset\n".repeat(5000)}`;
    const res = await agent
      .post("/stats/import")
      .type("form")
      .send({ _csrf: csrf, regionId: String(regionId), csv, mode: "dry-run" });
    expect(res.status).toBe(422); // parsed and checked (too many characters), not refused as too large
    expect(res.text).toContain("Filen er for stor");
  });

  it("still takes public forms without a session (the booking link)", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get(ev.bookingPath)).text);
    const res = await agent.post(`${ev.bookingPath}/propose`).type("form").send({ _csrf: csrf });
    expect(res.status).toBe(422);
  });
});

describe("DATA_DIR permissions", () => {
  it("makes the directory 0700 and the database, secret and .eml files 0600", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ta-sjansen-perm-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, "outbox"), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "outbox", "000001-digest.eml"), "old", { mode: 0o644 });
    secureDataDir(dir);
    const mode = (p: string) => fs.statSync(path.join(dir, p)).mode & 0o777;
    expect(mode(".")).toBe(0o700);
    expect(mode("outbox")).toBe(0o700);
    expect(mode("outbox/000001-digest.eml")).toBe(0o600);

    const db = openDatabase(path.join(dir, "ta-sjansen.db"));
    db.prepare("CREATE TABLE IF NOT EXISTS probe (x)").run();
    cleanups.push(() => db.close());
    expect(mode("ta-sjansen.db")).toBe(0o600);
    expect(mode("ta-sjansen.db-wal")).toBe(0o600);
    loadOrCreateSecret(dir);
    expect(mode("secret.key")).toBe(0o600);

    const transport = fileTransport(path.join(dir, "outbox2"), {
      from: "Ta sjansen <ikke-svar@nav.no>",
      host: "nav.no",
    });
    const file = await transport.send({
      id: 7,
      kind: "confirmation",
      to: "vera@nav.no",
      replyTo: null,
      subject: "Booking",
      text: "Hei",
      html: null,
      attachments: [],
      idempotencyKey: "probe",
      createdAt: "2026-11-27T09:00:00.000Z",
    } as unknown as Parameters<typeof transport.send>[0]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(mode("outbox2")).toBe(0o700);
  });
});
