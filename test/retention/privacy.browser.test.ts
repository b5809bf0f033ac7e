// The privacy pages in a real chromium checked with axe (WCAG 2.1 A/AA): scoped API tokens, and a candidate's
// export and erasure on request with the confirmation's error summary leading to the checkbox.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkA11y, type HarnessCtx, useBrowser } from "../browser/harness";
import { openEvent, type TestApp } from "../helpers";
import { book } from "../outcomes/outcomes-helpers";

/** Ola has an interview on 10 Dec 2026; the clock is then moved past the event, so he may be erased. */
function seed(ctx: HarnessCtx) {
  const t = ctx as unknown as TestApp;
  const ev = openEvent(t);
  const ola = book(t, ev, [ev.slots(ev.participationIds[0])[0]], { displayName: "Ola Nordmann" });
  ctx.clock.set("2026-12-11T09:00:00Z");
  return { candidateId: ola.candidateId };
}

const h = useBrowser({ seed });

async function clickAndLoad(target: Locator): Promise<void> {
  const page = target.page();
  await Promise.all([page.waitForEvent("load"), target.click()]);
}
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe("privacy pages", () => {
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

  it("makes a read-only API token for one region, with its expiry listed", async () => {
    await page.goto("/account/tokens");
    await checkA11y(page, "the API token page");
    await field(page, "Navn på tokenet").fill("rapportskript");
    await field(page, "Region").selectOption({ label: "Hedmarken" });
    await field(page, "Gyldig i antall dager").fill("30");
    await clickAndLoad(page.getByRole("button", { name: "Lag token" }));
    await page.getByRole("cell", { name: "Bare lese" }).waitFor();
    await page.getByRole("cell", { name: "10. januar 2027 kl. 10:00" }).waitFor();
    await checkA11y(page, "the API token page with a new token");
  });

  it("erases a candidate only after the confirmation, reached from the error summary", async () => {
    const id = h.seeded.candidateId;
    await page.goto(`/candidates/${id}/oppfolging`);
    await clickAndLoad(page.getByRole("link", { name: "Personvern: innsyn og sletting" }));
    await page.getByRole("heading", { level: 1, name: "Personvern: Ola Nordmann" }).waitFor();
    await checkA11y(page, "the candidate's privacy page");

    await clickAndLoad(page.getByRole("button", { name: "Slett kandidatens personopplysninger" }));
    const summary = page.getByRole("alert").filter({ hasText: "Rett opp dette før du går videre" });
    await summary.getByRole("link").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-confirm");
    await checkA11y(page, "the candidate's privacy page with an error");

    await page.getByLabel(/Kandidaten har bedt om at opplysningene slettes/).check();
    await clickAndLoad(page.getByRole("button", { name: "Slett kandidatens personopplysninger" }));
    await page.getByText("Personopplysningene er slettet.").waitFor();
    await checkA11y(page, "the candidate's privacy page after erasure");
    const name = h.ctx.db.prepare("SELECT display_name FROM candidate WHERE id = ?").pluck().get(id);
    expect(name).not.toBe("Ola Nordmann");
  });
});
