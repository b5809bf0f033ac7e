import { describe, expect, it } from "vitest";
import { afterFailure, backoffMs, fitSubject, RETRY, staleClaimBefore } from "../../server/mail/outbox.rules";

describe("retry backoff", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [5, 480_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [20, 3_600_000],
  ])("after %i failed tries waits %i ms", (attempts, ms) => {
    expect(backoffMs(attempts)).toBe(ms);
  });

  it("schedules the next try from now until the last try, then gives up", () => {
    const now = new Date("2026-11-30T07:00:00Z");
    expect(afterFailure(1, now)).toEqual({
      status: "pending",
      nextAttemptAt: new Date("2026-11-30T07:00:30Z"),
    });
    expect(afterFailure(RETRY.maxAttempts - 1, now).status).toBe("pending");
    expect(afterFailure(RETRY.maxAttempts, now)).toEqual({ status: "failed" });
  });

  it("treats a claim older than the lease as abandoned", () => {
    expect(staleClaimBefore(new Date("2026-11-30T07:05:00Z")).toISOString()).toBe("2026-11-30T07:00:00.000Z");
  });
});

describe("subjects", () => {
  it("keeps a subject that fits and cuts a longer one to the limit, by characters, ending in …", () => {
    expect(fitSubject("Påminnelse", 10)).toBe("Påminnelse");
    expect(fitSubject("Påminnelser", 10)).toBe("Påminnels…");
    expect(fitSubject("ab😀cd", 4)).toBe("ab😀…");
  });
});
