// Owns the shapes of the statistics API's answer and the history import form.
import { z } from "zod";
import { blankToUndefined } from "../shared/validation";

export const StatsParticipationOutput = z.object({
  rows: z.array(
    z.object({
      year: z.number().int(),
      candidates: z
        .number()
        .int()
        .describe("People who took part for the first time that year (each person once)"),
      events: z.number().int().describe("Events held that year"),
      participants: z
        .number()
        .int()
        .describe("People who took part that year, each once however many events or formats"),
    }),
  ),
  total: z.object({ candidates: z.number().int(), events: z.number().int() }),
});

/** 100 kB is what the form parser takes; about 3 000 lines of history. */
export const MAX_IMPORT_CHARS = 90_000;

export const ImportForm = z.object({
  regionId: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Velg region" })
      .int({ error: "Velg region" })
      .positive({ error: "Velg region" }),
  ),
  csv: z
    .string({ error: "Lim inn innholdet i CSV-filen" })
    .max(MAX_IMPORT_CHARS, { error: "Filen er for stor. Del den opp og importer én del om gangen." })
    .refine((v) => v.trim().length > 0, { error: "Lim inn innholdet i CSV-filen" }),
  mode: z.enum(["dry-run", "import"], { error: "Velg prøvekjøring eller import" }),
});
