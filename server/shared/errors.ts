// Owns the one application error type and the problem-document shape the API answers with.
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    readonly fieldErrors?: FieldErrors,
    /** Extra members of the problem document, e.g. the id of the candidate that already exists. */
    readonly extra?: Record<string, string | number>,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export const notFound = (what = "Fant ikke siden") => new AppError(404, "not-found", what);
export const forbidden = (why = "Du har ikke tilgang til dette") => new AppError(403, "forbidden", why);
export const invalidInput = (fieldErrors: FieldErrors, message = "Skjemaet har feil") =>
  new AppError(422, "invalid-input", message, fieldErrors);

/** A rule's refusal: pure functions return these instead of throwing. */
export type Decision<R extends string = string> = { ok: true } | { ok: false; reason: R; message: string };
