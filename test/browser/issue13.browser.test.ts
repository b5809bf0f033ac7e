// Issue 13 in a real chromium: the booking form on a phone (times first, refusals keep the ticks, Back shows
// no stale ticks), «Mine bookinger» at 375 px, confirmation pages, and a region set up from an empty
// database. The two walks also measure what they cost a person (taps/clicks, fields, screens of scrolling)
// and print it; axe checks every page on the way.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { manageToken } from "../../server/booking/manage-link";
import { TEST_SECRET } from "../helpers";
import { checkA11y, screenshot, useBrowser } from "./harness";

const h = useBrowser();

/**
 * Counts what a person does: a tap per click, tick or field focused (typing is not a tap), two per select
 * (open, choose), and how far they must scroll to reach each control (in screens of the viewport).
 */
class Meter {
  taps = 0;
  fields = 0;
  scrolledPx = 0;
  pages = 0;
  constructor(private readonly page: Page) {}
  private async reach(target: Locator) {
    const before = await this.page.evaluate(() => window.scrollY);
    await target.scrollIntoViewIfNeeded();
    const after = await this.page.evaluate(() => window.scrollY);
    this.scrolledPx += Math.abs(after - before);
  }
  async fill(target: Locator, value: string) {
    await this.reach(target);
    this.taps += 1;
    this.fields += 1;
    await target.fill(value);
  }
  async select(target: Locator, label: string) {
    await this.reach(target);
    this.taps += 2;
    this.fields += 1;
    await target.selectOption({ label });
  }
  async check(target: Locator) {
    await this.reach(target);
    this.taps += 1;
    await target.check();
  }
  async clickAndLoad(target: Locator) {
    await this.reach(target);
    this.taps += 1;
    this.pages += 1;
    await Promise.all([this.page.waitForEvent("load"), target.click()]);
  }
  screens() {
    const vh = this.page.viewportSize()?.height ?? 1;
    return Math.round((this.scrolledPx / vh) * 10) / 10;
  }
}

/** Elements that stick out to the right of a 375 px viewport (sr-only and skip link excepted). */
const overflowAt375 = (page: Page) =>
  page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    outside: [...document.querySelectorAll("body *")]
      .filter((el) => !el.closest(".sr-only, .skip-link") && el.getBoundingClientRect().right > 375.5)
      .map((el) => el.tagName + (el.id ? `#${el.id}` : "")),
  }));

async function signUp(page: Page) {
  await page.goto(h.ctx.auth.createSetupLink());
  await page.getByLabel("Navn", { exact: true }).fill("Kari Koordinator");
  await page.getByLabel("E-postadresse").fill("kari@nav.no");
  await page.getByLabel("Passord", { exact: true }).fill("et langt passord 123");
  await page.getByLabel("Gjenta passordet").fill("et langt passord 123");
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Opprett konto" }).click()]);
}

const EMPLOYERS = [
  ["Vaskebedrift AS", "kantine", "Oppvask og servering"],
  ["Gjenbruksbedrift AS", "renovasjonsanlegg", "Sortering"],
  ["Sykehuset", "med.avd.", "Servicemedarbeider"],
  ["Overnattingsstedet AS", "kjøkken og resepsjon", "Kjøkken og resepsjon"],
  ["Bamsebjørn barnehage", "", "Assistent"],
] as const;

