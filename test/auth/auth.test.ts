import request from "supertest";
import { describe, expect, it } from "vitest";
import { csrfFrom, makeApp, signedInAgent } from "../helpers";

describe("first coordinator setup", () => {
  it("creates the account from a one-time link and signs the person in", async () => {
    const t = makeApp();
    expect(t.auth.hasCoordinators()).toBe(false);
    const { agent } = await signedInAgent(t);
    expect(t.auth.hasCoordinators()).toBe(true);
    const row = t.db.prepare("SELECT email, password_hash AS h FROM coordinator").get() as {
      email: string;
      h: string;
    };
    expect(row.email).toBe("koordinator@nav.no");
    expect(row.h).toMatch(/^scrypt\$/);
    await agent.get("/account/tokens").expect(200);
  });

  it("refuses a setup link that was already used", async () => {
    const t = makeApp();
    const link = t.auth.createSetupLink();
    const agent = request.agent(t.app);
    const page = await agent.get(link);
    const form = {
      _csrf: csrfFrom(page.text),
      name: "A",
      email: "a@nav.no",
      password: "passord-passord",
      passwordAgain: "passord-passord",
    };
    await agent.post(link).type("form").send(form).expect(303);
    // Someone else who kept the link (the first browser is now signed in, with a new CSRF token).
    const other = request.agent(t.app);
    const csrf = csrfFrom((await other.get("/login")).text);
    await other
      .post(link)
      .type("form")
      .send({ ...form, _csrf: csrf, email: "b@nav.no" })
      .expect(410);
    expect(t.db.prepare("SELECT count(*) AS n FROM coordinator").get()).toEqual({ n: 1 });
  });

  it("refuses an expired setup link", async () => {
    const t = makeApp({ now: "2026-11-27T09:00:00Z" });
    const link = t.auth.createSetupLink();
    t.clock.set("2026-11-28T09:00:01Z");
    await request(t.app).get(link).expect(410);
  });

  it("re-renders the setup form with Norwegian field errors and keeps the input", async () => {
    const t = makeApp();
    const link = t.auth.createSetupLink();
    const agent = request.agent(t.app);
    const page = await agent.get(link);
    const res = await agent
      .post(link)
      .type("form")
      .send({
        _csrf: csrfFrom(page.text),
        name: "Åse Ødegård",
        email: "ikke-epost",
        password: "kort",
        passwordAgain: "annet",
      })
      .expect(422);
    expect(res.text).toContain("Skriv en gyldig e-postadresse");
    expect(res.text).toContain("Passordet må ha minst 12 tegn");
    expect(res.text).toContain('href="#f-email"');
    expect(res.text).toContain('value="Åse Ødegård"');
    expect(t.auth.hasCoordinators()).toBe(false);
  });
});

describe("sign-in", () => {
  it("sends a visitor who is not signed in to the sign-in page", async () => {
    const t = makeApp();
    const res = await request(t.app).get("/account/tokens").expect(303);
    expect(res.headers.location).toBe("/login?next=%2Faccount%2Ftokens");
  });

  it("refuses a wrong password with a message and no session", async () => {
    const t = makeApp();
    await signedInAgent(t);
    const agent = request.agent(t.app);
    const page = await agent.get("/login");
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), email: "koordinator@nav.no", password: "feil" })
      .expect(422);
    expect(res.text).toContain("Feil e-postadresse eller passord");
    expect(res.headers["set-cookie"]?.toString() ?? "").not.toContain("sid=");
  });

  it("sets an HttpOnly, SameSite session cookie on success", async () => {
    const t = makeApp();
    await signedInAgent(t);
    const agent = request.agent(t.app);
    const page = await agent.get("/login");
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), email: "KOORDINATOR@nav.no", password: "et langt passord 123" })
      .expect(303);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });
});

describe("CSRF", () => {
  it("refuses a form post without the token", async () => {
    const t = makeApp();
    const { agent } = await signedInAgent(t);
    const res = await agent.post("/account/tokens").type("form").send({ name: "x" }).expect(403);
    expect(res.text).toContain("Skjemaet var utløpt");
    expect(t.auth.listApiTokens()).toHaveLength(0);
  });

  it("refuses a token made for another browser", async () => {
    const t = makeApp();
    const { agent } = await signedInAgent(t);
    const other = request.agent(t.app);
    const foreign = csrfFrom((await other.get("/login")).text);
    await agent.post("/account/tokens").type("form").send({ _csrf: foreign, name: "x" }).expect(403);
  });
});

describe("API tokens", () => {
  it("shows a new token once and stores only its hash", async () => {
    const t = makeApp();
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/account/tokens")
      .type("form")
      .send({ _csrf: csrf, name: "rapport" })
      .expect(200);
    const token = /<code class="token">([^<]+)<\/code>/.exec(res.text)?.[1];
    expect(token).toMatch(/^ts_/);
    const stored = t.db.prepare("SELECT token_hash AS h FROM api_token").get() as { h: string };
    expect(stored.h).not.toContain(token);
    expect(t.auth.apiTokenByValue(token as string)?.name).toBe("rapport");
  });
});

describe("security headers and health", () => {
  it("answers /healthz after checking the database", async () => {
    const t = makeApp();
    const res = await request(t.app).get("/healthz").expect(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("sends helmet headers with a strict content security policy", async () => {
    const t = makeApp();
    const res = await request(t.app).get("/login");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });
});

describe("robustness", () => {
  it("answers 4xx, not 500, to a form post without a body, and keeps tokens out of the log", async () => {
    const { openEvent, managePathFor } = await import("../helpers");
    const t = makeApp();
    const ev = openEvent(t);
    t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: "V", email: "v@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "A B.",
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [ev.slots(ev.participationIds[0])[0]],
      waitlistParticipationIds: [],
      requestKey: "no-body-test-000001",
    });
    const bookingId = (t.db.prepare("SELECT id FROM booking").get() as { id: number }).id;
    const manage = managePathFor(t, "v@nav.no");
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get("/login")).text);
    const res = await agent.post(`${manage}/bookings/${bookingId}/move`).set("x-csrf-token", csrf);
    expect(res.status).toBe(422);
    expect(t.logs).toEqual([]);
  });

  it("redacts capability tokens from logged paths", async () => {
    const { redactPath } = await import("../../server/app");
    expect(redactPath("/v/12.secretsecret/bookings/3/move")).toBe("/v/:token/bookings/3/move");
    expect(redactPath("/host/4.abc")).toBe("/host/:token");
    expect(redactPath("/a/7.xyz/interviews/3")).toBe("/a/:token/interviews/3");
    expect(redactPath("/events/4")).toBe("/events/4");
  });

  it("refuses a short server secret", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { loadOrCreateSecret } = await import("../../server/shared/tokens");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
    expect(loadOrCreateSecret(dir)).toHaveLength(64);
    fs.writeFileSync(path.join(dir, "secret.key"), "");
    expect(() => loadOrCreateSecret(dir)).toThrow(/shorter than 32/);
  });
});
