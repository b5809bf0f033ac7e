// Owns the shapes of the forms after the event: employer feedback, the candidate's answer, follow-up and status.
import { z } from "zod";
import type { FieldErrors } from "../shared/errors";
import { isValidIsoDate } from "../shared/time";
import { blankToUndefined, containsNationalId, nationalIdMessage, text } from "../shared/validation";
import {
  ANSWERS,
  ASSESSMENTS,
  checkFeedbackDates,
  DECISION_CHOICES,
  FOLLOW_UP_STEPS,
  parseDecisionChoice,
  RATINGS,
  STATUS_CATEGORIES,
} from "./outcomes.rules";

const keys = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const date = (label: string) =>
  z
    .string({ error: `Fyll inn ${label}` })
    .trim()
    .refine(isValidIsoDate, { error: `Skriv ${label} som en gyldig dato, for eksempel 2026-12-10` });

const optionalDate = (label: string) => z.preprocess(blankToUndefined, date(label).optional());

const rating = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? "not-assessed" : v),
    z.enum(keys(RATINGS), { error: `Velg bra, kan bli bedre eller ikke vurdert for ${label.toLowerCase()}` }),
  );

export const MAX_NOTES = 10;
export const MAX_NOTE_LENGTH = 300;

/** One short note per line; empty lines are dropped. */
const notes = (label: string) =>
  z
    .preprocess(
      (v) => (typeof v === "string" ? v : ""),
      z.string().max(5000, { error: `${label}: for lang tekst` }),
    )
    .transform((v, ctx) => {
      const lines = v
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, " "))
        .filter(Boolean);
      if (lines.length > MAX_NOTES) {
        ctx.addIssue({
          code: "custom",
          message: `${label}: skriv høyst ${MAX_NOTES} korte notater, ett per linje`,
        });
        return z.NEVER;
      }
      const long = lines.findIndex((l) => l.length > MAX_NOTE_LENGTH);
      if (long >= 0) {
        ctx.addIssue({
          code: "custom",
          message: `${label}: notat ${long + 1} er lengre enn ${MAX_NOTE_LENGTH} tegn. Del det opp eller korte det ned.`,
        });
        return z.NEVER;
      }
      if (lines.some(containsNationalId)) {
        ctx.addIssue({
          code: "custom",
          message: nationalIdMessage(label),
        });
        return z.NEVER;
      }
      return lines;
    });

export const FeedbackForm = z.object({
  assessment: z.enum(keys(ASSESSMENTS), { error: "Velg vurdering: aktuell, kanskje eller ikke aktuell" }),
  handshake: rating("Håndtrykk"),
  language: rating("Språk"),
  eyeContact: rating("Øyekontakt"),
  employerNotes: notes("Arbeidsgiver sier"),
  candidateNotes: notes("Kandidaten sier"),
  message: text("Tilbakemeldingen til kandidaten", 2000, { multiline: true }),
  secondInterviewOn: optionalDate("datoen for andre intervju"),
  decision: z.enum(keys(DECISION_CHOICES), { error: "Velg beslutning: tilbud, kanskje eller ikke tilbud" }),
  decideBy: optionalDate("datoen dere bestemmer dere innen"),
  version: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
});
export type FeedbackForm = z.output<typeof FeedbackForm>;

/**
 * The date rules' errors for a form that zod already refused, from the fields that did parse, so a person
 * sees every problem in one round instead of the date problems only after fixing the rest.
 */
export function feedbackDateErrorsOf(eventDate: string, body: Record<string, unknown>): FieldErrors {
  const decision = FeedbackForm.shape.decision.safeParse(body.decision);
  const decideBy = FeedbackForm.shape.decideBy.safeParse(body.decideBy);
  const second = FeedbackForm.shape.secondInterviewOn.safeParse(body.secondInterviewOn);
  return checkFeedbackDates(eventDate, {
    secondInterviewOn: second.success ? second.data : undefined,
    decision: decision.success
      ? parseDecisionChoice(decision.data, decideBy.success ? decideBy.data : undefined)
      : { decision: "no-offer" },
  });
}

export const AnswerForm = z.object({
  answer: z.enum(keys(ANSWERS), { error: "Velg kandidatens svar" }),
});

export const FollowUpForm = z.object({
  startOn: date("datoen for oppstartsmøtet"),
  place: text("Stedet for oppstartsmøtet", 200, { required: true }),
});
export type FollowUpForm = z.output<typeof FollowUpForm>;

export const StepDoneForm = z.object({
  step: z.enum(keys(FOLLOW_UP_STEPS), { error: "Ukjent oppfølgingssteg" }),
  doneOn: date("datoen det ble gjennomført"),
});

export const StatusForm = z.object({
  status: z.enum(keys(STATUS_CATEGORIES), { error: "Velg status" }),
  asOf: date("datoen statusen gjelder"),
});
export type StatusForm = z.output<typeof StatusForm>;

export const EnrolForm = z.object({
  slotId: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Velg et intervjutidspunkt" })
      .int({ error: "Velg et intervjutidspunkt" })
      .positive({ error: "Velg et intervjutidspunkt" }),
  ),
});
