// Owns the e-mails to veiledere: booking confirmations and waitlist promotions (after a booking change commits)
// and the reminders before an event. Each is enqueued in the outbox under a key, so it goes out once.

import type { BookingRow, Caseworker } from "../booking/booking.repo";
import type { BookingService } from "../booking/booking.service";
import { manageUrl as manageLinkUrl } from "../booking/manage-link";
import { registrationTimes } from "../booking/registration.rules";
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import { formatOf } from "../events/formats";
import type { BookingSnapshot, DomainEvent, RegistrationSnapshot } from "../shared/domain-events";
import { type Clock, formatDateLong, osloToUtc } from "../shared/time";
import { randomToken } from "../shared/tokens";
import { buildIcs, type IcsMethod } from "./ics";
import {
  type ChangeLine,
  composeChanges,
  composeConfirmation,
  composePromotion,
  composeRegistration,
  composeRegistrationCancelled,
  composeRegistrationReminder,
  composeRegistrationsMoved,
  composeReminder,
  type MailEvent,
  type OpenRoomEvent,
  openRoomEvent,
  toInterview,
} from "./messages";
import type { OutboxService } from "./outbox.service";

/** What a calendar entry needs of a booking, whether it still exists (a row) or was just deleted (a snapshot). */
type CalendarItem = Pick<
  BookingRow,
  "startsAt" | "endsAt" | "employerName" | "department" | "roomName" | "calendarUid" | "calendarSeq"
> & { participantNumber: number | null };

/** The veileder behind an actor id ("caseworker:5", or "caseworker:5:unconfirmed" from the booking link). */
const actorCaseworker = (actor: string) => {
  const m = /^caseworker:(\d+)(?::|$)/.exec(actor);
  return m ? Number(m[1]) : null;
};

/** Data loaded by a script (the demo seed) tells nobody; the waitlist's own promotions do. */
const silentActor = (actor: string) => actor.startsWith("system:") && actor !== "system:waitlist";

