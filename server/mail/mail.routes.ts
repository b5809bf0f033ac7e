// Owns the coordinator's e-post page (outbox, schedule, each region's digest) and the printable invitation a
// veileder opens from the manage page.
import fs from "node:fs";
import path from "node:path";
import { type Request, Router } from "express";
import { inRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { BookingService } from "../booking/booking.service";
import { requireLiveCaseworker } from "../booking/manage-link";
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import { formatOf } from "../events/formats";
import { AppError } from "../shared/errors";
import { assertLinkAlive } from "../shared/link-lifetime";
import { formatDate, formatInstant } from "../shared/time";
import { composeInvitation, composeRegistrationInvitation, openRoomEvent, toInterview } from "./messages";
import type { MailKind, OutboxSummary } from "./outbox.repo";
import type { OutboxService } from "./outbox.service";
import { mailRuntime } from "./services";

export const KIND_LABELS: Record<MailKind, string> = {
  digest: "Markeds-e-post",
  reminder: "Påminnelse",
  confirmation: "Bookingbekreftelse",
  promotion: "Plass fra venteliste",
  "new-employer": "Ny virksomhet",
  change: "Endring i booking",
  notice: "Melding",
};

function statusText(m: OutboxSummary, maxAttempts: number): string {
  switch (m.status) {
    case "sent":
      return `Sendt ${formatInstant(m.sentAt ?? m.createdAt)}`;
    case "sending":
      return "Sendes nå";
    case "failed":
      return `Feilet etter ${m.attempts} forsøk`;
    default:
      return m.attempts
        ? `Venter på nytt forsøk ${formatInstant(m.nextAttemptAt)} (forsøk ${m.attempts} av ${maxAttempts} feilet)`
        : "Venter på utsending";
  }
}

const isEml = (location: string | null): location is string =>
  Boolean(location && path.isAbsolute(location) && location.endsWith(".eml"));
/** A sent mail's content is deleted from the database; its .eml is the delivered mail, not for download here. */
const downloadable = (m: Pick<OutboxSummary, "status" | "location">) =>
  m.status !== "sent" && isEml(m.location);

/** The schedule as the e-post page shows it. */
export type ScheduleOverview = {
  digests: {
    regionId: number;
    regionName: string;
    autoSend: boolean;
    next: Date | null;
    recipients: number;
  }[];
  reminders: {
    eventId: number;
    title: string;
    date: string;
    dueAt: Date;
    startsAt: Date;
    ran: { ranAt: string; mails: number } | undefined;
  }[];
};

export function mailRoutes(deps: {
  db: Db;
  outbox: OutboxService;
  /** What the background jobs will send next (digests, reminders), for the overview; owned by the digest. */
  upcoming: (now: Date) => ScheduleOverview;
  events: EventsService;
  booking: BookingService;
  secret: string;
  clock: () => Date;
}) {
  const { outbox, upcoming: upcomingAt, events, booking, secret, clock } = deps;
  const r = Router();
  r.use("/mail", requireCoordinator);
  r.use("/mail/:id", inRegion("mail"));
  const mailRegion = deps.db.prepare<[number], { regionId: number | null }>(
    "SELECT region_id AS regionId FROM mail_outbox_scope WHERE mail_id = ?",
  );

  r.get("/mail", (_req, res) => {
    const now = clock();
    const runtime = mailRuntime(deps.db);
    // A coordinator sees the mails, digests and reminders of their own regions.
    const mine = regionFilter(res);
    const inMine = (regionId: number | null | undefined) =>
      mine === null || (regionId != null && mine.includes(regionId));
    const all = upcomingAt(now);
    const upcoming = {
      digests: all.digests.filter((d) => inMine(d.regionId)),
      reminders: all.reminders.filter((x) => inMine(events.repo.get(x.eventId)?.regionId)),
    };
    const counts = outbox.counts();
    res.render("mail/outbox", {
      title: "E-post",
      runtime: runtime?.transport ?? null,
      counts: {
        pending: counts.pending ?? 0,
        sending: counts.sending ?? 0,
        sent: counts.sent ?? 0,
        failed: counts.failed ?? 0,
      },
      digests: upcoming.digests.map((d) => ({
        ...d,
        nextText: d.next ? formatInstant(d.next.toISOString()) : "Automatisk utsending er slått av",
      })),
      reminders: upcoming.reminders.map((x) => ({
        ...x,
        label: `${x.title} ${formatDate(x.date)}`,
        dueText: formatInstant(x.dueAt.toISOString()),
        ranText: x.ran ? `Sendt ${formatInstant(x.ran.ranAt)} (${x.ran.mails} e-post)` : "Ikke sendt ennå",
      })),
      mails: outbox
        .recent(200)
        .filter((m) => inMine(mailRegion.get(m.id)?.regionId))
        .map((m) => ({
          ...m,
          kindLabel: KIND_LABELS[m.kind] ?? m.kind,
          created: formatInstant(m.createdAt),
          statusText: statusText(m, outbox.policy.maxAttempts),
          file: isEml(m.location) ? path.basename(m.location) : null,
          download: downloadable(m),
          retryable: m.status === "failed" || (m.status === "pending" && m.attempts > 0),
          problem: m.status === "failed" || (m.status === "pending" && m.attempts > 0),
        })),
    });
  });

  r.get("/mail/:id/eml", (req, res) => {
    const m = outbox.get(Number(req.params.id));
    const file = m && downloadable(m) ? m.location : null;
    if (!file || !fs.existsSync(file)) throw new AppError(404, "not-found", "Fant ikke filen");
    res.type("message/rfc822");
    res.download(file, path.basename(file));
  });

  r.post("/mail/:id/retry", (req, res) => {
    outbox.retryNow(Number(req.params.id));
    res.redirect(303, "/mail");
  });

  // ---- the candidate's invitation, behind the veileder's manage link ----

  function caseworkerFromLink(req: Request) {
    const lookup = { load: booking.caseworker, eventsOf: booking.repo.caseworkerEvents };
    return requireLiveCaseworker(secret, String(req.params.token), lookup, clock()).caseworker;
  }

  r.get("/v/:token/candidates/:id/invitasjon", (req, res) => {
    const c = caseworkerFromLink(req);
    const candidate = booking.repo.candidate(Number(req.params.id));
    if (!candidate || candidate.caseworkerId !== c.id)
      throw new AppError(404, "not-found", "Fant ikke kandidaten");
    const d = events.detail(candidate.eventId);
    assertLinkAlive("manage", d.event, clock());
    if (!formatOf(d.event.format).hasSlots) {
      const inv = composeRegistrationInvitation({
        candidate: candidate.displayName,
        event: openRoomEvent(d),
        caseworker: { name: c.name, email: c.email },
        backupCaseworker: candidate.backupCaseworker,
        caseworkerJoins: candidate.caseworkerJoins,
      });
      return res.render("mail/invitation", { title: inv.title, inv, managePath: `/v/${req.params.token}` });
    }
    const interviews = booking
      .forCaseworker(c.id)
      .bookings.filter((b) => b.candidateId === candidate.id)
      .map(toInterview);
    const inv = composeInvitation({
      candidate: candidate.displayName,
      event: {
        title: d.event.title,
        date: d.event.date,
        interviewStart: d.event.interviewStart,
        slotMinutes: d.event.slotMinutes,
        venueName: d.venue.name,
        venueAddress: d.venue.address,
        programme: d.programme,
        format: d.event.format,
      },
      interviews,
      caseworker: { name: c.name, email: c.email },
      backupCaseworker: candidate.backupCaseworker,
      caseworkerJoins: candidate.caseworkerJoins,
    });
    res.render("mail/invitation", {
      title: inv.title,
      inv,
      managePath: `/v/${req.params.token}`,
    });
  });

  return r;
}
