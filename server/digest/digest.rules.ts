// Owns the pure digest rules: which events a region's weekly e-mail announces, and which recipient lines are valid.
import { z } from "zod";
import { containsNationalId, nationalIdMessage } from "../shared/personal-number";

export const MAX_DIGEST_EVENTS = 3;
export const MAX_RECIPIENTS = 500;

/** Events the digest announces: open for booking, deadline not passed, soonest first. */
export function upcomingDigestEvents<E extends { status: string; date: string; bookingDeadline: string }>(
  events: E[],
  now: Date,
  max = MAX_DIGEST_EVENTS,
): E[] {
  const nowIso = now.toISOString();
  return events
    .filter((e) => e.status === "open" && e.bookingDeadline > nowIso)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, max);
}

export type RecipientError = { line: number; value: string; message: string };
export type ParsedRecipients = { ok: true; emails: string[] } | { ok: false; errors: RecipientError[] };

const Email = z.email().max(200);

/** One address per line; blank lines are skipped, duplicates dropped; every bad line is reported with its number. */
export function parseRecipients(text: string): ParsedRecipients {
  const emails: string[] = [];
  const errors: RecipientError[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const value = raw.trim();
    if (!value) return;
    const line = i + 1;
    // Before any message that quotes the line back.
    if (containsNationalId(value)) {
      errors.push({ line, value: "", message: `Linje ${line}: ${nationalIdMessage("Adressen")}` });
      return;
    }
    if (/[\s,;]/.test(value)) {
      errors.push({ line, value, message: `Linje ${line}: skriv én e-postadresse per linje («${value}»)` });
      return;
    }
    if (!Email.safeParse(value).success) {
      errors.push({ line, value, message: `Linje ${line}: «${value}» er ikke en gyldig e-postadresse` });
      return;
    }
    const email = value.toLowerCase();
    if (seen.has(email)) return;
    seen.add(email);
    emails.push(email);
  });
  if (!errors.length && emails.length > MAX_RECIPIENTS) {
    errors.push({
      line: 0,
      value: "",
      message: `Listen kan ha høyst ${MAX_RECIPIENTS} mottakere (den har ${emails.length})`,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, emails };
}

/** The field error for a refused list: the first few lines, so the coordinator sees what to fix. */
export function recipientsMessage(errors: RecipientError[], shown = 3): string {
  const head = errors
    .slice(0, shown)
    .map((e) => e.message)
    .join(". ");
  return errors.length > shown ? `${head}. Og ${errors.length - shown} linje(r) til.` : head;
}

export type DigestHealth = { autoSend: boolean; recipientCount: number };

/** The warning a coordinator must see wherever the region shows: a weekly send that would reach nobody. */
export function digestAlert(h: DigestHealth): string | null {
  if (h.autoSend && h.recipientCount === 0)
    return "Markeds-e-posten skal gå ut automatisk hver uke, men har ingen mottakere. Legg inn mottakere, ellers får ingen veiledere vite om arrangementet.";
  return null;
}
