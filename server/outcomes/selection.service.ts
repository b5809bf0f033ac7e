// Owns recording a Speedintervju's course decision per candidate (through the bus, so the audit log writes its
// line in the same transaction), and the lists the panel page, the coordinator's page, the manage page and the
// course export read.
import type { Db } from "../db/connection";
import { formatOf } from "../events/formats";
import { domainEvents } from "../shared/domain-events";
import { AppError, invalidInput, notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { type SelectionLine, selectionRepo } from "./selection.repo";
import {
  checkSelectionAllowed,
  checkSelectionInput,
  checkSelectionVersion,
  courseList,
  type SelectionActor,
  STALE_SELECTION_MESSAGE,
} from "./selection.rules";
import type { SelectionForm } from "./selection.schemas";

const stale = () => new AppError(409, "stale-selection", STALE_SELECTION_MESSAGE);

/** The candidates of an event (or a panel) once each, with their decision; a candidate's first interview counts. */
function perCandidate(lines: SelectionLine[]): SelectionLine[] {
  const seen = new Set<number>();
  return lines.filter((l) => {
    if (seen.has(l.candidateId)) return false;
    seen.add(l.candidateId);
    return true;
  });
}

export function selectionService(db: Db, clock: Clock) {
  const repo = selectionRepo(db);
  const bus = domainEvents(db);

  return {
    repo,
    get: (candidateId: number) => repo.get(candidateId) ?? null,

    /**
     * Records (or changes) the decision for one candidate. `actor` is the audit identity ("panel:12",
     * "coordinator:3"). A form opened before someone else saved is refused with 409 stale-selection.
     */
    record(
      who: SelectionActor,
      actor: string,
      candidateId: number,
      form: SelectionForm,
    ): { version: number } {
      return bus.transaction(() => {
        const c = repo.candidate(candidateId);
        if (!c) throw notFound("Fant ikke kandidaten");
        const allowed = checkSelectionAllowed(
          who,
          {
            outcome: formatOf(c.format).outcome,
            eventDate: c.eventDate,
            interviews: repo.interviews(c.candidateId),
          },
          clock(),
        );
        if (!allowed.ok) throw new AppError(409, allowed.reason, allowed.message);
        const input = { decision: form.decision, note: form.note, reserveRank: form.reserveRank };
        const errors = checkSelectionInput(input);
        if (Object.keys(errors).length) throw invalidInput(errors);
        const saved = repo.get(c.candidateId) ?? null;
        const fresh = checkSelectionVersion(saved, form.version);
        if (!fresh.ok) throw stale();
        const write = { candidateId: c.candidateId, ...input, decidedBy: actor, now: clock().toISOString() };
        let version = 1;
        if (saved) {
          if (!repo.update({ ...write, version: saved.version })) throw stale();
          version = saved.version + 1;
        } else {
          try {
            repo.insert(write);
          } catch (err) {
            // Two panel members saving the first decision at once: the second meets the primary key.
            if (err instanceof Error && /UNIQUE|PRIMARY KEY/.test(err.message)) throw stale();
            throw err;
          }
        }
        bus.record({
          type: "selection.recorded",
          eventId: c.eventId,
          candidateId: c.candidateId,
          caseworkerId: c.caseworkerId,
          decision: form.decision,
          version,
          actor,
        });
        return { version };
      });
    },

    /** Every candidate interviewed on the event, once each, in interview order. */
    eventLines: (eventId: number) => perCandidate(repo.eventLines(eventId)),
    /** The candidates this panel interviewed, in interview order. */
    participationLines: (participationId: number) => repo.participationLines(participationId),
    /** The selected and the reserves, in the order the course provider gets them. */
    courseList: (eventId: number) =>
      courseList(
        perCandidate(repo.eventLines(eventId)).flatMap((l) =>
          l.decision ? [{ ...l, decision: l.decision, name: l.displayName }] : [],
        ),
      ),
    /** A veileder's candidates' decisions, by candidate id. */
    forCaseworker: (caseworkerId: number) =>
      new Map(repo.caseworkerSelections(caseworkerId).map((s) => [s.candidateId, s])),
  };
}
export type SelectionService = ReturnType<typeof selectionService>;
