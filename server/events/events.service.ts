// Owns planning events: create, change, copy, series, status, participations and their slots.

import { ageInYear, checkGroupSize } from "../booking/booking.rules";
import { registrationTimes } from "../booking/registration.rules";
import type { Db } from "../db/connection";
import { employersRepo } from "../employers/employers.repo";
import { regionsRepo } from "../regions/regions.repo";
import { type DomainEvent, domainEvents } from "../shared/domain-events";
import { AppError, type FieldErrors, invalidInput, notFound } from "../shared/errors";
import { addDays, type Clock, formatTime, minutesOf, osloDate, osloToUtc } from "../shared/time";
import {
  type EventRow,
  type EventWrite,
  eventsRepo,
  freeSeats,
  type ParticipationRow,
  type SlotRow,
} from "./events.repo";
import {
  canChangeStatus,
  checkEventDates,
  defaultBookingDeadline,
  type EventStatus,
  findRoomClash,
  lifecycleStatus,
  nextLifecycleChange,
  roomClashes,
  STATUS_LABELS,
} from "./events.rules";
import { type EventInput, type ParticipationInput, parseProgramme } from "./events.schemas";
import { type FormatProfile, formatOf, MIN_PANEL } from "./formats";
import { type EventLinkKind, eventLinks } from "./links";
import { checkWindow, deriveSlots, planSlotChange, slotCapacity, type Window } from "./slots.rules";

export type ParticipationDetail = ParticipationRow & { slots: SlotRow[]; freeSlots: number };
export type EventDetail = {
  event: EventRow;
  /** What differs for this event's format (words, slots or open rooms, outcomes). */
  format: FormatProfile;
  /** Candidates registered (a Minijobbmesse counts these against its capacity). */
  registered: number;
  venue: { officeId: number; name: string; address: string };
  programme: { time: string; label: string }[];
  participations: ParticipationDetail[];
  freeSlots: number;
  capacity: number;
  /** Rooms holding two employers at once (older data); booking cannot open until they are resolved. */
  roomConflicts: string[];
};

/** Open places across slots (a group slot counts each free seat). */
const freeIn = (slots: SlotRow[]) => slots.reduce((n, s) => n + freeSeats(s), 0);

