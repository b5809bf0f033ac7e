// Owns the weekly digest: composing it from the region's open events, its settings and recipients, and enqueueing it.

import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import { formatOf } from "../events/formats";
import type { OutboxService } from "../mail/outbox.service";
import { scheduleRepo } from "../mail/schedule.repo";
import type { RegionsService } from "../regions/regions.service";
import { invalidInput } from "../shared/errors";
import type { Clock } from "../shared/time";
import { formatDate, formatInstant } from "../shared/time";
import {
  composeDigest,
  composeNewEmployers,
  type DigestInput,
  type DigestModel,
  digestText,
} from "./digest.compose";
import { digestHtml } from "./digest.render";
import { type DigestSettingsWrite, digestRepo } from "./digest.repo";
import { digestAlert, upcomingDigestEvents } from "./digest.rules";

export type RenderedDigest =
  | { ok: true; model: DigestModel; subject: string; text: string; html: string; eventIds: number[] }
  | { ok: false; reason: "no-upcoming-event"; message: string };

export type EnqueueResult =
  | { ok: true; mails: number; created: number }
  | { ok: false; reason: "no-upcoming-event" | "no-recipients"; message: string };

export function digestService(
  db: Db,
  clock: Clock,
  deps: { events: EventsService; regions: RegionsService; outbox: OutboxService },
) {
  const repo = digestRepo(db);
  const runs = scheduleRepo(db);
  const { events, regions, outbox } = deps;
  const noticeJob = (participationId: number) => `new-employer:participation:${participationId}`;

  function input(regionId: number): DigestInput & { eventIds: number[] } {
    const region = regions.getRegion(regionId);
    const settings = repo.settings(regionId);
    const chosen = upcomingDigestEvents(
      events.repo.list().filter((e) => e.regionId === regionId),
      clock(),
    );
    return {
      regionName: region.name,
      contact: { name: settings.contactName, email: settings.contactEmail },
      marketNews: settings.marketNews,
      eventIds: chosen.map((e) => e.id),
      events: chosen.map((e) => {
        const d = events.detail(e.id);
        const booking = events.links(e).booking;
        return {
          id: e.id,
          title: e.title,
          date: e.date,
          interviewStart: e.interviewStart,
          interviewEnd: e.interviewEnd,
          bookingDeadline: e.bookingDeadline,
          venue: { name: d.venue.name, address: d.venue.address },
          freeSlots: d.freeSlots,
          participations: d.participations,
          bookingUrl: booking,
          tasksUrl: `${booking}/oppgaver`,
          format: e.format,
          programme: d.programme,
        };
      }),
    };
  }

  function render(regionId: number): RenderedDigest {
    const i = input(regionId);
    const result = composeDigest(i);
    if (!result.ok) return result;
    const m = result.model;
    return {
      ok: true,
      model: m,
      subject: m.subject,
      text: digestText(m),
      html: digestHtml(m),
      eventIds: i.eventIds,
    };
  }

  /** Inside the caller's transaction: one outbox mail per recipient, keyed by `keyBase` and the address. */
  function enqueueInTx(regionId: number, keyBase: string): EnqueueResult {
    const d = render(regionId);
    if (!d.ok) return d;
    const recipients = repo.recipients(regionId);
    if (!recipients.length) return noRecipients();
    const replyTo = repo.settings(regionId).contactEmail || undefined;
    let created = 0;
    for (const to of recipients) {
      const r = outbox.enqueue({
        kind: "digest",
        key: `${keyBase}:${to}`,
        to,
        replyTo,
        subject: d.subject,
        text: d.text,
        html: d.html,
      });
      if (r.created) created += 1;
    }
    return { ok: true, mails: recipients.length, created };
  }

  function noRecipients(): EnqueueResult {
    return {
      ok: false,
      reason: "no-recipients",
      message: "Regionen har ingen mottakere for markeds-e-posten. Legg inn mottakere først.",
    };
  }

  return {
    repo,
    render,
    enqueueInTx,
    settings: (regionId: number) => repo.settings(regionId),
    recipients: (regionId: number) => repo.recipients(regionId),
    /** Whether the weekly send is on and how many it reaches, with the warning to show (see digestAlert). */
    health(regionId: number) {
      const h = {
        autoSend: repo.settings(regionId).autoSend,
        recipientCount: repo.recipients(regionId).length,
      };
      return { ...h, alert: digestAlert(h) };
    },

    saveSettings(regionId: number, settings: DigestSettingsWrite, recipients: string[]) {
      db.transaction(() => {
        regions.getRegion(regionId);
        repo.saveSettings(regionId, settings, clock().toISOString());
        repo.replaceRecipients(regionId, recipients);
      })();
    },

    /** Employers on the region's upcoming events, each with when a new-employer notice about it went out. */
    newEmployerOptions(regionId: number) {
      return input(regionId).events.flatMap((e) =>
        events.detail(e.id).participations.map((p) => {
          const sent = runs.forJob(noticeJob(p.id), 1)[0];
          return {
            participationId: p.id,
            eventLabel: `${e.title} ${formatDate(e.date)}`,
            employerName: p.employerName,
            department: p.department,
            minAge: p.minAge,
            freeSlots: p.freeSlots,
            slotCapacity: p.slotCapacity,
            /** A Minijobbmesse's employers have no slots of their own: the room is what a veileder needs. */
            hasSlots: formatOf(e.format).hasSlots,
            roomName: p.roomName,
            notifiedText: sent ? `varslet ${formatInstant(sent.ranAt)}` : null,
          };
        }),
      );
    },

    /**
     * "Ny virksomhet": a short notice to the digest's recipients about the ticked employers, one mail per event.
     * Only employers on the region's upcoming events; a repeated requestKey enqueues nothing new.
     */
    sendNewEmployerNotice(regionId: number, participationIds: number[], requestKey: string): EnqueueResult {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(requestKey)) {
        throw invalidInput({ _form: "Skjemaet er ugyldig. Last siden på nytt." });
      }
      if (!participationIds.length) {
        throw invalidInput({ participationIds: "Kryss av for minst én virksomhet å varsle om" });
      }
      return db
        .transaction((): EnqueueResult => {
          const i = input(regionId);
          const chosen = i.events
            .map((e) => ({
              e,
              ps: events.detail(e.id).participations.filter((p) => participationIds.includes(p.id)),
            }))
            .filter((g) => g.ps.length);
          if (chosen.flatMap((g) => g.ps).length !== new Set(participationIds).size) {
            throw invalidInput({
              participationIds: "Velg blant virksomhetene på regionens kommende arrangementer",
            });
          }
          const recipients = repo.recipients(regionId);
          if (!recipients.length) return noRecipients();
          const replyTo = repo.settings(regionId).contactEmail || undefined;
          const now = clock().toISOString();
          let mails = 0;
          let created = 0;
          for (const { e, ps } of chosen) {
            const m = composeNewEmployers({
              regionName: i.regionName,
              event: e,
              employers: ps,
              freeSlots: e.freeSlots,
            });
            for (const to of recipients) {
              const r = outbox.enqueue({
                kind: "new-employer",
                key: `new-employer:event:${e.id}:${requestKey}:${to}`,
                to,
                replyTo,
                ...m,
              });
              mails += 1;
              if (r.created) created += 1;
            }
            for (const p of ps) {
              runs.record({
                job: noticeJob(p.id),
                dueAt: now,
                ranAt: now,
                outcome: "sent",
                mails: recipients.length,
              });
            }
          }
          return { ok: true, mails, created };
        })
        .immediate();
    },

    /**
     * "Send now": the digest to every recipient. A repeated requestKey (double-click, reload) enqueues nothing
     * new. Refuses without an upcoming event or without recipients, so nobody gets an empty mail.
     */
    sendNow(regionId: number, requestKey: string): EnqueueResult {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(requestKey)) {
        throw invalidInput({ _form: "Skjemaet er ugyldig. Last siden på nytt." });
      }
      return db
        .transaction(() => enqueueInTx(regionId, `digest:region:${regionId}:now:${requestKey}`))
        .immediate();
    },
  };
}
export type DigestService = ReturnType<typeof digestService>;
