// Owns SQL for events, their programme, participations and slots.
import type { Db } from "../db/connection";
import type { EventStatus } from "./events.rules";
import type { EventFormat, PanelMember } from "./formats";

export type EventRow = {
  id: number;
  regionId: number;
  officeId: number;
  title: string;
  date: string;
  interviewStart: string;
  interviewEnd: string;
  slotMinutes: number;
  gapMinutes: number;
  maxInterviews: number;
  pepTalkGap: boolean;
  hideNamesOnBoard: boolean;
  bookingDeadline: string;
  status: EventStatus;
  bookingLinkVersion: number;
  hostLinkVersion: number;
  boardLinkVersion: number;
  format: EventFormat;
  /** Registration places (Minijobbmesse); null for slot-based formats. */
  capacity: number | null;
};

export type ParticipationRow = {
  id: number;
  eventId: number;
  employerId: number;
  employerName: string;
  department: string;
  tasks: string;
  training: string;
  prerequisites: string;
  minAge: number | null;
  restrictions: string;
  offerTypes: string[];
  interviewCount: number;
  roomId: number | null;
  roomName: string | null;
  /** Candidates per slot (group slots); 1 for one-to-one interviews. */
  slotCapacity: number;
  /** Speedintervju: the NAV staff leading the interviews in this room. */
  panel: PanelMember[];
};

export type SlotRow = {
  id: number;
  participationId: number;
  startsAt: string;
  endsAt: string;
  /** At least one candidate is booked here (the slot cannot be dropped). */
  booked: boolean;
  /** Candidates booked here, and how many the slot holds (1 unless the participation takes groups). */
  taken: number;
  seats: number;
};

/** Places still open in a slot (0 when full). */
export const freeSeats = (s: Pick<SlotRow, "taken" | "seats">) => Math.max(0, s.seats - s.taken);

const EVENT_COLUMNS = `id, region_id AS regionId, office_id AS officeId, title, date,
  interview_start AS interviewStart, interview_end AS interviewEnd, slot_minutes AS slotMinutes,
  gap_minutes AS gapMinutes, max_interviews AS maxInterviews, pep_talk_gap AS pepTalkGap,
  hide_names_on_board AS hideNamesOnBoard, booking_deadline AS bookingDeadline, status,
  booking_link_version AS bookingLinkVersion, host_link_version AS hostLinkVersion,
  board_link_version AS boardLinkVersion, format, capacity`;

const PARTICIPATION_COLUMNS = `p.id, p.event_id AS eventId, p.employer_id AS employerId, e.name AS employerName,
  p.department, p.tasks, p.training, p.prerequisites, p.min_age AS minAge, p.restrictions,
  p.offer_types AS offerTypes, p.interview_count AS interviewCount, p.room_id AS roomId, r.name AS roomName,
  p.slot_capacity AS slotCapacity, p.panel`;

const SLOT_COLUMNS = `s.id, s.participation_id AS participationId, s.starts_at AS startsAt, s.ends_at AS endsAt,
  (SELECT count(*) FROM booking b WHERE b.slot_id = s.id) AS taken, p.slot_capacity AS seats`;

type EventDbRow = Omit<EventRow, "pepTalkGap" | "hideNamesOnBoard"> & {
  pepTalkGap: number;
  hideNamesOnBoard: number;
};
const toEvent = (r: EventDbRow | undefined): EventRow | undefined =>
  r ? { ...r, pepTalkGap: r.pepTalkGap === 1, hideNamesOnBoard: r.hideNamesOnBoard === 1 } : undefined;
type PDbRow = Omit<ParticipationRow, "offerTypes" | "panel"> & { offerTypes: string; panel: string };
const toParticipation = (r: PDbRow): ParticipationRow => ({
  ...r,
  offerTypes: JSON.parse(r.offerTypes),
  panel: JSON.parse(r.panel),
});
type SlotDbRow = Omit<SlotRow, "booked">;
const toSlot = (r: SlotDbRow): SlotRow => ({ ...r, booked: r.taken > 0 });

export type EventWrite = Omit<
  EventRow,
  "id" | "status" | "bookingLinkVersion" | "hostLinkVersion" | "boardLinkVersion"
