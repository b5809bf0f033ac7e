// Owns the SQL the statistics read: events with their slots, every interview's outcome, the Speedintervju panels'
// decisions, Minijobbmesse registrations with their room visits and «vil møte igjen», bookings and registrations
// for coming events, and imported history (lines and import runs).
import type { Db } from "../db/connection";
import type { EventFormat } from "../events/formats";
import type { Answer, Assessment } from "../outcomes/outcomes.rules";
import { type RegionScope, scopeParam } from "../shared/scope";
import type { FairRegistration, SelectionDecision } from "./stats.rules";

export type EventFact = {
  id: number;
  regionId: number;
  title: string;
  date: string;
  status: string;
  officeName: string;
  format: EventFormat;
  /** Places at a Minijobbmesse; null for slot-based formats. */
  capacity: number | null;
  slots: number;
};

export type InterviewFact = {
  eventId: number;
  candidateId: number;
  stage: string;
  noShow: boolean;
  assessment: Assessment | null;
  offer: Answer | null;
};

/** A Speedintervju candidate (booked or decided on) and the panel's decision, if any. */
export type SelectionFact = {
  eventId: number;
  candidateId: number;
  decision: SelectionDecision | null;
};

/** A Minijobbmesse registration with its check-in, room visits and «vil møte igjen» notes. */
export type RegistrationFact = { eventId: number; candidateId: number } & FairRegistration;

export type ComingBooking = {
  eventId: number;
  eventFormat: EventFormat;
  eventDate: string;
  eventTitle: string;
  candidateId: number;
  caseworkerId: number;
  caseworkerName: string;
  officeName: string | null;
};

type InterviewDb = Omit<InterviewFact, "noShow"> & { noShow: number };
type RegistrationDb = Omit<RegistrationFact, "arrived" | "noShow"> & { arrived: number; noShow: number };

export function statsRepo(db: Db) {
  const s = {
    events: db.prepare<{ region: string | null }, EventFact>(
      `SELECT ev.id, ev.region_id AS regionId, ev.title, ev.date, ev.status, o.name AS officeName, ev.format,
       ev.capacity,
       (SELECT count(*) FROM slot s JOIN participation p ON p.id = s.participation_id WHERE p.event_id = ev.id) AS slots
       FROM event ev JOIN office o ON o.id = ev.office_id
       WHERE (@region IS NULL OR ev.region_id IN (SELECT value FROM json_each(@region))) ORDER BY ev.date, ev.id`,
    ),
    interviews: db.prepare<{ region: string | null }, InterviewDb>(
      `SELECT c.event_id AS eventId, c.id AS candidateId, b.stage,
       (c.no_show_at IS NOT NULL OR b.stage = 'no-show') AS noShow, f.assessment, o.answer AS offer
       FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN event ev ON ev.id = c.event_id
       LEFT JOIN feedback f ON f.booking_id = b.id LEFT JOIN offer o ON o.feedback_id = f.id
       WHERE (@region IS NULL OR ev.region_id IN (SELECT value FROM json_each(@region)))`,
    ),
    selections: db.prepare<{ region: string | null }, SelectionFact>(
      `SELECT c.event_id AS eventId, c.id AS candidateId, sel.decision
       FROM candidate c JOIN event ev ON ev.id = c.event_id LEFT JOIN selection sel ON sel.candidate_id = c.id
       WHERE ev.format = 'speedintervju' AND (@region IS NULL OR ev.region_id IN (SELECT value FROM json_each(@region)))
       AND (sel.decision IS NOT NULL OR EXISTS (SELECT 1 FROM booking b WHERE b.candidate_id = c.id))`,
    ),
    registrations: db.prepare<{ region: string | null }, RegistrationDb>(
      `SELECT c.event_id AS eventId, c.id AS candidateId, (c.arrived_at IS NOT NULL) AS arrived,
       (c.no_show_at IS NOT NULL) AS noShow,
       (SELECT count(*) FROM room_visit v WHERE v.candidate_id = c.id) AS visits,
       (SELECT count(*) FROM meet_again m WHERE m.candidate_id = c.id) AS wantedBy
       FROM candidate c JOIN event ev ON ev.id = c.event_id
       WHERE ev.format = 'minijobbmesse' AND (@region IS NULL OR ev.region_id IN (SELECT value FROM json_each(@region)))`,
    ),
    // One row per booking at a slot-based format, one per registration at a Minijobbmesse (which has no bookings).
    comingBookings: db.prepare<{ region: string | null; today: string }, ComingBooking>(
      `SELECT ev.id AS eventId, ev.format AS eventFormat, ev.date AS eventDate, ev.title AS eventTitle,
       c.id AS candidateId, w.id AS caseworkerId, w.name AS caseworkerName, o.name AS officeName
       FROM candidate c JOIN event ev ON ev.id = c.event_id LEFT JOIN booking b ON b.candidate_id = c.id
       JOIN caseworker w ON w.id = c.caseworker_id LEFT JOIN office o ON o.id = coalesce(c.office_id, w.office_id)
       WHERE (b.id IS NOT NULL OR ev.format = 'minijobbmesse')
       AND ev.date >= @today AND ev.status IN ('open', 'closed') AND (@region IS NULL OR ev.region_id IN (SELECT value FROM json_each(@region)))
       ORDER BY ev.date, ev.id`,
    ),
    historyKeys: db.prepare<[number], { date: string; personKey: string; employer: string }>(
      `SELECT h.event_date AS date, p.person_key AS personKey, h.employer FROM history_participation h
       JOIN person p ON p.id = h.person_id WHERE h.region_id = ?`,
    ),
    insertImport: db.prepare(
      "INSERT INTO history_import (region_id, lines, imported_at, imported_by) VALUES (?, ?, ?, ?)",
    ),
    insertHistory: db.prepare(
      `INSERT INTO history_participation (import_id, region_id, event_date, person_id, employer)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    imports: db.prepare<
      [number],
      { id: number; lines: number; importedAt: string; importedBy: string; persons: number }
    >(
      `SELECT i.id, i.lines, i.imported_at AS importedAt, i.imported_by AS importedBy,
       (SELECT count(DISTINCT h.person_id) FROM history_participation h WHERE h.import_id = i.id) AS persons
       FROM history_import i WHERE i.region_id = ? ORDER BY i.id DESC`,
    ),
  };
  const region = (scope: RegionScope) => ({ region: scopeParam(scope) });
  return {
    events: (regionId: RegionScope) => s.events.all(region(regionId)),
    interviews: (regionId: RegionScope) =>
      s.interviews.all(region(regionId)).map((r): InterviewFact => ({ ...r, noShow: r.noShow === 1 })),
    selections: (regionId: RegionScope) => s.selections.all(region(regionId)),
    registrations: (regionId: RegionScope) =>
      s.registrations
        .all(region(regionId))
        .map((r): RegistrationFact => ({ ...r, arrived: r.arrived === 1, noShow: r.noShow === 1 })),
    comingBookings: (regionId: RegionScope, today: string) =>
      s.comingBookings.all({ region: scopeParam(regionId), today }),
    historyKeys: (regionId: number) => s.historyKeys.all(regionId),
    insertImport: (regionId: number, lines: number, now: string, actor: string) =>
      Number(s.insertImport.run(regionId, lines, now, actor).lastInsertRowid),
    insertHistory: (importId: number, regionId: number, date: string, personId: number, employer: string) =>
      s.insertHistory.run(importId, regionId, date, personId, employer),
    imports: (regionId: number) => s.imports.all(regionId),
  };
}
export type StatsRepo = ReturnType<typeof statsRepo>;
