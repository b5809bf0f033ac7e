// Test helpers: a fresh in-memory app per test, a signed-in browser-like agent, CSRF extraction.
import request from "supertest";
import { createApp } from "../server/app";
import { openDatabase } from "../server/db/connection";

export const TEST_SECRET = "test-secret-0123456789abcdef";

/** A clock the test moves by hand: rules never read the real time. */
export function fixedClock(iso: string) {
  let now = new Date(iso);
  const clock = () => new Date(now);
  clock.set = (next: string) => {
    now = new Date(next);
  };
  return clock;
}

export function makeApp(opts: { now?: string } = {}) {
  const db = openDatabase(":memory:");
  const clock = fixedClock(opts.now ?? "2026-11-27T09:00:00Z");
  const logs: string[] = [];
  const ctx = createApp({
    db,
    secret: TEST_SECRET,
    baseUrl: "http://localhost:3000",
    clock,
    log: (m) => logs.push(m),
  });
  return { ...ctx, db, clock, logs };
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF token on the page");
  return m[1];
}

export type TestApp = ReturnType<typeof makeApp>;

/** Creates a coordinator through the setup link and returns an agent signed in as them. */
export async function signedInAgent(t: TestApp, email = "koordinator@nav.no") {
  const agent = request.agent(t.app);
  const link = t.auth.createSetupLink();
  const page = await agent.get(link).expect(200);
  await agent
    .post(link)
    .type("form")
    .send({
      _csrf: csrfFrom(page.text),
      name: "Kari Koordinator",
      email,
      password: "et langt passord 123",
      passwordAgain: "et langt passord 123",
    })
    .expect(303);
  const home = await agent.get("/account/tokens").expect(200);
  const csrf = csrfFrom(home.text);
  return { agent, csrf };
}

/** An API bearer token for the JSON API. */
export function apiToken(t: TestApp): string {
  return t.auth.createApiToken("test", null).token;
}
