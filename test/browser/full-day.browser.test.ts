// The day at full size in a real chromium: the lobby board with 8 and 12 rooms on a 1920×1080 screen and a
// 1280×720 TV, and a hovmester running a scripted afternoon (8 rooms, 20 candidates) on a 1024×768 tablet,
// counting the taps that needed a scroll first and the taps it takes to reach a candidate by number.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFullDay } from "../../server/demo/full-day";
import { checkA11y, screenshot, useBrowser } from "./harness";

const DAY = "2026-12-10";
// Oslo is UTC+1 in December: 15:20 Oslo is 14:20 UTC.
const oslo = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return `${DAY}T${String(h - 1).padStart(2, "0")}:${String(m).padStart(2, "0")}:00.000Z`;
};

const h = useBrowser({
  now: oslo("15:20"),
  realtime: true,
  seed: (ctx, baseUrl) => ({
    eight: seedFullDay(ctx.db, ctx.deps.secret, baseUrl, DAY, { rooms: 8 }).eventId,
    twelve: seedFullDay(ctx.db, ctx.deps.secret, baseUrl, "2026-12-11", { rooms: 12 }).eventId,
  }),
});

const TABLET = { width: 1024, height: 768 };
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

async function openLive(url: string, viewport: { width: number; height: number }, touch = false) {
  const page = await h.newPage({ viewport, hasTouch: touch });
  await page.goto(url);
  await page.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
  return page;
}

/** Whether the board fits its screen: no scrolling, every room whole, no room's text spilling out. */
async function boardFit(page: Page) {
  return page.evaluate(() => {
    const rooms = [...document.querySelectorAll<HTMLElement>(".board .room")];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const cut = rooms
      .filter((r) => {
        const b = r.getBoundingClientRect();
        return (
          b.top < 0 ||
          b.left < 0 ||
          b.bottom > vh + 0.5 ||
          b.right > vw + 0.5 ||
          r.scrollHeight > r.clientHeight + 1
        );
      })
      .map((r) => r.getAttribute("aria-label"));
    // Text shortened with an ellipsis keeps one line; a wrapped line would be twice its line height.
    const wrapped = rooms
      .flatMap((r) => [...r.children] as HTMLElement[])
      .filter(
        (e) =>
          e.getClientRects().length > 1 || e.scrollHeight > parseFloat(getComputedStyle(e).lineHeight) * 1.5,
      )
      .map((e) => e.textContent);
    const texts = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (e) =>
        [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) &&
        e.getBoundingClientRect().width > 0,
    );
    const smallest = Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    return {
      rooms: rooms.length,
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      vh,
      vw,
      cut,
      wrapped,
      smallest,
    };
  });
}

function expectFits(fit: Awaited<ReturnType<typeof boardFit>>, rooms: number, width: number) {
  expect(fit.rooms).toBe(rooms);
  expect(fit.scrollHeight).toBeLessThanOrEqual(fit.vh);
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.vw);
  expect(fit.cut).toEqual([]);
  expect(fit.wrapped).toEqual([]);
  if (width === 1920) expect(fit.smallest).toBeGreaterThanOrEqual(32);
}

const figures: string[] = [];

