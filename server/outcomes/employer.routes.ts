// Owns the employer's feedback pages behind the participation's link, and the coordinator's view of that link
// and the feedback given through it.

import { type Request, type Response, Router } from "express";
import { inRegion } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import { formatOf, panelFromJson, panelNames } from "../events/formats";
import { AppError, type FieldErrors } from "../shared/errors";
import { redirectWithFlash } from "../shared/flash";
import { assertLinkAlive } from "../shared/link-lifetime";
import { refusalErrors } from "../shared/render";
import { formatDate, formatTime } from "../shared/time";
import { parseInput } from "../shared/validation";
import { employerUrl, participationForToken } from "./links";
import { MeetAgainForm } from "./meet-again.schemas";
import type { MeetAgainService } from "./meet-again.service";
import type { LinkParticipation } from "./outcomes.repo";
import { checkFeedbackAllowed, employerMaySeeCandidates, employerSeesName } from "./outcomes.rules";
import { FeedbackForm, feedbackDateErrorsOf } from "./outcomes.schemas";
import type { OutcomesService } from "./outcomes.service";
import {
  assessmentOptions,
  decisionOptions,
  dimensionList,
  employerOf,
  feedbackFormValues,
  interviewCard,
  ratingOptions,
} from "./outcomes.view";
import { changeList } from "./tasks.routes";
import type { EmployerTasksService } from "./tasks.service";

/** The participation behind an employer (or panel) link, refused when unknown, rotated or expired. */
export function participationFromLink(
  outcomes: Pick<OutcomesService, "linkParticipation">,
  secret: string,
  token: string,
  now: Date,
): LinkParticipation {
  const p = participationForToken(secret, token, (id) => outcomes.linkParticipation(id));
  if (!p)
    throw new AppError(
      404,
      "unknown-link",
      "Lenken er ukjent eller er byttet ut. Spør markedskoordinatoren om ny lenke.",
    );
  assertLinkAlive("employer", { date: p.eventDate, status: p.eventStatus }, now);
  return p;
}

/** A Speedintervju's link belongs to its interview panel, which records the course decision instead of feedback. */
const isPanelLink = (p: LinkParticipation) => formatOf(p.eventFormat).outcome === "selection";

