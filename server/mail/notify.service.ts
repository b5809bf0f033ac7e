// Owns the e-mails to veiledere: booking confirmations and waitlist promotions (after a booking change commits)
// and the reminders before an event. Each is enqueued in the outbox under a key, so it goes out once.
import type { BookingRow, Caseworker } from "../booking/booking.repo";
import type { BookingChange, BookingService } from "../booking/booking.service";
import { manageUrl as manageLinkUrl } from "../booking/manage-link";
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import { type Clock, formatDateLong } from "../shared/time";
import { buildIcs } from "./ics";
import {
  composeConfirmation,
  composePromotion,
  composeReminder,
  type MailEvent,
  toInterview,
} from "./messages";
import type { OutboxService } from "./outbox.service";

/** A promotion older than this when the listener looks is not mailed (it predates the mail feature). */
const PROMOTION_WINDOW_MS = 60 * 60_000;

export function notifyService(
  db: Db,
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
  const s = {
    promotions: db.prepare<
      [number, string],
      { id: number; bookingId: number | null; candidateId: number | null }
    >(
      `SELECT id, booking_id AS bookingId, candidate_id AS candidateId FROM audit_log
       WHERE event_id = ? AND action = 'promoted-from-waitlist' AND at >= ? ORDER BY id`,
    ),
  };

  const manageUrl = (c: Caseworker) => manageLinkUrl(secret, baseUrl, c);
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
    };
  }

  function ics(rows: BookingRow[], e: MailEvent): string {
    return buildIcs(
      rows.map((b) => ({
        uid: `booking-${b.id}@${host}`,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        // Calendars are shared and synced far and wide: the entry names the participant number, never the candidate.
        summary: `${e.title}: deltaker nr. ${b.participantNumber} – ${b.employerName}`,
        location: [e.venueName, e.venueAddress, b.roomName].filter(Boolean).join(", "),
        description: `Intervju hos ${b.department ? `${b.employerName}, ${b.department}` : b.employerName}.`,
      })),
      clock(),
    );
  }

  function confirmation(candidateId: number) {
    const candidate = booking.getCandidate(candidateId);
    const cw = booking.caseworker(candidate.caseworkerId) as Caseworker;
    const mine = booking.forCaseworker(cw.id);
    const rows = mine.bookings.filter((b) => b.candidateId === candidateId);
    const waiting = mine.waitlist.filter((w) => w.candidateId === candidateId);
    if (!rows.length && !waiting.length) return;
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
      attachments: rows.length
        ? [{ filename: "ta-sjansen.ics", contentType: "text/calendar; charset=utf-8", content: ics(rows, e) }]
        : [],
    });
  }

  /** Mails every recent waitlist promotion on the event that has no mail yet (cancel and move both promote). */
  function promotions(eventId: number) {
    const since = new Date(clock().getTime() - PROMOTION_WINDOW_MS).toISOString();
    for (const p of s.promotions.all(eventId, since)) {
      const b = p.bookingId ? booking.booking(p.bookingId) : undefined;
      if (!b) continue;
      const cw = booking.caseworker(b.caseworkerId) as Caseworker;
      const e = mailEvent(eventId);
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
        key: `promotion:audit:${p.id}`,
        to: cw.email,
        ...m,
        attachments: [
          { filename: "ta-sjansen.ics", contentType: "text/calendar; charset=utf-8", content: ics([b], e) },
        ],
      });
    }
  }

  return {
    manageUrl,
    invitationUrl,
    confirmation,
    promotions,

    /** Subscribe this to createApp's bookingListeners. A mail problem never undoes or fails the booking. */
    listener(log: (msg: string) => void) {
      return (c: BookingChange) => {
        try {
          if (c.type === "booked" && c.candidateId) confirmation(c.candidateId);
          if (c.type === "promoted" || c.type === "moved") promotions(c.eventId);
        } catch (err) {
          log(
            `booking mail for event ${c.eventId} failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      };
    },

    /**
     * Inside the caller's transaction: one reminder per veileder with bookings on the event, unless they have it.
     * Returns how many veiledere have bookings (`mails`) and how many reminders this call enqueued (`created`).
     */
    remindersInTx(eventId: number): { mails: number; created: number } {
      const rows = booking.eventBookings(eventId);
      const e = mailEvent(eventId);
      const date = events.get(eventId).date;
      const byCaseworker = new Map<number, BookingRow[]>();
      for (const b of rows)
        byCaseworker.set(b.caseworkerId, [...(byCaseworker.get(b.caseworkerId) ?? []), b]);
      const icsName = `ta-sjansen-${date}.ics`;
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
          icsName,
        });
        const r = outbox.enqueue({
          kind: "reminder",
          key,
          to: cw.email,
          ...m,
          attachments: [
            { filename: icsName, contentType: "text/calendar; charset=utf-8", content: ics(mine, e) },
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
