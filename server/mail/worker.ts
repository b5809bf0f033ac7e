// Owns the outbox worker: claims due mails, hands them to the transport, records sent or failed (with backoff).
import type { Db } from "../db/connection";
import { type Claimed, type OutboxService, onEnqueue } from "./outbox.service";
import type { MailTransport } from "./transport";

export type DrainResult = { sent: number; failed: number };

export function mailWorker(deps: {
  db: Db;
  outbox: OutboxService;
  transport: MailTransport;
  /** Operational messages: ids and kinds only, never names. */
  log?: (msg: string) => void;
  batch?: number;
  /** How often to look for due retries (new mails wake the worker at once). */
  pollMs?: number;
}) {
  const log = deps.log ?? ((m: string) => console.error(m));
  const batch = deps.batch ?? 10;
  let running: Promise<DrainResult> | null = null;
  let again = false;
  let stopped = false;

  async function sendOne(m: Claimed): Promise<"sent" | "failed" | "lost"> {
    // A batch is claimed at once, so a mail late in it may have waited out its lease behind slow sends.
    if (!deps.outbox.renew(m)) {
      log(`mail ${m.id} (${m.kind}) skipped: its claim expired and another worker has it`);
      return "lost";
    }
    try {
      const where = await deps.transport.send(m);
      if (!deps.outbox.markSent(m, where)) {
        log(`mail ${m.id} (${m.kind}) was sent but its claim had expired; another worker may send it again`);
      }
      return "sent";
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      deps.outbox.markFailed(m, why);
      log(`mail ${m.id} (${m.kind}) failed on try ${m.attempts}: ${why.slice(0, 200)}`);
      return "failed";
    }
  }

  async function drainAll(): Promise<DrainResult> {
    const result = { sent: 0, failed: 0 };
    while (!stopped) {
      const claimed = deps.outbox.claim(batch);
      if (!claimed.length) break;
      for (const m of claimed) {
        const outcome = await sendOne(m);
        if (outcome === "sent") result.sent += 1;
        else if (outcome === "failed") result.failed += 1;
      }
    }
    return result;
  }

  /** Sends everything due now; concurrent calls share one run (and trigger one more pass afterwards). */
  function drain(): Promise<DrainResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const total = { sent: 0, failed: 0 };
      do {
        again = false;
        const r = await drainAll();
        total.sent += r.sent;
        total.failed += r.failed;
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const kick = () => {
    drain().catch((err) => log(`mail worker: ${err instanceof Error ? err.message : String(err)}`));
  };

  return {
    drain,
    /** Starts waking on new mails and polling for retries; returns a stop function that waits for the current pass. */
    start(): () => Promise<void> {
      stopped = false;
      const unsubscribe = onEnqueue(deps.db, kick);
      const timer = setInterval(kick, deps.pollMs ?? 15_000);
      timer.unref();
      kick();
      return async () => {
        stopped = true;
        clearInterval(timer);
        unsubscribe();
        await running?.catch(() => {});
      };
    },
  };
}
export type MailWorker = ReturnType<typeof mailWorker>;
