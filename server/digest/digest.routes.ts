// Owns the coordinator's digest page (settings, recipients, preview, send now) and the veiledere's task-description
// page behind the booking link (the digest links to it).
import { type Request, type Response, Router } from "express";
import { inRegion } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { EventsService } from "../events/events.service";
import { employerLine, freeSeatsText, participationView } from "../events/events.view";
import { eventForToken } from "../events/links";
import { nextWeekly, weekdayName } from "../mail/schedule.rules";
import type { RegionsService } from "../regions/regions.service";
import { AppError, type FieldErrors } from "../shared/errors";
import { assertLinkAlive } from "../shared/link-lifetime";
import { refusalErrors } from "../shared/render";
import { formatDate, formatDateLong, formatInstant } from "../shared/time";
import { randomToken } from "../shared/tokens";
import { parseInput } from "../shared/validation";
import { digestAlert } from "./digest.rules";
import type { SchedulerService } from "./digest.schedule";
import { DigestSettingsForm } from "./digest.schemas";
import type { DigestService } from "./digest.service";

const OUTCOMES: Record<string, string> = {
  sent: "Sendt",
  "no-event": "Ikke sendt: ingen kommende arrangementer",
  "no-recipients": "Ikke sendt: ingen mottakere",
};

/**
 * The warning about the "suggest an employer" line, matching what the form shows: the coordinator's own
 * name is filled in as a suggestion before the settings are first saved, so say "not saved yet" then.
 */
function contactWarning(
  settings: { saved: boolean; contactEmail: string },
  shown: Record<string, unknown>,
): string | null {
  if (settings.contactEmail) return null;
  if (!settings.saved && String(shown.contactEmail ?? "").trim())
    return "Kontaktpersonen nedenfor er et forslag og er ikke lagret ennå. Trykk «Lagre» for å få med linjen om forslag til nye virksomheter.";
  return "Linjen om forslag til nye virksomheter mangler: fyll inn kontaktpersonens e-postadresse nedenfor og lagre.";
}

