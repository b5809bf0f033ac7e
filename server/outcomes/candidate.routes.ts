// Owns the candidate's after-event page for the veileder (behind the manage link) and the coordinator: feedback,
// answers to offers, follow-up plans, the twelve-month status and "the same candidate to another event".

import { type Request, type Response, Router } from "express";
import { inRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { Caseworker } from "../booking/booking.repo";
import type { BookingService } from "../booking/booking.service";
import { caseworkerForToken, requireLiveCaseworker } from "../booking/manage-link";
import type { EventsService } from "../events/events.service";
import { formatOf } from "../events/formats";
import { AppError, type FieldErrors } from "../shared/errors";
import { assertLinkAlive } from "../shared/link-lifetime";
import { refusalErrors } from "../shared/render";
import { formatDate, osloDate } from "../shared/time";
import { parseInput } from "../shared/validation";
import type { MeetAgainService } from "./meet-again.service";
import { AnswerForm, EnrolForm, FollowUpForm, StatusForm, StepDoneForm } from "./outcomes.schemas";
import type { Acting, OutcomesService } from "./outcomes.service";
import {
  answerOptions,
  enrolOptionList,
  followUpView,
  interviewCard,
  overdueLines,
  statusLine,
  statusOptions,
} from "./outcomes.view";
import { selectionText } from "./selection.rules";
import type { SelectionService } from "./selection.service";
import type { StatusService } from "./status.service";

type Access = { who: Acting; base: string; home: string; breadcrumbs: { href: string; label: string }[] };

/** Field errors renamed to the ids of one form among several on the page ("startOn" → "startOn-12"). */
const suffixed = (errors: FieldErrors, suffix: string | number) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "_form" ? k : `${k}-${suffix}`, v]));

export function caseworkerFromToken(booking: BookingService, secret: string, token: string) {
  return caseworkerForToken(secret, token, booking.caseworker);
}

