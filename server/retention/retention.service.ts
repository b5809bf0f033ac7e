// Owns removing personal data: the daily purge of events past their retention period, and a coordinator's export
// and erasure of one candidate on request. Names become the person's pseudonym, free text is cleared, mails and
// their .eml files are deleted; the rows the statistics count (persons, bookings, outcomes, statuses) stay.

import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/connection";
import { formatOf } from "../events/formats";
import { AppError, notFound } from "../shared/errors";
import { osloDate } from "../shared/time";
import { candidateExport, type MailFile, retentionRepo } from "./retention.repo";
import { cutoffInstant, DEFAULT_RETENTION_MONTHS, purgeDecision } from "./retention.rules";

export type PurgeReport = {
  events: number;
  candidates: number;
  feedbackTexts: number;
  notes: number;
  notices: number;
  mails: number;
  files: number;
};

/** Only .eml files the file transport wrote (DATA_DIR/outbox/*.eml) are ever deleted. */
function isOutboxFile(location: string | null): location is string {
  return Boolean(
    location &&
      path.isAbsolute(location) &&
      location.endsWith(".eml") &&
      path.basename(path.dirname(location)) === "outbox",
  );
}

export function retentionService(db: Db, opts: { months?: number; log?: (msg: string) => void } = {}) {
  const repo = retentionRepo(db);
  const months = opts.months ?? DEFAULT_RETENTION_MONTHS;
  const log = opts.log ?? ((m: string) => console.error(m));

  /** Deletes the rows in the transaction; the files are removed after it commits (a rollback keeps them). */
  function deleteMails(mails: MailFile[], files: string[]) {
    for (const m of mails) {
      repo.deleteMail(m.id);
      if (isOutboxFile(m.location)) files.push(m.location);
    }
    return mails.length;
  }

  function removeFiles(files: string[]): number {
    let removed = 0;
    for (const f of files) {
      try {
        fs.rmSync(f, { force: true });
        removed += 1;
      } catch (err) {
        log(
          `retention: could not delete an outbox file: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return removed;
  }

  return {
    months,

    /** Purges every event that is due at `now`, in one transaction, and logs the counts (never a name). */
    purge(now: Date): PurgeReport {
      const today = osloDate(now);
      const files: string[] = [];
      const report = db
        .transaction((): PurgeReport => {
          const r: PurgeReport = {
            events: 0,
            candidates: 0,
            feedbackTexts: 0,
            notes: 0,
            notices: 0,
            mails: 0,
            files: 0,
          };
          for (const e of repo.unpurgedEvents()) {
            if (!purgeDecision(e, months, today).due) continue;
            const counts = repo.eventCounts(e.id);
            const [notices] = repo.scrubEvent(e.id);
            r.events += 1;
            r.candidates += counts.candidates;
            r.feedbackTexts += counts.feedback;
            r.notes += counts.notes;
            r.notices += notices;
            r.mails += deleteMails(repo.eventMails(e.id), files);
            repo.markPurged(e.id, now.toISOString());
          }
          const cutoff = cutoffInstant(today, months);
          r.notices += repo.deleteOldNotices(cutoff);
          r.mails += deleteMails(repo.oldMails(cutoff), files);
          return r;
        })
        .immediate();
      report.files = removeFiles(files);
      log(
        `retention: purged ${report.events} events older than ${months} months: ${report.candidates} candidates pseudonymised, ${report.feedbackTexts} feedback texts and ${report.notes} notes cleared, ${report.notices} notices, ${report.mails} mails and ${report.files} .eml files deleted`,
      );
      return report;
    },

    /** One candidate's data as JSON (an access request). */
    exportCandidate(candidateId: number) {
      const data = candidateExport(db, candidateId);
      if (!data) throw notFound("Fant ikke kandidaten");
      return data;
    },

    /**
     * Erases one candidate's personal data on request: the name becomes the pseudonym, free text, notices and mails
     * go, and the audit log records who did it. Refused while the candidate still has interviews or a waitlist
     * place on an event that has not taken place (cancel those first).
     */
    eraseCandidate(actor: string, candidateId: number, now: Date) {
      const files: string[] = [];
      const result = db
        .transaction(() => {
          const c = db
            .prepare<
              [number],
              { id: number; eventId: number; caseworkerId: number; date: string; format: string }
            >(
              `SELECT c.id, c.event_id AS eventId, c.caseworker_id AS caseworkerId, e.date, e.format
               FROM candidate c JOIN event e ON e.id = c.event_id WHERE c.id = ?`,
            )
            .get(candidateId);
          if (!c) throw notFound("Fant ikke kandidaten");
          const open = db
            .prepare<[number, number], { n: number }>(
              "SELECT (SELECT count(*) FROM booking WHERE candidate_id = ?) + (SELECT count(*) FROM waitlist_entry WHERE candidate_id = ?) AS n",
            )
            .get(c.id, c.id) as { n: number };
          if (c.date >= osloDate(now) && open.n > 0) {
            throw new AppError(
              409,
              "candidate-has-bookings",
              "Kandidaten har intervjuer eller venteliste på et arrangement som ikke er holdt ennå. Avbestill dem først, og slett deretter.",
            );
          }
          // Without slots the registration itself is the place: a scrubbed name would still hold it.
          if (c.date >= osloDate(now) && !formatOf(c.format).hasSlots) {
            throw new AppError(
              409,
              "candidate-has-registration",
              "Kandidaten er påmeldt et arrangement som ikke er holdt ennå. Avbestill påmeldingen først (det sletter den), eller slett etter arrangementet.",
            );
          }
          repo.scrubCandidate(c.id);
          const mails = deleteMails(repo.candidateMails(c), files);
          repo.audit({
            eventId: c.eventId,
            at: now.toISOString(),
            actor,
            action: "candidate-erased",
            candidateId: c.id,
          });
          return { eventId: c.eventId, mails };
        })
        .immediate();
      const removed = removeFiles(files);
      log(
        `retention: candidate ${candidateId} erased on request by ${actor}: ${result.mails} mails, ${removed} files`,
      );
      return result;
    },
  };
}
export type RetentionService = ReturnType<typeof retentionService>;
