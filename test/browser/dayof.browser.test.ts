// The day itself in a real chromium: the hovmester's tablet (portrait and landscape), the lobby board on a
// TV and the coordinator's view, live over socket.io, with a tablet that loses its network on the way.
// Each test may take a minute: the machine runs several chromiums at once.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../server/demo/seed";
import { checkA11y, screenshot, useBrowser } from "./harness";

// Mid-afternoon on the demo day: interviews run 15:30–17:30 Oslo (14:30–16:30 UTC); it is 16:10 there.
const h = useBrowser({
  now: "2026-12-10T15:10:00Z",
  realtime: true,
  seed: (ctx, baseUrl) => seedDemo(ctx.db, ctx.deps.secret, baseUrl, "2026-12-10"),
});

const TABLET_PORTRAIT = { width: 800, height: 1280 };
const TABLET_LANDSCAPE = { width: 1280, height: 800 };
const TV = { width: 1920, height: 1080 };

/** Opens a live day page and waits until its socket has connected and drawn the snapshot. */
async function openLive(
  url: string,
  viewport: { width: number; height: number },
  touch = false,
): Promise<Page> {
  const page = await h.newPage({ viewport, hasTouch: touch });
  await page.goto(url);
  await page.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
  return page;
}

const hostActions = () =>
  (h.ctx.db.prepare("SELECT count(*) AS n FROM host_action").get() as { n: number }).n;
const actionsFor = (candidateName: string, kind: string) =>
  (
    h.ctx.db
      .prepare(
        `SELECT count(*) AS n FROM host_action a JOIN candidate c ON c.id = a.candidate_id
         WHERE c.display_name = ? AND a.kind = ?`,
      )
      .get(candidateName, kind) as { n: number }
  ).n;

/** The room card on the board; its accessible name carries the room's state. */
const room = (page: Page, name: string, state: string): Locator =>
  page.getByRole("region", { name: `${name}: ${state}`, exact: true });
/** The room beside the host's list, named the same way. */
const railRoom = (page: Page, name: string, state: string): Locator =>
  page.getByRole("listitem", { name: `${name}: ${state}`, exact: true });
const arrival = (page: Page, name: string): Locator => page.locator(".arrival", { hasText: name });

/** Every button a finger can reach on the page is at least 44×44 CSS pixels (WCAG 2.5.5). */
async function expectTouchTargets(page: Page, label: string): Promise<void> {
  const small = await page.locator("button").evaluateAll((els) =>
    els
      .map((el) => ({ name: el.textContent?.trim() ?? "", box: el.getBoundingClientRect() }))
      .filter((b) => b.box.width > 0 && (b.box.width < 44 || b.box.height < 44))
      .map((b) => `${b.name} ${b.box.width}×${b.box.height}`),
  );
  expect(small, `buttons smaller than 44×44 on ${label}`).toEqual([]);
  expect(await page.locator("button").count()).toBeGreaterThan(10);
}

