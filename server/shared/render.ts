// Owns turning form failures into re-rendered pages: status 422, the user's input kept, errors listed.
import type { Response } from "express";
import { AppError, type FieldErrors } from "./errors";

/** Renders a form page; with errors it answers 422 so the browser and tests see the refusal. */
export function renderForm(
  res: Response,
  view: string,
  vm: Record<string, unknown>,
  errors: FieldErrors = {},
  values: Record<string, unknown> = {},
) {
  res.status(Object.keys(errors).length ? 422 : 200).render(view, { ...vm, errors, values });
}

/** Field errors from a service refusal, or rethrow anything that is not a user-facing refusal. */
export function refusalErrors(err: unknown): FieldErrors {
  if (err instanceof AppError && err.status < 500) {
    return err.fieldErrors ?? { _form: err.message };
  }
  throw err;
}
