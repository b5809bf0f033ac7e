// Owns the shapes of the digest settings form and the digest API answer.
import { z } from "zod";
import { checkbox, optionalEmail, text } from "../shared/validation";
import { parseRecipients, recipientsMessage } from "./digest.rules";

const time = (label: string) =>
  z
    .string({ error: `Fyll inn ${label}` })
    .trim()
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), {
      error: `Skriv ${label} som TT:MM, for eksempel 08:00`,
    });

export const DigestSettingsForm = z.object({
  recipients: z
    .preprocess(
      (v) => (typeof v === "string" ? v : ""),
      z.string().max(50_000, { error: "Listen er for lang" }),
    )
    .transform((v, ctx) => {
      const parsed = parseRecipients(v);
      if (parsed.ok) return parsed.emails;
      ctx.addIssue({ code: "custom", message: recipientsMessage(parsed.errors) });
      return z.NEVER;
    }),
  contactName: text("Navnet på kontaktpersonen", 100),
  contactEmail: optionalEmail(
    "E-postadressen for forslag til virksomheter",
    "Skriv en gyldig e-postadresse for forslag til virksomheter",
  ),
  marketNews: text("Annen markedsinformasjon", 5000, { multiline: true }),
  autoSend: checkbox,
  weekday: z.coerce
    .number({ error: "Velg ukedag" })
    .int({ error: "Velg ukedag" })
    .min(1, { error: "Velg ukedag" })
    .max(7, { error: "Velg ukedag" }),
  sendTime: time("klokkeslettet for utsending"),
  reminderDaysBefore: z.coerce
    .number({ error: "Skriv antall dager som et tall" })
    .int({ error: "Skriv antall dager som et helt tall" })
    .min(0, { error: "Påminnelsen kan sendes fra 0 til 14 dager før" })
    .max(14, { error: "Påminnelsen kan sendes fra 0 til 14 dager før" }),
  reminderTime: time("klokkeslettet for påminnelsen"),
});
export type DigestSettingsForm = z.output<typeof DigestSettingsForm>;

export const DigestOutput = z.object({
  subject: z.string(),
  text: z.string().describe("The plain-text version"),
  html: z.string().describe("The HTML version (a whole document)"),
});
