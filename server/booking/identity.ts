// Owns confirming a veileder's identity: opening the manage link that went by e-mail to the typed address
// proves the address, so that veileder's unconfirmed registrations become confirmed (and the audit log says so).
import type { Db } from "../db/connection";
import type { BookingRepo } from "./booking.repo";

export function confirmIdentity(db: Db, repo: BookingRepo, caseworkerId: number, now: Date): number {
  return db.transaction(() => {
    let confirmed = 0;
    for (const c of repo.unconfirmedCandidates(caseworkerId)) {
      if (!repo.confirmCandidate(c.id)) continue;
      confirmed += 1;
      repo.audit({
        eventId: c.eventId,
        at: now.toISOString(),
        actor: `caseworker:${caseworkerId}`,
        action: "identity-confirmed",
        candidateId: c.id,
      });
    }
    return confirmed;
  })();
}
