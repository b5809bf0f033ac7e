// Owns the shapes of booking input: the veileder, the candidate's minimal data, and the chosen slots.
import { z } from "zod";
import {
  blankToUndefined,
  checkbox,
  containsNationalId,
  email,
  nationalIdMessage,
  text,
} from "../shared/validation";

export const ELIGIBILITY = {
  "spesielt-tilpasset": "Spesielt tilpasset innsats",
  "sykmeldt-uten-arbeidsgiver": "Sykmeldt uten arbeidsgiver",
  annet: "Annet",
} as const;

const id = (msg: string) => z.coerce.number({ error: msg }).int({ error: msg }).positive({ error: msg });
const ids = (max: number, tooMany: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== "")),
    z.array(id("Ugyldig valg")).max(max, { error: tooMany }),
  );

export const CaseworkerInput = z.object({
  name: text("Navnet ditt", 100, { required: true }),
  email: email("E-postadressen din"),
  officeId: z.preprocess(blankToUndefined, id("Velg NAV-kontoret ditt")),
});

export const CandidateInput = z.object({
  displayName: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\s+/g, " ") : v),
    text("Kandidatens fornavn og forbokstav", 60, { required: true }).refine(
      (v) => v === "" || /\p{L}/u.test(v),
      {
        error: "Skriv kandidatens fornavn og forbokstav i etternavnet, for eksempel «Ola N.»",
      },
    ),
  ),
  birthYear: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Fyll inn fødselsåret med fire siffer, for eksempel 2001" })
      .int({ error: "Fødselsåret må være et helt årstall" })
      .min(1940, { error: "Fødselsåret ser feil ut. Skriv det med fire siffer, for eksempel 2001" })
      .max(2015, { error: "Fødselsåret ser feil ut. Kandidaten må være ungdom eller voksen" }),
  ),
  eligibility: z.enum(
    Object.keys(ELIGIBILITY) as [keyof typeof ELIGIBILITY, ...(keyof typeof ELIGIBILITY)[]],
    {
      error: "Velg innsatsgruppe",
    },
  ),
  backupCaseworker: text("Reserveveileder", 100),
  caseworkerJoins: checkbox,
  needsAdaptation: checkbox,
});
export type CandidateInput = z.output<typeof CandidateInput>;

/** The booking form: veileder + candidate + up to two slots or two employers for a proposal, or a waitlist. */
export const BookingForm = z.object({
  caseworker: CaseworkerInput,
  candidate: CandidateInput,
  slotIds: ids(10, "Velg høyst to tidspunkter"),
  waitlistParticipationIds: ids(10, "Velg høyst to ventelister"),
  requestKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "Skjemaet er ugyldig. Last siden på nytt." })
    .refine((v) => !containsNationalId(v), { error: "Skjemaet er ugyldig. Last siden på nytt." }),
});
export type BookingForm = z.output<typeof BookingForm>;

export const ProposeForm = z.object({ participationIds: ids(10, "Velg høyst to virksomheter") });

/** HTML forms post flat names ("candidate.displayName"); nest them for the schema. */
export function nestForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const [head, tail] = k.split(".", 2);
    if (tail) out[head] = { ...((out[head] as Record<string, unknown>) ?? {}), [tail]: v };
    else out[k] = v;
  }
  return out;
}

// ---- API ----
export const ApiRegisterInput = z.object({
  caseworker: CaseworkerInput,
  candidate: CandidateInput,
  slotIds: ids(10, "Høyst to tidspunkter").optional(),
  requestKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .refine((v) => !containsNationalId(v), { error: nationalIdMessage("requestKey") })
    .optional(),
});
export const ApiBookInput = z.object({
  candidateId: id("candidateId mangler"),
  slotId: id("slotId mangler"),
});

export const BookingOutput = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  candidateId: z.number().int(),
  candidate: z.string(),
  employer: z.string(),
  department: z.string(),
  room: z.string().nullable(),
  slotId: z.number().int(),
  start: z.string(),
  end: z.string(),
});