export function employerRoutes(deps: {
  outcomes: OutcomesService;
  secret: string;
  baseUrl: string;
  clock: () => Date;
  tasks?: EmployerTasksService;
  /** A Minijobbmesse's employer page lists the room's visitors with «Vil møte igjen» instead of interviews. */
  meetAgain?: MeetAgainService;
}) {
  const { outcomes, secret, baseUrl, clock, tasks, meetAgain } = deps;
  const r = Router();

  function fromLink(req: Request): LinkParticipation {
    const p = participationFromLink(outcomes, secret, String(req.params.token), clock());
    // A panel gives no employer feedback: its pages are the selection pages (selection.routes.ts).
    if (isPanelLink(p))
      throw new AppError(
        409,
        "panel-link",
        "Denne lenken hører til et intervjupanel på speedintervju. Sett utvalg til kurset på panelets side.",
      );
    return p;
  }

  const header = (p: LinkParticipation) => ({
    employer: employerOf(p),
    eventTitle: p.eventTitle,
    dateText: formatDate(p.eventDate),
    interviewStart: p.interviewStart,
  });

  /** A Minijobbmesse: the candidates who came into the room (number and first name), each with a mark and note. */
  function visitorsPage(
    req: Request,
    res: Response,
    p: LinkParticipation,
    service: MeetAgainService,
    opts: {
      status?: number;
      errors?: FieldErrors;
      values?: { candidateId: number; want: boolean; note: string };
    } = {},
  ) {
    const maySee = employerMaySeeCandidates({ date: p.eventDate, interviewStart: p.interviewStart }, clock());
    const visitors = maySee ? service.visitors(p.id) : [];
    const savedId = Number(req.query.lagret) || null;
    const saved = savedId ? visitors.find((v) => v.candidateId === savedId) : undefined;
    res.status(opts.status ?? 200).render("outcomes/employer-visitors", {
      title: `Besøk – ${employerOf(p)}`,
      p: header(p),
      base: `/a/${req.params.token}`,
      maySee,
      errors: opts.errors ?? {},
      flash: saved
        ? `Lagret for nr. ${saved.participantNumber} ${employerSeesName(saved.displayName)}.`
        : null,
      visitors: visitors.map((v) => {
        const typed = opts.values?.candidateId === v.candidateId ? opts.values : null;
        return {
          candidateId: v.candidateId,
          number: v.participantNumber,
          name: employerSeesName(v.displayName),
          visitsText: v.visits === 1 ? "Var innom én gang" : `Var innom ${v.visits} ganger`,
          marked: v.markedAt !== null,
          want: typed ? typed.want : v.markedAt !== null,
          note: typed ? typed.note : (v.note ?? ""),
        };
      }),
    });
  }

  r.post("/a/:token/meet-again/:cid", (req, res) => {
    const p = fromLink(req);
    const candidateId = Number(req.params.cid);
    if (!meetAgain?.hasOpenRooms(p.id) || !Number.isInteger(candidateId))
      throw new AppError(404, "not-found", "Fant ikke siden");
    const parsed = parseInput(MeetAgainForm, req.body);
    const body = req.body as { want?: unknown; note?: unknown };
    const values = {
      candidateId,
      want: Boolean(body.want),
      note: typeof body.note === "string" ? body.note : "",
    };
    if (!parsed.ok) {
      const errors = Object.fromEntries(Object.values(parsed.errors).map((m) => [`note-${candidateId}`, m]));
      return visitorsPage(req, res, p, meetAgain, { status: 422, errors, values });
    }
    try {
      meetAgain.save(p.id, candidateId, parsed.data);
    } catch (err) {
      // The visit may have been taken back by the host meanwhile: say so on the page, keep the rest of it.
      if (err instanceof AppError && err.status < 500)
        return visitorsPage(req, res, p, meetAgain, {
          status: err.status,
          errors: { _form: err.message },
        });
      throw err;
    }
    res.redirect(303, `/a/${req.params.token}?lagret=${candidateId}#c${candidateId}`);
  });

  r.get("/a/:token", (req, res) => {
    const p = participationFromLink(outcomes, secret, String(req.params.token), clock());
    if (isPanelLink(p)) return res.redirect(303, `/a/${req.params.token}/utvalg`);
    if (meetAgain?.hasOpenRooms(p.id)) return visitorsPage(req, res, p, meetAgain);
    const now = clock();
    const maySee = employerMaySeeCandidates({ date: p.eventDate, interviewStart: p.interviewStart }, now);
    const rows = outcomes.participationInterviews(p.id);
    const savedId = Number(req.query.lagret) || null;
    const saved = savedId ? rows.find((i) => i.bookingId === savedId) : undefined;
    res.render("outcomes/employer", {
      title: `Tilbakemelding – ${employerOf(p)}`,
      p: header(p),
      base: `/a/${req.params.token}`,
      maySee,
      bookedCount: rows.length,
      flash:
        saved && maySee ? `Tilbakemeldingen til ${employerSeesName(saved.displayName)} er lagret.` : null,
      // Before the first interview starts the page holds nothing about the candidates, not even their names.
      interviews: maySee
        ? rows.map((i) => {
            const noShow = i.noShowAt !== null || i.stage === "no-show";
            const started = now.getTime() >= Date.parse(i.startsAt);
            return {
              bookingId: i.bookingId,
              time: formatTime(i.startsAt),
              name: employerSeesName(i.displayName),
              noShow,
              started,
              hasFeedback: i.feedbackId !== null,
              stateText: noShow
                ? "Møtte ikke"
                : i.feedbackId !== null
                  ? "Tilbakemelding er gitt"
                  : started
                    ? "Mangler tilbakemelding"
                    : "Intervjuet har ikke startet ennå",
            };
          })
        : [],
    });
  });

  function formPage(
    req: Request,
    res: Response,
    opts: {
      status?: number;
      values?: Record<string, unknown>;
      errors?: FieldErrors;
      showSaved?: boolean;
    } = {},
  ) {
    const p = fromLink(req);
    const i = outcomes.interviewOf(p.id, Number(req.params.bid));
    const allowed = checkFeedbackAllowed(
      { startsAt: i.startsAt, stage: i.stage, noShow: i.noShowAt !== null },
      clock(),
    );
    if (!allowed.ok) throw new AppError(409, allowed.reason, allowed.message);
    const name = employerSeesName(i.displayName);
    // After a clash the page shows what is saved now, next to what this person wrote.
    const saved = opts.showSaved ? outcomes.feedbackWithNotes(i.bookingId) : null;
    res.status(opts.status ?? 200).render("outcomes/feedback-form", {
      title: `Tilbakemelding til ${name}`,
      p: header(p),
      i: { bookingId: i.bookingId, name, time: formatTime(i.startsAt) },
      base: `/a/${req.params.token}`,
      values: opts.values ?? feedbackFormValues(outcomes.feedbackWithNotes(i.bookingId)),
      errors: opts.errors ?? {},
      saved: saved ? { ...interviewCard(i, saved), displayName: name } : null,
      assessmentOptions,
      ratingOptions,
      decisionOptions,
      dimensions: dimensionList,
    });
  }

  r.get("/a/:token/interviews/:bid", (req, res) => formPage(req, res));

  r.post("/a/:token/interviews/:bid", (req, res) => {
    const p = fromLink(req);
    const bookingId = Number(req.params.bid);
    // A link for another participation gets a 404 before anything is read from the form.
    const interview = outcomes.interviewOf(p.id, bookingId);
    const parsed = parseInput(FeedbackForm, req.body);
    if (!parsed.ok) {
      // Field errors first in form order, then the date rules' errors on fields zod let through.
      const dates = Object.entries(feedbackDateErrorsOf(interview.eventDate, req.body));
      const errors = { ...parsed.errors, ...Object.fromEntries(dates.filter(([k]) => !parsed.errors[k])) };
      return formPage(req, res, { status: 422, values: req.body, errors });
    }
    try {
      outcomes.saveFeedback(p.id, bookingId, parsed.data);
    } catch (err) {
      const errors = refusalErrors(err);
      const status = err instanceof AppError && err.status === 409 ? 409 : 422;
      // After a clash, the next save is a deliberate overwrite of what the other person saved.
      const current = outcomes.feedbackWithNotes(bookingId);
      return formPage(req, res, {
        status,
        values: { ...req.body, version: current?.version ?? "" },
        errors,
        showSaved: err instanceof AppError && err.code === "stale-feedback",
      });
    }
    res.redirect(303, `/a/${req.params.token}?lagret=${bookingId}#lagret`);
  });

  // ---- the coordinator's view of a participation's link and feedback ----

  // ---- the coordinator's list of «Vil møte igjen» per employer (Minijobbmesse) ----

  r.use("/events/:id/meet-again", requireCoordinator, inRegion("event"));
  r.get("/events/:id/meet-again", (req, res) => {
    const eventId = Number(req.params.id);
    const event = meetAgain?.repo.event(eventId);
    if (!meetAgain || !event || formatOf(event.format).hasSlots)
      throw new AppError(404, "not-found", "Bare en minijobbmesse har «Vil møte igjen»");
    const employers = meetAgain.eventList(eventId);
    res.render("outcomes/meet-again", {
      title: "Vil møte igjen",
      eventTitle: event.title,
      dateText: formatDate(event.date),
      employers: employers.map((e) => ({
        ...e,
        employer: e.department ? `${e.employerName}, ${e.department}` : e.employerName,
        room: e.room ?? "uten rom",
      })),
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${eventId}`, label: formatDate(event.date) },
      ],
    });
  });

  r.use(["/participations/:id/feedback", "/participations/:id/employer-link"], requireCoordinator);
  r.use(["/participations/:id/feedback", "/participations/:id/employer-link"], inRegion("participation"));

  r.get("/participations/:id/feedback", (req, res) => {
    const p = outcomes.linkParticipation(Number(req.params.id));
    if (!p) throw new AppError(404, "not-found", "Fant ikke virksomheten på arrangementet");
    const cards = outcomes
      .participationInterviews(p.id)
      .map((i) => interviewCard(i, outcomes.feedbackWithNotes(i.bookingId)));
    res.render("outcomes/participation", {
      title: `${isPanelLink(p) ? "Intervjupanelet" : meetAgain?.hasOpenRooms(p.id) ? "Besøk" : "Tilbakemeldinger"} – ${employerOf(p)}`,
      p: { ...header(p), id: p.id, eventId: p.eventId },
      // A Speedintervju's link is its interview panel's: they record the selection with it, not feedback.
      panel: isPanelLink(p) ? panelNames(panelFromJson(p.panel)) || "intervjupanelet" : null,
      link: employerUrl(secret, baseUrl, p),
      cards,
      visitors: meetAgain?.hasOpenRooms(p.id) ? meetAgain.visitors(p.id) : null,
      taskChanges: tasks ? changeList(tasks, p.id) : [],
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${p.eventId}`, label: formatDate(p.eventDate) },
      ],
    });
  });

  r.get("/participations/:id/employer-link/rotate", (req, res) => {
    const p = outcomes.linkParticipation(Number(req.params.id));
    if (!p) throw new AppError(404, "not-found", "Fant ikke virksomheten på arrangementet");
    res.render("confirm", {
      title: `Ny lenke for ${employerOf(p)}`,
      heading: `Lag ny lenke for ${employerOf(p)}`,
      consequences: [
        "Den gamle lenken slutter å virke med en gang – også i e-poster og meldinger arbeidsgiveren har fått.",
        "Tilbakemeldinger som er gitt, blir stående.",
        "Du må gi den nye lenken til arbeidsgiveren.",
      ],
      action: `/participations/${p.id}/employer-link/rotate`,
      confirmLabel: "Ja, lag ny lenke",
      cancelHref: `/participations/${p.id}/feedback`,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${p.eventId}`, label: formatDate(p.eventDate) },
      ],
    });
  });

  r.post("/participations/:id/employer-link/rotate", (req, res) => {
    outcomes.rotateEmployerLink(Number(req.params.id));
    redirectWithFlash(res, `/participations/${Number(req.params.id)}/feedback`, "lenke-byttet");
  });

  return r;
}
