// Owns the one guard against Norwegian national ID numbers (fødselsnummer, D-nummer, H-nummer, synthetic test
// numbers) in anything a person types: free text, e-mail addresses and phone numbers, forms and API alike.

/**
 * Characters people put between digit groups: any whitespace (incl. NBSP, narrow NBSP, figure space), dots,
 * hyphens and Unicode dashes, the minus sign, slashes and underscores. NFKC has already turned full-width
 * forms into these.
 */
const SEPARATORS = /[\s.\-_/\u2010-\u2015\u2212]+/u;
/** Invisible format characters (zero-width space, word joiner, soft hyphen …) are dropped everywhere. */
const INVISIBLE = /\p{Cf}/gu;

/**
 * The text as the guard reads it: NFKC (full-width and other compatibility digits become 0–9), invisible
 * characters dropped, and separators removed where they stand between two digits ("010190 12.345" → "01019012345").
 */
export function normaliseForIdCheck(text: string): string {
  const nfkc = text.normalize("NFKC").replace(INVISIBLE, "");
  return nfkc.replace(new RegExp(`(?<=\\d)${SEPARATORS.source}(?=\\d)`, "gu"), "");
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function controlDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether eleven digits are a valid fødselsnummer or one of its variants: D-nummer (4 added to the first digit
 * of the day), H-nummer (40 added to the month) and synthetic test numbers (Skatteetaten's Tenor adds 80 to the
 * month). Both mod-11 control digits must match; the date must exist (29 February only in a year divisible by 4,
 * the century being unknown).
 */
export function isNationalIdNumber(eleven: string): boolean {
  if (!/^\d{11}$/.test(eleven)) return false;
  const d = [...eleven].map(Number);
  let day = d[0] * 10 + d[1];
  let month = d[2] * 10 + d[3];
  const year = d[4] * 10 + d[5];
  if (day > 40) day -= 40; // D-nummer
  if (month > 80)
    month -= 80; // synthetic (Tenor)
  else if (month > 40) month -= 40; // H-nummer / synthetic (Dolly)
  if (month < 1 || month > 12 || day < 1) return false;
  const maxDay = month === 2 && year % 4 !== 0 ? 28 : DAYS_IN_MONTH[month - 1];
  if (day > maxDay) return false;
  const k1 = controlDigit(d, K1_WEIGHTS);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = controlDigit(d, K2_WEIGHTS);
  return k2 !== null && k2 === d[10];
}

/** The first national ID number hidden in the text (after normalising), checking every 11-digit window. */
export function findNationalId(text: string): string | undefined {
  for (const run of normaliseForIdCheck(text).match(/\d{11,}/g) ?? []) {
    for (let i = 0; i + 11 <= run.length; i++) {
      const window = run.slice(i, i + 11);
      if (isNationalIdNumber(window)) return window;
    }
  }
  return undefined;
}

export const containsNationalId = (text: string): boolean => findNationalId(text) !== undefined;

/** The one message every field gives when it holds a national ID number. */
export const nationalIdMessage = (label: string) =>
  `${label} ser ut til å inneholde et fødselsnummer eller D-nummer. Ta sjansen skal ikke lagre fødselsnumre – fjern nummeret.`;
