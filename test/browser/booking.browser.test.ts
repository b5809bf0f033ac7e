// A veileder books from the e-mail's link in a real chromium, with the keyboard only; the manage page
// cancels, and the freed slot goes to another veileder's waiting candidate. axe checks every page.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { linkToken } from "../../server/shared/tokens";
import { openEvent, TEST_SECRET } from "../helpers";
import { checkA11y, type HarnessCtx, screenshot, useBrowser } from "./harness";

const OTHER = { name: "Per Veileder", email: "per@nav.no" };

/**
 * The event open for booking, with Vaskebedrift one slot from full: Per has booked its first three
 * times, so the veileder in the browser takes its last one.
 */
function seed(ctx: HarnessCtx) {
  const ev = openEvent(ctx);
  const [vask, , bamse] = ev.participationIds;
  const perCandidate = (displayName: string, slotIds: number[], waitlist: number[], key: string) =>
    ctx.booking.register({ kind: "caseworker", id: "caseworker:new" }, ev.eventId, {
      caseworker: { ...OTHER, officeId: ev.officeId },
      candidate: {
        displayName,
        birthYear: 1999,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds,
      waitlistParticipationIds: waitlist,
      requestKey: `browser-seed-${key}-0123456789`,
    });
  const vaskSlots = ev.slots(vask);
  perCandidate("Ola N.", [vaskSlots[0]], [], "ola");
  perCandidate("Kari S.", [vaskSlots[1]], [], "kari");
  perCandidate("Jonas B.", [vaskSlots[2]], [], "jonas");
  return {
    ...ev,
    vask,
    bamse,
    lastVaskSlot: vaskSlots[3],
    firstBamseSlot: ev.slots(bamse)[0],
    /** Per puts one more candidate on Vaskebedrift's waitlist once it is full. */
    waitlistAtVask: () => perCandidate("Nora P.", [], [vask], "nora").candidateId,
  };
}

const h = useBrowser({ seed });

/** The path of the manage link a veileder gets by e-mail. */
function managePath(email: string): string {
  const c = h.ctx.db
    .prepare("SELECT id, manage_link_version AS version FROM caseworker WHERE email = ?")
    .get(email) as { id: number; version: number } | undefined;
  if (!c) throw new Error(`no veileder ${email}`);
  return `/v/${linkToken(TEST_SECRET, "manage", c.id, c.version)}`;
}

type Focus = { id: string; tag: string; text: string; outline: string; width: number };
const focused = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? "").trim().replace(/\s+/g, " "),
      outline: cs.outlineStyle,
      width: Number.parseFloat(cs.outlineWidth),
    };
  });

/**
 * Presses Tab until `until` holds for the focused element, and checks on the way that every element
 * the keyboard reaches shows a focus ring. Returns what it passed, the target last.
 */
async function tabTo(page: Page, until: (f: Focus) => boolean, passed: Focus[] = []): Promise<Focus[]> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    expect(f.tag, "Tab left the page's controls").not.toBe("body");
    expect(f.outline, `focus ring on ${f.tag}#${f.id} «${f.text}»`).not.toBe("none");
    expect(f.width, `focus ring width on ${f.tag}#${f.id}`).toBeGreaterThanOrEqual(2);
    passed.push(f);
    if (until(f)) return passed;
  }
  throw new Error("Tab never reached the element");
}
const byId = (id: string) => (f: Focus) => f.id === id;
const byText = (text: string) => (f: Focus) => f.text === text;

