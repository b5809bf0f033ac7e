// Owns the outbox's transactions: enqueue once per key, claim due mails for one worker, record each outcome.
import crypto from "node:crypto";
import type { Db } from "../db/connection";
import { notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { type NewMail, type OutboxRow, outboxRepo } from "./outbox.repo";
import { afterFailure, fitSubject, RETRY, staleClaimBefore } from "./outbox.rules";

/**
 * In-process wake-up calls: a worker subscribes for its database and hears about every new mail, so it
 * need not poll fast. Another process's worker still finds the mail on its next poll.
 */
const wakers = new WeakMap<Db, Set<() => void>>();
export function onEnqueue(db: Db, wake: () => void): () => void {
  let set = wakers.get(db);
  if (!set) {
    set = new Set();
    wakers.set(db, set);
  }
  set.add(wake);
  return () => set.delete(wake);
}

export type Claimed = OutboxRow & { claimToken: string };

export function outboxService(db: Db, clock: Clock, policy = RETRY) {
  const repo = outboxRepo(db);
  const nowIso = () => clock().toISOString();

  return {
    repo,

    /**
     * Writes a mail to the outbox unless one with the same key exists; a subject too long for it is cut. Safe
     * inside a caller's transaction (better-sqlite3 nests it as a savepoint); the worker is woken after the
     * current task, so after commit.
     */
    enqueue(mail: NewMail): { id: number; created: boolean } {
      const fitted = { ...mail, subject: fitSubject(mail.subject) };
      const result = db.transaction(() => repo.insert(fitted, nowIso()))();
      if (result.created) for (const wake of wakers.get(db) ?? []) setImmediate(wake);
      return result;
    },

    /**
     * Takes up to `limit` due mails for one worker in one write transaction: two workers (or a worker
     * and its own restarted self) never hold the same row. Claims abandoned by a dead worker are freed first.
     */
    claim(limit: number): Claimed[] {
      const token = crypto.randomBytes(12).toString("base64url");
      return db
        .transaction(() => {
          const now = clock();
          repo.releaseStale(
            staleClaimBefore(now, policy).toISOString(),
            now.toISOString(),
            "Sendingen ble avbrutt (serveren stoppet)",
          );
          const ids = repo
            .due(now.toISOString(), limit)
            .filter((id) => repo.claim(id, token, now.toISOString()));
          return ids.map((id) => ({ ...(repo.get(id) as OutboxRow), claimToken: token }));
        })
        .immediate();
    },

    /**
     * Just before sending: restarts the lease if this worker still owns the row. False when the claim was lost
     * (the batch waited behind slow sends until the lease ran out, and another worker took the row): skip it.
     */
    renew: (m: Claimed) => repo.renew(m.id, m.claimToken, nowIso()),

    /** Deletes the content of mails sent by an older version, which kept it. */
    clearSent: () => repo.clearSent(),

    /** Records the mail sent and deletes its content. False when the claim was lost (another worker took the row). */
    markSent: (m: Claimed, location: string) => repo.markSent(m.id, m.claimToken, location, nowIso()),

    markFailed(m: Claimed, error: string) {
      const next = afterFailure(m.attempts, clock(), policy);
      return repo.markFailed({
        id: m.id,
        token: m.claimToken,
        status: next.status,
        nextAttemptAt: next.status === "pending" ? next.nextAttemptAt.toISOString() : m.nextAttemptAt,
        error: error.slice(0, 500),
      });
    },

    /** A coordinator's "try again now" for a failed or waiting mail. */
    retryNow(id: number) {
      if (!repo.get(id)) throw notFound("Fant ikke e-posten");
      const ok = repo.retryNow(id, nowIso());
      if (ok) for (const wake of wakers.get(db) ?? []) setImmediate(wake);
      return ok;
    },

    get: (id: number) => repo.get(id),
    recent: (limit = 200) => repo.recent(limit),
    counts: () => repo.counts(),
    nextDue: () => repo.nextDue(),
    policy,
  };
}
export type OutboxService = ReturnType<typeof outboxService>;
