import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../server/db/connection";
import type { NewMail } from "../../server/mail/outbox.repo";
import { RETRY } from "../../server/mail/outbox.rules";
import { outboxService } from "../../server/mail/outbox.service";
import { fileTransport } from "../../server/mail/transport";
import { mailWorker } from "../../server/mail/worker";
import { fixedClock } from "../helpers";
import { memoryTransport, tempDir } from "./mail-helpers";

const mail = (i: number, over: Partial<NewMail> = {}): NewMail => ({
  kind: "digest",
  key: `test:${i}`,
  to: `veileder${i}@nav.no`,
  subject: `Emne ${i}`,
  text: `Tekst ${i} med æøå`,
  ...over,
});

const opened: Db[] = [];
function open(file: string) {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function instance(db: Db, clock = fixedClock("2026-11-30T07:00:00Z")) {
  const outbox = outboxService(db, clock);
  const transport = memoryTransport();
  const worker = mailWorker({ db, outbox, transport, log: () => {} });
  return { outbox, transport, worker, clock };
}

describe("outbox", () => {
  it("enqueues a logical mail once per idempotency key", () => {
    const { outbox } = instance(open(":memory:"));
    const first = outbox.enqueue(mail(1));
    const again = outbox.enqueue({ ...mail(1), subject: "Et annet emne" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(outbox.recent()).toHaveLength(1);
    expect(outbox.get(first.id)?.subject).toBe("Emne 1");
  });

  it("cuts a subject too long for the outbox (300 characters) instead of refusing the mail", () => {
    const { outbox } = instance(open(":memory:"));
    const { id } = outbox.enqueue(mail(1, { subject: `Nye virksomheter: ${"Bedrift AS, ".repeat(40)}` }));
    const subject = outbox.get(id)?.subject ?? "";
    expect(Array.from(subject)).toHaveLength(300);
    expect(subject).toMatch(/^Nye virksomheter: Bedrift AS, .*…$/);
  });

  it("deletes a mail's content once it is sent, and keeps recipient, subject, kind, status and dates", async () => {
    const t = instance(open(":memory:"));
    const attachments = [{ filename: "a.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR" }];
    const { id } = t.outbox.enqueue(mail(1, { html: "<p>Ola N.</p>", attachments }));
    const second = t.outbox.enqueue(mail(2)).id;
    t.clock.set("2026-11-30T07:00:00Z");
    expect(await t.worker.drain()).toEqual({ sent: 2, failed: 0 });
    // The transport got the whole mail …
    expect(t.transport.sent[0]).toMatchObject({
      text: "Tekst 1 med æøå",
      html: "<p>Ola N.</p>",
      attachments,
    });
    // … the database keeps only what the admin list shows.
    expect(t.outbox.get(id)).toMatchObject({
      to: "veileder1@nav.no",
      subject: "Emne 1",
      kind: "digest",
      status: "sent",
      sentAt: "2026-11-30T07:00:00.000Z",
      createdAt: "2026-11-30T07:00:00.000Z",
      text: "",
      html: null,
      attachments: [],
    });
    expect(t.outbox.get(second)?.text).toBe("");
  });

  it("deletes the content of mails an older version sent and kept, and only theirs", () => {
    const db = open(":memory:");
    const t = instance(db);
    const sent = t.outbox.enqueue(mail(1, { html: "<p>x</p>" })).id;
    const pending = t.outbox.enqueue(mail(2)).id;
    db.prepare("UPDATE mail_outbox SET status = 'sent', sent_at = created_at WHERE id = ?").run(sent);
    expect(t.outbox.clearSent()).toBe(1);
    expect(t.outbox.get(sent)).toMatchObject({ text: "", html: null, attachments: [] });
    expect(t.outbox.get(pending)?.text).toBe("Tekst 2 med æøå");
  });

  it("sends each mail once, even across a restart (a new worker on the same database)", async () => {
    const file = path.join(tempDir(), "db.sqlite");
    const a = instance(open(file));
    for (let i = 1; i <= 5; i++) a.outbox.enqueue(mail(i));
    expect(await a.worker.drain()).toEqual({ sent: 5, failed: 0 });
    opened.pop()?.close();

    const b = instance(open(file));
    expect(await b.worker.drain()).toEqual({ sent: 0, failed: 0 });
    expect(b.transport.sent).toHaveLength(0);
    expect(b.outbox.counts()).toEqual({ sent: 5 });
  });

  it("re-sends, once, a mail whose worker died after claiming it, when the lease has run out", async () => {
    const file = path.join(tempDir(), "db.sqlite");
    const a = instance(open(file));
    a.outbox.enqueue(mail(1));
    a.outbox.enqueue(mail(2));
    const claimed = a.outbox.claim(10);
    expect(claimed).toHaveLength(2);
    // "Crash": the process stops before sending or recording anything.
    opened.pop()?.close();

    const soon = instance(open(file), fixedClock("2026-11-30T07:01:00Z"));
    expect(await soon.worker.drain()).toEqual({ sent: 0, failed: 0 }); // still within the lease
    opened.pop()?.close();

    const later = instance(
      open(file),
      fixedClock(new Date(Date.parse("2026-11-30T07:00:00Z") + RETRY.leaseMs + 1000).toISOString()),
    );
    expect(await later.worker.drain()).toEqual({ sent: 2, failed: 0 });
    expect(later.transport.sent.map((m) => m.to).sort()).toEqual(["veileder1@nav.no", "veileder2@nav.no"]);
    expect(await later.worker.drain()).toEqual({ sent: 0, failed: 0 });
  });

  it("never lets two workers on two connections send the same mail", async () => {
    const file = path.join(tempDir(), "db.sqlite");
    const clock = fixedClock("2026-11-30T07:00:00Z");
    const a = instance(open(file), clock);
    const b = instance(open(file), clock);
    for (let i = 1; i <= 40; i++) a.outbox.enqueue(mail(i));
    // A slow transport makes the two workers interleave.
    for (const x of [a, b]) {
      const send = x.transport.send.bind(x.transport);
      x.transport.send = async (m) => {
        await new Promise((r) => setTimeout(r, 1));
        return send(m);
      };
    }
    const [ra, rb] = await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(ra.sent + rb.sent).toBe(40);
    const ids = [...a.transport.sent, ...b.transport.sent].map((m) => m.id);
    expect(new Set(ids).size).toBe(40);
    expect(a.outbox.counts()).toEqual({ sent: 40 });
  });

  it("skips a mail whose claim ran out behind slow sends, so a second process sends it only once", async () => {
    const file = path.join(tempDir(), "db.sqlite");
    const clock = fixedClock("2026-11-30T07:00:00Z");
    const dbA = open(file);
    const a = instance(dbA, clock);
    const b = instance(open(file), clock);
    const logs: string[] = [];
    const slowA = mailWorker({ db: dbA, outbox: a.outbox, transport: a.transport, log: (m) => logs.push(m) });
    for (let i = 1; i <= 4; i++) a.outbox.enqueue(mail(i));
    // Slow SMTP in process A: each send takes 2 minutes (the injected clock), inside the 5-minute lease on its
    // own. While A sends the third mail, process B comes by: the fourth, claimed by A at 07:00, looks abandoned.
    let duringA: Promise<unknown> = Promise.resolve();
    const send = a.transport.send.bind(a.transport);
    a.transport.send = async (m) => {
      clock.set(new Date(clock().getTime() + 2 * 60_000).toISOString());
      if (m.idempotencyKey === "test:3") {
        duringA = b.worker.drain();
        await duringA;
      }
      return send(m);
    };
    const resultA = await slowA.drain();
    const sent = [...a.transport.sent, ...b.transport.sent].map((m) => m.idempotencyKey);
    expect(sent.sort()).toEqual(["test:1", "test:2", "test:3", "test:4"]);
    expect(b.transport.sent.map((m) => m.idempotencyKey)).toEqual(["test:4"]);
    expect(resultA).toEqual({ sent: 3, failed: 0 });
    expect(await duringA).toEqual({ sent: 1, failed: 0 });
    expect(a.outbox.counts()).toEqual({ sent: 4 });
    expect(logs.join("\n")).toMatch(/mail 4 \(digest\) skipped/);
  });

  it("retries a failed send with exponential backoff, then delivers it once", async () => {
    const t = instance(open(":memory:"));
    const { id } = t.outbox.enqueue(mail(1));
    t.transport.failNext(2);

    expect(await t.worker.drain()).toEqual({ sent: 0, failed: 1 });
    let row = t.outbox.get(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: "2026-11-30T07:00:30.000Z" });
    expect(row?.lastError).toContain("ECONNREFUSED");

    expect(await t.worker.drain()).toEqual({ sent: 0, failed: 0 }); // not due yet
    t.clock.set("2026-11-30T07:00:30Z");
    expect(await t.worker.drain()).toEqual({ sent: 0, failed: 1 });
    expect(t.outbox.get(id)).toMatchObject({ attempts: 2, nextAttemptAt: "2026-11-30T07:01:30.000Z" });

    t.clock.set("2026-11-30T07:01:30Z");
    expect(await t.worker.drain()).toEqual({ sent: 1, failed: 0 });
    row = t.outbox.get(id);
    expect(row).toMatchObject({ status: "sent", attempts: 3, sentAt: "2026-11-30T07:01:30.000Z" });
    expect(t.transport.sent).toHaveLength(1);
  });

  it("marks a mail failed after the last try, and a coordinator's retry sends it", async () => {
    const t = instance(open(":memory:"));
    const { id } = t.outbox.enqueue(mail(1));
    t.transport.failNext(RETRY.maxAttempts);
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await t.worker.drain();
      t.clock.set(new Date(t.clock().getTime() + RETRY.maxDelayMs).toISOString());
    }
    expect(t.outbox.get(id)).toMatchObject({ status: "failed", attempts: RETRY.maxAttempts });
    expect(await t.worker.drain()).toEqual({ sent: 0, failed: 0 });
    expect(t.outbox.retryNow(id)).toBe(true);
    expect(await t.worker.drain()).toEqual({ sent: 1, failed: 0 });
    expect(t.outbox.get(id)?.status).toBe("sent");
  });

  it("writes .eml files to the outbox directory when no SMTP server is configured", async () => {
    const dir = path.join(tempDir(), "outbox");
    const db = open(":memory:");
    const outbox = outboxService(db, fixedClock("2026-11-30T07:00:00Z"));
    const transport = fileTransport(dir, { from: "Ta sjansen <ikke-svar@localhost>", host: "localhost" });
    const worker = mailWorker({ db, outbox, transport, log: () => {} });
    const { id } = outbox.enqueue(
      mail(7, {
        html: "<p>Hei</p>",
        attachments: [
          {
            filename: "ta-sjansen.ics",
            contentType: "text/calendar; charset=utf-8",
            content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
          },
        ],
      }),
    );
    await worker.drain();
    const row = outbox.get(id);
    expect(row?.location).toBe(path.join(dir, "000001-digest.eml"));
    const eml = fs.readFileSync(row?.location as string, "utf8");
    expect(eml).toContain("To: veileder7@nav.no");
    expect(eml).toContain("Subject: Emne 7");
    expect(eml).toMatch(/Message-ID: <outbox-1-[0-9a-f]{16}@localhost>/);
    expect(eml).toContain("filename=ta-sjansen.ics");
    expect(eml).toContain("Content-Type: text/html");
    expect(fs.readdirSync(dir)).toEqual(["000001-digest.eml"]);
  });
});