export function digestRoutes(deps: {
  digest: DigestService;
  scheduler: SchedulerService;
  events: EventsService;
  regions: RegionsService;
  secret: string;
  clock: () => Date;
}) {
  const { digest, scheduler, events, regions, secret, clock } = deps;
  const r = Router();
  r.use("/regions/:id/digest", requireCoordinator, inRegion("region"));

  const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: weekdayName(d) }));

  function page(
    req: Request,
    res: Response,
    opts: {
      status?: number;
      values?: Record<string, unknown>;
      errors?: FieldErrors;
      noticeValues?: { participationIds: unknown[] };
    } = {},
  ) {
    const region = regions.getRegion(Number(req.params.id));
    const settings = digest.settings(region.id);
    const recipients = digest.recipients(region.id);
    const me = res.locals.coordinator;
    const values = opts.values ?? {
      recipients: recipients.join("\n"),
      // Until the settings are saved once, suggest the signed-in coordinator as the contact.
      contactName: settings.saved ? settings.contactName : (me?.name ?? ""),
      contactEmail: settings.saved ? settings.contactEmail : (me?.email ?? ""),
      marketNews: settings.marketNews,
      autoSend: settings.autoSend,
      weekday: settings.weekday,
      sendTime: settings.sendTime,
      reminderDaysBefore: settings.reminderDaysBefore,
      reminderTime: settings.reminderTime,
    };
    const preview = digest.render(region.id);
    const now = clock();
    const ticked = (opts.noticeValues?.participationIds ?? []).map(String);
    res.status(opts.status ?? 200).render("digest/preview", {
      title: `Markeds-e-post – ${region.name}`,
      region,
      values,
      errors: opts.errors ?? {},
      weekdayOptions,
      recipientCount: recipients.length,
      saved: settings.saved,
      alert: digestAlert({ autoSend: settings.autoSend, recipientCount: recipients.length }),
      contactWarning: contactWarning(settings, values),
      preview,
      nextSend: settings.autoSend
        ? `${formatInstant(nextWeekly({ weekday: settings.weekday, time: settings.sendTime }, now).toISOString())} (hver ${weekdayName(settings.weekday)} kl. ${settings.sendTime})`
        : null,
      runs: scheduler.digestRuns(region.id).map((run) => ({
        due: formatInstant(run.dueAt),
        ran: formatInstant(run.ranAt),
        outcome: OUTCOMES[run.outcome] ?? run.outcome,
        mails: run.mails,
      })),
      flash:
        req.query.lagret !== undefined
          ? "Innstillingene er lagret."
          : req.query.sendt !== undefined
            ? `Markeds-e-posten er lagt i utboksen til ${Number(req.query.sendt)} mottakere.`
            : req.query.varslet !== undefined
              ? `Varselet om nye virksomheter er lagt i utboksen (${Number(req.query.varslet)} e-poster).`
              : null,
      requestKey: randomToken(),
      newEmployers: digest.newEmployerOptions(region.id).map((o) => ({
        ...o,
        label: `${employerLine(o)} – ${o.hasSlots ? freeSeatsText(o.freeSlots, o.slotCapacity) : (o.roomName ?? "åpent rom")} (${o.eventLabel}${o.notifiedText ? `, ${o.notifiedText}` : ""})`,
        checked: ticked.includes(String(o.participationId)),
      })),
      breadcrumbs: [
        { href: "/regions", label: "Regioner og kontorer" },
        { href: "/mail", label: "E-post" },
      ],
    });
  }

  r.get("/regions/:id/digest", (req, res) => page(req, res));

  r.post("/regions/:id/digest/settings", (req, res) => {
    const regionId = Number(req.params.id);
    const parsed = parseInput(DigestSettingsForm, req.body);
    if (!parsed.ok) return page(req, res, { status: 422, values: req.body, errors: parsed.errors });
    const { recipients, ...settings } = parsed.data;
    try {
      digest.saveSettings(regionId, settings, recipients);
    } catch (err) {
      return page(req, res, { status: 422, values: req.body, errors: refusalErrors(err) });
    }
    res.redirect(303, `/regions/${regionId}/digest?lagret`);
  });

  r.post("/regions/:id/digest/send", (req, res) => {
    const regionId = Number(req.params.id);
    regions.getRegion(regionId);
    let result: ReturnType<DigestService["sendNow"]>;
    try {
      result = digest.sendNow(regionId, String(req.body.requestKey ?? ""));
    } catch (err) {
      return page(req, res, { status: 422, errors: refusalErrors(err) });
    }
    if (!result.ok) return page(req, res, { status: 409, errors: { _form: result.message } });
    res.redirect(303, `/regions/${regionId}/digest?sendt=${result.mails}`);
  });

  r.post("/regions/:id/digest/new-employers", (req, res) => {
    const regionId = Number(req.params.id);
    regions.getRegion(regionId);
    const ids = [req.body.participationIds ?? []]
      .flat()
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    const values = { participationIds: [req.body.participationIds ?? []].flat() };
    let result: ReturnType<DigestService["sendNewEmployerNotice"]>;
    try {
      result = digest.sendNewEmployerNotice(regionId, ids, String(req.body.requestKey ?? ""));
    } catch (err) {
      return page(req, res, { status: 422, errors: refusalErrors(err), noticeValues: values });
    }
    if (!result.ok)
      return page(req, res, { status: 409, errors: { _form: result.message }, noticeValues: values });
    res.redirect(303, `/regions/${regionId}/digest?varslet=${result.mails}`);
  });

  // ---- the task descriptions, for veiledere (behind the booking link) ----

  r.get("/b/:token/oppgaver", (req, res) => {
    const e = eventForToken(secret, "booking", String(req.params.token), (id) => events.repo.get(id));
    if (!e) {
      throw new AppError(
        404,
        "unknown-link",
        "Lenken er ukjent eller er byttet ut. Bruk lenken i siste markeds-e-post.",
      );
    }
    assertLinkAlive("booking", e, clock());
    const d = events.detail(e.id);
    res.render("digest/tasks", {
      title: `Arbeidsoppgaver – ${e.title} ${formatDate(e.date)}`,
      e: {
        title: e.title,
        dateText: formatDate(e.date),
        dateLong: formatDateLong(e.date),
        venue: d.venue,
        interviewStart: e.interviewStart,
        interviewEnd: e.interviewEnd,
        // A Minijobbmesse has open rooms and registration, not interview slots.
        hasSlots: d.format.hasSlots,
      },
      participations: d.participations.map(participationView),
      bookingPath: `/b/${req.params.token}`,
    });
  });

  return r;
}
