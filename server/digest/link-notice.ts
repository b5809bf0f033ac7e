// Owns the short notice to a region's markeds-e-post recipients that an event's booking link was replaced.
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import type { OutboxService } from "../mail/outbox.service";
import type { RegionsService } from "../regions/regions.service";
import { formatDate } from "../shared/time";
import { digestRepo } from "./digest.repo";

export function composeLinkNotice(n: {
  regionName: string;
  title: string;
  date: string;
  venueName: string;
  bookingUrl: string;
}): { subject: string; text: string } {
  const when = `${n.title} ${formatDate(n.date)}`;
  return {
    subject: `Ny bookinglenke for ${when}`,
    text: [
      `Bookinglenken til ${when} på ${n.venueName} er byttet ut. Lenken i tidligere markeds-e-poster virker ikke lenger.`,
      "",
      "Bruk denne lenken for å booke:",
      n.bookingUrl,
      "",
      "Bookinger som allerede er gjort, gjelder fortsatt.",
      "",
      "-- ",
      `Du får denne e-posten fordi du står på mottakerlisten for markeds-e-posten i region ${n.regionName}.`,
      "",
    ].join("\n"),
  };
}

export function bookingLinkNotice(
  db: Db,
  deps: { events: EventsService; regions: RegionsService; outbox: OutboxService },
) {
  const repo = digestRepo(db);
  return {
    recipientCount: (regionId: number) => repo.recipients(regionId).length,
    /** Enqueues the notice to every recipient; the link version is in the key, so a reload sends nothing twice. */
    send(eventId: number): number {
      const d = deps.events.detail(eventId);
      const e = d.event;
      const region = deps.regions.getRegion(e.regionId);
      const bookingUrl = deps.events.links(e).booking;
      const m = composeLinkNotice({
        regionName: region.name,
        title: e.title,
        date: e.date,
        venueName: d.venue.name,
        bookingUrl,
      });
      const replyTo = repo.settings(e.regionId).contactEmail || undefined;
      const recipients = repo.recipients(e.regionId);
      for (const to of recipients) {
        deps.outbox.enqueue({
          kind: "digest",
          key: `booking-link:event:${e.id}:v${e.bookingLinkVersion}:${to}`,
          to,
          replyTo,
          ...m,
        });
      }
      return recipients.length;
    },
  };
}
export type BookingLinkNotice = ReturnType<typeof bookingLinkNotice>;
