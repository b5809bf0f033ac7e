// Owns the shapes of event and participation input and output (forms and the JSON API share them).
import { z } from "zod";
import { isValidIsoDate, osloToUtc } from "../shared/time";
import {
  blankToUndefined,
  checkbox,
  containsNationalId,
  nationalIdMessage,
  text,
} from "../shared/validation";
import { EVENT_STATUSES, OFFER_TYPES } from "./events.rules";
import { EVENT_FORMATS, type EventFormat, type PanelMember, parsePanel } from "./formats";

const time = (label: string) =>
  z
    .string({ error: `Fyll inn ${label}` })
    .trim()
    .transform((v) => v.replace(".", ":"))
    .pipe(
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `Skriv ${label} som TT:MM, for eksempel 15:30` }),
    );

const int = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Fyll inn ${label} som et tall` })
      .int({ error: `${label[0].toUpperCase()}${label.slice(1)} må være et helt tall` })
      .min(min, { error: `${label[0].toUpperCase()}${label.slice(1)} må være minst ${min}` })
      .max(max, { error: `${label[0].toUpperCase()}${label.slice(1)} kan være høyst ${max}` }),
  );

const date = z
  .string({ error: "Fyll inn datoen" })
  .trim()
  .min(1, { error: "Fyll inn datoen" })
  .refine(isValidIsoDate, { error: "Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2027-04-05" });

/** "HH:MM label" per line, as typed in the programme textarea. */
export function parseProgramme(textValue: string): {
  items: { time: string; label: string }[];
  error?: string;
} {
  const items: { time: string; label: string }[] = [];
  const lines = textValue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const m = /^(\d{1,2})[:.](\d{2})\s*[-–]?\s*(.+)$/.exec(line);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
      return {
        items,
        error: `Linje ${i + 1} i programmet: skriv klokkeslett først, for eksempel «15:00 Arbeidsgiverne kommer»`,
      };
    }
    items.push({ time: `${m[1].padStart(2, "0")}:${m[2]}`, label: m[3].slice(0, 200) });
  }
  return { items };
}

export const EventInput = z
  .object({
    officeId: z.coerce.number({ error: "Velg sted" }).int().positive({ error: "Velg sted (NAV-kontor)" }),
    /** Chosen when the event is created; blank means Ta sjansen (the format every older client knows). */
    format: z.preprocess(
      (v) => blankToUndefined(v) ?? "ta-sjansen",
      z.enum(EVENT_FORMATS, { error: "Velg et format fra listen" }),
    ),
    /** Blank: the format's own name. */
    title: z.preprocess(blankToUndefined, text("Tittel", 120, { required: true }).optional()),
    date,
    interviewStart: time("når intervjuene starter"),
    interviewEnd: time("når intervjuene slutter"),
    /** Blank: the format's default (30 minutes for Ta sjansen, 20 for Speedintervju). */
    slotMinutes: z.preprocess(blankToUndefined, int("intervjulengden", 5, 240).optional()),
    gapMinutes: z.preprocess((v) => blankToUndefined(v) ?? 0, int("pausen mellom intervjuene", 0, 60)),
    maxInterviews: z.preprocess(blankToUndefined, int("antall intervjuer per kandidat", 1, 10).optional()),
    /** Places for a Minijobbmesse; blank means the format's default. Ignored by slot-based formats. */
    capacity: z.preprocess(blankToUndefined, int("antall plasser", 1, 1000).optional()),
    pepTalkGap: checkbox,
    hideNamesOnBoard: checkbox,
    /** Oslo wall-clock "YYYY-MM-DDTHH:MM"; blank means the default (noon the day before). */
    bookingDeadline: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Skriv fristen som dato og klokkeslett" })
        .refine((v) => osloToUtc(v.slice(0, 10), v.slice(11, 16)) !== null, {
          error: "Fristen er ikke et gyldig tidspunkt",
        })
        .optional(),
    ),
    programme: z.preprocess(
      (v) => v ?? "",
      z
        .string()
        .max(4000, { error: "Programmet er for langt" })
        .refine((v) => !containsNationalId(v), { error: nationalIdMessage("Programmet") }),
    ),
  })
  .superRefine((v, ctx) => {
    const p = parseProgramme(v.programme);
    if (p.error) ctx.addIssue({ code: "custom", path: ["programme"], message: p.error });
  });
/** Service callers (demo, scripts, tests) may leave out what has a default: Ta sjansen is the default format. */
export type EventInput = Omit<z.output<typeof EventInput>, "format"> & { format?: EventFormat };

export const StatusInput = z.object({ status: z.enum(EVENT_STATUSES, { error: "Ukjent status" }) });

export const CopyInput = z.object({ date });
/** One date per line (commas also separate); each refused date names its line, all at once. */
export const SeriesInput = z.object({
  dates: z.string({ error: "Fyll inn minst én dato" }).transform((v, ctx) => {
    const dates: { line: number; date: string }[] = [];
    const problems: string[] = [];
    v.split(/\r\n|\r|\n/).forEach((raw, i) => {
      for (const part of raw.split(/[\s,;]+/).filter(Boolean)) {
        if (isValidIsoDate(part)) dates.push({ line: i + 1, date: part });
        else
          problems.push(
            `Linje ${i + 1}: «${part}» er ikke en dato (skriv ÅÅÅÅ-MM-DD, for eksempel 2027-04-05)`,
          );
      }
    });
    if (problems.length) ctx.addIssue({ code: "custom", message: problems.join(". ") });
    else if (!dates.length) ctx.addIssue({ code: "custom", message: "Fyll inn minst én dato" });
    else if (dates.length > 12) ctx.addIssue({ code: "custom", message: "Høyst 12 datoer om gangen" });
    return dates;
  }),
});

const offerType = z.enum(
  Object.keys(OFFER_TYPES) as [keyof typeof OFFER_TYPES, ...(keyof typeof OFFER_TYPES)[]],
  {
    error: "Ukjent type tilbud",
  },
);

export const ParticipationInput = z.object({
  employerId: z.coerce.number({ error: "Velg virksomhet" }).int().positive({ error: "Velg virksomhet" }),
  department: text("Avdeling/arbeidsområde", 120),
  tasks: text("Arbeidsoppgaver", 2000, { multiline: true }),
  training: text("Opplæring", 2000, { multiline: true }),
  prerequisites: text("Forutsetninger før oppstart", 2000, { multiline: true }),
  minAge: z.preprocess(blankToUndefined, int("minstealderen", 15, 70).optional()),
  restrictions: text("Andre krav", 500),
  offerTypes: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(offerType),
  ),
  interviewCount: z.preprocess((v) => blankToUndefined(v) ?? 4, int("antall intervjuer", 1, 20)),
  roomId: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Velg et samtalerom fra listen" })
      .int({ error: "Velg et samtalerom fra listen" })
      .positive({ error: "Velg et samtalerom fra listen" })
      .optional(),
  ),
  /** Group slots: how many candidates one slot holds (1 = one at a time). */
  slotCapacity: z.preprocess((v) => blankToUndefined(v) ?? 1, int("antall kandidater per tidspunkt", 1, 10)),
  /** Speedintervju: the NAV staff in the room, one per line ("Kari Nordmann – arbeidslivscoach"); an array in JSON. */
  panel: z.preprocess(
    (v) => {
      if (!Array.isArray(v)) return v ?? "";
      // JSON: each member a name ("Kari Nordmann") or { name, role } with text in them; anything else (null, a
      // number) is left as it came, so the string check below refuses it instead of storing "null" as a name.
      const lines = v.map((m) => {
        if (typeof m === "string") return m;
        const { name, role } = (m ?? {}) as { name?: unknown; role?: unknown };
        if (typeof name !== "string" || (role !== undefined && role !== null && typeof role !== "string"))
          return null;
        return role ? `${name} – ${role}` : name;
      });
      return lines.every((l) => l !== null) ? lines.join("\n") : v;
    },
    z
      .string({ error: "Skriv ett navn per linje" })
      .max(2000, { error: "Panelet er for langt" })
      .refine((v) => !containsNationalId(v), { error: nationalIdMessage("Panelet") })
      .transform((v, ctx) => {
        const parsed = parsePanel(v);
        if (parsed.error) ctx.addIssue({ code: "custom", message: parsed.error });
        return parsed.members;
      }),
  ),
});
/** One candidate per slot and no panel unless said otherwise. */
export type ParticipationInput = Omit<z.output<typeof ParticipationInput>, "slotCapacity" | "panel"> & {
  slotCapacity?: number;
  panel?: PanelMember[];
};

// ---- API output ----

export const SlotOutput = z.object({
  id: z.number().int(),
  start: z.string().describe("UTC instant"),
  end: z.string().describe("UTC instant"),
  status: z
    .enum(["free", "booked"])
    .describe("booked when no seat is left; a group slot with a seat left is still free"),
  seats: z
    .number()
    .int()
    .describe("How many candidates the slot holds (1 unless the employer takes group interviews)"),
  taken: z.number().int().describe("How many candidates are booked in the slot"),
});

export const ParticipationOutput = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  employer: z.object({ id: z.number().int(), name: z.string() }),
  department: z.string(),
  tasks: z.string(),
  training: z.string(),
  prerequisites: z.string(),
  minAge: z.number().int().nullable(),
  restrictions: z.string(),
  offerTypes: z.array(z.string()),
  interviewCount: z.number().int(),
  room: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  slotCapacity: z.number().int().describe("Candidates per slot: 1, or more for group interviews"),
  panel: z
    .array(z.object({ name: z.string(), role: z.string() }))
    .describe("Speedintervju: the NAV staff leading the interviews in this room; empty otherwise"),
  freeSlots: z.number().int().describe("Free seats in this participation's slots (0 for a Minijobbmesse)"),
  slots: z.array(SlotOutput),
});

export const EventSummaryOutput = z.object({
  id: z.number().int(),
  regionId: z.number().int(),
  title: z.string(),
  date: z.string(),
  status: z.enum(EVENT_STATUSES),
  format: z
    .enum(EVENT_FORMATS)
    .describe("ta-sjansen and speedintervju book slots; a minijobbmesse registers attendance (no slots)"),
  capacity: z.number().int().nullable().describe("Minijobbmesse: places for registrations; null otherwise"),
  venue: z.object({ officeId: z.number().int(), name: z.string(), address: z.string() }),
  freeSlots: z.number().int().describe("Free interview seats, or a Minijobbmesse's places left"),
});

export const EventOutput = EventSummaryOutput.extend({
  interviewStart: z.string(),
  interviewEnd: z.string(),
  slotMinutes: z.number().int(),
  gapMinutes: z.number().int(),
  maxInterviewsPerCandidate: z.number().int(),
  pepTalkGap: z.boolean(),
  hideNamesOnBoard: z.boolean(),
  bookingDeadline: z.string().describe("UTC instant"),
  programme: z.array(z.object({ time: z.string(), label: z.string() })),
  participations: z.array(ParticipationOutput),
  links: z.object({ booking: z.string(), host: z.string(), board: z.string() }).optional(),
});

/** The JSON API takes the same fields as the form; programme may also be an array. */
export const EventApiInput = z.preprocess((v) => {
  if (v && typeof v === "object" && Array.isArray((v as { programme?: unknown }).programme)) {
    // Items that are not { time, label } become a line the programme check refuses, naming the line.
    const items = (v as { programme: unknown[] }).programme;
    const line = (i: unknown) => {
      const { time, label } = (i && typeof i === "object" ? i : {}) as { time?: unknown; label?: unknown };
      return typeof time === "string" && typeof label === "string" ? `${time} ${label}` : "?";
    };
    return { ...v, programme: items.map(line).join("\n") };
  }
  return v;
}, EventInput);
