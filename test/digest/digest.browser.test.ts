// The markeds-e-post and mail pages in a real chromium, checked with axe (WCAG 2.1 A/AA): preview, settings with a
// refused recipient, send now, the outbox, the task descriptions and the candidate's invitation.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../server/demo/seed";
import { linkToken } from "../../server/shared/tokens";
import { checkA11y, screenshot, useBrowser } from "../browser/harness";
import { TEST_SECRET } from "../helpers";

const h = useBrowser({
  // Monday 2 April 2018, 08:00 Oslo: the demo event is on Thursday.
  now: "2018-04-02T06:00:00Z",
  seed: (ctx, baseUrl) => {
    const { eventId } = seedDemo(ctx.db, TEST_SECRET, baseUrl, "2018-04-05");
    const event = ctx.events.get(eventId);
    return { regionId: event.regionId, bookingUrl: ctx.events.links(event).booking };
  },
});

async function clickAndLoad(target: Locator): Promise<void> {
  const page = target.page();
  await Promise.all([page.waitForEvent("load"), target.click()]);
}
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const menu = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name, exact: true });

describe("the markeds-e-post in the browser", () => {
  let page: Page;

  beforeAll(async () => {
    page = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(h.ctx.auth.createSetupLink());
    await field(page, "Navn").fill("Kari Koordinator");
    await field(page, "E-postadresse").fill("kari@nav.no");
    await field(page, "Passord").fill("et langt passord 123");
    await field(page, "Gjenta passordet").fill("et langt passord 123");
    await clickAndLoad(page.getByRole("button", { name: "Opprett konto" }));
  });

  it("reaches the digest from the E-post page and previews it accessibly", async () => {
    await clickAndLoad(menu(page, "E-post"));
    await page.getByRole("heading", { level: 1, name: "E-post" }).waitFor();
    await checkA11y(page, "the e-post page");
    await clickAndLoad(page.getByRole("link", { name: "Markeds-e-post for Hedmarken" }));
    await page.getByText("Vaskebedrift AS, kantine – Ingen ledige intervjutidspunkter").first().waitFor();
    await checkA11y(page, "the digest preview");
    await screenshot(page, "digest-preview");
  });

  it("refuses a malformed recipient with its line number, and the error link leads to the list", async () => {
    await field(page, "Mottakere").fill("ola@nav.no\nvera@nav\nper@nav.no");
    await clickAndLoad(page.getByRole("button", { name: "Lagre" }));
    const summary = page.getByRole("alert").filter({ hasText: "Rett opp dette" });
    await summary.getByRole("link", { name: /Linje 2: «vera@nav»/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-recipients");
    expect(await field(page, "Mottakere").inputValue()).toBe("ola@nav.no\nvera@nav\nper@nav.no");
    await checkA11y(page, "the digest settings with errors");
  });

  it("saves the list and sends now", async () => {
    await field(page, "Mottakere").fill("ola@nav.no\nvera@nav.no\nper@nav.no");
    await clickAndLoad(page.getByRole("button", { name: "Lagre" }));
    await page.getByText("Innstillingene er lagret.").waitFor();
    await clickAndLoad(page.getByRole("button", { name: "Send nå til 3 mottakere" }));
    await page.getByText("lagt i utboksen til 3 mottakere").waitFor();
    await clickAndLoad(menu(page, "E-post"));
    await page.getByRole("cell", { name: "per@nav.no" }).waitFor();
    await checkA11y(page, "the outbox with mails");
    await screenshot(page, "mail-outbox");
  });

  it("shows veiledere the task descriptions behind the booking link", async () => {
    const visitor = await h.newPage();
    await visitor.goto(`${h.seeded.bookingUrl}/oppgaver`);
    await visitor.getByRole("heading", { level: 2, name: "Bamsebjørn barnehage" }).waitFor();
    await checkA11y(visitor, "the task descriptions");
  });

  it("gives the veileder a printable invitation for the candidate", async () => {
    const veileder = await h.newPage();
    const c = h.ctx.booking.caseworker(1);
    await veileder.goto(`/v/${linkToken(TEST_SECRET, "manage", 1, c?.manageLinkVersion ?? 1)}`);
    await clickAndLoad(veileder.getByRole("link", { name: /Invitasjon til Ola N\./ }));
    await veileder
      .getByRole("heading", { level: 1, name: "Invitasjon til jobbintervju på Ta sjansen" })
      .waitFor();
    await checkA11y(veileder, "the invitation");
    await screenshot(veileder, "candidate-invitation");
  });
});