>;
export type ParticipationWrite = {
  employerId: number;
  department: string;
  tasks: string;
  training: string;
  prerequisites: string;
  minAge: number | null;
  restrictions: string;
  offerTypes: string[];
  interviewCount: number;
  roomId: number | null;
  slotCapacity: number;
  panel: PanelMember[];
};

export function eventsRepo(db: Db) {
  const s = {
    list: db.prepare<[], EventDbRow>(`SELECT ${EVENT_COLUMNS} FROM event ORDER BY date DESC, id DESC`),
    get: db.prepare<[number], EventDbRow>(`SELECT ${EVENT_COLUMNS} FROM event WHERE id = ?`),
    insert: db.prepare(`INSERT INTO event (region_id, office_id, title, date, interview_start, interview_end,
      slot_minutes, gap_minutes, max_interviews, pep_talk_gap, hide_names_on_board, booking_deadline, status, created_at,
      format, capacity)
      VALUES (@regionId, @officeId, @title, @date, @interviewStart, @interviewEnd, @slotMinutes, @gapMinutes,
      @maxInterviews, @pepTalkGap, @hideNamesOnBoard, @bookingDeadline, 'draft', @now, @format, @capacity)`),
    update:
      db.prepare(`UPDATE event SET region_id = @regionId, office_id = @officeId, title = @title, date = @date,
      interview_start = @interviewStart, interview_end = @interviewEnd, slot_minutes = @slotMinutes,
      gap_minutes = @gapMinutes, max_interviews = @maxInterviews, pep_talk_gap = @pepTalkGap,
      hide_names_on_board = @hideNamesOnBoard, booking_deadline = @bookingDeadline, format = @format,
      capacity = @capacity WHERE id = @id`),
    setStatus: db.prepare("UPDATE event SET status = ? WHERE id = ?"),
    bumpLink: {
      booking: db.prepare("UPDATE event SET booking_link_version = booking_link_version + 1 WHERE id = ?"),
      host: db.prepare("UPDATE event SET host_link_version = host_link_version + 1 WHERE id = ?"),
      board: db.prepare("UPDATE event SET board_link_version = board_link_version + 1 WHERE id = ?"),
    },
    programme: db.prepare<[number], { time: string; label: string }>(
      "SELECT time, label FROM programme_item WHERE event_id = ? ORDER BY time, id",
    ),
    deleteProgramme: db.prepare("DELETE FROM programme_item WHERE event_id = ?"),
    insertProgramme: db.prepare("INSERT INTO programme_item (event_id, time, label) VALUES (?, ?, ?)"),
    participations: db.prepare<[number], PDbRow>(
      `SELECT ${PARTICIPATION_COLUMNS} FROM participation p JOIN employer e ON e.id = p.employer_id
       LEFT JOIN room r ON r.id = p.room_id WHERE p.event_id = ? ORDER BY p.id`,
    ),
    participation: db.prepare<[number], PDbRow>(
      `SELECT ${PARTICIPATION_COLUMNS} FROM participation p JOIN employer e ON e.id = p.employer_id
       LEFT JOIN room r ON r.id = p.room_id WHERE p.id = ?`,
    ),
    participationByKey: db.prepare<[number, number, string], { id: number }>(
      "SELECT id FROM participation WHERE event_id = ? AND employer_id = ? AND department = ?",
    ),
    insertParticipation:
      db.prepare(`INSERT INTO participation (event_id, employer_id, department, tasks, training,
      prerequisites, min_age, restrictions, offer_types, interview_count, room_id, slot_capacity, panel, created_at)
      VALUES (@eventId, @employerId, @department, @tasks, @training, @prerequisites, @minAge, @restrictions,
      @offerTypes, @interviewCount, @roomId, @slotCapacity, @panel, @now)`),
    updateParticipation:
      db.prepare(`UPDATE participation SET employer_id = @employerId, department = @department,
      tasks = @tasks, training = @training, prerequisites = @prerequisites, min_age = @minAge,
      restrictions = @restrictions, offer_types = @offerTypes, interview_count = @interviewCount, room_id = @roomId,
      slot_capacity = @slotCapacity, panel = @panel WHERE id = @id`),
    deleteParticipation: db.prepare("DELETE FROM participation WHERE id = ?"),
    candidateCount: db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM candidate WHERE event_id = ?",
    ),
    deleteEventParticipations: db.prepare("DELETE FROM participation WHERE event_id = ?"),
    deleteEvent: db.prepare("DELETE FROM event WHERE id = ?"),
    slots: db.prepare<[number], SlotDbRow>(
      `SELECT ${SLOT_COLUMNS} FROM slot s JOIN participation p ON p.id = s.participation_id
       WHERE s.participation_id = ? ORDER BY s.starts_at`,
    ),
    eventSlots: db.prepare<[number], SlotDbRow>(
      `SELECT ${SLOT_COLUMNS} FROM slot s JOIN participation p ON p.id = s.participation_id
       WHERE p.event_id = ? ORDER BY s.starts_at`,
    ),
    bookedBirthYears: db.prepare<[number, number], { birthYear: number }>(
      `SELECT c.birth_year AS birthYear FROM booking b JOIN candidate c ON c.id = b.candidate_id
       WHERE b.participation_id = ?
       UNION ALL SELECT c.birth_year FROM waitlist_entry w JOIN candidate c ON c.id = w.candidate_id
       WHERE w.participation_id = ?`,
    ),
    insertSlot: db.prepare("INSERT INTO slot (participation_id, starts_at, ends_at) VALUES (?, ?, ?)"),
    deleteSlot: db.prepare("DELETE FROM slot WHERE id = ?"),
  };
  const eventParams = (e: EventWrite) => ({
    ...e,
    pepTalkGap: e.pepTalkGap ? 1 : 0,
    hideNamesOnBoard: e.hideNamesOnBoard ? 1 : 0,
  });
  const participationParams = (p: ParticipationWrite) => ({
    ...p,
    offerTypes: JSON.stringify(p.offerTypes),
    panel: JSON.stringify(p.panel.map((m) => ({ name: m.name, role: m.role }))),
  });
  return {
    list: () => s.list.all().map((r) => toEvent(r) as EventRow),
    get: (id: number) => toEvent(s.get.get(id)),
    insert: (e: EventWrite, now: string) => Number(s.insert.run({ ...eventParams(e), now }).lastInsertRowid),
    update: (id: number, e: EventWrite) => s.update.run({ ...eventParams(e), id }),
    setStatus: (id: number, status: EventStatus) => s.setStatus.run(status, id),
    bumpLink: (id: number, kind: "booking" | "host" | "board") => s.bumpLink[kind].run(id),
    programme: (eventId: number) => s.programme.all(eventId),
    replaceProgramme(eventId: number, items: { time: string; label: string }[]) {
      s.deleteProgramme.run(eventId);
      for (const i of items) s.insertProgramme.run(eventId, i.time, i.label);
    },
    participations: (eventId: number) => s.participations.all(eventId).map(toParticipation),
    participation: (id: number) => {
      const r = s.participation.get(id);
      return r ? toParticipation(r) : undefined;
    },
    participationByKey: (eventId: number, employerId: number, department: string) =>
      s.participationByKey.get(eventId, employerId, department),
    insertParticipation: (eventId: number, p: ParticipationWrite, now: string) =>
      Number(s.insertParticipation.run({ ...participationParams(p), eventId, now }).lastInsertRowid),
    updateParticipation: (id: number, p: ParticipationWrite) =>
      s.updateParticipation.run({ ...participationParams(p), id }),
    deleteParticipation: (id: number) => s.deleteParticipation.run(id),
    candidateCount: (eventId: number) => s.candidateCount.get(eventId)?.n ?? 0,
    /** Removes an event with its participations, slots and programme (callers check it holds no bookings). */
    deleteEvent: (id: number) => {
      s.deleteEventParticipations.run(id);
      s.deleteEvent.run(id);
    },
    slots: (participationId: number) => s.slots.all(participationId).map(toSlot),
    eventSlots: (eventId: number) => s.eventSlots.all(eventId).map(toSlot),
    /** Birth years of candidates booked or waiting at a participation. */
    bookedBirthYears: (participationId: number) =>
      s.bookedBirthYears.all(participationId, participationId).map((r) => r.birthYear),
    insertSlot: (participationId: number, startsAt: string, endsAt: string) =>
      s.insertSlot.run(participationId, startsAt, endsAt),
    deleteSlot: (id: number) => s.deleteSlot.run(id),
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
