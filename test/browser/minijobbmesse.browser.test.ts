// A Minijobbmesse day in a real chromium: a candidate registered on the booking link, candidates checked in on the hovmester's tablet, tapped into the
// employers' open rooms and out again, and the lobby board (a second page) counting visitors live, without a
// reload. A second event with eight rooms and thirty candidates checks that the tablet fits 1024×768.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { linkToken } from "../../server/shared/tokens";
import { openFair } from "../dayof/minijobbmesse-helpers";
import { TEST_SECRET, type TestApp } from "../helpers";
import { checkA11y, screenshot, useBrowser } from "./harness";

// 12:20 Oslo on the day: the presentations are over and the rooms are open (12:00–14:00).
const h = useBrowser({
  now: "2026-12-10T11:20:00Z",
  realtime: true,
  seed: (ctx) => {
    const t = ctx as unknown as TestApp;
    const small = openFair(t, { candidates: 4 });
    const large = openFair(t, { candidates: 30, rooms: 8, seed: small });
    const path = (eventId: number, kind: "host" | "board" | "booking") =>
      new URL(t.events.links(t.events.get(eventId))[kind]).pathname;
    return {
      small,
      large,
      host: path(small.eventId, "host"),
      booking: path(small.eventId, "booking"),
      board: path(small.eventId, "board"),
      largeHost: path(large.eventId, "host"),
      largeBoard: path(large.eventId, "board"),
    };
  },
});

const TABLET = { width: 1024, height: 768 };
const TV = { width: 1920, height: 1080 };

async function openLive(url: string, viewport: { width: number; height: number }, touch = false) {
  const page = await h.newPage({ viewport, hasTouch: touch });
  await page.goto(url);
  await page.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
  return page;
}

/** The candidate's tile on the tablet, by participant number. */
const tile = (page: Page, n: number): Locator => page.locator(`#visitors button[data-number="${n}"]`);
/** The room's button on the tablet, by room name. */
const roomButton = (page: Page, name: string): Locator =>
  page.locator("#fair-rooms button", { has: page.locator(".fair-room__name", { hasText: name }) });
/** The room on the board; its accessible name says it is open. */
const boardRoom = (page: Page, name: string): Locator =>
  page.getByRole("region", { name: `${name}: Åpent rom`, exact: true });

async function expectCounts(board: Page, name: string, inside: number, total: number) {
  const room = boardRoom(board, name);
  await room.locator(".room__inside", { hasText: `${inside} inne nå` }).waitFor();
  await room.locator(".room__total", { hasText: `${total} besøk totalt` }).waitFor();
}

const openVisits = () =>
  h.ctx.db
    .prepare(
      `SELECT c.participant_number AS n, r.name AS room FROM room_visit v JOIN candidate c ON c.id = v.candidate_id
       JOIN participation p ON p.id = v.participation_id JOIN room r ON r.id = p.room_id
       WHERE v.left_at IS NULL AND v.event_id = ? ORDER BY n`,
    )
    .all(h.seeded.small.eventId);

