// After the event, in a real chromium checked with axe (WCAG 2.1 A/AA): the employer's feedback form on a phone,
// the history import with refused lines, and the statistics page a coordinator pastes into a report.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { StatusCategory } from "../../server/outcomes/outcomes.rules";
import { statusService } from "../../server/outcomes/status.service";
import { linkToken } from "../../server/shared/tokens";
import { statsService } from "../../server/stats/stats.service";
import { checkA11y, type HarnessCtx, screenshot, useBrowser } from "../browser/harness";
import { plainEmployer, TEST_SECRET } from "../helpers";
import { historyCsv } from "./history";

/** Roughly the report's shares (27 % in work, 6 % ufør, …); about one in ten has no status yet. */
const STATUS_WEIGHTS: [StatusCategory | null, number][] = [
  ["in-work", 27],
  ["disabled", 6],
  ["not-registered", 9],
  ["measure", 22],
  ["registered", 18],
  ["changed-group", 5],
  ["unemployment-benefit", 3],
  ["clarified", 2],
  [null, 8],
];

function statusFor(i: number): StatusCategory | null {
  // A fixed scramble of the index, so the cohorts differ a little but every run is the same.
  let x = (i * 7919 + 13) % 100;
  for (const [status, weight] of STATUS_WEIGHTS) {
    if (x < weight) return status;
    x -= weight;
  }
  return null;
}

/** History 2013–2018, twelve-month statuses for the cohorts 2013–2017, and an event on 14 Feb 2019 with feedback due. */
function seed(ctx: HarnessCtx) {
  ctx.clock.set("2019-01-02T09:00:00Z");
  const regionId = ctx.regions.createRegion({ name: "Hedmarken" });
  const officeId = ctx.regions.createOffice(regionId, { name: "NAV Hamar", address: "Vangsvegen 73" });
  const roomId = ctx.regions.createRoom(officeId, { name: "Samtalerom 1" });
  const stats = statsService(ctx.db, ctx.clock);
  const report = stats.importHistory("coordinator:seed", regionId, historyCsv());
  if (!report.ok) throw new Error("the history did not import");

  const status = statusService(ctx.db, ctx.clock);
  const cohorts = status.cohorts(regionId);
  let i = 0;
  for (const [personId, first] of cohorts) {
    if (first >= "2018-01-01") continue;
    const s = statusFor(i++);
    if (s) status.record("coordinator:seed", personId, { status: s, asOf: "2018-12-31" });
  }

  const employer = (name: string) => ctx.employers.create(plainEmployer(regionId, name));
  const eventId = ctx.events.create({
    officeId,
    title: "Ta sjansen",
    date: "2019-02-14",
    interviewStart: "15:30",
    interviewEnd: "17:30",
    slotMinutes: 30,
    gapMinutes: 0,
    maxInterviews: 2,
    pepTalkGap: false,
    hideNamesOnBoard: false,
    bookingDeadline: undefined,
    programme: "",
  });
  const participationId = ctx.events.addParticipation(eventId, {
    employerId: employer("Vaskebedrift AS"),
    department: "kantine",
    tasks: "Oppvask og servering",
    training: "",
    prerequisites: "",
    minAge: undefined,
    restrictions: "",
    offerTypes: ["arbeidstrening"],
    interviewCount: 4,
    roomId,
  });
  ctx.events.setStatus(eventId, "open");
  const slots = ctx.events.participation(participationId).slots.map((s) => s.id);
  ["Ola Nordmann", "Kari Berg Hansen", "Siv Solberg"].forEach((displayName, n) => {
    ctx.booking.register({ kind: "caseworker", id: "caseworker:new" }, eventId, {
      caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId },
      candidate: {
        displayName,
        birthYear: 1998 + n,
        eligibility: "spesielt-tilpasset",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [slots[n]],
      waitlistParticipationIds: [],
      requestKey: `browser-outcomes-key-${n}-000000`,
    });
  });
  ctx.events.setStatus(eventId, "closed");
  ctx.events.setStatus(eventId, "held");
  // The evening of the event: the employer fills in feedback between and after the interviews.
  ctx.clock.set("2019-02-14T17:00:00Z");
  return {
    regionId,
    employerPath: `/a/${linkToken(TEST_SECRET, "employer", participationId, 1)}`,
  };
}

const h = useBrowser({ now: "2019-01-02T09:00:00Z", seed });

