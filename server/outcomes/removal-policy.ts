// Owns the after-event feature's say in removing a booking: an interview the employer gave feedback on stays, and
// so does the interview of a Speedintervju candidate the panel has decided on (the decision belongs to it).
// Injected into the booking service, which decides; the database trigger booking_keeps_feedback is the backstop
// for feedback.
import type { RemovalPolicy } from "../booking/booking.service";
import type { Db } from "../db/connection";
import { outcomesRepo } from "./outcomes.repo";
import { FEEDBACK_BLOCKS_REMOVAL } from "./outcomes.service";
import { selectionRepo } from "./selection.repo";

export const SELECTION_BLOCKS_REMOVAL =
  "Intervjupanelet har satt utvalg til kurs for denne kandidaten, og utvalget hører til speedintervjuet. Det kan derfor ikke avbestilles eller flyttes.";

export function feedbackRemovalPolicy(db: Db): RemovalPolicy {
  const repo = outcomesRepo(db);
  const selections = selectionRepo(db);
  return (bookingId) => {
    if (repo.feedback(bookingId))
      return { ok: false, reason: "booking-has-feedback", message: FEEDBACK_BLOCKS_REMOVAL };
    const candidateId = repo.interview(bookingId)?.candidateId;
    if (candidateId !== undefined && selections.get(candidateId))
      return { ok: false, reason: "booking-has-selection", message: SELECTION_BLOCKS_REMOVAL };
    return { ok: true };
  };
}
