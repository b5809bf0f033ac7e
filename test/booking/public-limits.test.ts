// Rate limits on the public booking endpoints (issue 11, point 3): per client and per link.
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { PUBLIC_POSTS_PER_CLIENT, publicBookingLimits } from "../../server/booking/public-limits";
import { loadConfig } from "../../server/config";
import type { AppError } from "../../server/shared/errors";
import { csrfFrom, makeApp, openEvent, signedInAgent } from "../helpers";

describe("public booking endpoints are rate-limited", () => {
  it("refuses a client's posts to the booking link beyond the limit, in Norwegian, but not a coordinator's", {
    timeout: 60_000,
  }, async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get(ev.bookingPath)).text);
    for (let i = 0; i < PUBLIC_POSTS_PER_CLIENT; i++) {
      await agent.post(`${ev.bookingPath}/propose`).type("form").send({ _csrf: csrf }).expect(422);
    }
    const refused = await agent.post(ev.bookingPath).type("form").send({ _csrf: csrf }).expect(429);
    expect(refused.text).toContain("For mange bookinger på kort tid");
    // A signed-in coordinator booking on someone's behalf is not limited by the public limit.
    const coordinator = await signedInAgent(t);
    const page = await coordinator.agent.get(ev.bookingPath).expect(200);
    await coordinator.agent
      .post(`${ev.bookingPath}/propose`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text) })
      .expect(422);
  });

  it("counts per link across clients, and another link keeps its own count", async () => {
    const app = express();
    app.set("trust proxy", 1);
    const limits = publicBookingLimits(() => false, { perClient: 100, perLink: 3 });
    app.post("/b/:token", limits, (_req, res) => {
      res.sendStatus(204);
    });
    app.use((err: AppError, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(err.status).send(err.code);
    });
    const post = (token: string, ip: string) => request(app).post(`/b/${token}`).set("X-Forwarded-For", ip);
    for (let i = 0; i < 3; i++) await post("link-a", `203.0.113.${i}`).expect(204);
    await post("link-a", "203.0.113.99").expect(429);
    await post("link-b", "203.0.113.99").expect(204);
    // The API's booking-link bearer token counts as the link.
    app.post("/api/candidates", limits, (_req, res) => {
      res.sendStatus(204);
    });
    const api = (ip: string) =>
      request(app).post("/api/candidates").set("Authorization", "Bearer link-c").set("X-Forwarded-For", ip);
    for (let i = 0; i < 3; i++) await api(`198.51.100.${i}`).expect(204);
    await api("198.51.100.50").expect(429);
  });
});

describe("the public limits can be set for the server", () => {
  it.each([
    [{}, { perClient: 60, perLink: 600 }],
    [{ PUBLIC_BOOKING_LIMITS: "200/5000" }, { perClient: 200, perLink: 5000 }],
  ])("PUBLIC_BOOKING_LIMITS %j → %j", (env, expected) => {
    expect(loadConfig(env).publicBookingLimits).toEqual(expected);
  });

  it("refuses a value that is not two numbers, naming the variable", () => {
    expect(() => loadConfig({ PUBLIC_BOOKING_LIMITS: "mange" })).toThrow(/PUBLIC_BOOKING_LIMITS/);
  });

  it("an app given higher limits lets one client post more than the default", {
    timeout: 60_000,
  }, async () => {
    const t = makeApp({
      deps: { publicBookingLimits: { perClient: PUBLIC_POSTS_PER_CLIENT + 5, perLink: 1000 } },
    });
    const ev = openEvent(t);
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get(ev.bookingPath)).text);
    for (let i = 0; i < PUBLIC_POSTS_PER_CLIENT + 5; i++) {
      await agent.post(`${ev.bookingPath}/propose`).type("form").send({ _csrf: csrf }).expect(422);
    }
    await agent.post(`${ev.bookingPath}/propose`).type("form").send({ _csrf: csrf }).expect(429);
  });
});
