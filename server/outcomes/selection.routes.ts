// Owns the Speedintervju's selection pages: the interview panel's page behind its participation's link (record
// selected / reserve / not selected per candidate it interviewed), the coordinator's page for the whole event,
// and the course list the coordinator downloads for the course provider (CSV; never logged).
import { type Request, type Response, Router } from "express";
import { inRegion } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { EventsService } from "../events/events.service";
import { formatOf, panelFromJson, panelNames } from "../events/formats";
import { AppError, type FieldErrors, notFound } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { formatDate, formatTime } from "../shared/time";
import { parseInput } from "../shared/validation";
import { toCsv } from "../stats/csv";
import { participationFromLink } from "./employer.routes";
import type { LinkParticipation } from "./outcomes.repo";
import { employerMaySeeCandidates, employerSeesName } from "./outcomes.rules";
import type { OutcomesService } from "./outcomes.service";
import { employerOf } from "./outcomes.view";
import type { SelectionLine } from "./selection.repo";
import {
  MAX_RESERVE_RANK,
  MAX_SELECTION_NOTE,
  SELECTION_DECISIONS,
  type SelectionActor,
  selectionText,
} from "./selection.rules";
import { SelectionForm } from "./selection.schemas";
import type { SelectionService } from "./selection.service";

const decisionOptions = Object.entries(SELECTION_DECISIONS).map(([value, label]) => ({ value, label }));

/** The form's values from what is stored (a first decision starts empty). */
const formValues = (
  s: { decision: string; note: string; reserveRank: number | null; version: number } | null,
) => (s ? { decision: s.decision, note: s.note, reserveRank: s.reserveRank ?? "", version: s.version } : {});

export const COURSE_CSV_HEADER = [
  "Navn",
  "Fødselsår",
  "Veileder",
  "Veileders e-post",
  "NAV-kontor",
  "Utvalg",
  "Reservenummer",
];

