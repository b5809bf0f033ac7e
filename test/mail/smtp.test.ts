import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { seedDemo } from "../../server/demo/seed";
import { smtpTransport } from "../../server/mail/transport";
import { mailWorker } from "../../server/mail/worker";
import { makeApp, signedInAgent, TEST_SECRET } from "../helpers";
import { BASE_URL, servicesFor } from "./mail-helpers";

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on localhost, as a mail relay would be (no TLS, no auth). */
function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, port: (server.server.address() as AddressInfo).port, received });
    });
  });
}
const stopSmtp = (s: SMTPServer) => new Promise<void>((r) => s.close(() => r()));

/** Undoes quoted-printable (soft line breaks and =XX bytes) so the test can read the text part. */
function qp(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=" && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]));
  }
  return Buffer.from(bytes).toString("utf8");
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(stopSmtp));
});

function demo() {
  const t = makeApp({ now: "2018-04-02T06:00:00Z" }); // Monday 08:00 Oslo, three days before the event
  const { eventId } = seedDemo(t.db, TEST_SECRET, BASE_URL, "2018-04-05");
  const mail = servicesFor(t);
  const event = t.events.get(eventId);
  mail.digest.saveSettings(
    event.regionId,
    {
      contactName: "Kari Nordmann",
      contactEmail: "kari@nav.no",
      marketNews: "",
      autoSend: true,
      weekday: 1,
      sendTime: "08:00",
      reminderDaysBefore: 2,
      reminderTime: "08:00",
    },
    ["ola@nav.no", "vera@nav.no"],
  );
  return { t, mail, event };
}

describe("delivery through a real SMTP server", () => {
  it("delivers the digest to every recipient, text and HTML, once", async () => {
    const smtp = await startSmtp();
    servers.push(smtp.server);
    const { t, mail, event } = demo();
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, {
      from: "Ta sjansen <ikke-svar@nav.no>",
      host: "localhost",
    });
    const worker = mailWorker({ db: t.db, outbox: mail.outbox, transport, log: () => {} });
    expect(mail.digest.sendNow(event.regionId, "smtp-test-request-key-0001")).toMatchObject({
      ok: true,
      mails: 2,
    });

    expect(await worker.drain()).toEqual({ sent: 2, failed: 0 });
    expect(await worker.drain()).toEqual({ sent: 0, failed: 0 });
    transport.close();

    expect(smtp.received.flatMap((r) => r.to).sort()).toEqual(["ola@nav.no", "vera@nav.no"]);
    const m = smtp.received[0];
    expect(m.from).toBe("ikke-svar@nav.no");
    const body = qp(m.raw);
    expect(body).toContain("Vaskebedrift AS, kantine – Ingen ledige intervjutidspunkter");
    expect(body).toContain("Bamsebjørn barnehage – 3 ledige intervjutidspunkter");
    expect(m.raw).toContain("Content-Type: text/plain; charset=utf-8");
    expect(m.raw).toContain("Content-Type: text/html; charset=utf-8");
    expect(m.raw).toMatch(/Reply-To: kari@nav\.no/);
    expect(mail.outbox.counts()).toEqual({ sent: 2 });
    expect(mail.outbox.get(1)?.location).toMatch(/^SMTP smtp:\/\/127\.0\.0\.1:\d+: 250/);
  });

  it("delivers a veileder's reminder with the .ics attachment", async () => {
    const smtp = await startSmtp();
    servers.push(smtp.server);
    const { t, mail, event } = demo();
    t.clock.set("2018-04-03T06:00:00Z"); // two days before, 08:00 Oslo
    expect(mail.scheduler.tick().map((r) => [r.job, r.outcome, r.mails])).toContainEqual([
      `reminder:event:${event.id}`,
      "sent",
      7,
    ]);
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, {
      from: "ikke-svar@nav.no",
      host: "localhost",
    });
    const worker = mailWorker({ db: t.db, outbox: mail.outbox, transport, log: () => {} });
    await worker.drain();
    transport.close();
    const reminder = smtp.received.find((r) => r.to[0] === "veileder1@nav.no");
    expect(reminder).toBeDefined();
    const raw = reminder?.raw ?? "";
    expect(raw).toContain("Content-Type: text/calendar; charset=utf-8");
    expect(raw).toContain("ta-sjansen-2018-04-05.ics");
    expect(qp(raw)).toContain("Ola N. – Vaskebedrift AS, kantine – Samtalerom 1");
  });

  it("leaves the mail in the outbox when the server is down, shows it to the coordinator, and sends it once when the server is back", async () => {
    // Take a free port, then close the server: nothing listens there now.
    const probe = await startSmtp();
    const port = probe.port;
    await stopSmtp(probe.server);

    const { t, mail, event } = demo();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, {
      from: "ikke-svar@nav.no",
      host: "localhost",
    });
    const worker = mailWorker({ db: t.db, outbox: mail.outbox, transport, log: () => {} });
    mail.digest.sendNow(event.regionId, "smtp-test-request-key-0002");

    expect(await worker.drain()).toEqual({ sent: 0, failed: 2 });
    const row = mail.outbox.get(1);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row?.lastError).toContain("ECONNREFUSED");

    const { agent } = await signedInAgent(t);
    const page = await agent.get("/mail").expect(200);
    expect(page.text).toContain("Venter på nytt forsøk");
    expect(page.text).toContain("ECONNREFUSED");
    expect(page.text).toContain("Prøv igjen");

    const smtp = await startSmtp(port);
    servers.push(smtp.server);
    expect(await worker.drain()).toEqual({ sent: 0, failed: 0 }); // backoff: not due yet
    t.clock.set("2018-04-02T06:00:30Z");
    expect(await worker.drain()).toEqual({ sent: 2, failed: 0 });
    t.clock.set("2018-04-02T07:00:00Z");
    expect(await worker.drain()).toEqual({ sent: 0, failed: 0 });
    transport.close();
    expect(smtp.received).toHaveLength(2);
    expect(mail.outbox.counts()).toEqual({ sent: 2 });
  });
});