export function candidateRoutes(deps: {
  outcomes: OutcomesService;
  status: StatusService;
  booking: BookingService;
  events: EventsService;
  secret: string;
  clock: () => Date;
  /** A Speedintervju's course decision, shown instead of employer feedback. */
  selection?: SelectionService;
  /** A Minijobbmesse's rooms the candidate visited and the employers' «Vil møte igjen», instead of feedback. */
  meetAgain?: MeetAgainService;
}) {
  const { outcomes, status, booking, events, secret, clock } = deps;
  const r = Router();

  function veileder(req: Request): Caseworker {
    const lookup = { load: booking.caseworker, eventsOf: booking.repo.caseworkerEvents };
    return requireLiveCaseworker(secret, String(req.params.token), lookup, clock()).caseworker;
  }

  /** Who is asking, checked against the candidate: their own veileder, or a signed-in coordinator. */
  function access(req: Request, res: Response): Access & { candidateId: number } {
    const candidateId = Number(req.params.id);
    const candidate = booking.getCandidate(candidateId);
    if (req.params.token !== undefined) {
      const c = veileder(req);
      if (candidate.caseworkerId !== c.id) throw new AppError(404, "not-found", "Fant ikke kandidaten");
      // The link as a whole may still live for a later event; this candidate's event must still be in follow-up.
      assertLinkAlive("manage", events.get(candidate.eventId), clock());
      const home = `/v/${req.params.token}`;
      return {
        candidateId,
        who: { actor: `caseworker:${c.id}`, caseworkerId: c.id },
        base: `${home}/candidates/${candidateId}`,
        home,
        breadcrumbs: [{ href: home, label: "Mine bookinger" }],
      };
    }
    const e = events.get(candidate.eventId);
    return {
      candidateId,
      who: { actor: `coordinator:${res.locals.coordinator?.id}`, caseworkerId: null },
      base: `/candidates/${candidateId}`,
      home: `/events/${e.id}/bookings`,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: formatDate(e.date) },
        { href: "/follow-ups", label: "Oppfølging" },
      ],
    };
  }

  function page(
    req: Request,
    res: Response,
    opts: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {},
  ) {
    const a = access(req, res);
    const candidate = booking.getCandidate(a.candidateId);
    const e = events.get(candidate.eventId);
    const now = clock();
    const cards = outcomes.repo
      .candidateInterviews(candidate.id)
      .map((i) => interviewCard(i, outcomes.feedbackWithNotes(i.bookingId)));
    const offers = cards.flatMap((c) =>
      c.feedback?.offer
        ? [
            {
              ...c.feedback.offer,
              employer: c.employer,
              plan: (() => {
                const f = outcomes.repo.followUpByOffer(c.feedback.offer.id);
                return f ? followUpView(f, now) : null;
              })(),
            },
          ]
        : [],
    );
    const personId = status.persons.personOfCandidate(candidate.id) as number;
    const person = status.overview(personId);
    const enrolOptions = enrolOptionList(outcomes.enrolOptions(candidate.id));
    const decided = deps.selection?.get(candidate.id);
    const selection =
      formatOf(e.format).outcome === "selection"
        ? decided
          ? { text: selectionText(decided), note: decided.note }
          : { text: "Ikke avgjort ennå", note: "" }
        : null;
    const rooms = formatOf(e.format).hasSlots
      ? null
      : (deps.meetAgain?.candidateRooms(candidate.id) ?? []).map((x) => ({
          employer: x.department ? `${x.employerName}, ${x.department}` : x.employerName,
          visitsText: x.visits === 1 ? "var innom én gang" : `var innom ${x.visits} ganger`,
          wantsToMeetAgain: x.wantsToMeetAgain === 1,
          note: x.note ?? "",
        }));
    res.status(opts.status ?? 200).render("outcomes/candidate", {
      rooms,
      title: `${candidate.displayName} – tilbakemeldinger og oppfølging`,
      candidate: { id: candidate.id, displayName: candidate.displayName },
      e: { id: e.id, title: e.title, dateText: formatDate(e.date), past: e.date <= osloDate(now) },
      base: a.base,
      home: a.home,
      cards,
      selection,
      offers,
      answerOptions,
      statusOptions,
      person: {
        tookPart: person.firstDate !== null,
        firstText: person.firstDate ? formatDate(person.firstDate) : null,
        cohortYear: person.cohortYear,
        earliestText: person.earliestStatus ? formatDate(person.earliestStatus) : null,
        earliest: person.earliestStatus,
        snapshots: person.snapshots.map(statusLine),
      },
      enrolOptions,
      today: osloDate(now),
      flash: req.query.lagret !== undefined ? "Lagret." : null,
      errors: opts.errors ?? {},
      values: opts.values ?? {},
      breadcrumbs: a.breadcrumbs,
    });
  }

  /** Runs a change; success goes back to the page (or `next`), a refusal re-renders it with the errors. */
  function act(
    req: Request,
    res: Response,
    run: (a: Access & { candidateId: number }) => string | undefined,
    rename: (errors: FieldErrors) => FieldErrors = (x) => x,
  ) {
    const a = access(req, res);
    try {
      const next = run(a);
      res.redirect(303, next ?? `${a.base}/oppfolging?lagret`);
    } catch (err) {
      const errors = rename(refusalErrors(err));
      const status = err instanceof AppError && err.status === 409 ? 409 : 422;
      page(req, res, { status, errors, values: req.body });
    }
  }

  const invalid = (errors: FieldErrors) => new AppError(422, "invalid-input", "Skjemaet har feil", errors);

  function mount(prefix: string) {
    r.get(`${prefix}/oppfolging`, (req, res) => page(req, res));

    r.post(`${prefix}/offers/:oid/answer`, (req, res) => {
      const oid = Number(req.params.oid);
      act(
        req,
        res,
        (a) => {
          const parsed = parseInput(AnswerForm, req.body);
          if (!parsed.ok) throw invalid(parsed.errors);
          outcomes.recordAnswer(a.who, oid, parsed.data.answer);
          return `${a.base}/oppfolging?lagret#tilbud-${oid}`;
        },
        (errors) =>
          errors._form || errors[`offer-${oid}`] ? errors : { [`offer-${oid}`]: Object.values(errors)[0] },
      );
    });

    r.post(`${prefix}/offers/:oid/follow-up`, (req, res) => {
      const oid = Number(req.params.oid);
      act(
        req,
        res,
        (a) => {
          const parsed = parseInput(FollowUpForm, req.body);
          if (!parsed.ok) throw invalid(parsed.errors);
          outcomes.planFollowUp(a.who, oid, parsed.data);
          return `${a.base}/oppfolging?lagret#tilbud-${oid}`;
        },
        (errors) => suffixed(errors, oid),
      );
    });

    r.post(`${prefix}/follow-ups/:fid/done`, (req, res) => {
      const fid = Number(req.params.fid);
      const step = String(req.body.step ?? "");
      act(
        req,
        res,
        (a) => {
          const parsed = parseInput(StepDoneForm, req.body);
          if (!parsed.ok) throw invalid(parsed.errors);
          outcomes.markStepDone(a.who, fid, parsed.data.step, parsed.data.doneOn);
          return undefined;
        },
        (errors) => suffixed(errors, `${fid}-${step}`),
      );
    });

    r.post(`${prefix}/follow-ups/:fid/delete`, (req, res) => {
      act(req, res, (a) => {
        outcomes.removeFollowUp(a.who, Number(req.params.fid));
        return undefined;
      });
    });

    r.post(`${prefix}/status`, (req, res) => {
      act(req, res, (a) => {
        const parsed = parseInput(StatusForm, req.body);
        if (!parsed.ok) throw invalid(parsed.errors);
        const personId = status.persons.personOfCandidate(a.candidateId) as number;
        status.record(a.who.actor, personId, parsed.data);
        return `${a.base}/oppfolging?lagret#status`;
      });
    });

    r.post(`${prefix}/enrol`, (req, res) => {
      act(
        req,
        res,
        (a) => {
          const parsed = parseInput(EnrolForm, req.body);
          if (!parsed.ok) throw invalid(parsed.errors);
          const newId = outcomes.enrolAgain(a.who, a.candidateId, parsed.data.slotId);
          const target = booking.getCandidate(newId);
          return a.who.caseworkerId === null
            ? `/events/${target.eventId}/bookings`
            : `${a.home}?booket=${newId}`;
        },
        // A booking rule's refusal (slot taken, age, …) belongs to the slot field.
        (errors) => (errors._form ? { slotId: errors._form } : errors),
      );
    });
  }

  mount("/v/:token/candidates/:id");
  r.use("/candidates", requireCoordinator);
  r.use("/candidates/:id", inRegion("candidate"));
  mount("/candidates/:id");

  // ---- the coordinator's overdue list ----

  r.use("/follow-ups", requireCoordinator);
  r.get("/follow-ups", (_req, res) => {
    const now = clock();
    const lines = overdueLines(outcomes.overdue(regionFilter(res)).map((f) => followUpView(f, now))).sort(
      (x, y) => x.dueOn.localeCompare(y.dueOn),
    );
    res.render("outcomes/follow-ups", {
      title: "Oppfølging over fristen",
      lines,
      breadcrumbs: [{ href: "/stats", label: "Statistikk" }],
    });
  });

  return r;
}
