// The whole story as a new team would live it, in a real chromium: a coordinator plans an event,
// two veiledere book (one ends on the waitlist), the weekly e-mail counts the free slots, and on the
// day the hovmester checks a candidate in while the lobby board follows without a reload.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { linkToken } from "../../server/shared/tokens";
import { TEST_SECRET } from "../helpers";
import { checkA11y, useBrowser } from "./harness";

const h = useBrowser({ now: "2026-11-27T09:00:00Z", realtime: true });

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}
async function submit(page: Page, name: string) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name, exact: true }).click()]);
}

describe("the whole story", () => {
  // One long journey through a real browser: give it room on a busy 2-core machine.
  it("goes from planning to booking, the weekly e-mail, the day, feedback and statistics", {
    timeout: 120_000,
  }, async () => {
    // 1. The first coordinator sets up the region, an office with rooms, two employers and an event.
    const coordinator = await h.newPage();
    await coordinator.goto(h.ctx.auth.createSetupLink());
    await fill(coordinator, "Navn", "Kari Koordinator");
    await fill(coordinator, "E-postadresse", "kari@nav.no");
    await fill(coordinator, "Passord", "et langt passord 123");
    await fill(coordinator, "Gjenta passordet", "et langt passord 123");
    await submit(coordinator, "Opprett konto");

    await coordinator.goto("/regions");
    await fill(coordinator, "Navn på regionen", "Hedmarken");
    await submit(coordinator, "Opprett region");
    await fill(coordinator, "Nytt kontor i Hedmarken", "NAV Hamar");
    await submit(coordinator, "Legg til kontor");
    for (const roomName of ["Samtalerom 1", "Samtalerom 2"]) {
      await fill(coordinator, "Nytt samtalerom på NAV Hamar", roomName);
      await submit(coordinator, "Legg til rom");
    }
    for (const name of ["Vaskebedrift AS", "Bamsebjørn barnehage"]) {
      await coordinator.goto("/employers/new");
      await coordinator.getByLabel("Region").selectOption({ label: "Hedmarken" });
      await fill(coordinator, "Navn", name);
      await submit(coordinator, "Lagre");
    }

    await coordinator.goto("/events/new");
    await fill(coordinator, "Dato", "2026-12-10");
    await coordinator.getByLabel("Sted (NAV-kontor)").selectOption({ label: "NAV Hamar (Hedmarken)" });
    await submit(coordinator, "Lagre");
    const eventId = Number(new URL(coordinator.url()).pathname.split("/").pop());
    // Vaskebedrift takes one interview only, so the second veileder meets a full employer.
    for (const [name, count, roomName] of [
      ["Vaskebedrift AS", "1", "Samtalerom 1"],
      ["Bamsebjørn barnehage", "4", "Samtalerom 2"],
    ]) {
      await coordinator.goto(`/events/${eventId}/participations/new`);
      await coordinator.getByLabel("Virksomhet", { exact: true }).selectOption({ label: name });
      await fill(coordinator, "Antall intervjuer", count);
      await coordinator.getByLabel("Samtalerom", { exact: true }).selectOption({ label: roomName });
      await submit(coordinator, "Lagre");
    }
    await coordinator.goto(`/events/${eventId}`);
    await submit(coordinator, "Sett til «Åpen for booking»");
    await expect
      .poll(() => coordinator.locator("main").textContent())
      .toContain("5 ledige intervjutidspunkter");
    await checkA11y(coordinator, "event page with two employers");
    const links = h.ctx.events.links(h.ctx.events.get(eventId));

    // 2. Two veiledere book from the booking link; the second finds Vaskebedrift full and waits.
    /** tick: [employer, checkbox label] pairs; a time's label is only unique within its employer's group. */
    async function book(email: string, candidate: string, tick: [string, string][]) {
      const page = await h.newPage();
      await page.goto(links.booking);
      await fill(page, "Navnet ditt", email.split("@")[0]);
      await fill(page, "E-postadressen din", email);
      await page.getByLabel("NAV-kontoret ditt").selectOption({ label: "NAV Hamar" });
      await fill(page, "Fornavn og forbokstav i etternavn", candidate);
      await fill(page, "Fødselsår", "2001");
      await page.getByLabel("Innsatsgruppe").selectOption({ label: "Spesielt tilpasset innsats" });
      for (const [employer, label] of tick) {
        await page.locator(".card", { hasText: employer }).getByLabel(label, { exact: true }).check();
      }
      await submit(page, "Book");
      await expect.poll(() => page.locator("h1").textContent()).toBe("Bookingen er registrert");
      return page;
    }
    await book("vera@nav.no", "Ola N.", [["Vaskebedrift AS", "15:30–16:00"]]);
    const per = await book("per@nav.no", "Kari S.", [
      ["Vaskebedrift AS", "Fullt – sett kandidaten på venteliste hos Vaskebedrift AS"],
      ["Bamsebjørn barnehage", "16:00–16:30"],
    ]);
    await checkA11y(per, "booking confirmation");
    expect(h.ctx.db.prepare("SELECT count(*) AS n FROM waitlist_entry").get()).toEqual({ n: 1 });

    // 3. The weekly e-mail's preview counts what is still free, per employer and in all.
    const regionId = (h.ctx.db.prepare("SELECT id FROM region").get() as { id: number }).id;
    await coordinator.goto(`/regions/${regionId}/digest`);
    const digest = await coordinator.locator("main").textContent();
    expect(digest).toContain("Vaskebedrift AS – Ingen ledige intervjutidspunkter");
    expect(digest).toContain("Bamsebjørn barnehage – 3 ledige intervjutidspunkter");

    // 4. On the day the hovmester checks Ola in and sends him to his room; the board follows live.
    h.ctx.clock.set("2026-12-10T14:25:00Z");
    const board = await h.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(links.board);
    await board.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
    await board.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const host = await h.newPage({ viewport: { width: 800, height: 1280 } });
    await host.goto(links.host);
    await host.locator('#day[data-connected="true"]').waitFor({ state: "attached" });
    const ola = host.locator(".arrival", { hasText: "Ola N." });
    await ola.getByRole("button", { name: /^Ankommet/ }).click();
    await board.getByRole("region", { name: "Samtalerom 1: Kandidat venter" }).waitFor();
    await ola.getByRole("button", { name: /^Send inn/ }).click();
    await board.getByRole("region", { name: "Samtalerom 1: Intervju pågår" }).waitFor();
    expect(await board.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // The board shows first name and initial only, never the veileder.
    expect(await board.locator("main").textContent()).not.toContain("vera");

    await ola.getByRole("button", { name: /^Ferdig/ }).click();
    await board.getByRole("region", { name: "Samtalerom 1: Ferdig for dagen" }).waitFor();

    // 5. Once the interviews are under way, Vaskebedrift gives Ola feedback and an offer through its own
    //    link, on a phone (before the first interview the link shows no candidates at all).
    h.ctx.clock.set("2026-12-10T15:05:00Z");
    const vask = h.ctx.events
      .detail(eventId)
      .participations.find((p) => p.employerName === "Vaskebedrift AS");
    const employer = await h.newPage({ viewport: { width: 375, height: 800 } });
    await employer.goto(`/a/${linkToken(TEST_SECRET, "employer", vask?.id ?? 0, 1)}`);
    await employer.getByRole("link", { name: /Gi tilbakemelding til Ola N\./ }).click();
    await employer.getByRole("group", { name: "Vurdering" }).getByLabel("Aktuell", { exact: true }).check();
    for (const d of ["Håndtrykk", "Språk", "Øyekontakt"]) {
      await employer.getByRole("group", { name: d }).getByLabel("Bra", { exact: true }).check();
    }
    await employer.getByLabel("Tilbud om arbeidstrening/arbeidspraksis").check();
    await checkA11y(employer, "employer feedback form");
    await submit(employer, "Lagre tilbakemelding");
    expect(h.ctx.db.prepare("SELECT count(*) AS n FROM feedback").get()).toEqual({ n: 1 });

    // 6. Vera records that Ola said yes, from her manage link.
    const vera = h.ctx.booking.caseworkerByEmail("vera@nav.no");
    const veraPage = await h.newPage();
    await veraPage.goto(
      `/v/${linkToken(TEST_SECRET, "manage", vera?.id ?? 0, vera?.manageLinkVersion ?? 1)}`,
    );
    await veraPage
      .getByRole("link", { name: /Tilbakemeldinger, tilbud og oppfølging/ })
      .first()
      .click();
    await veraPage.getByLabel("Registrer kandidatens svar").selectOption({ label: "Takket ja" });
    await submit(veraPage, "Lagre svaret på Arbeidstrening/arbeidspraksis hos Vaskebedrift AS");

    // 7. Booking closed by itself at the deadline; the coordinator marks the event held that evening (it would
    // be held by itself the day after). The statistics count each candidate once.
    // Two weeks later the session has expired: sign in again.
    await coordinator.goto(`/events/${eventId}`);
    await fill(coordinator, "E-postadresse", "kari@nav.no");
    await fill(coordinator, "Passord", "et langt passord 123");
    await submit(coordinator, "Logg inn");
    await coordinator.getByText("Status: Booking stengt").waitFor();
    await submit(coordinator, "Sett til «Gjennomført»");
    await coordinator.goto("/stats");
    const row2026 = coordinator.getByRole("row", { name: /^2026/ }).first();
    // Ola (interview, feedback, offer) and Kari (an interview and a waitlist place) count once each; one event;
    // both took part this year.
    expect(await row2026.locator("th, td").allTextContents()).toEqual(["2026", "2", "1", "2"]);
    await checkA11y(coordinator, "statistics page");

    // 8. Per's manage link (from the e-mail) shows the booking and the waitlist place.
    const cw = h.ctx.booking.caseworkerByEmail("per@nav.no");
    await per.goto(`/v/${linkToken(TEST_SECRET, "manage", cw?.id ?? 0, cw?.manageLinkVersion ?? 1)}`);
    expect(await per.locator("main").textContent()).toContain("venter på plass hos Vaskebedrift AS");
  });
});