describe("issue 13 in the browser", () => {
  let bookingPath = "";

  it("sets up a region, an office, five employers with rooms and an open event from an empty database", async () => {
    const page = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await signUp(page);
    const m = new Meter(page);

    await page.goto("/regions");
    await m.fill(page.getByLabel("Navn på regionen"), "Hedmarken");
    await m.clickAndLoad(page.getByRole("button", { name: "Opprett region" }));
    expect(await page.getByRole("status").first().textContent()).toContain("Regionen er opprettet");
    await m.fill(page.getByLabel("Nytt kontor i Hedmarken"), "NAV Hamar");
    await m.fill(page.getByLabel("Adresse", { exact: true }), "Vangsvegen 73");
    await m.clickAndLoad(page.getByRole("button", { name: "Legg til kontor" }));
    // The region warns that its weekly e-mail reaches nobody yet, and links to it.
    expect(await page.locator("main").textContent()).toContain("har ingen mottakere");
    await checkA11y(page, "the regions page with a warning");

    for (const [name] of EMPLOYERS) {
      await m.clickAndLoad(page.getByRole("link", { name: "Virksomheter", exact: true }).first());
      await m.clickAndLoad(page.getByRole("link", { name: "Ny virksomhet" }));
      // The only region is already chosen.
      expect(await page.getByLabel("Region").inputValue()).not.toBe("");
      await m.fill(page.getByLabel("Navn", { exact: true }), name);
      await m.clickAndLoad(page.getByRole("button", { name: "Lagre" }));
    }
    await checkA11y(page, "the employer list with a success message");

    await m.clickAndLoad(page.getByRole("link", { name: "Arrangementer", exact: true }).first());
    await m.clickAndLoad(page.getByRole("link", { name: "Nytt arrangement" }));
    // The only office is preselected; the date, times and programme have defaults.
    expect(await page.getByLabel("Sted (NAV-kontor)").inputValue()).not.toBe("");
    await m.clickAndLoad(page.getByRole("button", { name: "Lagre" }));
    const eventUrl = page.url();

    for (const [name, department, tasks] of EMPLOYERS) {
      await m.clickAndLoad(page.getByRole("link", { name: "Legg til virksomhet" }));
      await m.select(page.getByLabel("Virksomhet", { exact: true }), name);
      if (department) await m.fill(page.getByLabel("Avdeling/arbeidsområde"), department);
      await m.fill(page.getByLabel("Arbeidsoppgaver", { exact: true }), tasks);
      // The room is made right here, on the event's office.
      await m.fill(
        page.getByLabel(/^(Eller nytt samtalerom|Samtalerom) \(valgfritt\)$/),
        `Rom ${name.slice(0, 12)}`,
      );
      await m.clickAndLoad(page.getByRole("button", { name: "Lagre" }));
      expect(page.url().split("#")[0]).toBe(eventUrl.split("#")[0]);
    }
    await m.clickAndLoad(page.getByRole("button", { name: "Sett til «Åpen for booking»" }));
    expect(await page.getByRole("status").first().textContent()).toContain("Statusen er endret");
    await checkA11y(page, "the event page");
    // Links are copied with one tap (the button appears only with script).
    await page.getByRole("button", { name: "Kopier Booking (veiledere)" }).waitFor();
    bookingPath = new URL((await page.locator("dd code.token").first().textContent()) ?? "").pathname;

    const rooms = h.ctx.db.prepare("SELECT count(*) AS n FROM room").get() as { n: number };
    expect(rooms.n).toBe(5);
    console.log(
      `[measure] one event from an empty database (region, office, 5 employers, 5 rooms, 5 participations, open): ${m.taps} clicks, ${m.fields} fields, ${m.pages} page loads`,
    );
    expect(m.fields).toBeLessThan(39);
    expect(m.taps).toBeLessThan(95);

    // Rotating the booking link asks first and says what happens to e-mails already sent.
    await Promise.all([
      page.waitForEvent("load"),
      page.getByRole("link", { name: "Lag ny lenke for Booking (veiledere)" }).click(),
    ]);
    expect(await page.locator("main").textContent()).toContain("også lenken i markeds-e-poster");
    await checkA11y(page, "the confirmation before a new booking link");
  }, 300_000);

  it("books three candidates on a 375 px phone: times first, refusals keep ticks, Back shows none", async () => {
    const phone = await h.newPage({ viewport: { width: 375, height: 740 } });
    const m = new Meter(phone);
    await phone.goto(bookingPath);
    // The first free time is within the first screen and a half, before any person's fields.
    const firstTime = phone.locator('input[name="slotIds"]').first();
    const top = await firstTime.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top).toBeLessThan(740 * 1.5);
    const name = await phone.locator("#f-caseworker-name").evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(name);
    const overflow = await overflowAt375(phone);
    expect(overflow.outside).toEqual([]);
    expect(overflow.width).toBeLessThanOrEqual(375);
    await checkA11y(phone, "the booking page at 375 px");
    await screenshot(phone, "booking-375");

    const slots = h.ctx.db
      .prepare(
        `SELECT s.id, e.name FROM slot s JOIN participation p ON p.id = s.participation_id
         JOIN employer e ON e.id = p.employer_id ORDER BY p.id, s.starts_at`,
      )
      .all() as { id: number; name: string }[];
    const slotsOf = (employer: string) => slots.filter((s) => s.name === employer).map((s) => s.id);

    async function book(candidate: string, picks: number[], first: boolean) {
      for (const id of picks) await m.check(phone.locator(`#f-slotIds-${id}`));
      await m.fill(phone.getByLabel("Fornavn og forbokstav i etternavn"), candidate);
      await m.fill(phone.getByLabel("Fødselsår"), "2001");
      await m.select(phone.getByLabel("Innsatsgruppe"), "Spesielt tilpasset innsats");
      if (first) {
        await m.fill(phone.getByLabel("Navnet ditt"), "Vera Veileder");
        await m.fill(phone.getByLabel("E-postadressen din"), "vera@nav.no");
        await m.select(phone.getByLabel("NAV-kontoret ditt"), "NAV Hamar");
      }
      await m.clickAndLoad(phone.getByRole("button", { name: "Book", exact: true }));
    }

    // 1: a refusal (two times at the same employer) keeps the other tick and marks the refused one.
    const vask = slotsOf("Vaskebedrift AS");
    const bamse = slotsOf("Bamsebjørn barnehage");
    await book("Åse-Marie Ø.", [bamse[0], vask[1], vask[2]], true);
    await phone.getByRole("heading", { name: "Rett opp dette før du går videre:" }).waitFor();
    const refusedMark = await phone.locator(".refused-slot").textContent();
    expect(refusedMark).toMatch(/kan ikke bookes/);
    const kept = await phone
      .locator('input[name="slotIds"]:checked')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
    expect(kept).toHaveLength(2);
    expect(kept).toContain(bamse[0]);
    expect(await phone.getByLabel("Fornavn og forbokstav i etternavn").inputValue()).toBe("Åse-Marie Ø.");
    await checkA11y(phone, "the booking page after a refusal");
    // The two kept times are fine: book them as they are.
    await m.clickAndLoad(phone.getByRole("button", { name: "Book", exact: true }));
    await phone.getByRole("heading", { level: 1, name: "Bookingen er registrert" }).waitFor();
    await checkA11y(phone, "the confirmation on a phone");

    // 2 from the confirmation's «Book en kandidat til»; the veileder is remembered.
    await m.clickAndLoad(phone.getByRole("link", { name: "Book en kandidat til" }));
    await book("Ola N.", [slotsOf("Sykehuset")[1], slotsOf("Gjenbruksbedrift AS")[2]], false);
    await phone.getByRole("heading", { level: 1, name: "Bookingen er registrert" }).waitFor();

    // Back after a booking: the form comes fresh from the server, without the ticks just booked.
    await phone.goBack({ waitUntil: "load" });
    m.taps += 1;
    await phone.getByRole("heading", { level: 1, name: /^Book kandidat/ }).waitFor();
    expect(await phone.locator('input[name="slotIds"]:checked').count()).toBe(0);
    expect(await phone.getByLabel("Fornavn og forbokstav i etternavn").inputValue()).toBe("");

    // 3 from there.
    await book("Kari S.", [slotsOf("Overnattingsstedet AS")[0], slotsOf("Bamsebjørn barnehage")[2]], false);
    await phone.getByRole("heading", { level: 1, name: "Bookingen er registrert" }).waitFor();
    const booked = h.ctx.db.prepare("SELECT count(*) AS n FROM booking").get() as { n: number };
    expect(booked.n).toBe(6);
    console.log(
      `[measure] a veileder booking three candidates on a 375 px phone (incl. one refusal): ${m.taps} taps, ${m.screens()} screens of scrolling to reach the controls, ${m.pages} page loads`,
    );

    // «Mine bookinger» at 375 px: cards, no sideways scrolling, coming events first.
    const c = h.ctx.booking.caseworkerByEmail("vera@nav.no");
    if (!c) throw new Error("no veileder");
    await phone.goto(`/v/${manageToken(TEST_SECRET, c)}`);
    await phone.getByRole("heading", { level: 1, name: "Mine bookinger" }).waitFor();
    const manageOverflow = await overflowAt375(phone);
    expect(manageOverflow.outside).toEqual([]);
    expect(manageOverflow.width).toBeLessThanOrEqual(375);
    expect(await phone.locator(".booking-cards > li").count()).toBe(6);
    await checkA11y(phone, "«Mine bookinger» at 375 px");
    await screenshot(phone, "manage-375");
  }, 300_000);
});
