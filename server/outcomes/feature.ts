// Owns mounting the after-event feature into createApp: its pages, and what it adds to other features' pages
// (employer links on the event page, feedback and follow-up on the manage page), handed over as functions.
import { Router } from "express";
import type { BookingService } from "../booking/booking.service";
import type { Db } from "../db/connection";
import type { EventsService } from "../events/events.service";
import { formatOf } from "../events/formats";
import type { RegionsService } from "../regions/regions.service";
import { type Clock, osloDate } from "../shared/time";
import { candidateRoutes } from "./candidate.routes";
import { employerRoutes } from "./employer.routes";
import { employerUrl } from "./links";
import { meetAgainService } from "./meet-again.service";
import { outcomesService } from "./outcomes.service";
import { enrolOptionList, followUpView, interviewCard, overdueLines } from "./outcomes.view";
import { selectionRoutes } from "./selection.routes";
import { selectionText } from "./selection.rules";
import { selectionService } from "./selection.service";
import { statusRoutes } from "./status.routes";
import { statusService } from "./status.service";
import { employerTasksRoutes } from "./tasks.routes";
import { employerTasksService } from "./tasks.service";

export type OutcomesDeps = {
  db: Db;
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
  const { db, clock, booking, events, regions, secret, baseUrl } = deps;
  const outcomes = outcomesService(db, clock, { booking });
  const status = statusService(db, clock);
  const selection = selectionService(db, clock);

  function manageOutcomes(caseworkerId: number): ManageOutcomes {
    const now = clock();
    const today = osloDate(now);
    const byEvent: ManageOutcomes["byEvent"] = {};
    const interviews = outcomes.repo.caseworkerInterviews(caseworkerId);
    const selections = selection.forCaseworker(caseworkerId);
    for (const i of interviews) {
      byEvent[i.eventId] ??= { afterEvent: i.eventDate <= today, candidates: [] };
      const group = byEvent[i.eventId];
      let c = group.candidates.find((x) => x.candidateId === i.candidateId);
      if (!c) {
        c = { candidateId: i.candidateId, displayName: i.displayName, summary: "", enrolOptions: [] };
        group.candidates.push(c);
      }
      const card = interviewCard(i, outcomes.feedbackWithNotes(i.bookingId));
      if (formatOf(i.eventFormat).outcome === "selection") {
        // A Speedintervju has one decision per candidate (the panel's), not feedback per interview.
        const s = selections.get(i.candidateId);
        c.summary = card.noShow
          ? "Speedintervju: møtte ikke"
          : s
            ? `Utvalg til kurs: ${selectionText(s).toLowerCase()}${s.note ? ` («${s.note}»)` : ""}`
            : "Utvalg til kurs: ikke avgjort ennå";
        continue;
      }
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

  /** Each participation's employer link, for the event page. */
  const participationLinks = (eventId: number) =>
    Object.fromEntries(
      outcomes.eventLinkParticipations(eventId).map((p) => [p.id, employerUrl(secret, baseUrl, p)]),
    );

  const routes = Router();
  const tasks = employerTasksService(deps.db, clock);
  routes.use(employerTasksRoutes({ outcomes, tasks, secret, clock }));
  const meetAgain = meetAgainService(deps.db, clock);
  routes.use(employerRoutes({ outcomes, secret, baseUrl, clock, tasks, meetAgain }));
  routes.use(selectionRoutes({ selection, outcomes, events, secret, clock }));
  routes.use(candidateRoutes({ outcomes, status, booking, events, secret, clock, selection, meetAgain }));
  routes.use(statusRoutes({ status, regions, clock }));

  return { outcomes, status, selection, meetAgain, routes, manageOutcomes, participationLinks };
}
export type OutcomesFeature = ReturnType<typeof outcomesFeature>;
