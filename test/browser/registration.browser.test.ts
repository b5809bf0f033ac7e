// A veileder registers a candidate for a Minijobbmesse in a real chromium: the registration page, the full-event
// refusal with its error summary, «Mine bookinger» and the coordinator's list pass axe (WCAG 2.1 AA) at phone width.
import { describe, expect, it } from "vitest";
import { linkToken } from "../../server/shared/tokens";
import { fillPlaces, openMinijobbmesse } from "../booking/registration-helpers";
import { TEST_SECRET } from "../helpers";
import { checkA11y, screenshot, useBrowser } from "./harness";

const h = useBrowser({ seed: (ctx) => openMinijobbmesse(ctx, { capacity: 2 }) });

describe("a Minijobbmesse registration in the browser", () => {
  it("registers, shows the place taken, refuses when full with a focused summary, and lists it on «Mine bookinger»", async () => {
    const ev = h.seeded;
    const page = await h.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(ev.bookingPath);
    expect((await page.locator("#places").textContent())?.trim()).toBe("2 plasser igjen.");
    await checkA11y(page, "registration page");
    await screenshot(page, "minijobbmesse-registration-375");

    const fill = async (name: string) => {
      await page.fill("#f-candidate-displayName", name);
      await page.fill("#f-candidate-birthYear", "2002");
      await page.selectOption("#f-candidate-eligibility", "annet");
      await page.check("#f-candidate-caseworkerJoins");
      await page.fill("#f-caseworker-name", "Vera Veileder");
      await page.fill("#f-caseworker-email", "vera@nav.no");
      await page.selectOption("#f-caseworker-officeId", String(ev.officeId));
    };
    await fill("Ola N.");
    await Promise.all([page.waitForEvent("load"), page.click("button[type=submit]")]);
    expect((await page.locator("h1").textContent())?.trim()).toBe("Påmeldingen er registrert");
    await checkA11y(page, "registered");

    // Someone else takes the last place while Vera fills in the next candidate.
    await page.goto(ev.bookingPath);
    await fill("Kari S.");
    fillPlaces(h.ctx, ev, 1);
    await Promise.all([page.waitForEvent("load"), page.click("button[type=submit]")]);
    expect(await page.locator("#error-summary").textContent()).toContain("Minijobbmessen er full");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    expect(await page.locator("#f-candidate-displayName").inputValue()).toBe("Kari S.");
    await checkA11y(page, "full");

    const c = h.ctx.booking.caseworkerByEmail("vera@nav.no");
    if (!c) throw new Error("no veileder");
    await page.goto(`/v/${linkToken(TEST_SECRET, "manage", c.id, c.manageLinkVersion)}`);
    expect(await page.locator("main").textContent()).toContain("rommene åpner kl. 12:00");
    await checkA11y(page, "manage page with a registration");
    await screenshot(page, "minijobbmesse-manage-375");
  });
});
