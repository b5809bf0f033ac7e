// Owns the status register: who took part when, each person's cohort year, and dated status snapshots that are
// added, never overwritten.
import type { Db } from "../db/connection";
import { formatOf } from "../events/formats";
import { AppError, invalidInput, notFound } from "../shared/errors";
import { type Clock, osloDate } from "../shared/time";
import {
  checkStatusDate,
  earliestStatusDate,
  firstParticipation,
  participations,
  type StatusCategory,
  tookPart,
} from "./outcomes.rules";
import type { StatusForm } from "./outcomes.schemas";
import { personsRepo } from "./persons.repo";

export type PersonParticipation = {
  date: string;
  source: "tool" | "import";
  label: string;
  eventId?: number;
};

export function statusService(db: Db, clock: Clock) {
  const persons = personsRepo(db);
  const today = () => osloDate(clock());

  /** The events a person took part in (held tool events they came to, and imported history), oldest first. */
  function participationsOf(personId: number): PersonParticipation[] {
    const now = today();
    const tool = persons
      .personCandidates(personId)
      .filter((c) => tookPart(c, now))
      .map((c) => ({
        date: c.date,
        source: "tool" as const,
        label: formatOf(c.format).label,
        eventId: c.eventId,
      }));
    const history = persons
      .personHistory(personId)
      .map((h) => ({ date: h.date, source: "import" as const, label: h.employer }));
    return [...tool, ...history].sort((a, b) => a.date.localeCompare(b.date));
  }

  function overview(personId: number) {
    const person = persons.person(personId);
    if (!person) throw notFound("Fant ikke personen");
    const list = participationsOf(personId);
    const firstDate = list[0]?.date ?? null;
    return {
      person,
      participations: list,
      firstDate,
      cohortYear: firstDate ? Number(firstDate.slice(0, 4)) : null,
      earliestStatus: firstDate ? earliestStatusDate(firstDate) : null,
      snapshots: persons.statusHistory(personId),
    };
  }

  /** Each person in a region with their first participation date, for the register and the statistics. */
  function cohorts(regionId: number | null) {
    const list = participations(persons.candidateFacts(regionId), persons.historyFacts(regionId), today());
    return firstParticipation(list);
  }

  return {
    persons,
    overview,
    cohorts,

    /** Adds a snapshot for the person's cohort; earlier snapshots stay as they were. */
    record(actor: string, personId: number, input: StatusForm): number {
      return db
        .transaction(() => {
          const o = overview(personId);
          if (!o.firstDate || o.cohortYear === null) {
            throw new AppError(
              409,
              "not-taken-part",
              "Personen har ikke deltatt på et gjennomført arrangement ennå, så det er ingen status å registrere.",
            );
          }
          const d = checkStatusDate(o.firstDate, input.asOf, clock());
          if (!d.ok) throw invalidInput({ asOf: d.message });
          return persons.insertStatus({
            personId,
            cohortYear: o.cohortYear,
            status: input.status,
            asOf: input.asOf,
            now: clock().toISOString(),
            actor,
          });
        })
        .immediate();
    },

    /** The people of one cohort year in a region, with their latest status (if any). */
    register(regionId: number, year: number) {
      const first = cohorts(regionId);
      const latest = new Map(
        persons
          .latestStatuses(regionId)
          .filter((s) => s.cohortYear === year)
          .map((s) => [s.personId, s]),
      );
      const names = new Map<number, string>();
      for (const c of persons.candidateFacts(regionId)) names.set(c.personId, c.displayName);
      return persons
        .regionPersons(regionId)
        .filter((p) => first.get(p.id)?.startsWith(String(year)))
        .map((p) => ({
          person: p,
          name: names.get(p.id) ?? null,
          firstDate: first.get(p.id) as string,
          latest: latest.get(p.id) ?? null,
        }))
        .sort(
          (a, b) =>
            a.firstDate.localeCompare(b.firstDate) || a.person.personKey.localeCompare(b.person.personKey),
        );
    },

    /** Cohort years that have people in a region, newest first. */
    years(regionId: number | null): number[] {
      return [...new Set([...cohorts(regionId).values()].map((d) => Number(d.slice(0, 4))))].sort(
        (a, b) => b - a,
      );
    },

    latestFor: (personId: number): { cohortYear: number; status: StatusCategory; asOf: string } | null =>
      persons.statusHistory(personId)[0] ?? null,
  };
}
export type StatusService = ReturnType<typeof statusService>;
