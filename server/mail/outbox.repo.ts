// Owns SQL for the mail outbox.
import type { Db } from "../db/connection";

export type MailKind =
  | "digest"
  | "reminder"
  | "confirmation"
  | "promotion"
  | "new-employer"
  | "change"
  | "notice";
export type MailStatus = "pending" | "sending" | "sent" | "failed";
export type Attachment = { filename: string; contentType: string; content: string };

/** A logical mail as the features hand it over; `key` makes enqueueing it twice harmless. */
export type NewMail = {
  kind: MailKind;
  key: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
};

export type OutboxRow = {
  id: number;
  idempotencyKey: string;
  kind: MailKind;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: Attachment[];
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  claimToken: string | null;
  claimedAt: string | null;
  lastError: string | null;
  location: string | null;
  sentAt: string | null;
  createdAt: string;
};
export type OutboxSummary = Omit<OutboxRow, "text" | "html" | "attachments" | "claimToken">;

const SUMMARY = `id, idempotency_key AS idempotencyKey, kind, to_addr AS "to", reply_to AS replyTo, subject,
  status, attempts, next_attempt_at AS nextAttemptAt, claimed_at AS claimedAt, last_error AS lastError,
  location, sent_at AS sentAt, created_at AS createdAt`;
const FULL = `${SUMMARY}, text_body AS text, html_body AS html, attachments, claim_token AS claimToken`;

type RowDb = Omit<OutboxRow, "attachments"> & { attachments: string };
const toRow = (r: RowDb | undefined): OutboxRow | undefined =>
  r ? { ...r, attachments: JSON.parse(r.attachments) } : undefined;

export function outboxRepo(db: Db) {
  const s = {
    insert: db.prepare(`INSERT INTO mail_outbox (idempotency_key, kind, to_addr, reply_to, subject, text_body,
      html_body, attachments, next_attempt_at, created_at)
      VALUES (@key, @kind, @to, @replyTo, @subject, @text, @html, @attachments, @now, @now)
      ON CONFLICT (idempotency_key) DO NOTHING`),
    idByKey: db.prepare<[string], { id: number }>("SELECT id FROM mail_outbox WHERE idempotency_key = ?"),
    get: db.prepare<[number], RowDb>(`SELECT ${FULL} FROM mail_outbox WHERE id = ?`),
    due: db.prepare<[string, number], { id: number }>(
      `SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    claim: db.prepare(`UPDATE mail_outbox SET status = 'sending', claim_token = ?, claimed_at = ?,
      attempts = attempts + 1 WHERE id = ? AND status = 'pending'`),
    renew: db.prepare(
      `UPDATE mail_outbox SET claimed_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
    ),
    releaseStale:
      db.prepare(`UPDATE mail_outbox SET status = 'pending', claim_token = NULL, claimed_at = NULL,
      next_attempt_at = @now, last_error = coalesce(last_error, @why)
      WHERE status = 'sending' AND claimed_at < @before`),
    // Once sent, the content (candidate names, manage links, .ics) is deleted; to, subject and dates stay for the list.
    markSent: db.prepare(`UPDATE mail_outbox SET status = 'sent', sent_at = @now, location = @location,
      claim_token = NULL, claimed_at = NULL, text_body = '', html_body = NULL, attachments = '[]'
      WHERE id = @id AND claim_token = @token`),
    clearSent: db.prepare(`UPDATE mail_outbox SET text_body = '', html_body = NULL, attachments = '[]'
      WHERE status = 'sent' AND (text_body <> '' OR html_body IS NOT NULL OR attachments <> '[]')`),
    markFailed: db.prepare(`UPDATE mail_outbox SET status = @status, next_attempt_at = @nextAttemptAt,
      last_error = @error, claim_token = NULL, claimed_at = NULL WHERE id = @id AND claim_token = @token`),
    retryNow: db.prepare(`UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?
      WHERE id = ? AND status IN ('pending', 'failed')`),
    recent: db.prepare<[number], OutboxSummary>(
      `SELECT ${SUMMARY} FROM mail_outbox ORDER BY id DESC LIMIT ?`,
    ),
    counts: db.prepare<[], { status: MailStatus; n: number }>(
      "SELECT status, count(*) AS n FROM mail_outbox GROUP BY status",
    ),
    nextDue: db.prepare<[], { at: string | null }>(
      "SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE status = 'pending'",
    ),
  };
  return {
    /** Inserts unless the key exists; returns the row id either way and whether this call created it. */
    insert(m: NewMail, now: string): { id: number; created: boolean } {
      const created =
        s.insert.run({
          key: m.key,
          kind: m.kind,
          to: m.to,
          replyTo: m.replyTo ?? null,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          attachments: JSON.stringify(m.attachments ?? []),
          now,
        }).changes === 1;
      return { id: (s.idByKey.get(m.key) as { id: number }).id, created };
    },
    exists: (key: string) => Boolean(s.idByKey.get(key)),
    get: (id: number) => toRow(s.get.get(id)),
    due: (now: string, limit: number) => s.due.all(now, limit).map((r) => r.id),
    claim: (id: number, token: string, now: string) => s.claim.run(token, now, id).changes === 1,
    /** Restarts the lease of a claim still held under `token`; false when the claim was lost. */
    renew: (id: number, token: string, now: string) => s.renew.run(now, id, token).changes === 1,
    releaseStale: (before: string, now: string, why: string) =>
      s.releaseStale.run({ before, now, why }).changes,
    markSent: (id: number, token: string, location: string, now: string) =>
      s.markSent.run({ id, token, location, now }).changes === 1,
    /** Deletes the content of mails sent before markSent did so itself. */
    clearSent: () => s.clearSent.run().changes,
    markFailed: (f: {
      id: number;
      token: string;
      status: "pending" | "failed";
      nextAttemptAt: string;
      error: string;
    }) => s.markFailed.run(f).changes === 1,
    retryNow: (id: number, now: string) => s.retryNow.run(now, id).changes === 1,
    recent: (limit: number) => s.recent.all(limit),
    counts: () =>
      Object.fromEntries(s.counts.all().map((r) => [r.status, r.n])) as Partial<Record<MailStatus, number>>,
    nextDue: () => s.nextDue.get()?.at ?? null,
  };
}
export type OutboxRepo = ReturnType<typeof outboxRepo>;