export function selectionRoutes(deps: {
  selection: SelectionService;
  outcomes: OutcomesService;
  events: EventsService;
  secret: string;
  clock: () => Date;
}) {
  const { selection, outcomes, events, secret, clock } = deps;
  const r = Router();

  // ---- the interview panel, behind its participation's link ----

  function panelLink(req: Request): LinkParticipation {
    const p = participationFromLink(outcomes, secret, String(req.params.token), clock());
    if (formatOf(p.eventFormat).outcome !== "selection") throw notFound("Fant ikke siden");
    return p;
  }

  const panelHeader = (p: LinkParticipation) => ({
    title: p.eventTitle,
    dateText: formatDate(p.eventDate),
    interviewStart: p.interviewStart,
    workplace: employerOf(p),
    panel: panelNames(panelFromJson(p.panel)),
  });

  r.get("/a/:token/utvalg", (req, res) => {
    const p = panelLink(req);
    const now = clock();
    const maySee = employerMaySeeCandidates({ date: p.eventDate, interviewStart: p.interviewStart }, now);
    const lines = selection.participationLines(p.id);
    const savedId = Number(req.query.lagret) || null;
    const saved = savedId ? lines.find((l) => l.candidateId === savedId) : undefined;
    res.render("outcomes/selection-panel", {
      title: `Utvalg – ${p.eventTitle} ${formatDate(p.eventDate)}`,
      p: panelHeader(p),
      base: `/a/${req.params.token}`,
      maySee,
      bookedCount: lines.length,
      flash: saved && maySee ? `Utvalget for ${employerSeesName(saved.displayName)} er lagret.` : null,
      // Before the first interview starts the page holds nothing about the candidates, not even their names.
      interviews: maySee
        ? lines.map((l) => {
            const started = now.getTime() >= Date.parse(l.startsAt);
            return {
              bookingId: l.bookingId,
              time: formatTime(l.startsAt),
              name: employerSeesName(l.displayName),
              open: started && !l.noShow,
              decided: l.decision !== null,
              stateText: l.noShow
                ? "Møtte ikke"
                : l.decision
                  ? selectionText({ decision: l.decision, reserveRank: l.reserveRank })
                  : started
                    ? "Ikke avgjort ennå"
                    : "Intervjuet har ikke startet ennå",
            };
          })
        : [],
    });
  });

  function panelLine(p: LinkParticipation, bookingId: number): SelectionLine {
    // Before the interviews start the link shows nothing about candidates, one by one no more than in the list.
    if (!employerMaySeeCandidates({ date: p.eventDate, interviewStart: p.interviewStart }, clock()))
      throw new AppError(
        409,
        "too-early",
        "Kandidatene vises her når speedintervjuene har startet. Kom tilbake da.",
      );
    const line = selection.participationLines(p.id).find((l) => l.bookingId === bookingId);
    // Another panel's interview sees the same answer as an unknown one.
    if (!line) throw notFound("Fant ikke intervjuet");
    return line;
  }

  type FormOpts = {
    status?: number;
    values?: Record<string, unknown>;
    errors?: FieldErrors;
    showSaved?: boolean;
  };

  function formPage(
    res: Response,
    view: {
      heading: string;
      intro: string;
      action: string;
      back: { href: string; label: string };
      candidateId: number;
      breadcrumbs?: { href: string; label: string }[];
    },
    opts: FormOpts,
  ) {
    const saved = selection.get(view.candidateId);
    res.status(opts.status ?? 200).render("outcomes/selection-form", {
      title: view.heading,
      ...view,
      values: opts.values ?? formValues(saved),
      errors: opts.errors ?? {},
      saved: opts.showSaved && saved ? { text: selectionText(saved), note: saved.note } : null,
      decisionOptions,
      maxNote: MAX_SELECTION_NOTE,
      maxRank: MAX_RESERVE_RANK,
    });
  }

  /** Runs a save; a refusal re-renders the form (409 after a clash, with what is saved now), else 422. */
  function save(
    req: Request,
    res: Response,
    who: SelectionActor,
    actor: string,
    candidateId: number,
    render: (opts: FormOpts) => void,
    done: string,
  ) {
    const parsed = parseInput(SelectionForm, req.body);
    if (!parsed.ok) return render({ status: 422, values: req.body, errors: parsed.errors });
    try {
      selection.record(who, actor, candidateId, parsed.data);
    } catch (err) {
      const errors = refusalErrors(err);
      const status = err instanceof AppError && err.status === 409 ? 409 : 422;
      const clash = err instanceof AppError && err.code === "stale-selection";
      // After a clash, the next save is a deliberate overwrite of what the other person saved.
      const current = selection.get(candidateId);
      return render({
        status,
        values: { ...req.body, version: clash ? (current?.version ?? "") : req.body.version },
        errors,
        showSaved: clash,
      });
    }
    res.redirect(303, done);
  }

  function panelForm(req: Request, res: Response, opts: FormOpts = {}) {
    const p = panelLink(req);
    const line = panelLine(p, Number(req.params.bid));
    const name = employerSeesName(line.displayName);
    formPage(
      res,
      {
        heading: `Utvalg: ${name}`,
        intro: `Speedintervju kl. ${formatTime(line.startsAt)}, ${p.eventTitle} ${formatDate(p.eventDate)}. Intervjupanel: ${panelNames(panelFromJson(p.panel))}.`,
        action: `/a/${req.params.token}/utvalg/${line.bookingId}`,
        back: { href: `/a/${req.params.token}/utvalg`, label: "Tilbake til alle kandidatene" },
        candidateId: line.candidateId,
      },
      opts,
    );
  }

  r.get("/a/:token/utvalg/:bid", (req, res) => panelForm(req, res));

  r.post("/a/:token/utvalg/:bid", (req, res) => {
    const p = panelLink(req);
    // A link for another panel gets a 404 before anything is read from the form.
    const line = panelLine(p, Number(req.params.bid));
    save(
      req,
      res,
      { kind: "panel", participationId: p.id },
      `panel:${p.id}`,
      line.candidateId,
      (opts) => panelForm(req, res, opts),
      `/a/${req.params.token}/utvalg?lagret=${line.candidateId}#lagret`,
    );
  });

  // ---- the coordinator: the whole event's selection, and the course list ----

  r.use(["/events/:id/utvalg", "/events/:id/utvalg.csv"], requireCoordinator);
  r.use(["/events/:id/utvalg", "/events/:id/utvalg.csv"], inRegion("event"));

  function selectionEvent(req: Request) {
    const d = events.detail(Number(req.params.id));
    if (d.format.outcome !== "selection")
      throw new AppError(404, "not-found", "Utvalg til kurs finnes bare for speedintervju.");
    return d;
  }

  const eventCrumbs = (e: { id: number; date: string }) => [
    { href: "/events", label: "Arrangementer" },
    { href: `/events/${e.id}`, label: formatDate(e.date) },
  ];

  r.get("/events/:id/utvalg", (req, res) => {
    const d = selectionEvent(req);
    const e = d.event;
    const panels = new Map(d.participations.map((p) => [p.id, panelNames(p.panel) || employerOf(p)]));
    const lines = selection.eventLines(e.id);
    const count = (k: string) => lines.filter((l) => l.decision === k).length;
    res.render("outcomes/selection-event", {
      title: `Utvalg til kurs – ${e.title} ${formatDate(e.date)}`,
      e: { id: e.id, title: e.title, dateText: formatDate(e.date) },
      flash: req.query.lagret !== undefined ? "Utvalget er lagret." : null,
      counts: {
        selected: count("selected"),
        reserve: count("reserve"),
        notSelected: count("not-selected"),
        open: lines.filter((l) => l.decision === null).length,
      },
      lines: lines.map((l) => ({
        candidateId: l.candidateId,
        name: l.displayName,
        time: formatTime(l.startsAt),
        panel: panels.get(l.participationId) ?? "",
        caseworker: l.caseworkerName,
        noShow: Boolean(l.noShow),
        decisionText: l.decision ? selectionText({ decision: l.decision, reserveRank: l.reserveRank }) : "",
        note: l.note ?? "",
      })),
      breadcrumbs: eventCrumbs(e),
    });
  });

  function coordinatorForm(req: Request, res: Response, opts: FormOpts = {}) {
    const d = selectionEvent(req);
    const e = d.event;
    const line = selection.eventLines(e.id).find((l) => l.candidateId === Number(req.params.candidateId));
    if (!line) throw notFound("Fant ikke kandidaten på dette speedintervjuet");
    const panel = d.participations.find((p) => p.id === line.participationId);
    formPage(
      res,
      {
        heading: `Utvalg: ${line.displayName}`,
        intro: `Speedintervju kl. ${formatTime(line.startsAt)}${panel ? ` med ${panelNames(panel.panel) || employerOf(panel)}` : ""}, ${e.title} ${formatDate(e.date)}.`,
        action: `/events/${e.id}/utvalg/${line.candidateId}`,
        back: { href: `/events/${e.id}/utvalg`, label: "Tilbake til utvalget" },
        candidateId: line.candidateId,
        breadcrumbs: [...eventCrumbs(e), { href: `/events/${e.id}/utvalg`, label: "Utvalg til kurs" }],
      },
      opts,
    );
  }

  r.get("/events/:id/utvalg/:candidateId", (req, res) => coordinatorForm(req, res));

  r.post("/events/:id/utvalg/:candidateId", (req, res) => {
    const d = selectionEvent(req);
    const candidateId = Number(req.params.candidateId);
    // Only a candidate of this event (a candidate id of another event is not found here).
    if (!selection.eventLines(d.event.id).some((l) => l.candidateId === candidateId))
      throw notFound("Fant ikke kandidaten på dette speedintervjuet");
    save(
      req,
      res,
      { kind: "coordinator" },
      `coordinator:${res.locals.coordinator?.id}`,
      candidateId,
      (opts) => coordinatorForm(req, res, opts),
      `/events/${d.event.id}/utvalg?lagret#kandidat-${candidateId}`,
    );
  });

  // The list for the course provider: the selected and the reserves, never those not selected. The request log
  // carries only the path; nothing of the file's content is logged.
  r.get("/events/:id/utvalg.csv", (req, res) => {
    const e = selectionEvent(req).event;
    const rows = selection
      .courseList(e.id)
      .map((l) => [
        l.displayName,
        l.birthYear,
        l.caseworkerName,
        l.caseworkerEmail,
        l.officeName,
        SELECTION_DECISIONS[l.decision],
        l.decision === "reserve" && l.reserveRank !== null ? l.reserveRank : "",
      ]);
    res
      .type("text/csv; charset=utf-8")
      .attachment(`speedintervju-utvalg-${e.date}.csv`)
      .send(toCsv(COURSE_CSV_HEADER, rows));
  });

  return r;
}
