// Owns the day's state changes (host actions, undo, delays) and the snapshots every screen renders.

import { arrivalTime } from "../booking/booking.rules";
import type { Db } from "../db/connection";
import { eventsRepo } from "../events/events.repo";
import { panelNames } from "../events/formats";
import { domainEvents } from "../shared/domain-events";
import { AppError, notFound } from "../shared/errors";
import { type Clock, formatDate, formatTime, osloDateTime } from "../shared/time";
import { type DayRow, dayofRepo } from "./dayof.repo";
import {
  boardName,
  byUrgency,
  CANDIDATE_STATUS_LABELS,
  type CandidateDay,
  candidatePlan,
  decideHostAction,
  decideUndo,
  type HostAction,
  ROOM_STATE_LABELS,
  type RoomState,
  roomState,
  type Stage,
} from "./dayof.rules";

export type Audience = "staff" | "board";

type CandidateBefore = {
  arrivedAt: string | null;
  pepTalkAt: string | null;
  noShowAt: string | null;
  stages: { id: number; stage: Stage; startedAt: string | null; finishedAt: string | null }[];
};

export const ACTION_LABELS: Record<string, string> = {
  arrive: "Ankommet",
  "pep-talk": "Veileder/pep talk",
  "no-show": "Ikke møtt",
  start: "Inn til intervju",
  finish: "Intervju ferdig",
  delay: "Forsinkelse",
  undo: "Angret",
};