async function clickAndLoad(target: Locator): Promise<void> {
  const page = target.page();
  await Promise.all([page.waitForEvent("load"), target.click()]);
}
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe("the employer's feedback on a phone", () => {
  let phone: Page;
  beforeAll(async () => {
    phone = await h.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  });

  it("lists the evening's interviews by first name and initial", async () => {
    await phone.goto(h.seeded.employerPath);
    await phone.getByRole("heading", { level: 2, name: "Kl. 15:30: Ola N." }).waitFor();
    expect(await phone.content()).not.toContain("1998");
    await checkA11y(phone, "the employer's interview list");
  });

  it("refuses a form without an assessment accessibly, then saves it", async () => {
    await clickAndLoad(phone.getByRole("link", { name: "Gi tilbakemelding til Ola N. kl. 15:30" }));
    await phone.getByRole("heading", { level: 1, name: "Tilbakemelding: Ola N." }).waitFor();
    await checkA11y(phone, "the feedback form");
    await screenshot(phone, "feedback-375");

    await phone
      .getByRole("group", { name: "Håndtrykk" })
      .getByRole("radio", { name: "Bra", exact: true })
      .check();
    await field(phone, "Tilbakemelding til kandidaten").fill("Godt intervju! Øv på å fortelle om deg selv.");
    await clickAndLoad(phone.getByRole("button", { name: "Lagre tilbakemelding" }));
    const summary = phone.getByRole("alert").filter({ hasText: "Rett opp dette" });
    await summary.getByRole("link", { name: /Velg vurdering/ }).click();
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe("f-assessment");
    expect(await field(phone, "Tilbakemelding til kandidaten").inputValue()).toBe(
      "Godt intervju! Øv på å fortelle om deg selv.",
    );
    await checkA11y(phone, "the feedback form with errors");

    await phone
      .getByRole("group", { name: "Vurdering" })
      .getByRole("radio", { name: "Aktuell", exact: true })
      .check();
    await phone.getByLabel("Tilbud om arbeidstrening/arbeidspraksis").check();
    await clickAndLoad(phone.getByRole("button", { name: "Lagre tilbakemelding" }));
    await phone.getByText("Tilbakemeldingen til Ola N. er lagret.").waitFor();
    const offer = h.ctx.db.prepare("SELECT type, answer FROM offer").all();
    expect(offer).toEqual([{ type: "arbeidstrening", answer: "pending" }]);
  });
});

describe("the veileder after the event", () => {
  it("reads the feedback on the manage page and records the candidate's answer", async () => {
    const page = await h.newPage({ viewport: { width: 1280, height: 900 } });
    const c = h.ctx.booking.caseworkerByEmail("vera@nav.no");
    const manage = `/v/${linkToken(TEST_SECRET, "manage", c?.id ?? 0, c?.manageLinkVersion ?? 1)}`;
    await page.goto(manage);
    await page
      .getByText("Vaskebedrift AS, kantine: Aktuell, tilbud om arbeidstrening/arbeidspraksis")
      .waitFor();
    await checkA11y(page, "the manage page after the event");
    await clickAndLoad(
      page.getByRole("link", { name: "Tilbakemeldinger, tilbud og oppfølging for Ola Nordmann" }),
    );
    await page.getByText("Godt intervju! Øv på å fortelle om deg selv.").waitFor();
    await page.getByLabel("Registrer kandidatens svar").selectOption("accepted");
    await clickAndLoad(page.getByRole("button", { name: /Lagre svaret/ }));
    await page.getByRole("heading", { level: 4, name: "Lag oppfølgingsplan" }).waitFor();
    await checkA11y(page, "the candidate's feedback and follow-up page");
    await screenshot(page, "candidate-follow-up");
  });
});

describe("the coordinator's import and statistics", () => {
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

  it("dry-runs an import and lists every refused line with its reason", async () => {
    await page.goto("/stats/import");
    await page.getByRole("heading", { level: 1, name: "Importer historikk" }).waitFor();
    await checkA11y(page, "the import page");
    await field(page, "Innholdet i CSV-filen").fill(
      "dato;personnøkkel;virksomhet\n12.03.2012;HM-9001;Sykehuset\n12.03.2012;HM-9001;Sykehuset\n12.03.2012;01019012480;Sykehuset",
    );
    await clickAndLoad(page.getByRole("button", { name: "Prøv først (lagrer ingenting)" }));
    await page.getByRole("cell", { name: "Linjen er lik linje 2" }).waitFor();
    await page.getByRole("cell", { name: /ser ut som et fødselsnummer/ }).waitFor();
    await checkA11y(page, "the import page with refused lines");
  });

  it("shows the statistics a coordinator pastes into a report", async () => {
    await clickAndLoad(
      page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Statistikk" }),
    );
    await page.getByRole("heading", { level: 1, name: "Statistikk for Ta sjansen" }).waitFor();
    const years = page.getByRole("table", { name: /Antall deltakere og arrangementer/ });
    await years.getByRole("row", { name: "Totalt 332 28" }).waitFor();
    await page.getByRole("img", { name: /Unike kandidater per år, 2013–2019/ }).waitFor();
    await page.getByRole("img", { name: /Status minst tolv måneder etter deltakelse/ }).waitFor();
    await checkA11y(page, "the statistics page");
    await screenshot(page, "statistics");
  });
});
