// Owns the pure rules of a Speedintervju's outcome: the panel's decision per candidate for the preparation course
// (selected / reserve / not selected, with a note and a reserve rank), who may record it and when, and the
// optimistic version that keeps two panel members from overwriting each other. Every rule gets `now` passed in.
import type { FormatProfile } from "../events/formats";
import type { Decision, FieldErrors } from "../shared/errors";
import { formatDate, formatInstant, osloDate } from "../shared/time";

export const SELECTION_DECISIONS = {
  selected: "Valgt",
  reserve: "Reserve",
  "not-selected": "Ikke valgt",
} as const;
export type SelectionDecision = keyof typeof SELECTION_DECISIONS;

/** The longest note the panel may write (the schema's CHECK says the same). */
export const MAX_SELECTION_NOTE = 1000;
/** Reserves are ranked 1, 2, 3 …; a rank is optional and only for a reserve. */
export const MAX_RESERVE_RANK = 99;

/** Who is recording: the panel through its participation's link, a coordinator of the region, or a veileder. */
export type SelectionActor =
  | { kind: "panel"; participationId: number }
  | { kind: "coordinator" }
  | { kind: "caseworker" };

/** One of the candidate's interviews (bookings) on the event. */
export type SelectionInterview = { participationId: number; startsAt: string; noShow: boolean };

export type SelectionFacts = {
  outcome: FormatProfile["outcome"];
  eventDate: string;
  interviews: SelectionInterview[];
};

export type SelectionRefusal =
  | "not-selection-format"
  | "not-allowed"
  | "no-interview"
  | "too-early"
  | "no-show";

/**
 * Who may decide, and when. The panel decides for a candidate it interviewed, from the start of that interview,
 * never for a no-show; a coordinator decides for any candidate with an interview on the event, from the event's
 * day (to record what a panel said on paper, or to correct it). Veiledere see the decision, never make it.
 */
export function checkSelectionAllowed(
  who: SelectionActor,
  f: SelectionFacts,
  now: Date,
): Decision<SelectionRefusal> {
  if (f.outcome !== "selection") {
    return {
      ok: false,
      reason: "not-selection-format",
      message: "Utvalg til kurs gjelder bare speedintervju.",
    };
  }
  if (who.kind === "caseworker") {
    return {
      ok: false,
      reason: "not-allowed",
      message: "Det er intervjupanelet og markedskoordinatoren som setter utvalget.",
    };
  }
  if (who.kind === "coordinator") {
    if (osloDate(now) < f.eventDate) {
      return {
        ok: false,
        reason: "too-early",
        message: `Utvalget kan settes fra og med dagen for speedintervjuet (${formatDate(f.eventDate)}).`,
      };
    }
    if (!f.interviews.length) {
      return {
        ok: false,
        reason: "no-interview",
        message: "Kandidaten har ikke hatt speedintervju på dette arrangementet.",
      };
    }
    return { ok: true };
  }
  const mine = f.interviews.find((i) => i.participationId === who.participationId);
  if (!mine) {
    return {
      ok: false,
      reason: "no-interview",
      message: "Kandidaten hadde ikke speedintervju med dette intervjupanelet.",
    };
  }
  if (now.getTime() < Date.parse(mine.startsAt)) {
    return {
      ok: false,
      reason: "too-early",
      message: `Utvalget kan settes når intervjuet har startet (${formatInstant(mine.startsAt)}).`,
    };
  }
  if (mine.noShow) {
    return {
      ok: false,
      reason: "no-show",
      message:
        "Kandidaten møtte ikke til speedintervjuet. Markedskoordinatoren kan sette utvalget ved behov.",
    };
  }
  return { ok: true };
}

export type SelectionInput = { decision: SelectionDecision; note: string; reserveRank: number | null };

/** The form's own rules beyond the field types: note length, and a rank only for a reserve. */
export function checkSelectionInput(s: SelectionInput): FieldErrors {
  const errors: FieldErrors = {};
  if (s.note.length > MAX_SELECTION_NOTE)
    errors.note = `Notatet kan ha høyst ${MAX_SELECTION_NOTE} tegn (nå ${s.note.length})`;
  if (s.reserveRank !== null) {
    if (s.decision !== "reserve")
      errors.reserveRank = "Reservenummer gjelder bare for reserve. Tøm feltet, eller velg «Reserve».";
    else if (!Number.isInteger(s.reserveRank) || s.reserveRank < 1 || s.reserveRank > MAX_RESERVE_RANK)
      errors.reserveRank = `Reservenummer er et helt tall fra 1 til ${MAX_RESERVE_RANK}`;
  }
  return errors;
}

export const STALE_SELECTION_MESSAGE =
  "Allerede endret av noen andre. Se hva som er lagret nå, og lagre igjen hvis du vil erstatte det.";

/**
 * Optimistic versions: a form carries the version it was opened with (none for a first decision). Saving over
 * a newer decision is refused, never merged, so one panel member never silently overwrites the other.
 */
export function checkSelectionVersion(
  saved: { version: number } | null,
  formVersion: number | undefined,
): Decision<"stale-selection"> {
  const opened = formVersion ?? 0;
  if ((saved?.version ?? 0) === opened) return { ok: true };
  // A decision that was erased meanwhile (only on request) is simply recorded again.
  if (!saved) return { ok: true };
  return { ok: false, reason: "stale-selection", message: STALE_SELECTION_MESSAGE };
}

/** "Valgt", "Reserve nr. 2", "Ikke valgt". */
export function selectionText(s: { decision: SelectionDecision; reserveRank: number | null }): string {
  if (s.decision === "reserve" && s.reserveRank !== null) return `Reserve nr. ${s.reserveRank}`;
  return SELECTION_DECISIONS[s.decision];
}

/**
 * The course list: selected first, then reserves by rank (unranked reserves last), each group by name. The
 * candidates not selected are not on it.
 */
export function courseList<
  T extends { decision: SelectionDecision; reserveRank: number | null; name: string },
>(rows: T[]): T[] {
  const group = (r: T) => (r.decision === "selected" ? 0 : 1);
  return rows
    .filter((r) => r.decision !== "not-selected")
    .sort(
      (a, b) =>
        group(a) - group(b) ||
        (a.reserveRank ?? MAX_RESERVE_RANK + 1) - (b.reserveRank ?? MAX_RESERVE_RANK + 1) ||
        a.name.localeCompare(b.name, "nb"),
    );
}
