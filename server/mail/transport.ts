// Owns handing a mail to the outside world: as an .eml file in DATA_DIR/outbox (no SMTP configured) or via SMTP.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { DIR_MODE, FILE_MODE } from "../shared/data-dir";
import type { OutboxRow } from "./outbox.repo";

export type MailTransport = {
  kind: "file" | "smtp";
  /** Where mails go, for the admin page (never the SMTP password). */
  describe: string;
  /** Sends one mail; resolves with where it went (file path or the server's answer), rejects on failure. */
  send(mail: OutboxRow): Promise<string>;
  close(): void;
};

export type TransportOptions = { from: string; host: string };

/**
 * The Message-ID is derived from the outbox row, so a mail re-sent after a crash between "accepted by the
 * server" and "marked sent" carries the same id and the receiving side can recognise the duplicate.
 */
export function messageId(mail: Pick<OutboxRow, "id" | "idempotencyKey">, host: string): string {
  const h = crypto.createHash("sha256").update(mail.idempotencyKey).digest("hex").slice(0, 16);
  return `<outbox-${mail.id}-${h}@${host}>`;
}

function message(mail: OutboxRow, opts: TransportOptions) {
  return {
    from: opts.from,
    to: mail.to,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    messageId: messageId(mail, opts.host),
    date: new Date(mail.createdAt),
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

/** Builds the raw RFC 5322 message with nodemailer and writes it as `<id>-<kind>.eml`; a re-send overwrites the same file. */
export function fileTransport(dir: string, opts: TransportOptions): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "file",
    describe: `Ingen SMTP-server er satt opp: e-postene skrives som .eml-filer til ${dir}`,
    async send(mail) {
      const info = await composer.sendMail(message(mail, opts));
      fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
      const file = path.join(dir, `${String(mail.id).padStart(6, "0")}-${mail.kind}.eml`);
      // Write then rename, so the admin page never lists a half-written file.
      const tmp = `${file}.${process.pid}.tmp`;
      // The mail holds names and links: readable by the server's user only.
      fs.writeFileSync(tmp, info.message as Buffer, { mode: FILE_MODE });
      fs.renameSync(tmp, file);
      return file;
    },
    close: () => composer.close(),
  };
}

/** SMTP via nodemailer, from a connection URL such as smtp://user:pass@mail.example.no:587. */
export function smtpTransport(url: string, opts: TransportOptions): MailTransport {
  const transport = nodemailer.createTransport({
    url,
    // Well inside the outbox lease, so a hanging server fails the try instead of outliving the claim.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  const where = (() => {
    try {
      const u = new URL(url);
      return `${u.protocol}//${u.host}`;
    } catch {
      return "SMTP";
    }
  })();
  return {
    kind: "smtp",
    describe: `E-postene sendes via ${where}`,
    async send(mail) {
      const info = await transport.sendMail(message(mail, opts));
      return `SMTP ${where}: ${String(info.response ?? "").slice(0, 200)}`;
    },
    close: () => transport.close(),
  };
}

export function createTransport(
  cfg: { smtpUrl?: string; outboxDir: string } & TransportOptions,
): MailTransport {
  return cfg.smtpUrl ? smtpTransport(cfg.smtpUrl, cfg) : fileTransport(cfg.outboxDir, cfg);
}
