// Owns planning events: create, change, copy, series, status, participations and their slots.

import { ageInYear } from "../booking/booking.rules";
import type { Db } from "../db/connection";
import { employersRepo } from "../employers/employers.repo";
import { regionsRepo } from "../regions/regions.repo";
import { AppError, type FieldErrors, invalidInput, notFound } from "../shared/errors";
import { addDays, type Clock, formatTime, osloDate, osloToUtc } from "../shared/time";
import {
  type EventRow,
  type EventWrite,
  eventsRepo,
  type ParticipationRow,
  type SlotRow,
} from "./events.repo";
import {
  canChangeStatus,
  checkEventDates,
  DEFAULT_PROGRAMME,
  defaultBookingDeadline,
  type EventStatus,
  STATUS_LABELS,
} from "./events.rules";
import { type EventInput, type ParticipationInput, parseProgramme } from "./events.schemas";
import { type EventLinkKind, eventLinks } from "./links";
import { checkWindow, deriveSlots, planSlotChange, slotCapacity, type Window } from "./slots.rules";

export type ParticipationDetail = ParticipationRow & { slots: SlotRow[]; freeSlots: number };
export type EventDetail = {
  event: EventRow;
  venue: { officeId: number; name: string; address: string };
  programme: { time: string; label: string }[];
  participations: ParticipationDetail[];
  freeSlots: number;
  capacity: number;
};

