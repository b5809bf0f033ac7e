import request from "supertest";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "../../server/shared/logger";
import { makeApp, openEvent } from "../helpers";

function appWithLogLines() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
  });
  return { ctx: makeApp({ logger }), lines };
}

describe("structured logs", () => {
  it("logs one line per request with level, request id, status and duration, and echoes the id", async () => {
    const { ctx, lines } = appWithLogLines();
    const res = await request(ctx.app).get("/login").set("X-Request-Id", "abc-123").expect(200);
    expect(res.headers["x-request-id"]).toBe("abc-123");
    const line = lines.find((l) => (l.req as { url?: string })?.url === "/login");
    expect(line).toMatchObject({
      level: 30,
      req: { id: "abc-123", method: "GET" },
      res: { statusCode: 200 },
    });
    expect(typeof line?.responseTime).toBe("number");
  });

  it("gives each request a fresh id when the caller sends none or a strange one", async () => {
    const { ctx } = appWithLogLines();
    const a = await request(ctx.app).get("/login").set("X-Request-Id", "bad id with spaces");
    const b = await request(ctx.app).get("/login");
    expect(a.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers["x-request-id"]).not.toBe(a.headers["x-request-id"]);
  });

  it("never writes a link token, an e-mail address or a query value to the log", async () => {
    const { ctx, lines } = appWithLogLines();
    const ev = openEvent(ctx);
    const token = ev.bookingPath.split("/").pop() as string;
    await request(ctx.app).get(`${ev.bookingPath}?next=kari.nordmann@nav.no`).expect(200);
    const all = JSON.stringify(lines);
    expect(all).toContain("/b/:token?next=…");
    expect(all).not.toContain(token);
    expect(all).not.toContain("kari.nordmann");
  });

  it("scrubs e-mail addresses from any message and from logged errors", () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (l: string) => void lines.push(l) } });
    logger.warn("mail 4 to ola@nav.no failed");
    logger.error({ err: new Error("550 rejected <kari@example.com>") }, "send failed");
    expect(lines.join("")).not.toMatch(/ola@nav\.no|kari@example\.com/);
    expect(lines.join("")).toContain("[e-post]");
  });

  it("logs an unexpected error at level error with the request id and the token-free path", async () => {
    const { ctx, lines } = appWithLogLines();
    const ev = openEvent(ctx);
    ctx.db.close();
    const res = await request(ctx.app).get(ev.bookingPath).expect(500);
    expect(res.text).not.toContain("database");
    const error = lines.find((l) => l.level === 50 && l.err);
    expect(error).toMatchObject({ path: "/b/:token", reqId: res.headers["x-request-id"] });
    expect(JSON.stringify(lines)).not.toContain(ev.bookingPath.split("/").pop());
  });

  it.each([
    ["/v/12.secret/bookings/3/move?x=1", "/v/:token/bookings/3/move?x=…"],
    ["/events/4", "/events/4"],
    ["/setup/abc", "/setup/:token"],
  ])("redacts %s as %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
