// Owns «Vil møte igjen» for a Minijobbmesse: the employer's list of visitors with their marks, saving a mark
// (or taking it away), and the coordinator's list per employer for the follow-up.

import type { Db } from "../db/connection";
import { formatOf } from "../events/formats";
import { AppError } from "../shared/errors";
import type { Clock } from "../shared/time";
import { meetAgainRepo } from "./meet-again.repo";
import { decideMeetAgain } from "./meet-again.rules";
import type { MeetAgainForm } from "./meet-again.schemas";

export function meetAgainService(db: Db, clock: Clock) {
  const repo = meetAgainRepo(db);
  return {
    repo,
    /** Whether the participation's event has open rooms (a Minijobbmesse) rather than interview slots. */
    /** Open rooms (a format without slots) have visitors and «Vil møte igjen» instead of interviews. */
    hasOpenRooms: (participationId: number) => {
      const event = repo.eventOf(participationId);
      return event !== undefined && !formatOf(event.format).hasSlots;
    },
    visitors: (participationId: number) => repo.visitors(participationId),
    candidateRooms: (candidateId: number) => repo.candidateRooms(candidateId),

    /** Marks the visitor (with the note) or, without the tick, takes the mark and its note away. */
    save(participationId: number, candidateId: number, form: MeetAgainForm) {
      db.transaction(() => {
        const event = repo.eventOf(participationId);
        if (!event) throw new AppError(404, "not-found", "Fant ikke virksomheten på arrangementet");
        const visited = repo.visitors(participationId).some((v) => v.candidateId === candidateId);
        const d = decideMeetAgain({ visited, date: event.date, opensAt: event.opensAt }, clock());
        if (!d.ok) throw new AppError(d.reason === "not-a-visitor" ? 404 : 409, d.reason, d.message);
        if (form.want)
          repo.mark({ participationId, candidateId, note: form.note, now: clock().toISOString() });
        else repo.unmark(participationId, candidateId);
      })();
    },

    /** The coordinator's list: per employer of the event, whom they want to meet again and why. */
    eventList(eventId: number) {
      const lines = repo.eventLines(eventId);
      return repo.employers(eventId).map((e) => ({
        ...e,
        lines: lines.filter((l) => l.participationId === e.participationId),
      }));
    },
  };
}
export type MeetAgainService = ReturnType<typeof meetAgainService>;
