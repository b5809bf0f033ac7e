import { describe, expect, it } from "vitest";
import { makeApp, openEvent, signedInAgent } from "../helpers";

describe("bookings per office", () => {
  it("counts a booking under the office the veileder had when booking, not their latest one", async () => {
    const t = makeApp({ now: "2026-12-01T09:00:00Z" });
    const ev = openEvent(t);
    const stange = t.regions.createOffice(ev.regionId, { name: "NAV Stange", address: "" });
    const register = (officeId: number, slotId: number, name: string, key: string) =>
      t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
        caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId },
        candidate: {
          displayName: name,
          birthYear: 1999,
          eligibility: "spesielt-tilpasset",
          backupCaseworker: "",
          caseworkerJoins: false,
          needsAdaptation: false,
        },
        slotIds: [slotId],
        waitlistParticipationIds: [],
        requestKey: `office-at-booking-${key}-0000000`,
      });
    const first = register(ev.officeId, ev.slots(ev.participationIds[0])[0], "Ola N.", "a");
    // Vera moves to Stange (her record changes when she books through her own manage link) and books again.
    t.db.prepare("UPDATE caseworker SET office_id = ? WHERE email = 'vera@nav.no'").run(stange);
    register(stange, ev.slots(ev.participationIds[0])[1], "Kari K.", "b");
    const stored = t.db
      .prepare("SELECT office_id AS officeId FROM candidate WHERE id = ?")
      .get(first.candidateId) as { officeId: number };
    expect(stored.officeId).toBe(ev.officeId);

    const { agent } = await signedInAgent(t);
    const offices = await agent.get("/stats/offices.csv").expect(200);
    const lines = offices.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toContain("NAV Hamar;1;1;1");
    expect(lines).toContain("NAV Stange;1;1;1");
  });
});
