// Owns mounting the after-event feature into createApp: its pages, and the hooks that run before the event and
// booking pages (employer links on the event page, feedback and follow-up on the manage page, and the refusal to
// cancel or move an interview that has feedback).
import { type NextFunction, type Request, type Response, Router } from "express";
import type { AuthService } from "../auth/auth.service";
import { bearer } from "../auth/middleware";
import type { BookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import type { RegionsService } from "../regions/regions.service";
import { type Clock, osloDate } from "../shared/time";
import { candidateRoutes, caseworkerFromToken } from "./candidate.routes";
import { employerRoutes } from "./employer.routes";
import { employerUrl } from "./links";
import { outcomesService } from "./outcomes.service";
import { enrolOptionList, followUpView, interviewCard, overdueLines } from "./outcomes.view";
import { statusRoutes } from "./status.routes";
import { statusService } from "./status.service";

export type OutcomesDeps = {
  db: Db;
  auth: AuthService;
  clock: Clock;
  booking: BookingService;
  events: EventsService;
  regions: RegionsService;
  secret: string;
  baseUrl: string;
};

/** What the manage page shows of the after-event feature, per event group (see views/outcomes/manage-*.ejs). */
export type ManageOutcomes = {
  overdue: ReturnType<typeof overdueLines>;
  byEvent: Record<
    number,
    {
      afterEvent: boolean;
      candidates: {
        candidateId: number;
        displayName: string;
        summary: string;
        enrolOptions: { value: number; label: string }[];
      }[];
    }
  >;
};

export function outcomesFeature(deps: OutcomesDeps) {
  const { db, auth, clock, booking, events, regions, secret, baseUrl } = deps;
  const outcomes = outcomesService(db, clock, { booking });
  const status = statusService(db, clock);

  function manageOutcomes(caseworkerId: number): ManageOutcomes {
    const now = clock();
    const today = osloDate(now);
    const byEvent: ManageOutcomes["byEvent"] = {};
    const interviews = outcomes.repo.caseworkerInterviews(caseworkerId);
    for (const i of interviews) {
      byEvent[i.eventId] ??= { afterEvent: i.eventDate <= today, candidates: [] };
      const group = byEvent[i.eventId];
      let c = group.candidates.find((x) => x.candidateId === i.candidateId);
      if (!c) {
        c = { candidateId: i.candidateId, displayName: i.displayName, summary: "", enrolOptions: [] };
        group.candidates.push(c);
      }
      const card = interviewCard(i, outcomes.feedbackWithNotes(i.bookingId));
      const line = card.noShow
        ? `${card.employer}: møtte ikke`
        : card.feedback
          ? `${card.employer}: ${card.feedback.assessment}, ${card.feedback.decision.toLowerCase()}${card.feedback.offer ? ` (${card.feedback.offer.answerText.toLowerCase()})` : ""}`
          : `${card.employer}: ingen tilbakemelding ennå`;
      c.summary = c.summary ? `${c.summary}; ${line}` : line;
    }
    for (const group of Object.values(byEvent)) {
      for (const c of group.candidates) {
        c.enrolOptions = enrolOptionList(outcomes.enrolOptions(c.candidateId));
      }
    }
    const overdue = overdueLines(outcomes.followUpsFor(caseworkerId).map((f) => followUpView(f, now)));
    return { overdue, byEvent };
  }

  const hooks = Router();
  // The manage page (and its re-renders after a refused change) shows feedback and overdue follow-up.
  hooks.use("/v/:token", (req: Request, res: Response, next: NextFunction) => {
    const c = caseworkerFromToken(booking, secret, String(req.params.token));
    if (c) res.locals.outcomes = manageOutcomes(c.id);
    next();
  });
  // The event page shows each participation's employer link.
  hooks.get("/events/:id", (req, res, next) => {
    const id = Number(req.params.id);
    if (res.locals.coordinator && Number.isInteger(id)) {
      res.locals.employerLinks = Object.fromEntries(
        outcomes.eventLinkParticipations(id).map((p) => [p.id, employerUrl(secret, baseUrl, p)]),
      );
    }
    next();
  });
  // The guards answer only callers who could cancel the booking; anyone else meets the booking routes' own refusal.
  const refuseIfFeedback = (bookingId: number, allowed: (caseworkerId: number) => boolean) => {
    const b = booking.booking(bookingId);
    if (b && allowed(b.caseworkerId)) outcomes.guardBookingRemoval(b.id);
  };
  hooks.post(["/v/:token/bookings/:id/cancel", "/v/:token/bookings/:id/move"], (req, _res, next) => {
    const c = caseworkerFromToken(booking, secret, String(req.params.token));
    refuseIfFeedback(Number(req.params.id), (cw) => cw === c?.id);
    next();
  });
  hooks.post(["/events/:id/bookings/:bid/cancel", "/events/:id/bookings/:bid/move"], (req, res, next) => {
    // Only for a coordinator who reaches the booking: anyone else meets the region guard's refusal, not this one.
    const bid = Number(req.params.bid);
    refuseIfFeedback(bid, () => res.locals.access?.allows("booking", bid) === true);
    next();
  });

  // The booking API's DELETE answers a problem document with the same code and reason.
  const apiGuard = Router();
  apiGuard.delete("/bookings/:id", (req, _res, next) => {
    const token = bearer(req);
    const c = token ? caseworkerFromToken(booking, secret, token) : undefined;
    const id = Number(req.params.id);
    const api = token ? auth.tokenAccess(token) : undefined;
    const coordinator = Boolean(api?.access.write && api.access.allows("booking", id));
    refuseIfFeedback(id, (cw) => coordinator || cw === c?.id);
    next();
  });

  const routes = Router();
  routes.use(employerRoutes({ outcomes, secret, baseUrl, clock }));
  routes.use(candidateRoutes({ outcomes, status, booking, events, secret, clock }));
  routes.use(statusRoutes({ status, regions, clock }));

  return { outcomes, status, hooks, apiGuard, routes };
}
export type OutcomesFeature = ReturnType<typeof outcomesFeature>;