describe("the day, live", () => {
  let links: { host: string; board: string };
  let host: Page;
  let board: Page;

  beforeAll(async () => {
    links = h.ctx.events.links(h.ctx.events.get(h.seeded.eventId));
    [host, board] = await Promise.all([
      openLive(links.host, TABLET_PORTRAIT, true),
      openLive(links.board, TV),
    ]);
  }, 60_000);

  it("shows the hovmester's tablet and the lobby board, accessible and ready to tap", async () => {
    await host.getByRole("heading", { level: 1, name: /^Hovmester: Ta sjansen/ }).waitFor();
    expect(await host.locator("#connection").textContent()).toBe("Tilkoblet");
    expect(await host.locator(".arrival").count()).toBe(7);
    expect(await host.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    // Rooms are h3 under the host page's «Rom»; on the board they are the page's h2 sections.
    expect(
      await host.getByRole("region", { name: "Rom", exact: true }).getByRole("heading", { level: 3 }).count(),
    ).toBe(5);
    await expectTouchTargets(host, "the host page in portrait");
    await checkA11y(host, "the host page on a portrait tablet");
    await screenshot(host, "host-tablet");

    await room(board, "Samtalerom 1", "Ledig").waitFor();
    expect(await board.getByRole("heading", { level: 2 }).count()).toBe(5);
    expect(await board.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    await checkA11y(board, "the board on a TV");
  }, 60_000);

  it("sends a tap on the tablet to the board and a second tablet without a reload", async () => {
    const host2 = await openLive(links.host, TABLET_LANDSCAPE, true);
    await expectTouchTargets(host2, "the host page in landscape");
    await checkA11y(host2, "the host page on a landscape tablet");
    // Marks the board's document: a reload would lose it.
    await board.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const before = hostActions();

    await host.getByRole("button", { name: "Ankommet nr. 1 Ola N.", exact: true }).tap();
    await arrival(host, "Ola N.").getByText("Ankom 16:10").waitFor();
    await room(board, "Samtalerom 1", "Kandidat venter").waitFor();

    await host.getByRole("button", { name: "Send inn nr. 1 Ola N. til Vaskebedrift AS", exact: true }).tap();
    const inside = room(board, "Samtalerom 1", "Intervju pågår");
    await inside.waitFor();
    expect(await inside.locator(".room__state").textContent()).toBe("Inne: Ola N.");
    expect(await inside.locator(".room__left").textContent()).toBe("30 min igjen");
    expect(await board.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    await screenshot(board, "board-tv");
    await checkA11y(board, "the board with an interview going on");

    // The other tablet follows too.
    await arrival(host2, "Ola N.").getByText("Ankom 16:10").waitFor();
    await host2.getByRole("button", { name: "Ferdig intervjuet med nr. 1 Ola N.", exact: true }).waitFor();
    await railRoom(host2, "Samtalerom 1", "Intervju pågår").waitFor();
    expect(hostActions()).toBe(before + 2);
    await checkA11y(host, "the host page with an interview going on");
  }, 60_000);

  it("keeps focus and a half-typed delay when another tablet's change redraws the page", async () => {
    const host2 = await openLive(links.host, TABLET_LANDSCAPE, true);
    const roomTwo = h.ctx.events.detail(h.seeded.eventId).participations[1].id;
    await host.getByLabel("Rom som er forsinket").selectOption(String(roomTwo));
    const delay = host.getByLabel("Minutter", { exact: true });
    await delay.focus();
    await host.keyboard.press("Control+A");
    await host.keyboard.type("1");

    // Kari arrives on the other tablet; this tablet redraws from the new snapshot.
    await host2.getByRole("button", { name: "Ankommet nr. 2 Kari S.", exact: true }).tap();
    await arrival(host, "Kari S.").getByText("Ankom 16:10").waitFor();
    expect(await host.evaluate(() => document.activeElement?.id)).toBe("delay-minutes");
    expect(await delay.inputValue()).toBe("1");

    await host.keyboard.type("5");
    await host.keyboard.press("Enter");
    await board.getByText("Forsinket 15 min").waitFor();
    await host2.locator(".rail-room", { hasText: "Samtalerom 2" }).getByText("15 min forsinket").waitFor();
    await host.locator("#delay-result", { hasText: "Forsinkelse 15 min i Samtalerom 2" }).waitFor();

    // A keyboard press on «Ankommet» removes that button; focus goes on to the card's next action.
    await host.getByRole("button", { name: "Ankommet nr. 6 Emma H.", exact: true }).focus();
    await host.keyboard.press("Enter");
    await arrival(host, "Emma H.").getByText("Ankom 16:10").waitFor();
    expect(await host.evaluate(() => document.activeElement?.textContent)).toMatch(
      /^Send inn nr\. 6 Emma H\. til /,
    );
  }, 60_000);

  it("answers on the tapped card and aloud, and «Angre» names and undoes this tablet's last action", async () => {
    const host2 = await openLive(links.host, TABLET_LANDSCAPE, true);
    await host.getByRole("button", { name: "Ankommet nr. 7 Mohammed K.", exact: true }).tap();
    const card = arrival(host, "Mohammed K.");
    await card.locator(".arrival__result", { hasText: "✓ Ankommet (16:10)" }).waitFor();
    await host.locator("#message", { hasText: "Nr. 7 Mohammed K.: ankommet: registrert." }).waitFor();
    expect(await host.locator("#message").getAttribute("aria-live")).toBe("polite");

    // The other tablet acts later, on someone else: this tablet's «Angre» still means its own action.
    await host2.getByRole("button", { name: "Ankommet nr. 3 Ahmed A.", exact: true }).tap();
    await arrival(host, "Ahmed A.").getByText("Ankom 16:10").waitFor();
    const undo = host.getByRole("button", { name: "Angre: Ankommet nr. 7", exact: true });
    await undo.tap();
    await host.locator("#undo-result", { hasText: "✓ Angre Ankommet nr. 7" }).waitFor();
    await arrival(host, "Mohammed K.").getByRole("button", { name: "Ankommet nr. 7 Mohammed K." }).waitFor();
    const arrived = (name: string) =>
      (
        h.ctx.db.prepare("SELECT arrived_at AS a FROM candidate WHERE display_name = ?").get(name) as {
          a: string | null;
        }
      ).a;
    expect(arrived("Mohammed K.")).toBeNull();
    expect(arrived("Ahmed A.")).not.toBeNull();

    // Other recent actions, with who did them, can be undone from the short list.
    await host.getByText("Siste handlinger").tap();
    const other = host.locator(".recent__item", { hasText: "Ankommet nr. 3" });
    expect(await other.textContent()).toMatch(/Nettbrett \d/);
    await other.getByRole("button", { name: /^Angre Ankommet nr\. 3/ }).tap();
    await arrival(host, "Ahmed A.").getByRole("button", { name: "Ankommet nr. 3 Ahmed A." }).waitFor();
    expect(arrived("Ahmed A.")).toBeNull();
    await checkA11y(host, "the host page after an undo");
  }, 60_000);

  it("queues a tap made offline and applies it exactly once when the network is back", async () => {
    const host2 = await openLive(links.host, TABLET_LANDSCAPE, true);
    const before = hostActions();
    await host.context().setOffline(true);
    await host.locator("#connection", { hasText: "Frakoblet" }).waitFor();

    const arrive = host.getByRole("button", { name: /^Ankommet nr\. 4 Sara L\./ });
    await arrive.tap();
    await arrival(host, "Sara L.")
      .locator(".arrival__result", { hasText: "Ankommet: frakoblet, sendes når nettet er tilbake." })
      .waitFor();
    await host.locator("#message", { hasText: "Nr. 4 Sara L.: ankommet: frakoblet" }).waitFor();
    // The button says it is waiting, and a second tap does not queue the action twice.
    await host.getByRole("button", { name: "Ankommet nr. 4 Sara L. (venter på nett)" }).waitFor();
    expect(await arrive.getAttribute("aria-disabled")).toBe("true");
    // Playwright will not tap what is aria-disabled; a hurried finger will.
    await arrive.tap({ force: true });
    expect(hostActions()).toBe(before);
    await checkA11y(host, "the host page while offline");
    await screenshot(host, "host-tablet-offline");

    await host.context().setOffline(false);
    await host.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
    await arrival(host, "Sara L.").locator(".arrival__result", { hasText: "✓ Ankommet" }).waitFor();
    await arrival(host, "Sara L.").getByText("Ankom 16:10").waitFor();
    await arrival(host2, "Sara L.").getByText("Ankom 16:10").waitFor();
    await room(board, "Samtalerom 5", "Kandidat venter").waitFor();
    expect(hostActions()).toBe(before + 1);
    expect(actionsFor("Sara L.", "arrive")).toBe(1);
  }, 60_000);

  it("prints an accessible run sheet", async () => {
    const print = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await print.goto(`${links.host}/print`);
    await print.getByRole("heading", { level: 1, name: /^Kjøreplan: Ta sjansen/ }).waitFor();
    await checkA11y(print, "the run sheet");
  }, 60_000);

  it("gives the signed-in coordinator an accessible live view", async () => {
    const coord = await h.newPage({ viewport: TABLET_LANDSCAPE });
    await coord.goto(h.ctx.auth.createSetupLink());
    await coord.getByLabel("Navn", { exact: true }).fill("Kari Koordinator");
    await coord.getByLabel("E-postadresse").fill("kari@nav.no");
    await coord.getByLabel("Passord", { exact: true }).fill("et langt passord 123");
    await coord.getByLabel("Gjenta passordet").fill("et langt passord 123");
    await Promise.all([
      coord.waitForURL((url) => url.pathname === "/events"),
      coord.getByRole("button", { name: "Opprett konto" }).click(),
    ]);

    await coord.goto(`/events/${h.seeded.eventId}/day`);
    await coord.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
    await railRoom(coord, "Samtalerom 1", "Intervju pågår").waitFor();
    expect(await coord.getByRole("region", { name: "Logg" }).getByRole("listitem").count()).toBeGreaterThan(
      3,
    );
    await checkA11y(coord, "the coordinator's live view");
  }, 60_000);

  it("logged no server errors on the way", () => {
    expect(h.ctx.logs).toEqual([]);
  });
});
