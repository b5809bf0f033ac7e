// Test helpers for mail: the mail services over a test app, an in-memory transport, a temporary data dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { OutboxRow } from "../../server/mail/outbox.repo";
import type { MailTransport } from "../../server/mail/transport";
import type { TestApp } from "../helpers";

export const BASE_URL = "http://localhost:3000";

/** The app's own mail services (createApp builds them once and subscribes their listener). */
export function servicesFor(t: TestApp) {
  return t.mail;
}

/** A transport that keeps what it was given; `failNext` makes the next n sends fail like a down server. */
export function memoryTransport() {
  const sent: OutboxRow[] = [];
  let failures = 0;
  const transport: MailTransport & { sent: OutboxRow[]; failNext: (n: number) => void } = {
    kind: "file",
    describe: "Testtransport",
    sent,
    failNext: (n: number) => {
      failures = n;
    },
    async send(m) {
      if (failures > 0) {
        failures -= 1;
        throw new Error("connect ECONNREFUSED 127.0.0.1:2525");
      }
      sent.push(m);
      return `memory:${m.id}`;
    },
    close() {},
  };
  return transport;
}

const tempDirs: string[] = [];
// Registered when a test file imports this module, so it runs after that file's tests.
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system's temp dir, removed after the test file. */
export function tempDir(prefix = "ta-sjansen-mail-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export const count = (t: { db: TestApp["db"] }, sql: string, ...args: unknown[]) =>
  (t.db.prepare(sql).get(...args) as { n: number }).n;
