// Owns filling new seats from the waitlist: when an employer's participation gains seats (a bigger group, more
// interviews), the people already waiting get them before anyone new can book them.
import type { BatchListener } from "../shared/domain-events";
import type { BookingService } from "./booking.service";

/** An after-commit listener: each updated participation is offered to its waitlist in its own transaction. */
export function waitlistListener(booking: Pick<BookingService, "fillFromWaitlist">): BatchListener {
  return (batch) => {
    const updated = new Set<number>();
    for (const e of batch) {
      if (e.type === "participation.changed" && e.change === "updated") updated.add(e.participationId);
    }
    for (const participationId of updated) booking.fillFromWaitlist(participationId);
  };
}
