// Owns input checks several features share: zod → field errors, text, e-mail and phone fields (each guarded
// against national ID numbers) and the org-number check.
import { z } from "zod";
import type { FieldErrors } from "./errors";
import { containsNationalId, nationalIdMessage } from "./personal-number";

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Field errors keyed by the first path segment (the form field's name); the first message wins. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** HTML forms send "" for an empty field; treat that as absent. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Control characters (C0, DEL, C1); a multi-line field may still hold line breaks and tabs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True when the text holds a control character that has no place in it (line breaks only if multi-line). */
export function hasControlCharacters(text: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(text);
}

/**
 * A trimmed text field with a Norwegian message for each way it can be wrong. Single-line fields
 * (the default) refuse line breaks and other control characters: they end up in e-mail subjects,
 * CSV cells and .ics lines, where they would break the format.
 */
export function text(label: string, max: number, opts: { required?: boolean; multiline?: boolean } = {}) {
  const base = z
    .string({ error: `${label} må være tekst` })
    .trim()
    .max(max, { error: `${label} kan ha høyst ${max} tegn` })
    .refine((v) => !hasControlCharacters(v, opts.multiline), {
      error: opts.multiline
        ? `${label} inneholder kontrolltegn som ikke kan lagres. Fjern dem.`
        : `${label} skal stå på én linje, uten linjeskift eller kontrolltegn.`,
    })
    .refine((v) => !containsNationalId(v), { error: nationalIdMessage(label) });
  if (opts.required) {
    return z.preprocess(
      (v) => (v === undefined || v === null ? "" : v),
      base.refine((v) => v.length > 0, { error: `Fyll inn ${label.toLowerCase()}` }),
    );
  }
  return z.preprocess((v) => (v === undefined || v === null ? "" : v), base);
}

/** A checkbox: present ("on", "1", "true", true) means true. */
export const checkbox = z.preprocess(
  (v) => v === true || v === "on" || v === "1" || v === "true" || (Array.isArray(v) && v.length > 0),
  z.boolean(),
);

export { containsNationalId, nationalIdMessage };

/** Norwegian organisation number: 9 digits, the last a MOD11 check digit (weights 3,2,7,6,5,4,3,2). */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}

export const email = (label = "E-postadresse") =>
  z
    .string({ error: `Fyll inn ${label.toLowerCase()}` })
    .trim()
    .toLowerCase()
    .min(1, { error: `Fyll inn ${label.toLowerCase()}` })
    .refine((v) => !containsNationalId(v), { error: nationalIdMessage(label), abort: true })
    .pipe(z.email({ error: "Skriv en gyldig e-postadresse, for eksempel ola.nordmann@nav.no" }).max(200));

/** An e-mail field that may be left empty ("" when blank). */
export const optionalEmail = (label: string, invalid: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : (v ?? "")),
    z
      .string()
      .refine((v) => !containsNationalId(v), { error: nationalIdMessage(label), abort: true })
      .pipe(z.union([z.literal(""), z.email({ error: invalid }).max(200)])),
  );

/** A phone number that may be left empty: digits, spaces and a leading +, and never a national ID number. */
export const optionalPhone = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string({ error: `${label} må være tekst` })
      .trim()
      .max(30, { error: "Telefonnummeret er for langt" })
      .refine((v) => !containsNationalId(v), { error: nationalIdMessage(label), abort: true })
      .refine((v) => v === "" || /^\+?[\d ]{8,}$/.test(v), {
        error: "Skriv telefonnummeret med siffer, for eksempel 62 55 12 34",
      }),
  );
