// Owns the pure rules for importing history: which columns a file needs, what a valid line is, and why a line is
// refused. The import is all or nothing, so the report lists every refused line before anything is stored.

import { containsNationalId } from "../shared/personal-number";
import { formatDate, isValidIsoDate } from "../shared/time";
import { parseCsv } from "./csv";

export const COLUMNS = {
  date: { label: "dato", aliases: ["dato", "arrangementsdato", "arrangement", "date", "eventdate"] },
  personKey: {
    label: "personnøkkel",
    aliases: [
      "personnøkkel",
      "personnokkel",
      "person",
      "nøkkel",
      "nokkel",
      "personkey",
      "pseudonym",
      "kandidat",
    ],
  },
  employer: { label: "virksomhet", aliases: ["virksomhet", "arbeidsgiver", "bedrift", "employer"] },
} as const;
type Column = keyof typeof COLUMNS;

export const MAX_KEY_LENGTH = 64;
export const MAX_EMPLOYER_LENGTH = 120;
/** Eleven digits or more in a row: the person table refuses such a key. */
const LONG_DIGIT_RUN = /[0-9]{11}/;

export type ImportLine = { line: number; date: string; personKey: string; employer: string };
export type Rejection = { line: number; reason: string };
export type ImportCheck = { lines: ImportLine[]; rejected: Rejection[] };

const normaliseHeader = (h: string) => h.toLowerCase().replace(/[^a-zæøå]/g, "");

/** "2013-11-14" or "14.11.2013" (also with / or -); a two-digit year such as "14.11.13" is refused as ambiguous. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  if (isValidIsoDate(v)) return v;
  const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** The key that makes two lines "the same": date, person key and employer (employer without case or spacing). */
export const lineKey = (l: { date: string; personKey: string; employer: string }) =>
  `${l.date}|${l.personKey}|${l.employer.toLowerCase().replace(/\s+/g, " ")}`;

/**
 * Checks a whole file. `existing` holds lineKey()s already imported for the region: importing the same history
 * twice is refused line by line instead of counting people twice.
 */
export function checkImport(text: string, ctx: { today: string; existing: Set<string> }): ImportCheck {
  const records = parseCsv(text);
  if (!records.length) {
    return {
      lines: [],
      rejected: [
        {
          line: 1,
          reason: "Filen er tom. Første linje skal være overskriftene dato, personnøkkel og virksomhet.",
        },
      ],
    };
  }
  const [header, ...data] = records;
  const names = header.fields.map(normaliseHeader);
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [col, def] of Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][]) {
    const i = names.findIndex((n) => (def.aliases as readonly string[]).includes(n));
    if (i < 0) missing.push(def.label);
    else index[col] = i;
  }
  if (missing.length) {
    return {
      lines: [],
      rejected: [
        {
          line: header.line,
          reason: `${missing.length === 1 ? "Kolonnen" : "Kolonnene"} ${missing.map((m) => `«${m}»`).join(" og ")} mangler. Første linje må ha overskriftene dato, personnøkkel og virksomhet.`,
        },
      ],
    };
  }
  if (!data.length)
    return {
      lines: [],
      rejected: [{ line: header.line, reason: "Filen har ingen linjer under overskriftene." }],
    };

  const lines: ImportLine[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const r of data) {
    const reasons: string[] = [];
    // Any column, also ones we do not import, may not carry a national ID number.
    const nationalId = r.fields.some(containsNationalId);
    if (nationalId) {
      reasons.push(
        "Linjen inneholder noe som ser ut som et fødselsnummer. Bruk regionens egen personnøkkel (pseudonym), aldri fødselsnummer.",
      );
    }
    const need = Math.max(index.date, index.personKey, index.employer) + 1;
    if (r.fields.length < need) {
      reasons.push(`Linjen har ${r.fields.length} felt, men trenger minst ${need}`);
      rejected.push({ line: r.line, reason: reasons.join(". ") });
      continue;
    }
    const rawDate = r.fields[index.date];
    const personKey = r.fields[index.personKey].replace(/\s+/g, " ");
    const employer = r.fields[index.employer].replace(/\s+/g, " ");
    const date = parseDate(rawDate);
    if (!rawDate) reasons.push("Datoen mangler");
    else if (!date)
      reasons.push(`«${rawDate}» er ikke en dato. Skriv for eksempel 14.11.2013 eller 2013-11-14`);
    else if (date > ctx.today) reasons.push(`Datoen ${formatDate(date)} er fram i tid`);
    if (!personKey) reasons.push("Personnøkkelen mangler");
    else if (personKey.length > MAX_KEY_LENGTH)
      reasons.push(`Personnøkkelen kan ha høyst ${MAX_KEY_LENGTH} tegn`);
    // As the person table's CHECK: no run of eleven digits or more anywhere in a key (said once with the above).
    else if (LONG_DIGIT_RUN.test(personKey) && !nationalId)
      reasons.push(
        "Personnøkkelen har 11 eller flere sifre på rad, og kan ligne et fødselsnummer. Bruk regionens egen personnøkkel (pseudonym) med færre sifre på rad",
      );
    if (!employer) reasons.push("Virksomheten mangler");
    else if (employer.length > MAX_EMPLOYER_LENGTH)
      reasons.push(`Virksomhetens navn kan ha høyst ${MAX_EMPLOYER_LENGTH} tegn`);
    if (!reasons.length && date) {
      const l = { line: r.line, date, personKey, employer };
      const key = lineKey(l);
      const first = seen.get(key);
      if (first !== undefined) reasons.push(`Linjen er lik linje ${first}`);
      else if (ctx.existing.has(key)) reasons.push("Linjen er importert fra før");
      else {
        seen.set(key, r.line);
        lines.push(l);
      }
    }
    if (reasons.length) rejected.push({ line: r.line, reason: reasons.join(". ") });
  }
  return { lines, rejected };
}

export type YearPreview = { year: number; lines: number; persons: number; dates: number };

/** What an import would add, per year: lines, distinct people and distinct event dates. */
export function previewByYear(lines: ImportLine[]): YearPreview[] {
  const years = new Map<number, { lines: number; persons: Set<string>; dates: Set<string> }>();
  for (const l of lines) {
    const y = Number(l.date.slice(0, 4));
    const e = years.get(y) ?? { lines: 0, persons: new Set(), dates: new Set() };
    e.lines += 1;
    e.persons.add(l.personKey);
    e.dates.add(l.date);
    years.set(y, e);
  }
  return [...years.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, e]) => ({ year, lines: e.lines, persons: e.persons.size, dates: e.dates.size }));
}
