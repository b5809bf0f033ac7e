// Owns starting mail delivery beside the server: the transport and the outbox worker. The mail services themselves
// (and their domain-event listener) are built once by createApp; background jobs run on server/shared/jobs.ts.
import path from "node:path";
import { type MailDeps, type MailServices, setMailRuntime } from "./services";
import { createTransport, type MailTransport } from "./transport";
import { mailWorker } from "./worker";

/** The parts of createApp's result the mail runtime needs. */
export type MailContext = {
  deps: { db: MailDeps["db"]; baseUrl: string; log?: (msg: string) => void };
  clock: MailDeps["clock"];
  mail: Pick<MailServices, "outbox">;
};

export type MailOptions = {
  /** DATA_DIR: without SMTP, mails are written to DATA_DIR/outbox as .eml files. */
  dataDir: string;
  smtpUrl?: string;
  /** The sender, e.g. "Ta sjansen <ikke-svar@nav.no>"; defaults to ikke-svar@ the base URL's host. */
  from?: string;
  /** How often the worker looks for due retries. */
  pollMs?: number;
  transport?: MailTransport;
  log?: (msg: string) => void;
};

/**
 * Starts delivering the outbox. Returns a stop function that waits for a send in progress. Call it once per process,
 * after createApp.
 */
export function startMailWorker(ctx: MailContext, opts: MailOptions): () => Promise<void> {
  const log = opts.log ?? ctx.deps.log ?? ((m: string) => console.error(m));
  const db = ctx.deps.db;
  const host = (() => {
    try {
      return new URL(ctx.deps.baseUrl).hostname;
    } catch {
      return "localhost";
    }
  })();
  const services = ctx.mail;
  const transport =
    opts.transport ??
    createTransport({
      smtpUrl: opts.smtpUrl,
      outboxDir: path.join(opts.dataDir, "outbox"),
      from: opts.from ?? `Ta sjansen <ikke-svar@${host}>`,
      host,
    });
  setMailRuntime(db, { transport: transport.describe, startedAt: ctx.clock().toISOString() });
  services.outbox.clearSent();

  const stopWorker = mailWorker({ db, outbox: services.outbox, transport, log, pollMs: opts.pollMs }).start();

  return async () => {
    await stopWorker();
    transport.close();
    setMailRuntime(db, undefined);
  };
}
