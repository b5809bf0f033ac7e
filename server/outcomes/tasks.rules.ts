// Owns the pure decisions about the employer editing its own task description through its link.

export const EDITABLE_FIELDS = {
  tasks: "Arbeidsoppgaver",
  training: "Opplæring som tilbys",
  prerequisites: "Forutsetninger før oppstart",
  restrictions: "Andre krav",
} as const;
export type EditableField = keyof typeof EDITABLE_FIELDS;
export type TaskTexts = Record<EditableField, string>;
export type TaskChange = { field: EditableField; before: string; after: string };

export type EditDecision = { ok: true } | { ok: false; reason: "booking-closed"; message: string };

/**
 * Until the booking deadline veiledere choose candidates from this text, so the employer may still sharpen it;
 * after it, the coordinator changes it (the plan is fixed and the text is printed for the day).
 */
export function employerMayEditTasks(
  e: { bookingDeadline: string; status: string },
  now: Date,
): EditDecision {
  if (e.status === "held" || e.status === "archived" || Date.parse(e.bookingDeadline) <= now.getTime()) {
    return {
      ok: false,
      reason: "booking-closed",
      message:
        "Bookingfristen har gått ut, så beskrivelsen kan ikke endres her lenger. Kontakt markedskoordinatoren hvis noe må rettes.",
    };
  }
  return { ok: true };
}

/** The fields that differ, in form order; whitespace at the ends does not count as a change. */
export function taskChanges(before: TaskTexts, after: TaskTexts): TaskChange[] {
  return (Object.keys(EDITABLE_FIELDS) as EditableField[])
    .filter((f) => before[f].trim() !== after[f].trim())
    .map((f) => ({ field: f, before: before[f], after: after[f] }));
}
