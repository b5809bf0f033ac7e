// Owns assembling the statistics from the tool's events and the imported history, and importing history
// (a dry run that stores nothing, or all lines in one transaction).
import type { Db } from "../db/connection";
import { formatOf } from "../events/formats";
import { eventHeld, participations, toolEventKey } from "../outcomes/outcomes.rules";
import { personsRepo } from "../outcomes/persons.repo";
import type { RegionScope } from "../shared/scope";
import { type Clock, osloDate } from "../shared/time";
import { checkImport, type ImportCheck, lineKey, previewByYear } from "./import.rules";
import { statsRepo } from "./stats.repo";
import {
  bestResult,
  cohortDistribution,
  cohortsOf,
  type FormatFilter,
  fairCounts,
  interviewHeld,
  ofFormat,
  participationByYear,
  type Result,
  resultCounts,
  selectionCounts,
  selectionResult,
} from "./stats.rules";

export type ImportReport = ImportCheck & {
  ok: boolean;
  persons: number;
  newPersons: number;
  dates: number;
  years: ReturnType<typeof previewByYear>;
};

export function statsService(db: Db, clock: Clock) {
  const repo = statsRepo(db);
  const persons = personsRepo(db);
  const today = () => osloDate(clock());

  function heldEvents(regionId: RegionScope) {
    const now = today();
    return repo.events(regionId).filter((e) => eventHeld(e, now));
  }

  function allParticipations(regionId: RegionScope, held = heldEvents(regionId)) {
    return participations(persons.candidateFacts(regionId), persons.historyFacts(regionId), today(), held);
  }

  function check(regionId: number, text: string): ImportReport {
    const existing = new Set(repo.historyKeys(regionId).map(lineKey));
    const result = checkImport(text, { today: today(), existing });
    const keys = new Set(result.lines.map((l) => l.personKey));
    const newPersons = [...keys].filter((k) => !persons.personByKey(regionId, k)).length;
    return {
      ...result,
      ok: result.rejected.length === 0 && result.lines.length > 0,
      persons: keys.size,
      newPersons,
      dates: new Set(result.lines.map((l) => l.date)).size,
      years: previewByYear(result.lines),
    };
  }

  return {
    repo,

    /**
     * Unique candidates (each person once, in their first year), people per year and events held, per year; for one
     * format or all (imported history is Ta sjansen).
     */
    participation(regionId: RegionScope, format: FormatFilter = "all") {
      const held = heldEvents(regionId);
      return participationByYear(
        ofFormat(allParticipations(regionId, held), format),
        ofFormat(held, format).map((e) => ({ eventKey: toolEventKey(e.id), date: e.date })),
      );
    },

    /** Per cohort year, the twelve-month status distribution (of the people who took part in the format). */
    cohorts: (regionId: RegionScope, format: FormatFilter = "all") =>
      cohortDistribution(cohortsOf(allParticipations(regionId), format), persons.latestStatuses(regionId)),

    /**
     * Per event that has taken place: slots, bookings, interviews held, no-shows, offers and best results; the
     * panel's decisions at a Speedintervju; registrations, check-ins, room visits and «vil møte igjen» at a
     * Minijobbmesse.
     */
    events(regionId: RegionScope, format: FormatFilter = "all") {
      const now = today();
      const interviews = repo.interviews(regionId);
      const selections = repo.selections(regionId);
      const registrations = repo.registrations(regionId);
      return ofFormat(repo.events(regionId), format)
        .filter((e) => e.status !== "draft" && e.date <= now)
        .reverse()
        .map((e) => {
          const mine = interviews.filter((i) => i.eventId === e.id);
          const held = eventHeld(e, now);
          const byCandidate = new Map<number, typeof mine>();
          for (const i of mine)
            byCandidate.set(i.candidateId, [...(byCandidate.get(i.candidateId) ?? []), i]);
          const results: Result[] = [...byCandidate.values()].map(bestResult);
          const wasHeld = (i: (typeof mine)[number]) =>
            interviewHeld({
              stage: i.stage,
              noShow: i.noShow,
              hasFeedback: i.assessment !== null,
              eventHeld: held,
            });
          const profile = formatOf(e.format);
          return {
            ...e,
            formatLabel: profile.label,
            booked: mine.length,
            held: mine.filter(wasHeld).length,
            noShows: mine.filter((i) => i.noShow && i.assessment === null).length,
            offers: mine.filter((i) => i.offer !== null).length,
            accepted: mine.filter((i) => i.offer === "accepted").length,
            candidates: byCandidate.size,
            results: resultCounts(results),
            selection:
              profile.outcome === "selection"
                ? selectionCounts(
                    selections
                      .filter((x) => x.eventId === e.id)
                      .map((x) =>
                        selectionResult({
                          decision: x.decision,
                          interviewed: (byCandidate.get(x.candidateId) ?? []).some(wasHeld),
                        }),
                      ),
                  )
                : null,
            fair:
              profile.outcome === "meet-again"
                ? fairCounts(registrations.filter((r) => r.eventId === e.id))
                : null,
          };
        });
    },

    /** Bookings for coming events per office (the veileder's) and per veileder, so leaders see who brings candidates. */
    coming(regionId: RegionScope, format: FormatFilter = "all") {
      const rows = ofFormat(
        repo.comingBookings(regionId, today()).map((r) => ({ ...r, format: r.eventFormat })),
        format,
      );
      const events = [
        ...new Map(
          rows.map((r) => [r.eventId, { id: r.eventId, date: r.eventDate, title: r.eventTitle }]),
        ).values(),
      ];
      const group = (keyOf: (r: (typeof rows)[number]) => string) => {
        const map = new Map<
          string,
          { name: string; perEvent: Map<number, number>; candidates: Set<number> }
        >();
        for (const r of rows) {
          const name = keyOf(r);
          const g = map.get(name) ?? { name, perEvent: new Map(), candidates: new Set() };
          g.perEvent.set(r.eventId, (g.perEvent.get(r.eventId) ?? 0) + 1);
          g.candidates.add(r.candidateId);
          map.set(name, g);
        }
        return [...map.values()]
          .map((g) => ({
            name: g.name,
            perEvent: events.map((e) => g.perEvent.get(e.id) ?? 0),
            bookings: [...g.perEvent.values()].reduce((a, b) => a + b, 0),
            candidates: g.candidates.size,
          }))
          .sort((a, b) => b.bookings - a.bookings || a.name.localeCompare(b.name, "nb"));
      };
      return {
        events,
        offices: group((r) => r.officeName ?? "Uten kontor"),
        caseworkers: group((r) => `${r.caseworkerName}${r.officeName ? ` (${r.officeName})` : ""}`),
      };
    },

    /** What an import would add and every line it refuses; stores nothing. */
    dryRun: (regionId: number, text: string) => check(regionId, text),

    /** Imports every line or none: a file with a refused line is answered with the report and nothing is stored. */
    importHistory(actor: string, regionId: number, text: string): ImportReport {
      return db
        .transaction(() => {
          const report = check(regionId, text);
          if (!report.ok) return report;
          const now = clock().toISOString();
          const importId = repo.insertImport(regionId, report.lines.length, now, actor);
          const ids = new Map<string, number>();
          for (const l of report.lines) {
            let personId = ids.get(l.personKey) ?? persons.personByKey(regionId, l.personKey)?.id;
            if (personId === undefined) personId = persons.insertPerson(regionId, l.personKey, "import", now);
            ids.set(l.personKey, personId);
            repo.insertHistory(importId, regionId, l.date, personId, l.employer);
          }
          return report;
        })
        .immediate();
    },

    imports: (regionId: number) => repo.imports(regionId),
  };
}
export type StatsService = ReturnType<typeof statsService>;
