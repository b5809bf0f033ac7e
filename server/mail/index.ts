// Owns starting the mail runtime beside the server: booking e-mails, the outbox worker and the scheduler's timer.
import path from "node:path";
import type { BookingChange } from "../booking/booking.service";
import { type MailDeps, mailServices, setMailRuntime } from "./services";
import { createTransport, type MailTransport } from "./transport";
import { mailWorker } from "./worker";

/** The parts of createApp's result the mail runtime needs. */
export type MailContext = {
  deps: { db: MailDeps["db"]; secret: string; baseUrl: string; log?: (msg: string) => void };
  clock: MailDeps["clock"];
  events: MailDeps["events"];
  regions: MailDeps["regions"];
  booking: MailDeps["booking"];
  bookingListeners: ((c: BookingChange) => void)[];
  dailyJobs?: MailDeps["daily"];
};

export type MailOptions = {
  /** DATA_DIR: without SMTP, mails are written to DATA_DIR/outbox as .eml files. */
  dataDir: string;
  smtpUrl?: string;
  /** The sender, e.g. "Ta sjansen <ikke-svar@nav.no>"; defaults to ikke-svar@ the base URL's host. */
  from?: string;
  /** Longest sleep between scheduler ticks (it wakes earlier when something falls due). */
  tickMs?: number;
  /** How often the worker looks for due retries. */
  pollMs?: number;
  transport?: MailTransport;
  log?: (msg: string) => void;
};

/**
 * Starts sending: subscribes the booking e-mails, starts the outbox worker and the scheduler. Returns a stop
 * function that waits for a send in progress. Call it once per process, after createApp.
 */
export function startMailAndScheduler(ctx: MailContext, opts: MailOptions): () => Promise<void> {
  const log = opts.log ?? ctx.deps.log ?? ((m: string) => console.error(m));
  const db = ctx.deps.db;
  const host = (() => {
    try {
      return new URL(ctx.deps.baseUrl).hostname;
    } catch {
      return "localhost";
    }
  })();
  const services = mailServices({
    db,
    clock: ctx.clock,
    events: ctx.events,
    regions: ctx.regions,
    booking: ctx.booking,
    secret: ctx.deps.secret,
    baseUrl: ctx.deps.baseUrl,
    daily: ctx.dailyJobs,
  });
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

  const listener = services.notify.listener(log);
  ctx.bookingListeners.push(listener);
  const stopWorker = mailWorker({ db, outbox: services.outbox, transport, log, pollMs: opts.pollMs }).start();

  const maxSleep = opts.tickMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const loop = () => {
    if (stopped) return;
    let sleep = maxSleep;
    try {
      for (const run of services.scheduler.tick()) {
        log(`scheduler: ${run.job} due ${run.dueAt}: ${run.outcome} (${run.mails} e-post)`);
      }
      const now = ctx.clock();
      const next = services.scheduler.nextWakeAt(now);
      if (next) sleep = Math.min(maxSleep, Math.max(1000, next.getTime() - now.getTime()));
    } catch (err) {
      log(`scheduler tick failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    timer = setTimeout(loop, sleep);
    timer.unref();
  };
  loop();

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const i = ctx.bookingListeners.indexOf(listener);
    if (i >= 0) ctx.bookingListeners.splice(i, 1);
    await stopWorker();
    transport.close();
    setMailRuntime(db, undefined);
  };
}
