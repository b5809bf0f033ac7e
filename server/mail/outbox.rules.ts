// Owns the pure outbox rules: how long to wait before the next try, when to give up, when a claim has gone stale.

export const RETRY = {
  /** The first retry waits this long; each later one twice as long as the one before. */
  baseMs: 30_000,
  maxDelayMs: 3600_000,
  /** After this many failed tries the mail is marked failed and waits for a coordinator. */
  maxAttempts: 8,
  /** A worker that claimed a mail and has not reported back within this long is presumed dead. */
  leaseMs: 5 * 60_000,
} as const;

/** Delay before try number `attempts + 1`, after `attempts` failed tries (exponential, capped). */
export function backoffMs(attempts: number, policy: { baseMs: number; maxDelayMs: number } = RETRY): number {
  const n = Math.max(1, attempts);
  return Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (n - 1));
}

export type AfterFailure = { status: "pending"; nextAttemptAt: Date } | { status: "failed" };

/** What becomes of a mail whose try number `attempts` just failed. */
export function afterFailure(attempts: number, now: Date, policy = RETRY): AfterFailure {
  if (attempts >= policy.maxAttempts) return { status: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, policy)) };
}

/** The instant before which a 'sending' claim counts as abandoned. */
export function staleClaimBefore(now: Date, policy = RETRY): Date {
  return new Date(now.getTime() - policy.leaseMs);
}

/** The outbox's CHECK on subject length (005_mail.sql), counted in characters as SQLite counts them. */
export const MAX_SUBJECT = 300;

/** A subject that fits the outbox: a longer one is cut and ends with "…". */
export function fitSubject(subject: string, max = MAX_SUBJECT): string {
  const chars = Array.from(subject);
  return chars.length <= max ? subject : `${chars.slice(0, max - 1).join("")}…`;
}
