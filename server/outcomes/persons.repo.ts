// Owns SQL for people across events: persons and their pseudonymous keys, the facts of who took part (tool
// candidates and imported history), and the status register's snapshots.
import type { Db } from "../db/connection";
import type { EventFormat } from "../events/formats";
import { type RegionScope, scopeParam } from "../shared/scope";
import type { StatusCategory } from "./outcomes.rules";

export type Person = { id: number; regionId: number; personKey: string; source: "tool" | "import" };

/** One candidate row with what "took part" needs; a person has one per event they were on. */
export type CandidateFact = {
  candidateId: number;
  personId: number;
  eventId: number;
  regionId: number;
  officeId: number;
  date: string;
  status: string;
  noShow: boolean;
  /** Interviews that were not marked as no-shows. */
  interviews: number;
  format: EventFormat;
  /** Checked in on the day (what counts at a Minijobbmesse). */
  arrived: boolean;
  displayName: string;
  caseworkerId: number;
};

export type HistoryFact = { personId: number; regionId: number; date: string; employer: string };

export type StatusRow = {
  id: number;
  personId: number;
  cohortYear: number;
  status: StatusCategory;
  asOf: string;
  recordedAt: string;
  recordedBy: string;
};

type CandidateFactDb = Omit<CandidateFact, "noShow" | "arrived"> & { noShow: number; arrived: number };
const toFact = (r: CandidateFactDb): CandidateFact => ({
  ...r,
  noShow: r.noShow === 1,
  arrived: r.arrived === 1,
});

const CANDIDATE_FACTS = `SELECT c.id AS candidateId, c.person_id AS personId, ev.id AS eventId, ev.region_id AS regionId,
  ev.office_id AS officeId, ev.date, ev.status, ev.format, (c.no_show_at IS NOT NULL) AS noShow,
  (c.arrived_at IS NOT NULL) AS arrived,
  (SELECT count(*) FROM booking b WHERE b.candidate_id = c.id AND b.stage != 'no-show') AS interviews,
  c.display_name AS displayName, c.caseworker_id AS caseworkerId
  FROM candidate c JOIN event ev ON ev.id = c.event_id`;

const STATUS = `s.id, s.person_id AS personId, s.cohort_year AS cohortYear, s.status, s.as_of AS asOf,
  s.recorded_at AS recordedAt, s.recorded_by AS recordedBy FROM status_snapshot s`;

export function personsRepo(db: Db) {
  const s = {
    person: db.prepare<[number], Person>(
      "SELECT id, region_id AS regionId, person_key AS personKey, source FROM person WHERE id = ?",
    ),
    regionPersons: db.prepare<[number], Person>(
      "SELECT id, region_id AS regionId, person_key AS personKey, source FROM person WHERE region_id = ?",
    ),
    personByKey: db.prepare<[number, string], Person>(
      "SELECT id, region_id AS regionId, person_key AS personKey, source FROM person WHERE region_id = ? AND person_key = ?",
    ),
    insertPerson: db.prepare(
      "INSERT INTO person (region_id, person_key, source, created_at) VALUES (?, ?, ?, ?)",
    ),
    personOfCandidate: db.prepare<[number], { personId: number }>(
      "SELECT person_id AS personId FROM candidate WHERE id = ?",
    ),
    personCandidates: db.prepare<[number], CandidateFactDb>(
      `${CANDIDATE_FACTS} WHERE c.person_id = ? ORDER BY ev.date`,
    ),
    allCandidates: db.prepare<[], CandidateFactDb>(`${CANDIDATE_FACTS} ORDER BY ev.date, c.id`),
    regionCandidates: db.prepare<[string], CandidateFactDb>(
      `${CANDIDATE_FACTS} WHERE ev.region_id IN (SELECT value FROM json_each(?)) ORDER BY ev.date, c.id`,
    ),
    personHistory: db.prepare<[number], HistoryFact>(
      `SELECT person_id AS personId, region_id AS regionId, event_date AS date, employer
       FROM history_participation WHERE person_id = ? ORDER BY event_date, id`,
    ),
    allHistory: db.prepare<[], HistoryFact>(
      `SELECT person_id AS personId, region_id AS regionId, event_date AS date, employer
       FROM history_participation ORDER BY event_date, id`,
    ),
    regionHistory: db.prepare<[string], HistoryFact>(
      `SELECT person_id AS personId, region_id AS regionId, event_date AS date, employer
       FROM history_participation WHERE region_id IN (SELECT value FROM json_each(?)) ORDER BY event_date, id`,
    ),
    insertStatus: db.prepare(
      `INSERT INTO status_snapshot (person_id, cohort_year, status, as_of, recorded_at, recorded_by)
       VALUES (@personId, @cohortYear, @status, @asOf, @now, @actor)`,
    ),
    statusHistory: db.prepare<[number], StatusRow>(
      `SELECT ${STATUS} WHERE s.person_id = ? ORDER BY s.as_of DESC, s.id DESC`,
    ),
    // The latest snapshot per person and cohort year: later snapshots supersede, nothing is overwritten.
    latestStatuses: db.prepare<{ region: string | null }, StatusRow>(
      `SELECT ${STATUS} JOIN person p ON p.id = s.person_id
       WHERE (@region IS NULL OR p.region_id IN (SELECT value FROM json_each(@region)))
       AND s.id = (SELECT s2.id FROM status_snapshot s2 WHERE s2.person_id = s.person_id
                   AND s2.cohort_year = s.cohort_year ORDER BY s2.as_of DESC, s2.id DESC LIMIT 1)`,
    ),
  };
  return {
    person: (id: number) => s.person.get(id),
    regionPersons: (regionId: number) => s.regionPersons.all(regionId),
    personByKey: (regionId: number, key: string) => s.personByKey.get(regionId, key),
    insertPerson: (regionId: number, key: string, source: "tool" | "import", now: string) =>
      Number(s.insertPerson.run(regionId, key, source, now).lastInsertRowid),
    personOfCandidate: (candidateId: number) => s.personOfCandidate.get(candidateId)?.personId,
    personCandidates: (personId: number) => s.personCandidates.all(personId).map(toFact),
    candidateFacts: (regionId: RegionScope) => {
      const scope = scopeParam(regionId);
      return (scope === null ? s.allCandidates.all() : s.regionCandidates.all(scope)).map(toFact);
    },
    personHistory: (personId: number) => s.personHistory.all(personId),
    historyFacts: (regionId: RegionScope) => {
      const scope = scopeParam(regionId);
      return scope === null ? s.allHistory.all() : s.regionHistory.all(scope);
    },
    insertStatus: (r: {
      personId: number;
      cohortYear: number;
      status: StatusCategory;
      asOf: string;
      now: string;
      actor: string;
    }) => Number(s.insertStatus.run(r).lastInsertRowid),
    statusHistory: (personId: number) => s.statusHistory.all(personId),
    latestStatuses: (regionId: RegionScope) => s.latestStatuses.all({ region: scopeParam(regionId) }),
  };
}
export type PersonsRepo = ReturnType<typeof personsRepo>;
