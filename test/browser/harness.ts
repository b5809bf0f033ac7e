// Owns the real-browser test setup: the app on a loopback port, one Debian chromium per test file,
// and helpers for accessibility checks (axe) and screenshots.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AxeResults, RunOptions } from "axe-core";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../../server/app";
import { openDatabase } from "../../server/db/connection";
import { attachRealtime } from "../../server/realtime/socket";
import { capturingLogger, fixedClock, TEST_SCRYPT_N, TEST_SECRET } from "../helpers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const AXE_SCRIPT = path.join(ROOT, "node_modules/axe-core/axe.min.js");
/**
 * Test runs write screenshots to the ignored test-results/screenshots, so running the tests leaves the
 * working tree clean; the committed ones in test/screenshots change only through `npm run screenshots`.
 */
export const SCREENSHOT_DIR = path.join(
  ROOT,
  process.env.UPDATE_SCREENSHOTS === "1" ? "test/screenshots" : "test-results/screenshots",
);

/**
 * WCAG 2.1 A and AA (what forskrift om universell utforming av IKT requires), plus a few rules axe
 * files under best practice or has retired with WCAG 2.2's 4.1.1: our labels and error links point at
 * ids, so a duplicate id breaks them, and the page structure should stay one banner, nav, main, footer.
 */
const EXTRA_RULES = [
  "duplicate-id",
  "duplicate-id-active",
  "landmark-one-main",
  "landmark-unique",
  "landmark-no-duplicate-banner",
  "landmark-no-duplicate-contentinfo",
  "landmark-no-duplicate-main",
  "landmark-banner-is-top-level",
  "landmark-contentinfo-is-top-level",
  "landmark-main-is-top-level",
  "region",
  "page-has-heading-one",
  "heading-order",
];
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])),
  resultTypes: ["violations"],
};

// Debian's chromium, never a downloaded browser. The flags keep it quiet and off the network.
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

const DEFAULT_NOW = "2026-11-27T09:00:00Z";

/** The real app on a fresh in-memory database, with the test secret and a fixed clock the test may move. */
function appFor(baseUrl: string, now: string) {
  const db = openDatabase(":memory:");
  const logs: string[] = [];
  const clock = fixedClock(now);
  const ctx = createApp({
    db,
    secret: TEST_SECRET,
    baseUrl,
    clock,
    logger: capturingLogger(logs),
    scryptN: TEST_SCRYPT_N,
  });
  return { ...ctx, db, logs, clock };
}

export type HarnessCtx = ReturnType<typeof appFor>;

export type BrowserOptions<S> = {
  /** The server's fixed clock (ISO instant); 27 Nov 2026 09:00 UTC unless given. */
  now?: string;
  /** Attach socket.io (host and board pages) to the test server, without the periodic tick. */
  realtime?: boolean;
  /** Makes the test data through the services once the app runs; what it returns is `seeded`. */
  seed?: (ctx: HarnessCtx, baseUrl: string) => S;
};

export type BrowserHarness<S = void> = {
  /** The running app's services and database, for setup links and checking state. */
  ctx: HarnessCtx;
  baseUrl: string;
  /** What the seed function returned. */
  seeded: S;
  /** A page in a fresh context (own cookies); closed in afterAll. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Sends every open day screen of the event a fresh snapshot (what the periodic tick does), with `realtime`. */
  refresh(eventId: number): void;
};

/**
 * Registers beforeAll/afterAll that start the app and one chromium for the test file, and returns a
 * handle whose fields are ready inside the tests.
 */
export function useBrowser<S = void>(options: BrowserOptions<S> = {}): BrowserHarness<S> {
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  let realtime: ReturnType<typeof attachRealtime> | undefined;
  const contexts: BrowserContext[] = [];
  const harness = {} as BrowserHarness<S>;

  beforeAll(async () => {
    // Listen first so the app's absolute links point at the real port.
    server = http.createServer();
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    harness.baseUrl = `http://127.0.0.1:${port}`;
    harness.ctx = appFor(harness.baseUrl, options.now ?? DEFAULT_NOW);
    server.on("request", harness.ctx.app);
    // Screens get snapshots after every commit; the periodic tick would only add noise to the tests.
    if (options.realtime) realtime = attachRealtime(server, { ...harness.ctx.realtimeDeps, tickMs: 0 });
    harness.refresh = (eventId) => realtime?.broadcast(eventId);
    if (options.seed) harness.seeded = options.seed(harness.ctx, harness.baseUrl);
    browser = await chromium.launch(LAUNCH);
    harness.newPage = async (options = {}) => {
      if (!browser) throw new Error("chromium is not running");
      // bypassCSP only lets axe be injected; the app's strict CSP stays on for everything else.
      const context = await browser.newContext({
        baseURL: harness.baseUrl,
        bypassCSP: true,
        locale: "nb-NO",
        timezoneId: "Europe/Oslo",
        ...options,
      });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    };
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    // socket.io's close also closes the HTTP server; the callback then reports "not running", which is fine.
    realtime?.close();
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await closed;
    harness.ctx?.db.close();
  });

  return harness;
}

type Violation = AxeResults["violations"][number];

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`,
        )
        .join("\n");
      return `  ${v.id} (${v.impact ?? "?"}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

/** Runs axe (WCAG 2.1 A/AA) on the page as it is now and fails with a readable list of violations. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  // Contrast needs the stylesheets: wait for the load event of the current document.
  await page.waitForLoadState("load");
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(
    // axe is a global the injected script defines; the page has no types for it.
    (options) =>
      (window as unknown as { axe: { run(c: Document, o: unknown): Promise<AxeResults> } }).axe.run(
        document,
        options,
      ),
    AXE_OPTIONS,
  );
  if (results.violations.length) {
    throw new Error(
      `axe found ${results.violations.length} accessibility violation(s) on ${label} (${page.url()}):\n` +
        formatViolations(results.violations),
    );
  }
}

/** Saves a full-page PNG to SCREENSHOT_DIR/NAME.png for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