describe("the day at full size", () => {
  let links: { host: string; board: string };
  let host: Page;
  const taps = { total: 0, scrolled: 0, search: 0, log: [] as string[] };

  beforeAll(async () => {
    links = h.ctx.events.links(h.ctx.events.get(h.seeded.eight));
    host = await openLive(links.host, TABLET, true);
  });

  /** The tablet's version counter: it goes up with every snapshot the server pushes. */
  const version = () => host.evaluate(() => Number(document.getElementById("day")?.dataset.version ?? 0));

  /** Moves the clock and lets every screen redraw, as the server's periodic tick would. */
  async function at(hhmm: string) {
    h.ctx.clock.set(oslo(hhmm));
    const before = await version();
    h.refresh(h.seeded.eight);
    await host.waitForFunction((v) => Number(document.getElementById("day")?.dataset.version) > v, before);
  }

  /** Whether a finger can tap it as the screen is now: inside the viewport and not under anything. */
  async function reachable(selector: string): Promise<boolean> {
    return host.evaluate((sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const b = el.getBoundingClientRect();
      if (b.top < 0 || b.bottom > window.innerHeight || b.left < 0 || b.right > window.innerWidth)
        return false;
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      return Boolean(hit && (hit === el || el.contains(hit)));
    }, selector);
  }

  /** One tap, counted; if the target is off screen it counts as a tap that needed a scroll first. */
  async function tap(selector: string, what: string) {
    taps.total++;
    if (!(await reachable(selector))) {
      taps.scrolled++;
      taps.log.push(what);
    }
    await host.locator(selector).tap();
  }

  const cardButton = (n: number, label: string) =>
    `#arrivals .arrival[data-number="${n}"] .arrival__actions button[data-key^="${label}-"]`;

  /**
   * Does `kind` for candidate `n` the way a hovmester would: straight on the card if it is on screen,
   * else through the search (tap the field, type the number) and then on the card, which is then first.
   */
  async function act(n: number, kind: "arrive" | "start" | "finish" | "no-show", expectPrimary = true) {
    const sel = cardButton(n, kind);
    if (!(await reachable(sel)) && (await host.locator("#find").inputValue())) {
      // Back to the whole list, ordered by who is due now («Alle» clears the search).
      await tap('#filters button[data-key="filter-alle"]', "show all");
    }
    if (!(await reachable(sel))) {
      taps.search++;
      await tap("#find", "search field");
      await host.keyboard.type(String(n));
      await host.locator(sel).waitFor();
    }
    // The step the script takes is the one the card offers as its primary button.
    if (expectPrimary)
      expect(await host.locator(sel).getAttribute("data-variant"), `${kind} nr. ${n}`).toBe("primary");
    const before = await version();
    await tap(sel, `${kind} nr. ${n}`);
    await host.waitForFunction((v) => Number(document.getElementById("day")?.dataset.version) > v, before);
    await host
      .locator(`#arrivals .arrival[data-number="${n}"] .arrival__result[data-kind="success"]`)
      .waitFor();
  }

  const primaryOf = (n: number) =>
    h.ctx.dayof.snapshot(h.seeded.eight, "staff").arrivals.find((a) => a.number === n)?.primary ?? null;

  // Candidates by participant number (see fullDayPlan): 1–8 at 15:30 and 16:30, 9–12 at 16:00 and 17:00,
  // 13–16 at 16:00, 17–20 at 17:00. Nr. 14 and 19 do not come; Samtalerom 3 runs 10 minutes late at 16:00.
  it("runs a scripted afternoon on a 1024×768 tablet with few taps needing a scroll", async () => {
    await at("15:20");
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await act(n, "arrive");
    await at("15:30");
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await act(n, "start");
    await at("15:50");
    for (const n of [9, 10, 11, 12, 13, 15, 16]) await act(n, "arrive");
    // While nr. 9's room is busy, the next step is to wait: no primary button that would be refused.
    expect(primaryOf(9)).toBeNull();
    await at("16:00");
    const room3 = h.ctx.events.detail(h.seeded.eight).participations[2].id;
    // The room picker, the minutes field and «Sett forsinkelse»: three taps.
    for (const sel of ["#delay-room", "#delay-minutes", "#delay button[type=submit]"]) {
      taps.total++;
      if (!(await reachable(sel))) {
        taps.scrolled++;
        taps.log.push(sel);
      }
    }
    await host.locator("#delay-room").selectOption(String(room3));
    await host.locator("#delay-minutes").fill("10");
    const beforeDelay = await version();
    await host.locator("#delay button[type=submit]").tap();
    await host.waitForFunction(
      (v) => Number(document.getElementById("day")?.dataset.version) > v,
      beforeDelay,
    );
    for (const n of [1, 2, 4, 5, 6, 7, 8]) await act(n, "finish");
    for (const n of [9, 10, 12, 13, 15, 16]) await act(n, "start");
    await at("16:05");
    await act(14, "no-show", false);
    await at("16:10");
    await act(3, "finish");
    await act(11, "start");
    // Mid-afternoon: the tablet as the hovmester sees it, and the lobby board.
    await host.locator("#arrivals").evaluate(() => window.scrollTo(0, 0));
    await screenshot(host, "host-tablet-full-day");
    await checkA11y(host, "the host tablet mid-afternoon at full size");
    // The same tablet turned to portrait: rooms in a strip above the list, nothing wider than the screen.
    await host.setViewportSize({ width: 768, height: 1024 });
    expect(await host.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect(await reachable("#rooms .rail-room[data-room]:last-child")).toBe(true);
    expect(await reachable("#find")).toBe(true);
    await screenshot(host, "host-tablet-full-day-portrait");
    await checkA11y(host, "the host tablet in portrait at full size");
    await host.setViewportSize(TABLET);
    for (const screen of SCREENS) {
      const board = await openLive(links.board, screen);
      await board.getByText("Forsinket 10 min").waitFor();
      const fit = await boardFit(board);
      figures.push(
        `8 rooms mid-afternoon at ${screen.width}×${screen.height}: scrollHeight ${fit.scrollHeight}/${fit.vh}, smallest text ${fit.smallest.toFixed(1)} px`,
      );
      expectFits(fit, 8, screen.width);
      if (screen.width === 1920) {
        await checkA11y(board, "the board with 8 rooms mid-afternoon");
        await screenshot(board, "board-8-rooms");
      }
    }

    // Nr. 3's finished 15:30 interview still says 15:30; nr. 11 went in at 16:10, ten minutes late.
    const card3 = host.locator('#arrivals .arrival[data-number="3"]');
    expect(await card3.locator(".arrival__interviews li").first().textContent()).toMatch(
      /^15:30 Samtalerom 3/,
    );

    await at("16:30");
    for (const n of [9, 10, 12, 13, 15, 16]) await act(n, "finish");
    await act(11, "finish");
    // Samtalerom 3 is still 10 minutes late: nr. 2 goes in there at 16:40.
    expect(primaryOf(2)).toBeNull();
    for (const n of [1, 3, 4, 5, 6, 7, 8]) await act(n, "start");
    await at("16:40");
    await act(2, "start");
    await at("16:50");
    for (const n of [17, 18, 20]) await act(n, "arrive");
    await at("17:00");
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await act(n, "finish");
    await act(19, "no-show", false);
    for (const n of [9, 10, 11, 12, 17, 18, 20]) await act(n, "start");
    await at("17:30");
    for (const n of [9, 10, 11, 12, 17, 18, 20]) await act(n, "finish");

    const share = taps.scrolled / taps.total;
    console.log(
      `full-day afternoon at 1024×768: ${taps.total} taps, ${taps.scrolled} needed a scroll (${(share * 100).toFixed(1)} %), ${taps.search} searches${taps.log.length ? `: ${taps.log.join(", ")}` : ""}`,
    );
    expect(share).toBeLessThanOrEqual(0.1);
    const stages = h.ctx.db
      .prepare(
        `SELECT b.stage, count(*) AS n FROM booking b JOIN candidate c ON c.id = b.candidate_id
         WHERE c.event_id = ? GROUP BY b.stage ORDER BY b.stage`,
      )
      .all(h.seeded.eight);
    expect(stages).toEqual([
      { stage: "finished", n: 30 },
      { stage: "no-show", n: 2 },
    ]);
    // Finished candidates are out of the way: everyone is done, so everyone sits under «Ferdig» or «Ikke møtt».
    expect(await host.getByRole("button", { name: "Ferdig (18)" }).count()).toBe(1);
    expect(await host.getByRole("button", { name: "Ikke møtt (2)" }).count()).toBe(1);
  }, 240_000);

  it("reaches a candidate by number in one tap on the search field, the action in a second", async () => {
    const tablet = await openLive(links.host, TABLET, true);
    await tablet.locator("#find").tap(); // tap 1
    await tablet.keyboard.type("17");
    await tablet.keyboard.press("Enter");
    const first = tablet.locator("#arrivals .arrival").first();
    expect(await first.getAttribute("data-number")).toBe("17");
    expect(
      await tablet.evaluate(() => document.activeElement?.closest(".arrival")?.getAttribute("data-number")),
    ).toBe("17");
    const box = await first.boundingBox();
    expect(box && box.y + box.height <= TABLET.height).toBe(true);
    console.log("taps to reach a candidate by number: 1 (the search field), then the number and Enter");
  }, 60_000);

  it("fits every room of a 12-room event on a 1920×1080 screen and a 1280×720 TV", async () => {
    // The 12-room event mid-afternoon too: some rooms busy, one late, one with a candidate waiting.
    const twelve = h.ctx.events.links(h.ctx.events.get(h.seeded.twelve));
    const p12 = h.ctx.events.detail(h.seeded.twelve).participations;
    h.ctx.clock.set("2026-12-11T14:30:00.000Z");
    const rows = h.ctx.db
      .prepare(
        `SELECT b.id AS bookingId, c.id AS candidateId, b.participation_id AS participationId, b.starts_at AS startsAt
         FROM booking b JOIN candidate c ON c.id = b.candidate_id WHERE c.event_id = ? ORDER BY b.starts_at, b.id`,
      )
      .all(h.seeded.twelve) as {
      bookingId: number;
      candidateId: number;
      participationId: number;
      startsAt: string;
    }[];
    const first = rows.filter((r) => r.startsAt === rows[0].startsAt);
    first.slice(0, 8).forEach((r, i) => {
      h.ctx.dayof.apply(h.seeded.twelve, "test", `twelve-start-${i}-000`, {
        kind: "start",
        bookingId: r.bookingId,
        version: 0,
      });
    });
    h.ctx.dayof.apply(h.seeded.twelve, "test", "twelve-arrive-000", {
      kind: "arrive",
      candidateId: first[9].candidateId,
      version: 0,
    });
    h.ctx.dayof.apply(h.seeded.twelve, "test", "twelve-delay-0000", {
      kind: "delay",
      participationId: p12[10].id,
      minutes: 10,
    });

    for (const screen of SCREENS) {
      const board = await openLive(twelve.board, screen);
      const fit = await boardFit(board);
      figures.push(
        `12 rooms at ${screen.width}×${screen.height}: scrollHeight ${fit.scrollHeight}/${fit.vh}, smallest text ${fit.smallest.toFixed(1)} px`,
      );
      expectFits(fit, 12, screen.width);
      if (screen.width === 1920) {
        await checkA11y(board, "the board with 12 rooms");
        await screenshot(board, "board-12-rooms");
      }
    }
  }, 90_000);

  afterAll(() => {
    console.log(figures.join("\n"));
    expect(h.ctx.logs).toEqual([]);
  });
});
