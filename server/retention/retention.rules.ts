// Owns the retention decision: when an event's personal data (names, free text, notices, mails) is due for purge.
// Pure: the caller passes today's date.
import { DateTime } from "luxon";

/** 12 months to the cohort's status round, plus 3 months for the round itself. */
export const DEFAULT_RETENTION_MONTHS = 15;

export type RetentionFacts = {
  /** The event's date (Oslo, YYYY-MM-DD). */
  date: string;
  /** The latest start of a follow-up (oppstartsmøte) of the event's offers, if any. */
  latestFollowUpStart: string | null;
  purgedAt: string | null;
};

const plusMonths = (date: string, months: number) =>
  DateTime.fromISO(date, { zone: "utc" }).plus({ months }).toISODate() as string;

/** The first day the event's personal data may no longer be kept: `months` after the later of the event and its last follow-up start. */
export function purgeDate(e: Pick<RetentionFacts, "date" | "latestFollowUpStart">, months: number): string {
  const anchor = e.latestFollowUpStart && e.latestFollowUpStart > e.date ? e.latestFollowUpStart : e.date;
  return plusMonths(anchor, months);
}

export type PurgeDecision =
  | { due: true }
  | { due: false; reason: "already-purged" | "kept-until"; until?: string };

export function purgeDecision(e: RetentionFacts, months: number, today: string): PurgeDecision {
  if (e.purgedAt) return { due: false, reason: "already-purged" };
  const until = purgeDate(e, months);
  return today >= until ? { due: true } : { due: false, reason: "kept-until", until };
}

/** Mails and notices that belong to no event (the weekly digest, a veileder's notices) go after the same period. */
export function cutoffInstant(today: string, months: number): string {
  return DateTime.fromISO(today, { zone: "utc" }).minus({ months }).toISO() as string;
}
