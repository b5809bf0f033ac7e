// A new coordinator's first afternoon, in a real chromium: setup, region, employer, event, slot grid.
// Every page on the way is checked with axe (WCAG 2.1 A/AA); keyboard, 375px and 200% zoom too.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkA11y, screenshot, useBrowser } from "./harness";

const h = useBrowser();

const EMAIL = "kari.koordinator@nav.no";
const PASSWORD = "et langt passord 123";

/** Clicks something that loads a new document (link, form submit, redirect) and waits for its load. */
async function clickAndLoad(target: Locator): Promise<void> {
  const page = target.page();
  await Promise.all([page.waitForEvent("load"), target.click()]);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/**
 * After a refused submit the error summary has focus, and each of its links moves focus to its field.
 * Returns the ids the links led to.
 */
async function followErrorSummary(page: Page): Promise<string[]> {
  const summary = page.getByRole("alert").filter({ hasText: "Rett opp dette før du går videre" });
  await summary.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
  const targets: string[] = [];
  for (const link of await summary.getByRole("link").all()) {
    const target = (await link.getAttribute("href"))?.replace(/^#/, "") ?? "";
    await link.click();
    expect(await activeId(page), `the error link to #${target}`).toBe(target);
    targets.push(target);
  }
  expect(targets).not.toHaveLength(0);
  return targets;
}

type Rgb = [number, number, number];
const rgb = (css: string): Rgb => {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
};

/** WCAG's contrast ratio of two sRGB colours. */
function contrast(a: Rgb, b: Rgb): number {
  const luminance = (c: Rgb) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe("a coordinator in the browser", () => {
  let page: Page;
  let eventPath = "";

  beforeAll(async () => {
    page = await h.newPage({ viewport: { width: 1280, height: 900 } });
  });

  it("sends a visitor to an accessible sign-in page", async () => {
    await page.goto("/");
    await page.waitForURL(/\/login$/);
    await page.getByRole("heading", { level: 1, name: "Logg inn" }).waitFor();
    await checkA11y(page, "the sign-in page");
  });

  it("creates the first coordinator account from the setup link", async () => {
    await page.goto(h.ctx.auth.createSetupLink());
    await page.getByRole("heading", { level: 1, name: "Opprett koordinatorkonto" }).waitFor();
    await checkA11y(page, "the setup page");

    // Too short a password: the form comes back with the error tied to the field, input kept.
    await field(page, "Navn").fill("Kari Koordinator");
    await field(page, "E-postadresse").fill(EMAIL);
    await field(page, "Passord").fill("kort");
    await field(page, "Gjenta passordet").fill("kort");
    await clickAndLoad(button(page, "Opprett konto"));
    expect(await followErrorSummary(page)).toContain("f-password");
    expect(await field(page, "Passord").getAttribute("aria-invalid")).toBe("true");
    expect(await field(page, "Navn").inputValue()).toBe("Kari Koordinator");
    await checkA11y(page, "the setup page with errors");

    await field(page, "Passord").fill(PASSWORD);
    await field(page, "Gjenta passordet").fill(PASSWORD);
    await clickAndLoad(button(page, "Opprett konto"));
    // The form posts to its own URL, so the redirect keeps the #fragment the error link left there.
    await page.waitForURL((url) => url.pathname === "/events");
    await page.getByRole("navigation", { name: "Hovedmeny" }).waitFor();
    await checkA11y(page, "the empty events list");
  });

  it("adds region Hedmarken, office NAV Hamar and a room", async () => {
    await clickAndLoad(page.getByRole("link", { name: "Regioner og kontorer" }));
    await page.getByRole("heading", { level: 1, name: "Regioner, kontorer og samtalerom" }).waitFor();
    await checkA11y(page, "the empty regions page");

    await clickAndLoad(button(page, "Opprett region"));
    expect(await followErrorSummary(page)).toEqual(["f-name"]);
    await checkA11y(page, "the regions page with errors");

    await field(page, "Navn på regionen").fill("Hedmarken");
    await clickAndLoad(button(page, "Opprett region"));
    await field(page, "Nytt kontor i Hedmarken").fill("NAV Hamar");
    await field(page, "Adresse").fill("Vangsvegen 73");
    await clickAndLoad(button(page, "Legg til kontor"));
    await field(page, "Nytt samtalerom på NAV Hamar").fill("Samtalerom 1");
    await clickAndLoad(button(page, "Legg til rom"));

    await page
      .getByRole("list", { name: "Samtalerom på NAV Hamar" })
      .getByText("Samtalerom 1")
      .first()
      .waitFor();
    await page.getByRole("heading", { level: 3, name: /NAV Hamar/ }).waitFor();
    await checkA11y(page, "the regions page with a region, office and room");
  });

  it("registers an employer, and the error summary leads to each field", async () => {
    await clickAndLoad(page.getByRole("link", { name: "Virksomheter", exact: true }));
    await page.getByText("Ingen virksomheter ennå.").waitFor();
    await checkA11y(page, "the empty employers list");

    await clickAndLoad(page.getByRole("link", { name: "Ny virksomhet" }));
    await page.getByRole("heading", { level: 1, name: "Ny virksomhet" }).waitFor();
    await checkA11y(page, "the employer form");

    await clickAndLoad(button(page, "Lagre"));
    // The only region is preselected; the name is what is missing.
    expect(await followErrorSummary(page)).toEqual(expect.arrayContaining(["f-name"]));
    expect(await page.title()).toMatch(/^Feil: /);
    await checkA11y(page, "the employer form with errors");

    await field(page, "Region").selectOption({ label: "Hedmarken" });
    // The first "Navn" is the employer's; the second belongs to the contact person's fieldset.
    await field(page, "Navn").first().fill("Vaskebedrift AS");
    await field(page, "Bransje").fill("Renhold");

    // Aksel draws the box on the native input; the tick shows only when checked; the label toggles it.
    const ia = field(page, "Har IA-avtale");
    const tick = page.locator(".aksel-checkbox", { has: ia }).locator(".aksel-checkbox__icon");
    const box = await ia.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(20);
    expect(box?.height).toBeGreaterThanOrEqual(20);
    expect(await tick.isVisible()).toBe(false);
    await page.getByText("Har IA-avtale", { exact: true }).click();
    expect(await ia.isChecked()).toBe(true);
    expect(await tick.isVisible()).toBe(true);

    const contact = page.getByRole("group", { name: "Kontaktperson hos virksomheten" });
    await contact.getByLabel("Kontaktpersonens navn", { exact: true }).fill("Ola Vask");
    await contact.getByLabel("Direkte telefon", { exact: true }).fill("62 00 00 00");
    await clickAndLoad(button(page, "Lagre"));

    await page.waitForURL(/\/employers$/);
    const row = page.getByRole("row").filter({ hasText: "Vaskebedrift AS" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Ja");
    await checkA11y(page, "the employers list");
  });

  it("plans an event through the form, with errors on the way", async () => {
    await clickAndLoad(page.getByRole("link", { name: "Arrangementer" }));
    await clickAndLoad(page.getByRole("link", { name: "Nytt arrangement" }));
    await page.getByRole("heading", { level: 1, name: "Nytt arrangement" }).waitFor();
    await checkA11y(page, "the event form");
    await screenshot(page, "event-form");

    // The programme textarea is as wide as the other fields, not shrunk to its columns.
    const titleBox = await field(page, "Tittel").boundingBox();
    const programmeBox = await field(page, "Program").boundingBox();
    expect(Math.abs((programmeBox?.width ?? 0) - (titleBox?.width ?? 0))).toBeLessThan(2);

    // The only office is preselected and the title and date suggested: an emptied date is the error to fix.
    await field(page, "Dato").fill("");
    await clickAndLoad(button(page, "Lagre"));
    expect(await followErrorSummary(page)).toContain("f-date");
    await checkA11y(page, "the event form with errors");

    await field(page, "Tittel").fill("Ta sjansen");
    await field(page, "Dato").fill("2026-12-10");
    await field(page, "Sted (NAV-kontor)").selectOption({ label: "NAV Hamar (Hedmarken)" });
    await field(page, "Starter kl.").fill("15:30");
    await field(page, "Slutter kl.").fill("17:30");
    await field(page, "Lengde per intervju (minutter)").fill("30");
    await clickAndLoad(button(page, "Lagre"));

    await page.waitForURL(/\/events\/\d+$/);
    eventPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: "Ta sjansen 10. desember 2026" }).waitFor();
    await page.getByText("Ingen virksomheter ennå.").waitFor();
    await checkA11y(page, "the event page without employers");
  });

  it("adds the employer to the event and shows four free slots in the grid", async () => {
    await clickAndLoad(page.getByRole("link", { name: "Legg til virksomhet" }));
    await page.getByRole("heading", { level: 1, name: "Legg til virksomhet" }).waitFor();
    await checkA11y(page, "the participation form");

    await field(page, "Virksomhet").selectOption({ label: "Vaskebedrift AS" });
    await field(page, "Avdeling/arbeidsområde").fill("kantine");
    await field(page, "Arbeidsoppgaver").fill("Oppvask, servering og rydding");
    await page.getByRole("group", { name: "Kan tilby" }).getByLabel("Arbeidstrening/arbeidspraksis").check();
    expect(await field(page, "Antall intervjuer").inputValue()).toBe("4");
    await field(page, "Samtalerom").selectOption({ label: "Samtalerom 1" });
    await clickAndLoad(button(page, "Lagre"));

    await page.waitForURL((url) => url.pathname === eventPath);
    await page.getByText("4 ledige intervjutidspunkter").first().waitFor();
    const grid = page.getByRole("table", { name: "Intervjutidspunkter per virksomhet" });
    const row = grid.getByRole("row").filter({ hasText: "Vaskebedrift AS" });
    expect(await row.getByRole("cell", { name: "Ledig", exact: true }).count()).toBe(4);
    expect(await row.getByRole("cell", { name: "Samtalerom 1" }).count()).toBe(1);
    await checkA11y(page, "the event page with the slot grid");
    await screenshot(page, "event-page");
  });

  it("re-renders the participation form with errors accessibly", async () => {
    await page.goto(`${eventPath}/participations/new`);
    await field(page, "Minstealder (valgfritt)").fill("12");
    await clickAndLoad(button(page, "Lagre"));
    expect(await followErrorSummary(page)).toEqual(expect.arrayContaining(["f-employerId", "f-minAge"]));
    await checkA11y(page, "the participation form with errors");
  });

  it("has an accessible accessibility statement", async () => {
    await clickAndLoad(
      page.getByRole("contentinfo").getByRole("link", { name: "Tilgjengelighetserklæring" }),
    );
    await page.getByRole("heading", { level: 1, name: "Tilgjengelighetserklæring" }).waitFor();
    await checkA11y(page, "the accessibility statement");
  });

  it("fits the event page into 375px, scrolling only the slot grid", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(eventPath);
    await page.getByText("4 ledige intervjutidspunkter").first().waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      wraps: [...document.querySelectorAll(".table-wrap")].map((w) => w.getBoundingClientRect().right),
      // Anything reaching past the right edge that is not inside a scrolling table wrapper.
      outside: [...document.querySelectorAll("body *")]
        .filter((el) => !el.closest(".table-wrap") && el.getBoundingClientRect().right > 375.5)
        .map((el) => el.tagName + (el.id ? `#${el.id}` : "") + (el.className ? `.${el.className}` : "")),
    }));
    expect(widths.outside).toEqual([]);
    expect(widths.page).toBeLessThanOrEqual(375);
    expect(widths.wraps).not.toHaveLength(0);
    for (const right of widths.wraps) expect(right).toBeLessThanOrEqual(375);
    await checkA11y(page, "the event page at 375px");
    await screenshot(page, "event-page-375");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("keeps the event form usable at 200% zoom", async () => {
    // 200% zoom on a 1280x800 screen leaves a 640x400 CSS-pixel viewport.
    const zoomed = await h.newPage({
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
      storageState: await page.context().storageState(),
    });
    await zoomed.goto("/events/new");
    await zoomed.getByRole("heading", { level: 1, name: "Nytt arrangement" }).waitFor();
    expect(await zoomed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    // Every field lies fully inside the viewport horizontally.
    const boxes = await zoomed
      .locator("main form input:not([type=hidden]), main form select, main form textarea")
      .evaluateAll((els) => els.map((el) => ({ id: el.id, ...el.getBoundingClientRect().toJSON() })));
    expect(boxes.length).toBeGreaterThan(8);
    for (const b of boxes) {
      expect(b.left, b.id).toBeGreaterThanOrEqual(0);
      expect(b.right, b.id).toBeLessThanOrEqual(640);
    }
    await checkA11y(zoomed, "the event form at 200% zoom");

    await field(zoomed, "Dato").fill("2027-01-14");
    await field(zoomed, "Sted (NAV-kontor)").selectOption({ label: "NAV Hamar (Hedmarken)" });
    await clickAndLoad(button(zoomed, "Lagre"));
    await zoomed.waitForURL(/\/events\/\d+$/);
    await zoomed.getByRole("heading", { level: 1, name: "Ta sjansen 14. januar 2027" }).waitFor();
  });

  it("shows a clear focus ring on every control in the dark header", async () => {
    await page.goto("/events");
    const header = page.getByRole("banner");
    const headerBg = rgb(await header.evaluate((el) => getComputedStyle(el).backgroundColor));
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const cs = getComputedStyle(el);
        return {
          name: el.textContent?.trim() ?? "",
          inHeader: !!el.closest(".site-header"),
          style: cs.outlineStyle,
          width: Number.parseFloat(cs.outlineWidth),
          color: cs.outlineColor,
        };
      });
      if (!focus.inHeader) continue;
      seen.push(focus.name);
      expect(focus.style, focus.name).not.toBe("none");
      expect(focus.width, focus.name).toBeGreaterThanOrEqual(2);
      expect(contrast(rgb(focus.color), headerBg), focus.name).toBeGreaterThanOrEqual(3);
    }
    expect(seen).toEqual(expect.arrayContaining(["Ta sjansen", "Arrangementer", "Logg ut"]));
  });

  it("signs in with the keyboard only", async () => {
    const kb = await h.newPage();
    await kb.goto("/login");
    await kb.getByRole("heading", { level: 1, name: "Logg inn" }).waitFor();

    await kb.keyboard.press("Tab");
    expect(await kb.evaluate(() => document.activeElement?.textContent)).toBe("Hopp til hovedinnhold");
    await kb.keyboard.press("Enter");
    expect(await activeId(kb)).toBe("main");

    await kb.keyboard.press("Tab");
    expect(await activeId(kb)).toBe("f-email");
    await kb.keyboard.type(EMAIL);
    await kb.keyboard.press("Tab");
    expect(await activeId(kb)).toBe("f-password");
    await kb.keyboard.type(PASSWORD);
    await Promise.all([kb.waitForEvent("load"), kb.keyboard.press("Enter")]);

    await kb.waitForURL(/\/events$/);
    await kb.getByRole("button", { name: "Logg ut" }).waitFor();
  });

  it("logged no server errors on the way", () => {
    expect(h.ctx.logs).toEqual([]);
  });
});

describe("the accessibility check itself", () => {
  it("fails on a field without a label, naming the rule and the element", async () => {
    const page = await h.newPage();
    await page.setContent(
      '<!doctype html><html lang="nb"><head><title>Prøve</title></head>' +
        '<body><main><h1>Prøve</h1><input id="uten-ledetekst"></main></body></html>',
    );
    await expect(checkA11y(page, "a page with an unlabelled field")).rejects.toThrow(
      /label \(critical\)[\s\S]*#uten-ledetekst/,
    );
  });
});