export function dayofService(db: Db, clock: Clock) {
  const repo = dayofRepo(db);
  const bus = domainEvents(db);
  const events = eventsRepo(db);

  function candidateDay(eventId: number, candidateId: number): { day: CandidateDay; rows: DayRow[] } {
    const rows = repo.rows(eventId).filter((r) => r.candidateId === candidateId);
    if (!rows.length)
      throw new AppError(404, "not-in-event", "Kandidaten hører ikke til dette arrangementet");
    const r = rows[0];
    return {
      rows,
      day: {
        id: candidateId,
        arrivedAt: r.arrivedAt,
        pepTalkAt: r.pepTalkAt,
        noShowAt: r.noShowAt,
        version: r.version,
        interviews: rows.map((x) => ({
          bookingId: x.bookingId,
          participationId: x.participationId,
          stage: x.stage,
        })),
      },
    };
  }

  function beforeOf(rows: DayRow[]): CandidateBefore {
    const r = rows[0];
    return {
      arrivedAt: r.arrivedAt,
      pepTalkAt: r.pepTalkAt,
      noShowAt: r.noShowAt,
      stages: rows.map((x) => ({
        id: x.bookingId,
        stage: x.stage,
        startedAt: x.startedAt,
        finishedAt: x.finishedAt,
      })),
    };
  }

  function restore(candidateId: number, b: CandidateBefore) {
    repo.setCandidate({
      id: candidateId,
      arrivedAt: b.arrivedAt,
      pepTalkAt: b.pepTalkAt,
      noShowAt: b.noShowAt,
    });
    for (const st of b.stages) repo.setStage(st);
  }

  /** The candidate an action targets, checked to belong to this event (a foreign id changes nothing). */
  function targetCandidate(eventId: number, action: HostAction): number | null {
    if (action.kind === "start" || action.kind === "finish") {
      const b = repo.bookingEvent(action.bookingId);
      if (!b || b.eventId !== eventId)
        throw new AppError(404, "not-in-event", "Intervjuet hører ikke til dette arrangementet");
      return b.candidateId;
    }
    if (action.kind === "arrive" || action.kind === "pep-talk" || action.kind === "no-show") {
      if (repo.candidateEvent(action.candidateId) !== eventId) {
        throw new AppError(404, "not-in-event", "Kandidaten hører ikke til dette arrangementet");
      }
      return action.candidateId;
    }
    return null;
  }

  return {
    /**
     * Applies a host action once: a repeated id (a tablet retrying after a reconnect) is acknowledged
     * without applying it again. Refusals are 409 with a stable code and change nothing.
     */
    apply(eventId: number, actor: string, actionId: string, action: HostAction): { replay: boolean } {
      // Screens hear about the action from its domain event, after commit; a replay announces nothing.
      return bus.transaction(() => {
        const result = applyInTx();
        if (!result.replay) bus.record({ type: "host.action", eventId, actionId, kind: action.kind, actor });
        return result;
      });

      function applyInTx(): { replay: boolean } {
        return db.transaction(() => {
          const seen = repo.action(actionId);
          if (seen && seen.eventId !== eventId) {
            throw new AppError(409, "action-id-reused", "Handlingen har en id som er brukt før. Prøv igjen.");
          }
          if (seen) return { replay: true };
          const event = events.get(eventId);
          if (!event) throw notFound("Fant ikke arrangementet");
          const now = clock().toISOString();
          const record = {
            id: actionId,
            eventId,
            at: now,
            actor,
            kind: action.kind,
            candidateId: null as number | null,
            bookingId: null as number | null,
            participationId: null as number | null,
            before: {} as unknown,
          };

          if (action.kind === "undo") {
            // Any tablet may undo any action still in force, as long as nothing newer touched the same
            // candidate or room delay (putting the old state back would silently revert that too).
            const target = repo.action(action.actionId);
            const d = decideUndo(
              target?.eventId === eventId ? target : undefined,
              target ? repo.newerThan(eventId, target.id) : [],
            );
            if (!d.ok) throw new AppError(409, d.reason, d.message);
            const last = target as NonNullable<typeof target>;
            const before = JSON.parse(last.before);
            if (last.kind === "delay" && last.participationId)
              repo.setDelay(last.participationId, before.delayMinutes);
            else if (last.candidateId) restore(last.candidateId, before);
            repo.markUndone(last.id, now);
            repo.insertAction({
              ...record,
              candidateId: last.candidateId,
              participationId: last.participationId,
              before: { undid: last.id },
            });
            return { replay: false };
          }

          if (action.kind === "delay") {
            const p = repo.participationEvent(action.participationId);
            if (!p || p.eventId !== eventId)
              throw new AppError(404, "not-in-event", "Rommet hører ikke til dette arrangementet");
            const d = decideHostAction(action, null);
            if (!d.ok) throw new AppError(422, d.reason, d.message);
            repo.setDelay(action.participationId, action.minutes);
            repo.insertAction({
              ...record,
              participationId: action.participationId,
              before: { delayMinutes: p.delayMinutes },
            });
            return { replay: false };
          }

          const candidateId = targetCandidate(eventId, action) as number;
          const { day, rows } = candidateDay(eventId, candidateId);
          const d = decideHostAction(action, day);
          if (!d.ok) throw new AppError(409, d.reason, d.message);
          const before = beforeOf(rows);
          const next = {
            id: candidateId,
            arrivedAt: day.arrivedAt,
            pepTalkAt: day.pepTalkAt,
            noShowAt: day.noShowAt,
          };
          if (action.kind === "arrive") Object.assign(next, { arrivedAt: now, noShowAt: null });
          if (action.kind === "pep-talk") next.pepTalkAt = now;
          if (action.kind === "no-show") {
            next.noShowAt = now;
            for (const r of rows)
              if (r.stage === "scheduled")
                repo.setStage({ id: r.bookingId, stage: "no-show", startedAt: null, finishedAt: null });
          }
          if (action.kind === "arrive") {
            // A late arrival after a no-show gets their remaining interviews back.
            for (const r of rows)
              if (r.stage === "no-show")
                repo.setStage({ id: r.bookingId, stage: "scheduled", startedAt: null, finishedAt: null });
          }
          if (action.kind === "start") {
            // Sending someone to the room also means they have arrived.
            next.arrivedAt ??= now;
            repo.setStage({ id: action.bookingId, stage: "in-room", startedAt: now, finishedAt: null });
          }
          if (action.kind === "finish") {
            const r = rows.find((x) => x.bookingId === action.bookingId) as DayRow;
            repo.setStage({
              id: action.bookingId,
              stage: "finished",
              startedAt: r.startedAt,
              finishedAt: now,
            });
          }
          repo.setCandidate(next);
          repo.insertAction({
            ...record,
            candidateId,
            bookingId: "bookingId" in action ? action.bookingId : null,
            before,
          });
          return { replay: false };
        })();
      }
    },

    /** Everything a screen needs, ready to render; the board's version holds no more than its setting allows. */
    snapshot(eventId: number, audience: Audience) {
      const event = events.get(eventId);
      if (!event) throw notFound("Fant ikke arrangementet");
      const now = clock();
      const rows = repo.rows(eventId);
      const byBooking = new Map(rows.map((r) => [r.bookingId, r]));
      // A group slot holds several bookings; rows come ordered by time and booking id.
      const bySlot = new Map<number, DayRow[]>();
      for (const r of rows) bySlot.set(r.slotId, [...(bySlot.get(r.slotId) ?? []), r]);
      const name = (r: DayRow) =>
        audience === "board"
          ? boardName(r.displayName, r.participantNumber, event.hideNamesOnBoard)
          : r.displayName;
      /** Everyone in one slot as one line: "Ola N., Kari B." and "3, 7" (a one-to-one slot shows just one). */
      const together = (list: DayRow[], show: (r: DayRow) => string) =>
        list.length ? list.map(show).join(", ") : null;
      const numbers = (list: DayRow[]) =>
        list.length === 1 ? list[0].participantNumber : together(list, (r) => String(r.participantNumber));
      const participations = events.participations(eventId);
      // One effective time per booking, used by the rooms, the cards and the sheets alike.
      const timeOf = new Map<number, { startsAt: string; endsAt: string; shifted: boolean }>();
      const busyRooms = new Set<number>();
      // Group slots whose interview has begun: the rest of the group may still be sent in.
      const groupsInProgress = new Set<number>();

      const rooms = participations.map((p) => {
        const slots = events.slots(p.id);
        const delay = repo.participationEvent(p.id)?.delayMinutes ?? 0;
        // One entry per booking (several in a group slot), or one for an empty slot.
        const entries = slots.flatMap((s) => {
          const list = bySlot.get(s.id) ?? [];
          return list.length
            ? list.map((r) => ({ slot: s, row: r as DayRow | null }))
            : [{ slot: s, row: null }];
        });
        const st = roomState(
          entries.map(({ slot: s, row: r }) => ({
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            booking: r ? { stage: r.stage, startedAt: r.startedAt, arrived: Boolean(r.arrivedAt) } : null,
          })),
          delay,
          event.slotMinutes,
          now,
        );
        entries.forEach(({ row: r }, i) => {
          if (r) timeOf.set(r.bookingId, st.slots[i]);
        });
        if (st.currentIndex >= 0) {
          busyRooms.add(p.id);
          if (p.slotCapacity > 1) groupsInProgress.add(entries[st.currentIndex].slot.id);
        }
        const slotView = (i: number, stage: Stage) => {
          if (i < 0) return null;
          const slotId = entries[i].slot.id;
          const list = (bySlot.get(slotId) ?? []).filter((r) => r.stage === stage);
          return {
            time: formatTime(st.slots[i].startsAt),
            name: together(list, name),
            number: numbers(list),
          };
        };
        return {
          participationId: p.id,
          room: p.roomName ?? "Uten rom",
          employer: p.department ? `${p.employerName}, ${p.department}` : p.employerName,
          /** A Speedintervju's room is led by its panel: shown instead of the employer on board, tablet and door. */
          panel: panelNames(p.panel),
          delayMinutes: delay,
          seats: p.slotCapacity,
          state: st.state as RoomState,
          stateLabel: ROOM_STATE_LABELS[st.state],
          minutesLeft: st.minutesLeft,
          current: slotView(st.currentIndex, "in-room"),
          next: slotView(st.nextIndex, "scheduled"),
          slots:
            audience === "board"
              ? []
              : slots.map((s) => {
                  const list = bySlot.get(s.id) ?? [];
                  const i = entries.findIndex((x) => x.slot.id === s.id);
                  const r = list[0];
                  return {
                    time: formatTime(st.slots[i].startsAt),
                    plannedTime: st.slots[i].shifted ? formatTime(s.startsAt) : null,
                    bookingId: r?.bookingId ?? null,
                    name: together(list, (x) => x.displayName),
                    number: r ? numbers(list) : null,
                    stage: r?.stage ?? null,
                    /** Every candidate in the slot (a group slot has several), each with its own stage. */
                    bookings: list.map((x) => ({
                      bookingId: x.bookingId,
                      name: x.displayName,
                      number: x.participantNumber,
                      stage: x.stage,
                    })),
                    seats: p.slotCapacity,
                  };
                }),
        };
      });

      const base = {
        eventId,
        title: event.title,
        dateText: formatDate(event.date),
        serverNow: now.toISOString(),
        clock: osloDateTime(now).toFormat("HH:mm"),
        // Events that hold a gap for the pep talk make it a step of its own on the tablet.
        usesPepTalk: event.pepTalkGap,
        rooms,
      };
      if (audience === "board") return { ...base, arrivals: [], log: [] };

      const candidates = new Map<number, DayRow[]>();
      for (const r of rows) candidates.set(r.candidateId, [...(candidates.get(r.candidateId) ?? []), r]);
      const roomOf = new Map(
        participations.map((p) => [p.id, { room: p.roomName ?? "Uten rom", employer: p.employerName }]),
      );
      const when = (r: DayRow) =>
        timeOf.get(r.bookingId) ?? { startsAt: r.startsAt, endsAt: r.endsAt, shifted: false };
      const arrivals = [...candidates.values()]
        .map((list) => {
          const r = list[0];
          const interviews = list
            .map((x) => ({ row: x, at: when(x) }))
            .sort((a, b) => a.at.startsAt.localeCompare(b.at.startsAt));
          const plan = candidatePlan(
            {
              arrived: Boolean(r.arrivedAt),
              pepTalk: Boolean(r.pepTalkAt),
              noShow: Boolean(r.noShowAt),
              interviews: interviews.map(({ row, at }) => ({
                bookingId: row.bookingId,
                participationId: row.participationId,
                slotId: row.slotId,
                stage: row.stage,
                startsAt: at.startsAt,
                endsAt: at.endsAt,
              })),
            },
            { usesPepTalk: event.pepTalkGap, busyRooms, groupsInProgress },
            now,
          );
          return {
            candidateId: r.candidateId,
            number: r.participantNumber,
            name: r.displayName,
            caseworker: r.caseworkerName,
            backup: r.backupCaseworker,
            caseworkerJoins: r.caseworkerJoins === 1,
            needsAdaptation: r.needsAdaptation === 1,
            version: r.version,
            arrived: r.arrivedAt ? formatTime(r.arrivedAt) : null,
            pepTalk: Boolean(r.pepTalkAt),
            noShow: Boolean(r.noShowAt),
            status: plan.status,
            statusLabel: CANDIDATE_STATUS_LABELS[plan.status],
            primary: plan.primary,
            waitingFor: plan.waitingFor,
            nextBookingId: plan.nextBookingId,
            dueTime: plan.dueAt ? formatTime(plan.dueAt) : null,
            plan,
            // The planned first interview: the run sheet's master list keeps arrival order by it.
            firstAt: list[0].startsAt,
            arrival: arrivalTime(
              list.map((x) => x.startsAt),
              event.interviewStart,
            ),
            interviews: interviews.map(({ row: x, at }) => ({
              bookingId: x.bookingId,
              participationId: x.participationId,
              time: formatTime(at.startsAt),
              plannedTime: at.shifted ? formatTime(x.startsAt) : null,
              employer: roomOf.get(x.participationId)?.employer ?? "",
              room: roomOf.get(x.participationId)?.room ?? "",
              stage: x.stage,
            })),
          };
        })
        .sort(byUrgency)
        .map(({ plan: _plan, ...a }) => a);

      const actors = repo.actors(eventId);
      // Tablets that sent a device id are told apart by the order they first acted in.
      const tablets = actors.filter((a) => a.startsWith("host:") && !a.startsWith("host:event-"));
      const who = (actor: string) => {
        if (actor.startsWith("coordinator:")) return "Koordinator";
        const n = tablets.indexOf(actor);
        return n >= 0 ? `Nettbrett ${n + 1}` : "Hovmester";
      };
      const actions = repo.log(eventId);
      const log = actions.map((a, i) => ({
        id: a.id,
        kind: a.kind,
        at: formatTime(a.at),
        what: ACTION_LABELS[a.kind] ?? a.kind,
        actor: a.actor,
        who: who(a.actor),
        number: a.candidateId
          ? (rows.find((r) => r.candidateId === a.candidateId)?.participantNumber ?? null)
          : null,
        room: a.participationId
          ? (roomOf.get(a.participationId)?.room ?? null)
          : a.bookingId
            ? (roomOf.get(byBooking.get(a.bookingId)?.participationId ?? 0)?.room ?? null)
            : null,
        undone: Boolean(a.undoneAt),
        // The log is newest first: everything before index i is newer.
        undoable: decideUndo(a, actions.slice(0, i)).ok,
      }));
      return { ...base, arrivals, log };
    },
  };
}
export type DayofService = ReturnType<typeof dayofService>;
export type DaySnapshot = ReturnType<DayofService["snapshot"]>;
