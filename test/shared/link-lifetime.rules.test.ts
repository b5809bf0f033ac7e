import { describe, expect, it } from "vitest";
import {
  cookieMaxAge,
  type LifetimeKind,
  linkLife,
  linkRefusal,
  linkWindow,
  manageLinkLife,
} from "../../server/shared/link-lifetime";

const open = (date: string) => ({ date, status: "open" });

describe("linkWindow: Oslo days, also across DST changes", () => {
  it.each([
    ["host", "2026-12-10", "2026-12-08T23:00:00.000Z", "2026-12-11T23:00:00.000Z"],
    ["board", "2026-12-10", "2026-12-08T23:00:00.000Z", "2026-12-11T23:00:00.000Z"],
    // Spring forward on 29 March 2026: the day before is CET (UTC+1), the day after CEST (UTC+2).
    ["host", "2026-03-29", "2026-03-27T23:00:00.000Z", "2026-03-30T22:00:00.000Z"],
    // Fall back on 25 October 2026.
    ["host", "2026-10-25", "2026-10-23T22:00:00.000Z", "2026-10-26T23:00:00.000Z"],
    ["employer", "2026-12-10", null, "2027-01-09T23:00:00.000Z"],
    ["manage", "2026-12-10", null, "2028-03-10T23:00:00.000Z"],
    ["booking", "2026-12-10", null, null],
  ])("%s link of an event on %s: from %s until %s", (kind, date, from, until) => {
    expect(linkWindow(kind as LifetimeKind, date)).toEqual({ from, until });
  });
});

describe("linkLife", () => {
  it.each([
    // Host and board: the day before (Oslo) to the day after.
    ["host", "2026-12-10", "open", "2026-12-08T22:59:59.999Z", "not-yet"],
    ["host", "2026-12-10", "open", "2026-12-08T23:00:00.000Z", "ok"],
    ["host", "2026-12-10", "open", "2026-12-10T14:00:00.000Z", "ok"],
    ["board", "2026-12-10", "held", "2026-12-11T22:59:59.999Z", "ok"],
    ["board", "2026-12-10", "held", "2026-12-11T23:00:00.000Z", "expired"],
    ["host", "2026-12-10", "draft", "2026-12-27T09:00:00.000Z", "expired"],
    // Employer: until 30 days after, whatever the status short of archived.
    ["employer", "2026-12-10", "held", "2026-11-01T09:00:00.000Z", "ok"],
    ["employer", "2026-12-10", "held", "2027-01-09T22:59:00.000Z", "ok"],
    ["employer", "2026-12-10", "held", "2027-01-09T23:00:00.000Z", "expired"],
    ["employer", "2026-12-10", "held", "2028-08-10T09:00:00.000Z", "expired"],
    // Manage: until the follow-up period ends (15 months: the twelve-month status and its round).
    ["manage", "2026-12-10", "held", "2027-12-31T12:00:00.000Z", "ok"],
    ["manage", "2026-12-10", "held", "2028-03-10T22:59:59.000Z", "ok"],
    ["manage", "2026-12-10", "held", "2028-03-10T23:00:00.000Z", "expired"],
    // Booking: open-ended, closed by the deadline rule elsewhere.
    ["booking", "2026-12-10", "open", "2030-01-01T00:00:00.000Z", "ok"],
    // Archived: every link stops, even inside its window.
    ["host", "2026-12-10", "archived", "2026-12-10T14:00:00.000Z", "archived"],
    ["board", "2026-12-10", "archived", "2026-12-10T14:00:00.000Z", "archived"],
    ["employer", "2026-12-10", "archived", "2026-12-11T09:00:00.000Z", "archived"],
    ["manage", "2026-12-10", "archived", "2026-12-11T09:00:00.000Z", "archived"],
    ["booking", "2026-12-10", "archived", "2026-12-01T09:00:00.000Z", "archived"],
  ])("%s link, event %s (%s), at %s: %s", (kind, date, status, now, expected) => {
    const life = linkLife(kind as LifetimeKind, { date, status }, new Date(now));
    expect(life.ok ? "ok" : life.reason).toBe(expected);
  });
});

describe("manageLinkLife: the veileder's link lives as long as their latest follow-up", () => {
  const now = new Date("2028-03-20T09:00:00Z");
  it("works while any event's follow-up runs, until the last one ends", () => {
    expect(manageLinkLife([open("2026-12-10"), open("2027-04-05")], now)).toEqual({
      ok: true,
      until: "2028-07-05T22:00:00.000Z",
    });
  });
  it("has expired when every follow-up has ended", () => {
    expect(manageLinkLife([open("2026-12-10"), open("2026-11-01")], now)).toEqual({
      ok: false,
      reason: "expired",
      until: "2028-03-10T23:00:00.000Z",
    });
  });
  it("stops when every event is archived, and ignores archived events otherwise", () => {
    const archived = { date: "2028-02-01", status: "archived" };
    expect(manageLinkLife([archived], now)).toEqual({ ok: false, reason: "archived" });
    expect(manageLinkLife([archived, open("2026-12-10")], now)).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });
  it("stops with no event at all", () => {
    expect(manageLinkLife([], now).ok).toBe(false);
  });
});

describe("cookieMaxAge", () => {
  const now = new Date("2028-01-10T22:00:00Z");
  it("is never longer than the link", () => {
    expect(cookieMaxAge({ ok: true, until: "2028-01-10T23:00:00.000Z" }, now, 365 * 86_400_000)).toBe(
      3_600_000,
    );
    expect(cookieMaxAge({ ok: true, until: null }, now, 1000)).toBe(1000);
    expect(cookieMaxAge({ ok: false, reason: "archived" }, now, 1000)).toBe(0);
  });
});

describe("linkRefusal", () => {
  it("answers 410 with the last day and whom to contact", () => {
    const err = linkRefusal("employer", { ok: false, reason: "expired", until: "2027-01-09T23:00:00.000Z" });
    expect(err.status).toBe(410);
    expect(err.message).toBe(
      "Lenken til tilbakemeldingen gjaldt til 30 dager etter arrangementet, til og med lørdag 9. januar 2027, og er utløpt. Har dere mer å melde om kandidatene, ta kontakt med NAV-kontakten deres eller markedskoordinatoren i NAV.",
    );
  });
  it("answers 403 with the first day before a host link opens", () => {
    const err = linkRefusal("host", { ok: false, reason: "not-yet", from: "2026-12-08T23:00:00.000Z" });
    expect(err.status).toBe(403);
    expect(err.message).toContain("virker fra onsdag 9. desember 2026");
  });
  it("says an archived event's links have stopped", () => {
    const err = linkRefusal("manage", { ok: false, reason: "archived" });
    expect(err).toMatchObject({ status: 410, code: "link-expired" });
    expect(err.message).toContain("arrangementet er arkivert");
  });
});