export function eventsService(db: Db, clock: Clock, secret: string, baseUrl: string) {
  const repo = eventsRepo(db);
  const regions = regionsRepo(db);
  const employers = employersRepo(db);
  const bus = domainEvents(db);
  const bumpCalendars = db.prepare(
    `UPDATE booking SET calendar_seq = calendar_seq + 1
     WHERE participation_id IN (SELECT id FROM participation WHERE event_id = ?)`,
  );
  const bumpParticipationCalendars = db.prepare(
    "UPDATE booking SET calendar_seq = calendar_seq + 1 WHERE participation_id = ?",
  );

  /** A database guard that fired (a room taken since the check), as the same 409 the rule gives. */
  function guarded<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      if (err instanceof Error && err.message === "slot-capacity-below-bookings")
        throw invalidInput({
          slotCapacity: "Noen tidspunkter har flere kandidater booket enn det nye antallet. Flytt dem først.",
        });
      if (err instanceof Error && err.message === "format-fixed")
        throw invalidInput({
          format: "Formatet kan ikke endres når arrangementet har virksomheter eller kandidater.",
        });
      if (err instanceof Error && err.message === "capacity-below-registrations")
        throw invalidInput({ capacity: "Det er allerede påmeldt flere enn det nye antallet plasser." });
      if (err instanceof Error && err.message === "room-taken")
        throw new AppError(
          409,
          "room-taken",
          "Samtalerommet er allerede i bruk på samme tid. Velg et annet rom.",
          {
            roomId: "Samtalerommet er allerede i bruk på samme tid. Velg et annet rom.",
          },
        );
      throw err;
    }
  }

  /** Holds the room to one employer at a time, naming the employer already there. */
  function checkRoom(e: EventRow, input: ParticipationInput, exceptId?: number) {
    if (input.roomId === undefined) return;
    const others = repo
      .participations(e.id)
      .filter((p) => p.id !== exceptId)
      .map((p) => ({ ...p, slots: repo.slots(p.id) }));
    // An open room (Minijobbmesse) is held by its employer for the whole window.
    const clash = formatOf(e.format).hasSlots
      ? findRoomClash(input.roomId, deriveSlots(e, input.interviewCount), others)
      : others.find((p) => p.roomId === input.roomId);
    if (clash) {
      const who = clash.department ? `${clash.employerName}, ${clash.department}` : clash.employerName;
      const message = `${clash.roomName ?? "Rommet"} er allerede brukt av ${who} på samme tid. Velg et annet samtalerom.`;
      throw new AppError(409, "room-taken", message, { roomId: message });
    }
  }

  /** Pairs of employers sharing a room at the same time (data from before the guard); empty when all is well. */
  function roomConflicts(eventId: number): string[] {
    const ps = repo.participations(eventId).map((p) => ({ ...p, slots: repo.slots(p.id) }));
    return roomClashes(ps).map(
      ([a, b]) =>
        `${a.roomName ?? "Samme rom"}: ${a.employerName}${a.department ? `, ${a.department}` : ""} og ${b.employerName}${b.department ? `, ${b.department}` : ""} har intervjuer på samme tid`,
    );
  }

  function get(id: number): EventRow {
    const e = repo.get(id);
    if (!e) throw notFound("Fant ikke arrangementet");
    return e;
  }

  /** Turns validated input into a row, checking what needs the database or the clock. */
  function toWrite(input: EventInput, previous?: EventRow): EventWrite {
    const office = regions.office(input.officeId);
    if (!office) throw invalidInput({ officeId: "Velg et NAV-kontor fra listen" });
    const format = formatOf(input.format ?? previous?.format);
    const slotMinutes = input.slotMinutes ?? format.defaults.slotMinutes;
    const window: Window = { ...input, slotMinutes };
    // Open rooms have no slots to fit: the window only has to exist on the day (one "slot" the whole window).
    const errors: FieldErrors = format.hasSlots ? { ...checkWindow(window) } : openWindowErrors(window);
    const deadline = input.bookingDeadline
      ? osloToUtc(input.bookingDeadline.slice(0, 10), input.bookingDeadline.slice(11, 16))
      : previous && previous.date === input.date
        ? previous.bookingDeadline
        : defaultBookingDeadline(input.date);
    const dateErrors = checkEventDates(
      { date: input.date, interviewStart: input.interviewStart, bookingDeadline: deadline ?? "" },
      clock(),
    );
    // Keeping an event's existing past date (e.g. editing a held event's text) is not an error.
    if (previous && previous.date === input.date) delete dateErrors.date;
    Object.assign(errors, dateErrors);
    if (Object.keys(errors).length) throw invalidInput(errors);
    return {
      regionId: office.regionId,
      officeId: office.id,
      title: input.title ?? format.defaults.title,
      date: input.date,
      interviewStart: input.interviewStart,
      interviewEnd: input.interviewEnd,
      slotMinutes,
      gapMinutes: format.hasSlots ? input.gapMinutes : 0,
      maxInterviews: input.maxInterviews ?? format.defaults.maxInterviews,
      pepTalkGap: format.hasSlots && input.pepTalkGap,
      hideNamesOnBoard: input.hideNamesOnBoard,
      bookingDeadline: deadline as string,
      format: format.code,
      capacity: format.hasSlots ? null : (input.capacity ?? previous?.capacity ?? format.defaults.capacity),
    };
  }

  /** A Minijobbmesse's open-room window: it must end after it starts and both times must exist that day. */
  function openWindowErrors(w: Window): FieldErrors {
    const length = minutesOf(w.interviewEnd) - minutesOf(w.interviewStart);
    if (length <= 0) return { interviewEnd: `Rommene må stenge etter at de åpner (kl. ${w.interviewStart})` };
    const errors = checkWindow({ ...w, slotMinutes: length, gapMinutes: 0 });
    delete errors.slotMinutes;
    delete errors.gapMinutes;
    return errors;
  }

  function capacityOf(w: Omit<Window, "date">): number {
    return slotCapacity(w) ?? 0;
  }

  /** The slots a participation should have: none where rooms are open instead of booked. */
  const slotsFor = (e: EventWrite, count: number) =>
    formatOf(e.format).hasSlots ? deriveSlots(e, count) : [];

  /** Brings a participation's slots in line with the event window; refuses to drop a booked slot. */
  function syncSlots(e: EventWrite & { id?: number }, p: ParticipationRow, count: number) {
    const desired = slotsFor(e, count);
    const plan = planSlotChange(repo.slots(p.id), desired);
    if (!plan.ok) {
      const which = plan.dropped.map((s) => `kl. ${formatTime(s.startsAt)}`).join(", ");
      throw new AppError(
        409,
        "booked-slot-would-be-dropped",
        `Endringen ville fjerne bookede intervjuer hos ${p.employerName} (${which}). Flytt eller avbestill dem først.`,
      );
    }
    for (const id of plan.remove) repo.deleteSlot(id);
    for (const s of plan.add) repo.insertSlot(p.id, s.startsAt, s.endsAt);
  }

  function checkParticipation(e: EventRow, input: ParticipationInput, exceptId?: number) {
    const errors: FieldErrors = {};
    const employer = employers.get(input.employerId);
    if (!employer) errors.employerId = "Velg en virksomhet fra listen";
    else if (employer.regionId !== e.regionId) errors.employerId = "Virksomheten hører til en annen region";
    if (input.roomId !== undefined) {
      const room = regions.room(input.roomId);
      if (!room || room.officeId !== e.officeId)
        errors.roomId = "Velg et samtalerom på kontoret der arrangementet holdes";
    }
    const format = formatOf(e.format);
    const capacity = capacityOf(e);
    if (format.hasSlots && input.interviewCount > capacity) {
      errors.interviewCount = `Intervjuvinduet har plass til ${capacity} intervjuer per virksomhet`;
    }
    if (format.roomHost === "panel" && (input.panel?.length ?? 0) < MIN_PANEL) {
      errors.panel = `Skriv navnet på minst ${MIN_PANEL} NAV-ansatte i intervjupanelet, ett per linje`;
    }
    const same = repo.participationByKey(e.id, input.employerId, input.department);
    if (same && same.id !== exceptId) {
      errors.department = "Virksomheten er allerede med på arrangementet med denne avdelingen";
    }
    if (Object.keys(errors).length) throw invalidInput(errors);
    checkRoom(e, input, exceptId);
  }

  /** What is stored, kept to what the format uses: groups only where there are slots, a panel only in a Speedintervju. */
  const participationWrite = (input: ParticipationInput, e: Pick<EventRow, "format">) => {
    const format = formatOf(e.format);
    return {
      ...input,
      minAge: input.minAge ?? null,
      roomId: input.roomId ?? null,
      slotCapacity: format.hasSlots ? (input.slotCapacity ?? 1) : 1,
      panel: format.roomHost === "panel" ? (input.panel ?? []) : [],
    };
  };

  function detail(id: number): EventDetail {
    const event = get(id);
    const office = regions.office(event.officeId);
    // One query for all the event's slots (ordered by time), grouped here, instead of one per employer.
    const slotsOf = new Map<number, SlotRow[]>();
    for (const s of repo.eventSlots(id)) {
      const list = slotsOf.get(s.participationId);
      if (list) list.push(s);
      else slotsOf.set(s.participationId, [s]);
    }
    const participations = repo.participations(id).map((p) => {
      const slots = slotsOf.get(p.id) ?? [];
      return { ...p, slots, freeSlots: freeIn(slots) };
    });
    const format = formatOf(event.format);
    const registered = repo.candidateCount(id);
    return {
      event: { ...event, status: lifecycleStatus(event, clock()) },
      format,
      registered,
      roomConflicts: roomConflicts(id),
      venue: { officeId: event.officeId, name: office?.name ?? "", address: office?.address ?? "" },
      programme: repo.programme(id),
      participations,
      // A Minijobbmesse's free places are its registrations left; slot formats count free seats in slots.
      freeSlots: format.hasSlots
        ? participations.reduce((n, p) => n + p.freeSlots, 0)
        : Math.max(0, (event.capacity ?? 0) - registered),
      capacity: format.hasSlots ? capacityOf(event) : (event.capacity ?? 0),
    };
  }

  function copyInto(source: EventRow, date: string): number {
    const input: EventInput = {
      officeId: source.officeId,
      format: source.format,
      capacity: source.capacity ?? undefined,
      title: source.title,
      date,
      interviewStart: source.interviewStart,
      interviewEnd: source.interviewEnd,
      slotMinutes: source.slotMinutes,
      gapMinutes: source.gapMinutes,
      maxInterviews: source.maxInterviews,
      pepTalkGap: source.pepTalkGap,
      hideNamesOnBoard: source.hideNamesOnBoard,
      bookingDeadline: undefined,
      programme: "",
    };
    const write = toWrite(input);
    const twin = repo.list().find((e) => e.officeId === write.officeId && e.date === write.date);
    if (twin) {
      throw invalidInput({
        date: `Det finnes allerede et arrangement på samme sted denne datoen («${twin.title}»). Velg en annen dato.`,
      });
    }
    const now = clock().toISOString();
    const id = repo.insert(write, now);
    repo.replaceProgramme(id, repo.programme(source.id));
    for (const p of repo.participations(source.id)) {
      const pid = repo.insertParticipation(id, p, now);
      for (const s of slotsFor(write, p.interviewCount)) repo.insertSlot(pid, s.startsAt, s.endsAt);
    }
    return id;
  }

  return {
    repo,
    get,
    detail,
    list: () =>
      repo.list().map((e) => {
        const office = regions.office(e.officeId);
        return {
          ...e,
          // The real status, even before the scheduler has written it.
          status: lifecycleStatus(e, clock()),
          officeName: office?.name ?? "",
          freeSlots: formatOf(e.format).hasSlots
            ? freeIn(repo.eventSlots(e.id))
            : Math.max(0, (e.capacity ?? 0) - repo.candidateCount(e.id)),
        };
      }),
    links: (e: EventRow) => eventLinks(secret, baseUrl, e),

    create(input: EventInput): number {
      return bus.transaction(() => {
        const write = toWrite(input);
        const id = repo.insert(write, clock().toISOString());
        const parsed = parseProgramme(input.programme).items;
        repo.replaceProgramme(id, parsed.length ? parsed : formatOf(write.format).defaults.programme);
        bus.record({ type: "event.changed", eventId: id, changes: ["details"] });
        return id;
      });
    },

    update(id: number, input: EventInput) {
      bus.transaction(() => {
        const previous = get(id);
        const write = toWrite(input, previous);
        const capacity = capacityOf(write);
        const participations = repo.participations(id);
        if (write.format !== previous.format && (participations.length || repo.candidateCount(id))) {
          throw invalidInput({
            format: "Formatet kan ikke endres når arrangementet har virksomheter eller kandidater.",
          });
        }
        const tooMany = formatOf(write.format).hasSlots
          ? participations.filter((p) => p.interviewCount > capacity)
          : [];
        if (tooMany.length) {
          throw invalidInput({
            slotMinutes: `Det nye vinduet har plass til ${capacity} intervjuer, men ${tooMany
              .map((p) => p.employerName)
              .join(", ")} har flere. Endre antall intervjuer der først.`,
          });
        }
        guarded(() => repo.update(id, write));
        const previousProgramme = repo.programme(id);
        repo.replaceProgramme(id, parseProgramme(input.programme).items);
        for (const p of participations) guarded(() => syncSlots(write, p, p.interviewCount));
        const changes: Extract<DomainEvent, { type: "event.changed" }>["changes"] = ["details"];
        if (write.officeId !== previous.officeId) changes.push("place");
        if (write.date !== previous.date || write.interviewStart !== previous.interviewStart)
          changes.push("time");
        // Open rooms: candidates come when the programme starts and may stay until the rooms close, so a new
        // arrival (the programme) or closing time changes their calendar entries too.
        else if (!formatOf(write.format).hasSlots) {
          const was = registrationTimes(previousProgramme, {
            start: previous.interviewStart,
            end: previous.interviewEnd,
          });
          const now = registrationTimes(repo.programme(id), {
            start: write.interviewStart,
            end: write.interviewEnd,
          });
          if (was.arrival !== now.arrival || was.roomsClose !== now.roomsClose) changes.push("time");
        }
        // Calendar entries already sent must be replaced, not duplicated: raise their SEQUENCE.
        if (changes.length > 1) bumpCalendars.run(id);
        bus.record({ type: "event.changed", eventId: id, changes });
      });
    },

    setStatus(id: number, status: EventStatus) {
      bus.transaction(() => {
        const stored = get(id);
        // Where the event really is may be ahead of what is stored (booking closed by itself at the deadline):
        // a change allowed from either is allowed, and asking for where it already is changes nothing.
        const from = lifecycleStatus(stored, clock());
        if (from === status && stored.status === status) return;
        if (!canChangeStatus(stored.status, status) && !canChangeStatus(from, status) && from !== status) {
          throw new AppError(
            409,
            "status-change-not-allowed",
            `Kan ikke gå fra «${STATUS_LABELS[from]}» til «${STATUS_LABELS[status]}»`,
          );
        }
        if (status === "open") {
          const conflicts = roomConflicts(id);
          if (conflicts.length)
            throw new AppError(
              409,
              "room-conflict",
              `Arrangementet kan ikke åpnes for booking før to virksomheter ikke lenger deler samtalerom: ${conflicts.join("; ")}.`,
            );
        }
        repo.setStatus(id, status);
        bus.record({ type: "event.changed", eventId: id, changes: ["status"] });
      });
    },

    /**
     * Moves every event on by itself: booking closes at its deadline, and an event whose day is over is held.
     * Run by the scheduler; returns how many events changed.
     */
    advanceLifecycle(): number {
      const now = clock();
      return bus.transaction(() => {
        let changed = 0;
        for (const e of repo.list()) {
          const next = lifecycleStatus(e, now);
          if (next === e.status) continue;
          repo.setStatus(e.id, next);
          bus.record({ type: "event.changed", eventId: e.id, changes: ["status"] });
          changed += 1;
        }
        return changed;
      });
    },

    /** When an event's status next moves by itself. */
    nextLifecycleAt(now: Date): Date | null {
      const times = repo
        .list()
        .map((e) => nextLifecycleChange(e, now))
        .filter((t): t is Date => t !== null && t > now);
      return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
    },

    roomConflicts,

    rotateLink(id: number, kind: EventLinkKind) {
      bus.transaction(() => {
        get(id);
        repo.bumpLink(id, kind);
        bus.record({ type: "event.changed", eventId: id, changes: ["links"] });
      });
    },

    copy(id: number, date: string): number {
      return bus.transaction(() => copyInto(get(id), date));
    },

    /** Copies an event to several dates in one go; all or nothing. */
    planSeries(id: number, dates: (string | { line: number; date: string })[]): number[] {
      return bus.transaction(() => {
        const source = get(id);
        const ids: number[] = [];
        const problems: string[] = [];
        dates.forEach((d, i) => {
          const { line, date } = typeof d === "string" ? { line: i + 1, date: d } : d;
          try {
            ids.push(copyInto(source, date));
          } catch (err) {
            if (err instanceof AppError && err.fieldErrors?.date) {
              problems.push(`Linje ${line} (${date}): ${err.fieldErrors.date}`);
              return;
            }
            throw err;
          }
        });
        // All or nothing, and every refused line named at once.
        if (problems.length) throw invalidInput({ dates: problems.join(". ") });
        return ids;
      });
    },

    /** A draft nobody has booked into can go entirely (a mistaken copy, a cancelled plan). */
    deleteDraft(id: number) {
      bus.transaction(() => {
        const e = get(id);
        if (e.status !== "draft") {
          throw new AppError(
            409,
            "event-not-draft",
            "Bare utkast kan slettes. Et arrangement som har vært åpent for booking, arkiveres i stedet.",
          );
        }
        if (repo.eventSlots(id).some((s) => s.booked) || repo.candidateCount(id) > 0) {
          throw new AppError(409, "event-has-bookings", "Arrangementet har bookinger og kan ikke slettes.");
        }
        try {
          repo.deleteEvent(id);
        } catch (err) {
          // Anything else pointing at the event (log lines, the day's actions) keeps it: refuse, don't orphan.
          if (err instanceof Error && "code" in err && err.code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
            throw new AppError(409, "event-in-use", "Arrangementet er tatt i bruk og kan ikke slettes.");
          }
          throw err;
        }
      });
    },

    addParticipation(eventId: number, input: ParticipationInput): number {
      return bus.transaction(() => {
        const e = get(eventId);
        checkParticipation(e, input);
        const pid = repo.insertParticipation(eventId, participationWrite(input, e), clock().toISOString());
        guarded(() => {
          for (const s of slotsFor(e, input.interviewCount)) repo.insertSlot(pid, s.startsAt, s.endsAt);
        });
        bus.record({ type: "participation.changed", eventId, participationId: pid, change: "added" });
        return pid;
      });
    },

    participation(id: number) {
      const p = repo.participation(id);
      if (!p) throw notFound("Fant ikke virksomheten på arrangementet");
      const slots = repo.slots(id);
      return { ...p, slots, freeSlots: freeIn(slots) };
    },

    updateParticipation(id: number, input: ParticipationInput) {
      bus.transaction(() => {
        const p = this.participation(id);
        const e = get(p.eventId);
        checkParticipation(e, input, id);
        // Bookings were checked against this employer and age limit; changing them afterwards would
        // silently break the rules for candidates already booked or waiting.
        const years = repo.bookedBirthYears(id);
        if (years.length && input.employerId !== p.employerId) {
          throw invalidInput({
            employerId: `${p.employerName} har bookinger eller venteliste. Avbestill dem før du bytter virksomhet, eller legg til virksomheten på nytt.`,
          });
        }
        const tooYoung = input.minAge
          ? years.filter((y) => ageInYear(y, e.date) < (input.minAge as number)).length
          : 0;
        if (tooYoung) {
          throw invalidInput({
            minAge: `${tooYoung} kandidat${tooYoung === 1 ? "" : "er"} som er booket eller venter, er yngre enn ${input.minAge} år. Flytt dem først.`,
          });
        }
        const group = checkGroupSize(input.slotCapacity ?? 1, p.slots);
        if (!group.ok) throw invalidInput({ slotCapacity: group.message });
        guarded(() => {
          repo.updateParticipation(id, participationWrite(input, e));
          syncSlots(e, { ...p, employerName: p.employerName }, input.interviewCount);
        });
        const roomChanged = (input.roomId ?? null) !== p.roomId;
        // Booked candidates go to another room: their calendar entries are replaced.
        if (roomChanged) bumpParticipationCalendars.run(id);
        bus.record({
          type: "participation.changed",
          eventId: e.id,
          participationId: id,
          change: "updated",
          placeChanged: roomChanged,
        });
      });
    },

    removeParticipation(id: number) {
      bus.transaction(() => {
        const p = this.participation(id);
        // Bookings, not slots: a group slot holds several.
        const booked = p.slots.reduce((n, s) => n + s.taken, 0);
        if (booked) {
          throw new AppError(
            409,
            "participation-has-bookings",
            `${p.employerName} har ${booked} booket${booked === 1 ? "" : "e"} intervju${booked === 1 ? "" : "er"}. Avbestill eller flytt dem først.`,
          );
        }
        const waiting = db
          .prepare("SELECT count(*) AS n FROM waitlist_entry WHERE participation_id = ?")
          .get(id) as {
          n: number;
        };
        if (waiting.n) {
          throw new AppError(
            409,
            "participation-has-waitlist",
            `${p.employerName} har ${waiting.n} på venteliste. Fjern dem først.`,
          );
        }
        // A Minijobbmesse room that has had visitors (or an employer's «Vil møte igjen») is part of the day's record.
        const visited = db
          .prepare(
            `SELECT (SELECT count(DISTINCT candidate_id) FROM room_visit WHERE participation_id = @id)
             + (SELECT count(*) FROM meet_again WHERE participation_id = @id) AS n`,
          )
          .get({ id }) as { n: number };
        if (visited.n) {
          throw new AppError(
            409,
            "participation-has-visitors",
            `${p.employerName} har hatt besøk på messen og kan ikke fjernes fra arrangementet.`,
          );
        }
        try {
          repo.deleteParticipation(id);
        } catch (err) {
          // Anything else that points at it (the day's log, feedback) keeps it: refuse, don't orphan.
          if (err instanceof Error && "code" in err && err.code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
            throw new AppError(
              409,
              "participation-in-use",
              `${p.employerName} er tatt i bruk på arrangementet og kan ikke fjernes.`,
            );
          }
          throw err;
        }
        bus.record({
          type: "participation.changed",
          eventId: p.eventId,
          participationId: id,
          change: "removed",
        });
      });
    },

    /** Suggested default for a new event's date field: two weeks ahead. */
    suggestedDate: () => addDays(osloDate(clock()), 14),
  };
}
export type EventsService = ReturnType<typeof eventsService>;