/** Presses a key that loads a new document (submit, link) and waits for its load. */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.keyboard.press(key)]);
}
async function clickAndLoad(target: Locator): Promise<void> {
  await Promise.all([target.page().waitForEvent("load"), target.click()]);
}
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const selectedLabel = (page: Page, id: string) =>
  page.locator(`#${id}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");

/** The booking cards on a manage page, as "candidate | time | employer". */
async function manageRows(page: Page): Promise<string[]> {
  return page.locator("main .booking-cards > li").evaluateAll((cards) =>
    cards.map((c) => {
      const m = /^Kl\. (\S+): (.+)$/.exec(c.querySelector("h3")?.textContent?.trim() ?? "");
      const employer = (c.querySelector("p")?.innerHTML ?? "").split("<br>")[0].trim();
      return [m?.[2], m?.[1], employer].join(" | ");
    }),
  );
}

describe("a veileder booking from the e-mail's link", () => {
  let page: Page;

  beforeAll(async () => {
    page = await h.newPage({ viewport: { width: 1280, height: 900 } });
  });

  it("shows an accessible booking page that fits a 375px phone", async () => {
    const phone = await h.newPage({ viewport: { width: 375, height: 740 } });
    await phone.goto(h.seeded.bookingPath);
    await phone.getByRole("heading", { level: 1, name: /^Book kandidat: Ta sjansen/ }).waitFor();
    const overflow = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      outside: [...document.querySelectorAll("body *")]
        .filter(
          (el) =>
            !el.closest(".table-wrap, .sr-only, .skip-link") && el.getBoundingClientRect().right > 375.5,
        )
        .map((el) => el.tagName + (el.id ? `#${el.id}` : "")),
    }));
    expect(overflow.outside).toEqual([]);
    expect(overflow.page).toBeLessThanOrEqual(375);
    await checkA11y(phone, "the booking page at 375px");
    await screenshot(phone, "booking-375");

    await page.goto(h.seeded.bookingPath);
    await checkA11y(page, "the booking page");
    // The three parts of the form are headings under the page's h1, times first; the employers under them.
    const headings = await page
      .locator("main :is(h1, h2, h3)")
      .evaluateAll((els) => els.map((e) => `${e.tagName} ${e.textContent?.trim()}`));
    expect(headings.filter((t) => t.startsWith("H2"))).toEqual([
      "H2 1. Velg tidspunkter",
      "H2 2. Kandidaten",
      "H2 3. Deg som veileder",
    ]);
    expect(headings.filter((t) => t.startsWith("H3"))).toHaveLength(3);
  });

  it("answers an empty form with a focused error summary whose links lead to each field", async () => {
    await page.goto(h.seeded.bookingPath);
    await tabTo(page, byText("Book"));
    await pressAndLoad(page, "Enter");
    expect(await page.title()).toMatch(/^Feil: /);
    await page.waitForFunction(() => document.activeElement?.id === "error-summary");
    await checkA11y(page, "the booking page with errors");

    const links = page.locator("#error-summary a");
    const targets: string[] = [];
    for (const link of await links.all()) {
      const target = ((await link.getAttribute("href")) ?? "").replace(/^#/, "");
      await link.focus();
      await page.keyboard.press("Enter");
      expect(await activeId(page), `the error link to #${target}`).toBe(target);
      expect(await page.locator(`#${target}`).getAttribute("aria-invalid")).toBe("true");
      targets.push(target);
    }
    expect(targets).toEqual([
      "f-candidate-displayName",
      "f-candidate-birthYear",
      "f-candidate-eligibility",
      "f-caseworker-name",
      "f-caseworker-email",
      "f-caseworker-officeId",
    ]);

    // Everything filled in but no time ticked: the link leads to the group of times.
    await page.getByLabel("Navnet ditt").fill("Vera Veileder");
    await page.getByLabel("E-postadressen din").fill("vera@nav.no");
    await page.getByLabel("NAV-kontoret ditt").selectOption({ label: "NAV Hamar" });
    await page.getByLabel("Fornavn og forbokstav i etternavn").fill("Åse-Marie Ø.");
    await page.getByLabel("Fødselsår").fill("2001");
    await page.getByLabel("Innsatsgruppe").selectOption({ label: "Spesielt tilpasset innsats" });
    await clickAndLoad(page.getByRole("button", { name: "Book", exact: true }));
    await page.waitForFunction(() => document.activeElement?.id === "error-summary");
    await page.locator('#error-summary a[href="#f-slotIds"]').focus();
    await page.keyboard.press("Enter");
    const group = await focused(page);
    expect(group.id).toBe("f-slotIds");
    expect(group.outline).not.toBe("none");
    expect(
      await page.getByRole("group", { name: "1. Velg tidspunkter" }).getAttribute("aria-describedby"),
    ).toBe("f-slotIds-error");
    expect(await page.getByLabel("Navnet ditt").inputValue()).toBe("Vera Veileder");
    await checkA11y(page, "the booking page with a missing time");
  });

  it("ticks the earliest fitting times when asked to «Foreslå tider»", async () => {
    const propose = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await propose.goto(h.seeded.bookingPath);
    await propose.getByLabel("Fødselsår").fill("2001");
    // Nothing ticked to propose from: the error link leads to the message above the employers.
    await clickAndLoad(propose.getByRole("button", { name: "Foreslå tider" }));
    await propose.waitForFunction(() => document.activeElement?.id === "error-summary");
    await propose.locator('#error-summary a[href="#f-participationIds"]').focus();
    await propose.keyboard.press("Enter");
    expect(await activeId(propose)).toBe("f-participationIds");
    expect(await propose.locator("#f-participationIds").textContent()).toMatch(
      /^Velg én eller 2 virksomheter/,
    );
    await checkA11y(propose, "the booking page with a proposal error");

    await propose.getByLabel("Foreslå tid hos Sykehuset").check();
    await propose.getByLabel("Foreslå tid hos Bamsebjørn barnehage").check();
    await clickAndLoad(propose.getByRole("button", { name: "Foreslå tider" }));

    const alert = propose.locator("#proposal");
    expect(await alert.textContent()).toMatch(/Forslag: (Sykehuset|Bamsebjørn barnehage) kl\. \d\d:\d\d og /);
    expect(await activeId(propose)).toBe("proposal");
    const ticked = await propose
      .locator('input[name="slotIds"]:checked')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
    expect(ticked).toHaveLength(2);
    const [, syk, bamse] = h.seeded.participationIds;
    expect(ticked.filter((id) => h.seeded.slots(syk).includes(id))).toHaveLength(1);
    expect(ticked.filter((id) => h.seeded.slots(bamse).includes(id))).toHaveLength(1);
    // Only ticked, not booked: the veileder checks and presses «Book».
    expect(h.ctx.db.prepare("SELECT count(*) AS n FROM booking").get()).toEqual({ n: 3 });
    await checkA11y(propose, "the booking page with a proposal");
  });

  it("books two interviews at two employers with the keyboard only, and lands on «Mine bookinger»", async () => {
    const kb = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await kb.goto(h.seeded.bookingPath);
    await kb.getByRole("heading", { level: 1 }).waitFor();
    const passed: Focus[] = [];

    // Times first: Vaskebedrift has one time left; Bamsebjørn's first time does not overlap it.
    await tabTo(kb, byId(`f-slotIds-${h.seeded.lastVaskSlot}`), passed);
    await kb.keyboard.press("Space");
    await tabTo(kb, byId(`f-slotIds-${h.seeded.firstBamseSlot}`), passed);
    await kb.keyboard.press("Space");
    await tabTo(kb, byId("f-candidate-displayName"), passed);
    await kb.keyboard.type("Åse-Marie Ø.");
    await tabTo(kb, byId("f-candidate-birthYear"), passed);
    await kb.keyboard.type("2001");
    await tabTo(kb, byId("f-candidate-eligibility"), passed);
    await kb.keyboard.press("ArrowDown");
    expect(await selectedLabel(kb, "f-candidate-eligibility")).toBe("Spesielt tilpasset innsats");
    await tabTo(kb, byId("f-candidate-caseworkerJoins"), passed);
    await kb.keyboard.press("Space");
    expect(await kb.locator("#f-candidate-caseworkerJoins").isChecked()).toBe(true);
    await tabTo(kb, byId("f-caseworker-name"), passed);
    await kb.keyboard.type("Vera Veileder");
    await tabTo(kb, byId("f-caseworker-email"), passed);
    await kb.keyboard.type("vera@nav.no");
    await tabTo(kb, byId("f-caseworker-officeId"), passed);
    await kb.keyboard.press("ArrowDown");
    expect(await selectedLabel(kb, "f-caseworker-officeId")).toBe("NAV Hamar");
    await tabTo(kb, byText("Book"), passed);
    // Skip link, header, every field, checkbox and the Book button: all with a focus ring.
    expect(passed.length).toBeGreaterThan(15);
    expect(passed.map((f) => f.text)).toContain("Hopp til hovedinnhold");
    await pressAndLoad(kb, "Enter");

    // A browser that does not hold the veileder's manage link yet gets a confirmation, and the link goes
    // out by e-mail; a browser that holds it lands on «Mine bookinger» at once. Either way the veileder
    // ends up there with both interviews.
    if (new URL(kb.url()).pathname.startsWith("/v/")) {
      expect(await kb.getByRole("status").textContent()).toContain("Bookingen er registrert");
    } else {
      await kb.getByRole("heading", { level: 1, name: "Bookingen er registrert" }).waitFor();
      const confirmation = await kb.locator("main").textContent();
      expect(confirmation).toContain("Åse-Marie Ø.: Bamsebjørn barnehage kl. 15:30–16:00");
      expect(confirmation).toContain("Åse-Marie Ø.: Vaskebedrift AS, kantine kl. 17:00–17:30");
      await checkA11y(kb, "the confirmation of a first booking");
      await kb.goto(managePath("vera@nav.no"));
    }
    await kb.getByRole("heading", { level: 1, name: "Mine bookinger" }).waitFor();
    expect((await manageRows(kb)).sort()).toEqual([
      "Åse-Marie Ø. | 15:30–16:00 | Bamsebjørn barnehage",
      "Åse-Marie Ø. | 17:00–17:30 | Vaskebedrift AS, kantine",
    ]);
    const vera = h.ctx.db
      .prepare(
        `SELECT c.caseworker_joins AS joins, count(b.id) AS n FROM candidate c JOIN booking b ON b.candidate_id = c.id
         WHERE c.display_name = 'Åse-Marie Ø.' GROUP BY c.id`,
      )
      .all();
    expect(vera).toEqual([{ joins: 1, n: 2 }]);
    await checkA11y(kb, "the manage page");
    await screenshot(kb, "manage-page");
    page = kb;
  });

  it("cancels on the manage page, and the freed slot goes to another veileder's waiting candidate", async () => {
    const nora = h.seeded.waitlistAtVask();
    await page.reload();
    const cancel = page.getByRole("link", { name: "Avbestill Åse-Marie Ø. kl. 17:00–17:30" });
    await cancel.focus();
    await pressAndLoad(page, "Enter");
    // «Er du sikker?» says what happens; nothing is cancelled before the second press.
    await page.getByRole("heading", { level: 1, name: "Avbestill intervjuet til Åse-Marie Ø." }).waitFor();
    expect(await page.locator("main").textContent()).toContain("tidspunktet blir ledig for andre");
    expect(h.ctx.db.prepare("SELECT count(*) AS n FROM waitlist_entry").get()).toEqual({ n: 1 });
    await checkA11y(page, "the cancel confirmation");
    await clickAndLoad(page.getByRole("button", { name: "Ja, avbestill" }));

    await page.getByRole("heading", { level: 1, name: "Mine bookinger" }).waitFor();
    expect(await page.getByRole("status").first().textContent()).toContain("Intervjuet er avbestilt");
    expect(await manageRows(page)).toEqual(["Åse-Marie Ø. | 15:30–16:00 | Bamsebjørn barnehage"]);
    const promoted = h.ctx.db
      .prepare("SELECT slot_id AS slotId FROM booking WHERE candidate_id = ?")
      .all(nora) as { slotId: number }[];
    expect(promoted).toEqual([{ slotId: h.seeded.lastVaskSlot }]);
    expect(h.ctx.db.prepare("SELECT count(*) AS n FROM waitlist_entry").get()).toEqual({ n: 0 });
    await checkA11y(page, "the manage page after a cancellation");

    // Per sees it on his own manage page, with a notice.
    const perPage = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await perPage.goto(managePath(OTHER.email));
    await perPage.getByRole("heading", { level: 1, name: "Mine bookinger" }).waitFor();
    expect(await manageRows(perPage)).toContain("Nora P. | 17:00–17:30 | Vaskebedrift AS, kantine");
    await perPage.getByText(/Nora P\. har fått plass fra ventelisten: Vaskebedrift AS kl\. 17:00/).waitFor();
    await checkA11y(perPage, "the other veileder's manage page");
  });

  it("shows a confirmation, not the manage link, to a browser that booked with a known address", async () => {
    const other = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(h.seeded.bookingPath);
    await other.getByLabel("Navnet ditt").fill("Vera Veileder");
    await other.getByLabel("E-postadressen din").fill("vera@nav.no");
    await other.getByLabel("NAV-kontoret ditt").selectOption({ label: "NAV Hamar" });
    await other.getByLabel("Fornavn og forbokstav i etternavn").fill("Ali K.");
    await other.getByLabel("Fødselsår").fill("1990");
    await other.getByLabel("Innsatsgruppe").selectOption({ label: "Annet" });
    await other.locator(`#f-slotIds-${h.seeded.slots(h.seeded.participationIds[1])[1]}`).check();
    await clickAndLoad(other.getByRole("button", { name: "Book", exact: true }));
    await other.getByRole("heading", { level: 1, name: "Bookingen er registrert" }).waitFor();
    expect(await other.locator("main").textContent()).toContain(
      "Ali K.: Sykehuset, med.avd. kl. 16:00–16:30, Samtalerom 2",
    );
    expect(await other.locator("main").textContent()).not.toContain("/v/");
    await checkA11y(other, "the confirmation page");
  });

  it("gives the coordinator accessible booking and audit pages", async () => {
    const coord = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await coord.goto(h.ctx.auth.createSetupLink());
    await coord.getByLabel("Navn", { exact: true }).fill("Kari Koordinator");
    await coord.getByLabel("E-postadresse").fill("kari@nav.no");
    await coord.getByLabel("Passord", { exact: true }).fill("et langt passord 123");
    await coord.getByLabel("Gjenta passordet").fill("et langt passord 123");
    await clickAndLoad(coord.getByRole("button", { name: "Opprett konto" }));
    await coord.waitForURL((url) => url.pathname === "/events");

    await coord.goto(`/events/${h.seeded.eventId}/bookings`);
    await coord.getByRole("heading", { level: 1, name: /^Bookinger: Ta sjansen/ }).waitFor();
    expect(
      await coord.getByRole("table", { name: "Alle bookinger i tidsrekkefølge" }).getByRole("row").count(),
    ).toBe(1 + 6);
    await checkA11y(coord, "the coordinator's bookings page");

    await clickAndLoad(coord.getByRole("link", { name: "Endringslogg" }));
    await coord.getByRole("cell", { name: "Fikk plass fra venteliste" }).waitFor();
    expect(await coord.locator("main").textContent()).not.toContain("Nora P.");
    await checkA11y(coord, "the audit log");
  });

  it("logged no server errors on the way", () => {
    expect(h.ctx.logs).toEqual([]);
  });
});
