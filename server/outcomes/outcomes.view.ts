// Owns view models for the after-event pages: feedback as the veileder reads it, form values, offers and plans.
import type { SlotFacts } from "../booking/booking.rules";
import { slotTargetLabel } from "../booking/booking.view";
import { formatDate, formatTime } from "../shared/time";
import type { FeedbackRow, FollowUpRow, InterviewRow } from "./outcomes.repo";
import {
  ANSWERS,
  ASSESSMENTS,
  DECISION_CHOICES,
  DIMENSIONS,
  followUpSteps,
  OFFER_KINDS,
  RATINGS,
  STATUS_CATEGORIES,
  type StepState,
} from "./outcomes.rules";
import type { StatusRow } from "./persons.repo";

export type FeedbackWithNotes = FeedbackRow & { employerNotes: string[]; candidateNotes: string[] };

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
export const assessmentOptions = options(ASSESSMENTS);
export const ratingOptions = options(RATINGS);
export const decisionOptions = options(DECISION_CHOICES);
export const answerOptions = options(ANSWERS);
export const statusOptions = options(STATUS_CATEGORIES);
export const dimensionList = Object.entries(DIMENSIONS).map(([name, label]) => ({ name, label }));

export const employerOf = (i: { employerName: string; department: string }) =>
  i.department ? `${i.employerName}, ${i.department}` : i.employerName;

export function decisionText(f: Pick<FeedbackRow, "decision" | "decideBy" | "offerKind">): string {
  if (f.decision === "offer" && f.offerKind) return `Tilbud om ${OFFER_KINDS[f.offerKind].toLowerCase()}`;
  if (f.decision === "maybe") return `Kanskje – bestemmer seg innen ${formatDate(f.decideBy ?? "")}`;
  return "Ikke tilbud denne gangen";
}

/** One interview with its feedback, as the veileder and the coordinator read it. */
export function interviewCard(i: InterviewRow, f: FeedbackWithNotes | null) {
  return {
    bookingId: i.bookingId,
    candidateId: i.candidateId,
    displayName: i.displayName,
    employer: employerOf(i),
    time: formatTime(i.startsAt),
    dateText: formatDate(i.eventDate),
    noShow: i.noShowAt !== null || i.stage === "no-show",
    feedback: f
      ? {
          assessment: ASSESSMENTS[f.assessment],
          ratings: dimensionList.map((d) => ({
            label: d.label,
            value: RATINGS[f[d.name as keyof typeof DIMENSIONS]],
          })),
          employerNotes: f.employerNotes,
          candidateNotes: f.candidateNotes,
          message: f.message,
          secondInterview: f.secondInterviewOn ? formatDate(f.secondInterviewOn) : null,
          decision: decisionText(f),
          offer:
            f.offerId && f.offerKind && f.answer
              ? {
                  id: f.offerId,
                  kind: OFFER_KINDS[f.offerKind],
                  answer: f.answer,
                  answerText: ANSWERS[f.answer],
                  answeredText: f.answeredOn ? formatDate(f.answeredOn) : null,
                }
              : null,
        }
      : null,
  };
}
export type InterviewCard = ReturnType<typeof interviewCard>;

/** The feedback form's values from what is stored (a first visit gets "not assessed" for the three ratings). */
export function feedbackFormValues(f: FeedbackWithNotes | null): Record<string, unknown> {
  if (!f) return { handshake: "not-assessed", language: "not-assessed", eyeContact: "not-assessed" };
  return {
    assessment: f.assessment,
    handshake: f.handshake,
    language: f.language,
    eyeContact: f.eyeContact,
    employerNotes: f.employerNotes.join("\n"),
    candidateNotes: f.candidateNotes.join("\n"),
    message: f.message,
    secondInterviewOn: f.secondInterviewOn ?? "",
    decision: f.decision === "offer" ? `offer:${f.offerKind}` : f.decision,
    decideBy: f.decideBy ?? "",
    version: f.version,
  };
}

const STEP_STATES: Record<StepState, string> = {
  done: "Gjennomført",
  overdue: "Over fristen",
  "due-soon": "Snart",
  upcoming: "Planlagt",
};

export function followUpView(f: FollowUpRow, now: Date) {
  return {
    id: f.id,
    offerId: f.offerId,
    candidateId: f.candidateId,
    displayName: f.displayName,
    caseworkerName: f.caseworkerName,
    caseworkerEmail: f.caseworkerEmail,
    employer: employerOf(f),
    offerKind: OFFER_KINDS[f.offerKind],
    startText: formatDate(f.startOn),
    place: f.place,
    steps: followUpSteps(f, now).map((s) => ({
      ...s,
      dueText: formatDate(s.dueOn),
      doneText: s.doneOn ? formatDate(s.doneOn) : null,
      stateText: STEP_STATES[s.state],
    })),
    removable: !f.kickoffDoneOn && !f.firstDoneOn && !f.evaluationDoneOn,
  };
}
export type FollowUpView = ReturnType<typeof followUpView>;

/** Overdue steps, one line each, for the veileder's manage page and the coordinator's list. */
export function overdueLines(plans: FollowUpView[]) {
  return plans.flatMap((p) =>
    p.steps
      .filter((s) => s.state === "overdue")
      .map((s) => ({
        candidateId: p.candidateId,
        displayName: p.displayName,
        caseworkerName: p.caseworkerName,
        caseworkerEmail: p.caseworkerEmail,
        employer: p.employer,
        step: s.label,
        dueOn: s.dueOn,
        dueText: s.dueText,
      })),
  );
}

export function statusLine(s: StatusRow) {
  return {
    ...s,
    label: STATUS_CATEGORIES[s.status],
    asOfText: formatDate(s.asOf),
    recordedText: formatDate(s.recordedAt.slice(0, 10)),
  };
}

/** The free slots a candidate can be put on, one option each: "Ta sjansen 4. februar 2027 – Sykehuset kl. 15:30". */
export function enrolOptionList(list: { event: { title: string; date: string }; slots: SlotFacts[] }[]) {
  return list.flatMap((x) =>
    x.slots.map((s) => ({
      value: s.id,
      label: `${x.event.title} ${formatDate(x.event.date)} – ${slotTargetLabel(s)}`,
    })),
  );
}