export function notifyService(
  _db: Db,
  clock: Clock,
  deps: {
    events: EventsService;
    booking: BookingService;
    outbox: OutboxService;
    secret: string;
    baseUrl: string;
  },
) {
  const { events, booking, outbox, secret, baseUrl } = deps;
  const host = (() => {
    try {
      return new URL(baseUrl).hostname;
    } catch {
      return "ta-sjansen";
    }
  })();

  const manageUrl = (c: Caseworker) => manageLinkUrl(secret, baseUrl, c);
  /** Calendar files are named after the event's format: «speedintervju.ics», «ta-sjansen-avbestilt.ics». */
  const icsName = (e: { format?: string }, suffix = "") => `${formatOf(e.format).code}${suffix}.ics`;
  const invitationUrl = (c: Caseworker, candidateId: number) =>
    `${manageUrl(c)}/candidates/${candidateId}/invitasjon`;

  function mailEvent(eventId: number): MailEvent & { interviewStart: string } {
    const d = events.detail(eventId);
    return {
      title: d.event.title,
      date: d.event.date,
      interviewStart: d.event.interviewStart,
      venueName: d.venue.name,
      venueAddress: d.venue.address,
      programme: d.programme,
      format: d.event.format,
    };
  }

  /** Calendar entries name the participant number, never the candidate: calendars are shared and synced widely. */
  function ics(items: CalendarItem[], e: MailEvent, method: IcsMethod = "PUBLISH"): string {
    return buildIcs(
      items.map((b) => ({
        uid: `${b.calendarUid}@${host}`,
        sequence: b.calendarSeq,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        summary: `${e.title}: ${b.participantNumber ? `deltaker nr. ${b.participantNumber}` : "intervju"} – ${b.employerName}`,
        location: [e.venueName, e.venueAddress, b.roomName].filter(Boolean).join(", "),
        description: `Intervju hos ${b.department ? `${b.employerName}, ${b.department}` : b.employerName}.`,
      })),
      clock(),
      method,
    );
  }

  const icsFile = (filename: string, content: string) => ({
    filename,
    contentType: "text/calendar; charset=utf-8",
    content,
  });

  /**
   * A registration has no row to count its calendar changes in, so its entries carry the seconds since 2026 as
   * SEQUENCE: every later mail (a new time, a cancellation) replaces what an earlier one put in the calendar.
   */
  const calendarSequence = () => Math.max(0, Math.floor((clock().getTime() - Date.UTC(2026, 0, 1)) / 1000));

  /** A Minijobbmesse's mail data, or null for a slot-based event. */
  function openRooms(eventId: number): OpenRoomEvent | null {
    const d = events.detail(eventId);
    return formatOf(d.event.format).hasSlots ? null : openRoomEvent(d);
  }

  /**
   * One calendar entry for a registration: from the candidate's arrival (the programme's start) until the rooms
   * close. Named by participant number, like interviews, never by the candidate.
   */
  function registrationIcs(
    rs: Pick<RegistrationSnapshot, "candidateId" | "participantNumber">[],
    e: OpenRoomEvent,
    method: IcsMethod = "PUBLISH",
  ): string {
    const t = registrationTimes(e.programme, { start: e.interviewStart, end: e.interviewEnd });
    const startsAt = osloToUtc(e.date, t.arrival) ?? `${e.date}T00:00:00.000Z`;
    const endsAt = osloToUtc(e.date, t.roomsClose) ?? startsAt;
    return buildIcs(
      rs.map((r) => ({
        uid: `registration-${r.candidateId}@${host}`,
        sequence: calendarSequence(),
        startsAt,
        endsAt,
        summary: `${e.title}: ${r.participantNumber ? `deltaker nr. ${r.participantNumber}` : "påmeldt"}`,
        location: [e.venueName, e.venueAddress].filter(Boolean).join(", "),
        description: `Påmeldt ${e.title}. Rommene er åpne kl. ${t.roomsOpen}–${t.roomsClose}.`,
      })),
      clock(),
      method,
    );
  }

  function registrationConfirmation(candidateId: number, e: OpenRoomEvent) {
    const r = booking.repo.registration(candidateId);
    if (!r) return;
    const cw = booking.caseworker(r.caseworkerId) as Caseworker;
    const m = composeRegistration({
      caseworkerName: cw.name,
      candidate: r.displayName,
      event: e,
      manageUrl: manageUrl(cw),
      invitationUrl: invitationUrl(cw, candidateId),
    });
    outbox.enqueue({
      kind: "confirmation",
      key: `confirmation:candidate:${candidateId}:registration`,
      to: cw.email,
      ...m,
      attachments: [icsFile("minijobbmesse.ics", registrationIcs([r], e))],
    });
  }

  function registrationCancelled(eventId: number, r: RegistrationSnapshot, actor: string) {
    const cw = booking.caseworker(r.caseworkerId);
    const e = openRooms(eventId);
    if (!cw || !e) return;
    const m = composeRegistrationCancelled({
      caseworkerName: cw.name,
      candidate: r.displayName,
      event: e,
      intro:
        actorCaseworker(actor) === cw.id
          ? "Du har avbestilt påmeldingen"
          : "Markedskoordinatoren har avbestilt påmeldingen",
      manageUrl: manageUrl(cw),
    });
    outbox.enqueue({
      kind: "change",
      // Named by the event (the candidate row is gone), so the e-post page and the retention purge still find it.
      key: `change:event:${eventId}:caseworker:${cw.id}:registration:${r.candidateId}:cancelled`,
      to: cw.email,
      ...m,
      attachments: [icsFile("minijobbmesse-avbestilt.ics", registrationIcs([r], e, "CANCEL"))],
    });
  }

  /** The event's place or time changed: each veileder with registrations hears it once, with updated entries. */
  function registrationsMoved(eventId: number, e: OpenRoomEvent) {
    const byCaseworker = new Map<number, RegistrationSnapshot[]>();
    for (const r of booking.eventRegistrations(eventId))
      byCaseworker.set(r.caseworkerId, [...(byCaseworker.get(r.caseworkerId) ?? []), r]);
    const t = registrationTimes(e.programme, { start: e.interviewStart, end: e.interviewEnd });
    // Every committed change is heard once, and each is news, even a move back to an earlier time or place (the
    // calendars hold the last one mailed): the key names where and when plus this change's own token.
    const state = `${e.date}T${t.arrival}-${t.roomsClose}@${e.venueName}#${randomToken().slice(0, 12)}`;
    for (const [cwId, mine] of byCaseworker) {
      const cw = booking.caseworker(cwId) as Caseworker;
      const m = composeRegistrationsMoved({
        caseworkerName: cw.name,
        event: e,
        candidates: mine.map((r) => r.displayName),
        manageUrl: manageUrl(cw),
      });
      outbox.enqueue({
        kind: "change",
        key: `change:event:${eventId}:caseworker:${cwId}:registrations:${state}`,
        to: cw.email,
        ...m,
        attachments: [icsFile("minijobbmesse.ics", registrationIcs(mine, e))],
      });
    }
  }

  function confirmation(candidateId: number) {
    const candidate = booking.getCandidate(candidateId);
    const rooms = openRooms(candidate.eventId);
    if (rooms) return registrationConfirmation(candidateId, rooms);
    const cw = booking.caseworker(candidate.caseworkerId) as Caseworker;
    const mine = booking.forCaseworker(cw.id);
    const rows = mine.bookings.filter((b) => b.candidateId === candidateId);
    const waiting = mine.waitlist.filter((w) => w.candidateId === candidateId);
    // Registered without a booking (the API allows it): the mail still carries the manage link to book with.
    const e = mailEvent(candidate.eventId);
    const m = composeConfirmation({
      caseworkerName: cw.name,
      candidate: candidate.displayName,
      event: e,
      interviews: rows.map(toInterview),
      waitlist: waiting,
      manageUrl: manageUrl(cw),
      invitationUrl: invitationUrl(cw, candidateId),
    });
    // The key names what the mail confirms: the same bookings are never confirmed twice.
    const state = `${rows.map((b) => b.id).join(",")}|${waiting.map((w) => w.id).join(",")}`;
    outbox.enqueue({
      kind: "confirmation",
      key: `confirmation:candidate:${candidateId}:${state}`,
      to: cw.email,
      ...m,
      attachments: rows.length ? [icsFile(icsName(e), ics(rows, e))] : [],
    });
  }

  function promotion(bookingId: number) {
    const b = booking.booking(bookingId);
    if (!b) return;
    const cw = booking.caseworker(b.caseworkerId) as Caseworker;
    const e = mailEvent(b.eventId);
    const m = composePromotion({
      caseworkerName: cw.name,
      candidate: b.displayName,
      event: e,
      interview: toInterview(b),
      manageUrl: manageUrl(cw),
      invitationUrl: invitationUrl(cw, b.candidateId),
    });
    outbox.enqueue({
      kind: "promotion",
      // Keys name the event or candidate first: the e-post page finds a mail's region from them.
      key: `promotion:candidate:${b.candidateId}:booking:${b.id}`,
      to: cw.email,
      ...m,
      attachments: [icsFile(icsName(e), ics([b], e))],
    });
  }

  /** One veileder's share of one committed action: new or changed entries, and cancelled ones. */
  type Changes = {
    eventId: number;
    lines: ChangeLine[];
    updated: CalendarItem[];
    cancelled: CalendarItem[];
    by: Set<string>;
  };

  function collectChanges(batch: readonly DomainEvent[], confirmed: Set<number>): Map<number, Changes> {
    const byCaseworker = new Map<number, Changes>();
    const promoted = new Set(batch.flatMap((e) => (e.type === "waitlist.promoted" ? [e.bookingId] : [])));
    const changesFor = (caseworkerId: number, eventId: number) => {
      let c = byCaseworker.get(caseworkerId);
      if (!c) {
        c = { eventId, lines: [], updated: [], cancelled: [], by: new Set() };
        byCaseworker.set(caseworkerId, c);
      }
      return c;
    };
    const candidateName = (id: number) => booking.repo.candidate(id)?.displayName ?? "Kandidaten";
    for (const e of batch) {
      if (e.type === "booking.cancelled") {
        const s: BookingSnapshot = e.booking;
        const c = changesFor(s.caseworkerId, e.eventId);
        c.cancelled.push(s);
        c.lines.push({
          candidate: candidateName(s.candidateId),
          what: "avbestilt",
          interview: snapshotInterview(s),
        });
        c.by.add(e.actor);
      } else if (e.type === "booking.moved") {
        const b = booking.booking(e.bookingId);
        if (!b) continue;
        const c = changesFor(b.caseworkerId, e.eventId);
        c.updated.push(b);
        c.lines.push({ candidate: b.displayName, what: "flyttet til", interview: toInterview(b) });
        c.by.add(e.actor);
      } else if (e.type === "booking.created" && !promoted.has(e.bookingId)) {
        // Someone else booked on the veileder's behalf (their own bookings, and new registrations, get the
        // confirmation instead).
        if (actorCaseworker(e.actor) === e.caseworkerId || confirmed.has(e.candidateId)) continue;
        const b = booking.booking(e.bookingId);
        if (!b) continue;
        const c = changesFor(b.caseworkerId, e.eventId);
        c.updated.push(b);
        c.lines.push({ candidate: b.displayName, what: "booket", interview: toInterview(b) });
        c.by.add(e.actor);
      } else if (
        (e.type === "event.changed" && (e.changes.includes("place") || e.changes.includes("time"))) ||
        (e.type === "participation.changed" && e.placeChanged)
      ) {
        const rows = booking.eventBookings(e.eventId);
        const affected =
          e.type === "participation.changed"
            ? rows.filter((b) => b.participationId === e.participationId)
            : rows;
        for (const b of affected) {
          const c = changesFor(b.caseworkerId, e.eventId);
          c.updated.push(b);
          c.lines.push({
            candidate: b.displayName,
            what: "nytt sted eller tidspunkt:",
            interview: toInterview(b),
          });
          c.by.add("coordinator:event");
        }
      }
    }
    return byCaseworker;
  }

  function snapshotInterview(s: BookingSnapshot) {
    return {
      candidate: "",
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      employerName: s.employerName,
      department: s.department,
      roomName: s.roomName,
    };
  }

  function changeMail(caseworkerId: number, c: Changes) {
    const cw = booking.caseworker(caseworkerId);
    if (!cw) return;
    const e = mailEvent(c.eventId);
    const onlyOwn = [...c.by].every((a) => actorCaseworker(a) === caseworkerId);
    const m = composeChanges({
      caseworkerName: cw.name,
      event: e,
      lines: c.lines,
      intro: onlyOwn ? "Du har endret bookingene dine" : "Bookingene dine er endret av markedskoordinatoren",
      manageUrl: manageUrl(cw),
    });
    // Each change raises the entry's SEQUENCE, so the key is new for every change and the same for a replay.
    const state = [
      ...c.updated.map((b) => `u${b.calendarUid}.${b.calendarSeq}`),
      ...c.cancelled.map((b) => `c${b.calendarUid}.${b.calendarSeq}`),
    ].join(",");
    outbox.enqueue({
      kind: "change",
      key: `change:event:${c.eventId}:caseworker:${caseworkerId}:${state}`,
      to: cw.email,
      ...m,
      attachments: [
        ...(c.updated.length ? [icsFile(icsName(e), ics(c.updated, e))] : []),
        ...(c.cancelled.length ? [icsFile(icsName(e, "-avbestilt"), ics(c.cancelled, e, "CANCEL"))] : []),
      ],
    });
  }

  /** A Minijobbmesse's reminders: one per veileder with registered candidates, with the whole event's entry. */
  function registrationRemindersInTx(eventId: number, e: OpenRoomEvent) {
    const byCaseworker = new Map<
      number,
      { candidateId: number; displayName: string; participantNumber: number }[]
    >();
    for (const r of booking.eventRegistrations(eventId))
      byCaseworker.set(r.caseworkerId, [...(byCaseworker.get(r.caseworkerId) ?? []), r]);
    const icsName = `minijobbmesse-${e.date}.ics`;
    let created = 0;
    for (const [cwId, mine] of byCaseworker) {
      const key = `reminder:event:${eventId}:${e.date}:caseworker:${cwId}`;
      if (outbox.repo.exists(key)) continue;
      const cw = booking.caseworker(cwId) as Caseworker;
      const m = composeRegistrationReminder({
        caseworkerName: cw.name,
        event: e,
        candidates: mine.map((r) => r.displayName),
        manageUrl: manageUrl(cw),
        icsName,
      });
      const r = outbox.enqueue({
        kind: "reminder",
        key,
        to: cw.email,
        ...m,
        attachments: [icsFile(icsName, registrationIcs(mine, e))],
      });
      if (r.created) created += 1;
    }
    return { mails: byCaseworker.size, created };
  }

  /**
   * The mails for one committed action: a confirmation for each candidate the veileder registered or booked
   * themselves, a promotion mail for each waitlist promotion, and one change mail per veileder for everything
   * else that changed their bookings (cancelled, moved, booked on their behalf, the event's place or time).
   */
  function mailsFor(all: readonly DomainEvent[]) {
    const batch = all.filter((e) => !("actor" in e) || !silentActor(e.actor));
    const confirm = new Set<number>();
    const promoted: number[] = [];
    for (const e of batch) {
      if (e.type === "candidate.registered" && actorCaseworker(e.actor) === e.caseworkerId)
        confirm.add(e.candidateId);
      if (e.type === "booking.created" && actorCaseworker(e.actor) === e.caseworkerId)
        confirm.add(e.candidateId);
      if (e.type === "candidate.registered" && e.actor.startsWith("coordinator:")) confirm.add(e.candidateId);
      if (e.type === "waitlist.promoted") promoted.push(e.bookingId);
    }
    for (const id of confirm) confirmation(id);
    for (const e of batch) {
      if (e.type === "registration.cancelled") registrationCancelled(e.eventId, e.registration, e.actor);
      if (e.type === "event.changed" && (e.changes.includes("place") || e.changes.includes("time"))) {
        const rooms = openRooms(e.eventId);
        if (rooms) registrationsMoved(e.eventId, rooms);
      }
    }
    const changes = collectChanges(batch, confirm);
    for (const id of promoted) {
      const b = booking.booking(id);
      const c = b && changes.get(b.caseworkerId);
      // A veileder whose booking changed in the same action hears about the promotion in that one mail.
      if (b && c) {
        c.updated.push(b);
        c.lines.push({
          candidate: b.displayName,
          what: "fikk plass fra ventelisten:",
          interview: toInterview(b),
        });
      } else promotion(id);
    }
    for (const [caseworkerId, c] of changes) changeMail(caseworkerId, c);
  }

  return {
    manageUrl,
    invitationUrl,
    confirmation,
    mailsFor,

    /** A domain-event listener (subscribe it to the bus). A mail problem never undoes or fails the booking. */
    listener(log: (msg: string) => void) {
      return (batch: readonly DomainEvent[]) => {
        try {
          mailsFor(batch);
        } catch (err) {
          log(`booking mail failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      };
    },

    /**
     * Inside the caller's transaction: one reminder per veileder with bookings on the event, unless they have it.
     * Returns how many veiledere have bookings (`mails`) and how many reminders this call enqueued (`created`).
     */
    remindersInTx(eventId: number): { mails: number; created: number } {
      const rooms = openRooms(eventId);
      if (rooms) return registrationRemindersInTx(eventId, rooms);
      const rows = booking.eventBookings(eventId);
      const e = mailEvent(eventId);
      const date = events.get(eventId).date;
      const byCaseworker = new Map<number, BookingRow[]>();
      for (const b of rows)
        byCaseworker.set(b.caseworkerId, [...(byCaseworker.get(b.caseworkerId) ?? []), b]);
      const reminderIcs = icsName(e, `-${date}`);
      let created = 0;
      for (const [cwId, mine] of byCaseworker) {
        // The date is in the key: an event moved to a new date reminds again; the same date never twice.
        const key = `reminder:event:${eventId}:${date}:caseworker:${cwId}`;
        if (outbox.repo.exists(key)) continue;
        const cw = booking.caseworker(cwId) as Caseworker;
        const m = composeReminder({
          caseworkerName: cw.name,
          event: e,
          interviews: mine.map(toInterview),
          manageUrl: manageUrl(cw),
          icsName: reminderIcs,
        });
        const r = outbox.enqueue({
          kind: "reminder",
          key,
          to: cw.email,
          ...m,
          attachments: [
            { filename: reminderIcs, contentType: "text/calendar; charset=utf-8", content: ics(mine, e) },
          ],
        });
        if (r.created) created += 1;
      }
      return { mails: byCaseworker.size, created };
    },

    eventLabel: (eventId: number) => {
      const e = events.get(eventId);
      return `${e.title} ${formatDateLong(e.date)}`;
    },
  };
}
export type NotifyService = ReturnType<typeof notifyService>;