export function eventsService(db: Db, clock: Clock, secret: string, baseUrl: string) {
  const repo = eventsRepo(db);
  const regions = regionsRepo(db);
  const employers = employersRepo(db);

  function get(id: number): EventRow {
    const e = repo.get(id);
    if (!e) throw notFound("Fant ikke arrangementet");
    return e;
  }

  /** Turns validated input into a row, checking what needs the database or the clock. */
  function toWrite(input: EventInput, previous?: EventRow): EventWrite {
    const office = regions.office(input.officeId);
    if (!office) throw invalidInput({ officeId: "Velg et NAV-kontor fra listen" });
    const window: Window = input;
    const errors: FieldErrors = { ...checkWindow(window) };
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
      title: input.title,
      date: input.date,
      interviewStart: input.interviewStart,
      interviewEnd: input.interviewEnd,
      slotMinutes: input.slotMinutes,
      gapMinutes: input.gapMinutes,
      maxInterviews: input.maxInterviews,
      pepTalkGap: input.pepTalkGap,
      hideNamesOnBoard: input.hideNamesOnBoard,
      bookingDeadline: deadline as string,
    };
  }

  function capacityOf(w: Omit<Window, "date">): number {
    return slotCapacity(w) ?? 0;
  }

  /** Brings a participation's slots in line with the event window; refuses to drop a booked slot. */
  function syncSlots(e: EventWrite & { id?: number }, p: ParticipationRow, count: number) {
    const desired = deriveSlots(e, count);
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
    const capacity = capacityOf(e);
    if (input.interviewCount > capacity) {
      errors.interviewCount = `Intervjuvinduet har plass til ${capacity} intervjuer per virksomhet`;
    }
    const same = repo.participationByKey(e.id, input.employerId, input.department);
    if (same && same.id !== exceptId) {
      errors.department = "Virksomheten er allerede med på arrangementet med denne avdelingen";
    }
    if (Object.keys(errors).length) throw invalidInput(errors);
  }

  const participationWrite = (input: ParticipationInput) => ({
    ...input,
    minAge: input.minAge ?? null,
    roomId: input.roomId ?? null,
  });

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
      return { ...p, slots, freeSlots: slots.filter((s) => !s.booked).length };
    });
    return {
      event,
      venue: { officeId: event.officeId, name: office?.name ?? "", address: office?.address ?? "" },
      programme: repo.programme(id),
      participations,
      freeSlots: participations.reduce((n, p) => n + p.freeSlots, 0),
      capacity: capacityOf(event),
    };
  }

  function copyInto(source: EventRow, date: string): number {
    const input: EventInput = {
      officeId: source.officeId,
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
    const now = clock().toISOString();
    const id = repo.insert(write, now);
    repo.replaceProgramme(id, repo.programme(source.id));
    for (const p of repo.participations(source.id)) {
      const pid = repo.insertParticipation(id, p, now);
      for (const s of deriveSlots(write, p.interviewCount)) repo.insertSlot(pid, s.startsAt, s.endsAt);
    }
    return id;
  }

  return {
    repo,
    get,
    detail,
    list: () =>
      repo.list().map((e) => {
        const slots = repo.eventSlots(e.id);
        const office = regions.office(e.officeId);
        return { ...e, officeName: office?.name ?? "", freeSlots: slots.filter((s) => !s.booked).length };
      }),
    links: (e: EventRow) => eventLinks(secret, baseUrl, e),

    create(input: EventInput): number {
      return db.transaction(() => {
        const write = toWrite(input);
        const id = repo.insert(write, clock().toISOString());
        const parsed = parseProgramme(input.programme).items;
        repo.replaceProgramme(id, parsed.length ? parsed : DEFAULT_PROGRAMME);
        return id;
      })();
    },

    update(id: number, input: EventInput) {
      db.transaction(() => {
        const previous = get(id);
        const write = toWrite(input, previous);
        const capacity = capacityOf(write);
        const participations = repo.participations(id);
        const tooMany = participations.filter((p) => p.interviewCount > capacity);
        if (tooMany.length) {
          throw invalidInput({
            slotMinutes: `Det nye vinduet har plass til ${capacity} intervjuer, men ${tooMany
              .map((p) => p.employerName)
              .join(", ")} har flere. Endre antall intervjuer der først.`,
          });
        }
        repo.update(id, write);
        repo.replaceProgramme(id, parseProgramme(input.programme).items);
        for (const p of participations) syncSlots(write, p, p.interviewCount);
      })();
    },

    setStatus(id: number, status: EventStatus) {
      db.transaction(() => {
        const e = get(id);
        if (!canChangeStatus(e.status, status)) {
          throw new AppError(
            409,
            "status-change-not-allowed",
            `Kan ikke gå fra «${STATUS_LABELS[e.status]}» til «${STATUS_LABELS[status]}»`,
          );
        }
        repo.setStatus(id, status);
      })();
    },

    rotateLink(id: number, kind: EventLinkKind) {
      get(id);
      repo.bumpLink(id, kind);
    },

    copy(id: number, date: string): number {
      return db.transaction(() => copyInto(get(id), date))();
    },

    /** Copies an event to several dates in one go; all or nothing. */
    planSeries(id: number, dates: string[]): number[] {
      return db.transaction(() => {
        const source = get(id);
        const ids: number[] = [];
        for (const date of dates) {
          try {
            ids.push(copyInto(source, date));
          } catch (err) {
            if (err instanceof AppError && err.fieldErrors?.date) {
              throw invalidInput({ dates: `${date}: ${err.fieldErrors.date}` });
            }
            throw err;
          }
        }
        return ids;
      })();
    },

    addParticipation(eventId: number, input: ParticipationInput): number {
      return db.transaction(() => {
        const e = get(eventId);
        checkParticipation(e, input);
        const pid = repo.insertParticipation(eventId, participationWrite(input), clock().toISOString());
        for (const s of deriveSlots(e, input.interviewCount)) repo.insertSlot(pid, s.startsAt, s.endsAt);
        return pid;
      })();
    },

    participation(id: number) {
      const p = repo.participation(id);
      if (!p) throw notFound("Fant ikke virksomheten på arrangementet");
      const slots = repo.slots(id);
      return { ...p, slots, freeSlots: slots.filter((s) => !s.booked).length };
    },

    updateParticipation(id: number, input: ParticipationInput) {
      db.transaction(() => {
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
        repo.updateParticipation(id, participationWrite(input));
        syncSlots(e, { ...p, employerName: p.employerName }, input.interviewCount);
      })();
    },

    removeParticipation(id: number) {
      db.transaction(() => {
        const p = this.participation(id);
        const booked = p.slots.filter((s) => s.booked);
        if (booked.length) {
          throw new AppError(
            409,
            "participation-has-bookings",
            `${p.employerName} har ${booked.length} booket${booked.length === 1 ? "" : "e"} intervju${booked.length === 1 ? "" : "er"}. Avbestill eller flytt dem først.`,
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
        repo.deleteParticipation(id);
      })();
    },

    /** Suggested default for a new event's date field: two weeks ahead. */
    suggestedDate: () => addDays(osloDate(clock()), 14),
  };
}
export type EventsService = ReturnType<typeof eventsService>;
