// Owns the after-event feature's say in removing a booking: an interview the employer gave feedback on stays.
// Injected into the booking service, which decides; the database trigger booking_keeps_feedback is the backstop.
import type { RemovalPolicy } from "../booking/booking.service";
import type { Db } from "../db/connection";
import { outcomesRepo } from "./outcomes.repo";
import { FEEDBACK_BLOCKS_REMOVAL } from "./outcomes.service";

export function feedbackRemovalPolicy(db: Db): RemovalPolicy {
  const repo = outcomesRepo(db);
  return (bookingId) =>
    repo.feedback(bookingId)
      ? { ok: false, reason: "booking-has-feedback", message: FEEDBACK_BLOCKS_REMOVAL }
      : { ok: true };
}
