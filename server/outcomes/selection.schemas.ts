// Owns the shape of the panel's (and the coordinator's) selection form for a Speedintervju candidate.
import { z } from "zod";
import { blankToUndefined, text } from "../shared/validation";
import { SELECTION_DECISIONS, type SelectionDecision } from "./selection.rules";

const decisions = Object.keys(SELECTION_DECISIONS) as [SelectionDecision, ...SelectionDecision[]];

export const SelectionForm = z.object({
  decision: z.enum(decisions, { error: "Velg valgt, reserve eller ikke valgt" }),
  // The note's own limit (1000) is a rule (selection.rules.ts), so the message can say how long it is now.
  note: text("Notatet", 20_000, { multiline: true }),
  reserveRank: z.preprocess(
    (v) => blankToUndefined(v) ?? null,
    z.coerce
      .number({ error: "Reservenummer er et helt tall, for eksempel 1" })
      .int({
        error: "Reservenummer er et helt tall, for eksempel 1",
      })
      .nullable(),
  ),
  version: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
});
export type SelectionForm = z.output<typeof SelectionForm>;
