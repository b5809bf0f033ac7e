import request from "supertest";
import { describe, expect, it } from "vitest";
import { makeApp, openEvent, signedInAgent } from "../helpers";

function withBookings(opts: { hideNames?: boolean } = {}) {
  const t = makeApp({ now: "2026-12-10T14:20:00Z" });
  const ev = openEvent(t);
  if (opts.hideNames) t.db.prepare("UPDATE event SET hide_names_on_board = 1 WHERE id = ?").run(ev.eventId);
  t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
    caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: ev.officeId },
    candidate: {
      displayName: "Åse Ødegård",
      birthYear: 2001,
      eligibility: "annet",
      backupCaseworker: "",
      caseworkerJoins: true,
      needsAdaptation: false,
    },
    slotIds: [ev.slots(ev.participationIds[0])[0]],
    waitlistParticipationIds: [],
    requestKey: "day-http-test-000001",
  });
  const links = t.events.links(t.events.get(ev.eventId));
  return { t, ev, host: new URL(links.host).pathname, board: new URL(links.board).pathname };
}

describe("day pages", () => {
  it("serves the host page with the snapshot, and 404 for a wrong or rotated link", async () => {
    const { t, ev, host } = withBookings();
    const page = await request(t.app).get(host).expect(200);
    expect(page.text).toContain("Hovmester: Ta sjansen 10. desember 2026");
    expect(page.text).toContain("Åse Ødegård");
    expect(page.text).toContain('src="/js/dayof.js"');
    await request(t.app)
      .get(`${host.slice(0, -4)}abcd`)
      .expect(404);
    t.events.rotateLink(ev.eventId, "host");
    await request(t.app).get(host).expect(404);
  });

  it("shows the board only first names and initials, never veileder names or birth years", async () => {
    const { t, board } = withBookings();
    const page = await request(t.app).get(board).expect(200);
    expect(page.text).toContain("Åse Ø.");
    expect(page.text).not.toContain("Ødegård");
    expect(page.text).not.toContain("Vera");
    expect(page.text).not.toContain("2001");
  });

  it("shows numbers instead of names when the event hides names", async () => {
    const { t, board } = withBookings({ hideNames: true });
    const page = await request(t.app).get(board).expect(200);
    expect(page.text).toContain("Nr. 1");
    expect(page.text).not.toContain("Åse");
  });

  it("prints run sheets without birth years", async () => {
    const { t, host } = withBookings();
    const page = await request(t.app).get(`${host}/print`).expect(200);
    expect(page.text).toContain("Hovmesterens liste");
    expect(page.text).toContain("Samtalerom 1");
    expect(page.text).toContain("15:30");
    expect(page.text).not.toContain("2001");
  });

  it("shifts only what is still to come when a room runs late, and the sheets show the screens' times", async () => {
    const { t, ev, host } = withBookings();
    const [p0] = ev.participationIds;
    const second = t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Per Persen",
        birthYear: 1999,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [ev.slots(p0)[1]],
      waitlistParticipationIds: [],
      requestKey: "day-http-test-000002",
    });
    const first = t.db.prepare("SELECT id FROM booking WHERE slot_id = ?").get(ev.slots(p0)[0]) as {
      id: number;
    };
    // 15:30 Oslo: Åse goes in; 16:00 she is done, and the room is set 10 minutes late.
    t.clock.set("2026-12-10T14:30:00Z");
    t.dayof.apply(ev.eventId, "test", "late-start-0001", { kind: "start", bookingId: first.id, version: 0 });
    t.clock.set("2026-12-10T15:00:00Z");
    t.dayof.apply(ev.eventId, "test", "late-finish-001", { kind: "finish", bookingId: first.id, version: 1 });
    t.dayof.apply(ev.eventId, "test", "late-delay-0001", { kind: "delay", participationId: p0, minutes: 10 });

    const s = t.dayof.snapshot(ev.eventId, "staff");
    const room = s.rooms.find((r) => r.participationId === p0);
    expect(room?.slots.slice(0, 2).map((x) => [x.time, x.plannedTime])).toEqual([
      ["15:30", null],
      ["16:10", "16:00"],
    ]);
    const card = (id: number) => s.arrivals.find((a) => a.candidateId === id)?.interviews[0].time;
    expect(card(second.candidateId)).toBe("16:10");
    expect(room?.next?.time).toBe("16:10");

    const sheet = (await request(t.app).get(`${host}/print`).expect(200)).text;
    expect(sheet).toContain("15:30 Vaskebedrift AS, Samtalerom 1");
    expect(sheet).toContain("16:10 Vaskebedrift AS, Samtalerom 1");
    expect(sheet).toContain("16:10 (planlagt 16:00)");
    expect(sheet).not.toContain("15:40");
  });

  it("gives the coordinator the live view and print only when signed in", async () => {
    const { t, ev } = withBookings();
    await request(t.app).get(`/events/${ev.eventId}/day`).expect(303);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/events/${ev.eventId}/day`).expect(200);
    expect(page.text).toContain('data-role="coordinator"');
    expect(page.text).toContain('id="log"');
    await agent.get(`/events/${ev.eventId}/print`).expect(200);
  });
});