describe("a Minijobbmesse day on the tablet and the board", () => {
  it("registers a candidate on the booking link, then checks candidates in, taps them into rooms, on and out, and the board counts live without a reload", async () => {
    // A week before: a veileder registers Nora through the booking link (four others were registered earlier).
    h.ctx.clock.set("2026-12-03T09:00:00Z");
    const signUp = await h.newPage({ viewport: { width: 375, height: 800 } });
    await signUp.goto(h.seeded.booking);
    await signUp.fill("#f-candidate-displayName", "Nora K.");
    await signUp.fill("#f-candidate-birthYear", "2003");
    await signUp.selectOption("#f-candidate-eligibility", "annet");
    await signUp.fill("#f-caseworker-name", "Vera Veileder");
    await signUp.fill("#f-caseworker-email", "vera@nav.no");
    await signUp.selectOption("#f-caseworker-officeId", String(h.seeded.small.officeId));
    await Promise.all([signUp.waitForEvent("load"), signUp.click("button[type=submit]")]);
    expect((await signUp.locator("h1").textContent())?.trim()).toBe("Påmeldingen er registrert");
    const nora = h.ctx.db
      .prepare(
        "SELECT participant_number AS n FROM candidate WHERE event_id = ? AND display_name = 'Nora K.'",
      )
      .get(h.seeded.small.eventId) as { n: number };
    expect(nora.n).toBe(5);
    await signUp.close();

    // The day: 12:20, the presentations are over and the rooms are open.
    h.ctx.clock.set("2026-12-10T11:20:00Z");
    const host = await openLive(h.seeded.host, TABLET, true);
    const board = await openLive(h.seeded.board, TV);
    await board.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    await checkA11y(host, "the Minijobbmesse tablet before anyone came");
    await checkA11y(board, "the Minijobbmesse board before anyone came");
    await expectCounts(board, "Samtalerom 1", 0, 0);
    await expect(board.locator(".room__state", { hasText: "Ledig" }).count()).resolves.toBe(0);

    // Nr. 1 comes: check in, then into Samtalerom 1.
    await tile(host, 1).click();
    await expect(tile(host, 1).getAttribute("aria-pressed")).resolves.toBe("true");
    await host.locator("#selected").getByRole("button", { name: "Ankommet" }).click();
    await tile(host, 1).locator(".visitor__place", { hasText: "I lobbyen" }).waitFor();
    // Still chosen after the check-in: the next tap is the room.
    await expect(tile(host, 1).getAttribute("aria-pressed")).resolves.toBe("true");
    await roomButton(host, "Samtalerom 1").click();
    await tile(host, 1).locator(".visitor__place", { hasText: "Samtalerom 1" }).waitFor();
    await expectCounts(board, "Samtalerom 1", 1, 1);
    await boardRoom(board, "Samtalerom 1").locator(".room__line", { hasText: "Sara L." }).waitFor();

    // Nr. 2 as well.
    await tile(host, 2).click();
    await host.locator("#selected").getByRole("button", { name: "Ankommet" }).click();
    await tile(host, 2).locator(".visitor__place", { hasText: "I lobbyen" }).waitFor();
    await roomButton(host, "Samtalerom 1").click();
    await expectCounts(board, "Samtalerom 1", 2, 2);

    // Nr. 1 walks straight on to Samtalerom 2: the first visit closes.
    await tile(host, 1).click();
    await checkA11y(host, "the Minijobbmesse tablet with a visitor chosen");
    await roomButton(host, "Samtalerom 2").click();
    await expectCounts(board, "Samtalerom 1", 1, 2);
    await expectCounts(board, "Samtalerom 2", 1, 1);

    // Nr. 2 leaves.
    await tile(host, 2).click();
    await host.locator("#selected").getByRole("button", { name: "Ut av rommet" }).click();
    await expectCounts(board, "Samtalerom 1", 0, 2);
    expect(openVisits()).toEqual([{ n: 1, room: "Samtalerom 2" }]);

    // Nr. 3 has not been checked in: the rooms cannot be tapped for them.
    await tile(host, 3).click();
    await expect(roomButton(host, "Samtalerom 3").getAttribute("aria-disabled")).resolves.toBe("true");
    // aria-disabled keeps the button focusable and tappable; a tap explains why nothing happens.
    await roomButton(host, "Samtalerom 3").click({ force: true });
    await host.locator("#selected .day__result", { hasText: "ikke registrert som ankommet" }).waitFor();
    await expectCounts(board, "Samtalerom 3", 0, 0);

    // «Angre» takes back this tablet's last action: Nr. 2 is in Samtalerom 1 again.
    await host.locator("#undo").click();
    await expectCounts(board, "Samtalerom 1", 1, 2);
    expect(openVisits()).toEqual([
      { n: 1, room: "Samtalerom 2" },
      { n: 2, room: "Samtalerom 1" },
    ]);

    // Nora, registered on the booking link, comes late and goes straight to Samtalerom 3.
    await tile(host, nora.n).click();
    await host.locator("#selected").getByRole("button", { name: "Ankommet" }).click();
    await tile(host, nora.n).locator(".visitor__place", { hasText: "I lobbyen" }).waitFor();
    await roomButton(host, "Samtalerom 3").click();
    await expectCounts(board, "Samtalerom 3", 1, 1);
    await boardRoom(board, "Samtalerom 3").locator(".room__line", { hasText: "Nora K." }).waitFor();

    // The board never reloaded, and shows no veileder or full name.
    await expect(board.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).resolves.toBe(
      true,
    );
    const boardText = (await board.locator("body").textContent()) ?? "";
    expect(boardText).not.toContain("Sara Lie");
    expect(boardText).not.toContain("Veileder");
    await checkA11y(board, "the Minijobbmesse board with visitors");
    await screenshot(host, "minijobbmesse-host");
    await screenshot(board, "minijobbmesse-board");
  }, 120_000);

  it("lets the employer mark a visitor «Vil møte igjen» with a note on a phone", async () => {
    const [vask] = h.seeded.small.participationIds;
    const page = await h.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
    await page.goto(`/a/${linkToken(TEST_SECRET, "employer", vask, 1)}`);
    await page.getByRole("heading", { name: "Nr. 1 Sara L." }).waitFor();
    await checkA11y(page, "the Minijobbmesse employer page on a phone");
    const card = page.locator("li.card", { hasText: "Nr. 1 Sara L." });
    await card.getByLabel("Vil møte igjen").check();
    await card.getByLabel("Notat (valgfritt)").fill("Spurte om sommerjobb i kantina");
    await card.getByRole("button", { name: /Lagre/ }).click();
    await page.getByText("Lagret for nr. 1 Sara L.").waitFor();
    await checkA11y(page, "the Minijobbmesse employer page after saving");
    expect(
      h.ctx.db.prepare("SELECT note FROM meet_again WHERE participation_id = ?").pluck().all(vask),
    ).toEqual(["Spurte om sommerjobb i kantina"]);
  }, 120_000);

  it("fits eight rooms and thirty candidates on a 1024×768 tablet without scrolling, with finger-sized targets", async () => {
    const host = await openLive(h.seeded.largeHost, TABLET, true);
    await tile(host, 30).waitFor();
    await tile(host, 7).click();
    const size = await host.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      view: window.innerHeight,
      width: document.documentElement.scrollWidth,
    }));
    await screenshot(host, "minijobbmesse-host-8-rooms-30-candidates");
    expect(size.width).toBeLessThanOrEqual(1024);
    expect(size.scroll, "the tablet page scrolls").toBeLessThanOrEqual(size.view);
    const small = await host.locator("#day button").evaluateAll((els) =>
      els
        .map((el) => ({ name: el.textContent?.trim() ?? "", box: el.getBoundingClientRect() }))
        .filter((b) => b.box.width > 0 && (b.box.width < 44 || b.box.height < 44))
        .map((b) => `${b.name} ${b.box.width}×${b.box.height}`),
    );
    expect(small).toEqual([]);
    await checkA11y(host, "the Minijobbmesse tablet with eight rooms");

    const board = await openLive(h.seeded.largeBoard, TV);
    await expect(board.locator(".room--open").count()).resolves.toBe(8);
    await screenshot(board, "minijobbmesse-board-8-rooms");
  }, 120_000);
});
