// Group slots end to end: the participation form sets the group size, the booking page offers a group slot until
// it is full, and the coordinator, API, manage page and run sheets show everyone in it.
import request from "supertest";
import { describe, expect, it } from "vitest";
import {
  apiToken,
  bookingFormBody,
  csrfFrom,
  makeApp,
  managePathFor,
  openEvent,
  participationForm,
  plainEmployer,
  signedInAgent,
} from "../helpers";

/** The open event with a fourth employer, added through the form, that interviews groups of three (two slots). */
async function groupEvent() {
  const t = makeApp();
  const ev = openEvent(t);
  const { agent, csrf } = await signedInAgent(t);
  const employerId = t.employers.create(plainEmployer(ev.regionId, "Kafé Kaffe AS"));
  await agent
    .post(`/events/${ev.eventId}/participations`)
    .type("form")
    .send({ _csrf: csrf, ...participationForm(employerId, { interviewCount: "2", slotCapacity: "3" }) })
    .expect(303);
  const p = t.events.detail(ev.eventId).participations.find((x) => x.employerId === employerId);
  if (!p) throw new Error("participation not saved");
  return { t, ev, agent, csrf, employerId, pid: p.id, group: p.slots[0].id, second: p.slots[1].id };
}

/** A veileder opens the booking page in their own browser and books one candidate into the given slot. */
async function bookFromPage(
  t: ReturnType<typeof makeApp>,
  path: string,
  officeId: number,
  slotId: number,
  i: number,
  status = 200,
) {
  const agent = request.agent(t.app);
  const page = await agent.get(path).expect(200);
  return agent
    .post(path)
    .type("form")
    .send({
      _csrf: csrfFrom(page.text),
      ...bookingFormBody(officeId, [slotId], {
        "caseworker.email": `veileder${i}@nav.no`,
        "candidate.displayName": `Kandidat${i} K.`,
      }),
    })
    .expect(status);
}

const inSlot = (t: ReturnType<typeof makeApp>, slotId: number) =>
  t.db.prepare("SELECT count(*) FROM booking WHERE slot_id = ?").pluck().get(slotId);

describe("group slots", () => {
  it("saves the group size from the participation form and shows it when editing", async () => {
    const { t, agent, pid } = await groupEvent();
    expect(t.events.participation(pid)).toMatchObject({ slotCapacity: 3, interviewCount: 2 });
    expect(t.db.prepare("SELECT slot_capacity FROM participation WHERE id = ?").pluck().get(pid)).toBe(3);
    const edit = await agent.get(`/participations/${pid}/edit`).expect(200);
    expect(edit.text).toMatch(/id="f-slotCapacity" name="slotCapacity" type="number"[^>]*value="3"/);
  });

  it("offers a group slot on the booking page until its last seat is taken", async () => {
    const { t, ev, group, second } = await groupEvent();
    const offered = async () => (await request(t.app).get(ev.bookingPath).expect(200)).text;
    let page = await offered();
    expect(page).toContain("6 ledige plasser i gruppeintervju (opptil 3 per tidspunkt)");
    expect(page).toContain("15:30–16:00 · 3 av 3 plasser ledige");

    await bookFromPage(t, ev.bookingPath, ev.officeId, group, 1);
    page = await offered();
    expect(page).toContain("15:30–16:00 · 2 av 3 plasser ledige");
    await bookFromPage(t, ev.bookingPath, ev.officeId, group, 2);
    page = await offered();
    expect(page).toContain("15:30–16:00 · 1 av 3 plasser ledig");
    expect(page).toContain(`id="f-slotIds-${group}"`);
    await bookFromPage(t, ev.bookingPath, ev.officeId, group, 3);

    // Full: not offered any more; the employer's other group slot still is, with every seat free.
    page = await offered();
    expect(page).not.toContain(`id="f-slotIds-${group}"`);
    expect(page).toContain(`id="f-slotIds-${second}"`);
    expect(page).toContain("16:00–16:30 · 3 av 3 plasser ledige");
    expect(page).toContain("3 ledige plasser i gruppeintervju (opptil 3 per tidspunkt)");
    expect(inSlot(t, group)).toBe(3);

    const late = await bookFromPage(t, ev.bookingPath, ev.officeId, group, 4, 409);
    expect(late.text).toContain("Alle 3 plassene på tidspunktet hos Kafé Kaffe AS ble nettopp booket.");
    expect(inSlot(t, group)).toBe(3);
    expect(
      t.db.prepare("SELECT count(*) FROM candidate WHERE display_name = 'Kandidat4 K.'").pluck().get(),
    ).toBe(0);
  });

  it("refuses the same candidate twice in one group slot", async () => {
    const { t, ev, group } = await groupEvent();
    await bookFromPage(t, ev.bookingPath, ev.officeId, group, 1);
    const candidateId = t.db
      .prepare("SELECT candidate_id FROM booking WHERE slot_id = ?")
      .pluck()
      .get(group) as number;
    expect(() => t.booking.book({ kind: "coordinator", id: "test" }, candidateId, group)).toThrow(
      /allerede booket på dette tidspunktet/,
    );
    expect(inSlot(t, group)).toBe(1);
  });

  it("refuses to shrink the group below a slot's bookings with a Norwegian 422 on slotCapacity", async () => {
    const { t, ev, agent, csrf, employerId, pid, group } = await groupEvent();
    for (const i of [1, 2, 3]) await bookFromPage(t, ev.bookingPath, ev.officeId, group, i);
    const res = await agent
      .post(`/participations/${pid}`)
      .type("form")
      .send({ _csrf: csrf, ...participationForm(employerId, { interviewCount: "2", slotCapacity: "2" }) })
      .expect(422);
    expect(res.text).toContain('href="#f-slotCapacity"');
    expect(res.text).toContain("Noen tidspunkter har flere kandidater booket enn 2: kl. 15:30 (3).");
    expect(t.events.participation(pid).slotCapacity).toBe(3);
    // Growing it is fine.
    await agent
      .post(`/participations/${pid}`)
      .type("form")
      .send({ _csrf: csrf, ...participationForm(employerId, { interviewCount: "2", slotCapacity: "4" }) })
      .expect(303);
    expect(t.events.participation(pid).slotCapacity).toBe(4);
  });

  it("shows everyone in a group slot to the coordinator, the API, the manage page and the run sheets", async () => {
    const { t, ev, agent, group, second } = await groupEvent();
    for (const i of [1, 2]) await bookFromPage(t, ev.bookingPath, ev.officeId, group, i);

    const bookings = await agent.get(`/events/${ev.eventId}/bookings`).expect(200);
    expect(bookings.text).toContain("Kandidat1 K.");
    expect(bookings.text).toContain("Kandidat2 K.");
    expect(bookings.text).toContain("15:30–16:00 (1 av 3 plasser ledig)");

    const api = await request(t.app)
      .get(`/api/v1/events/${ev.eventId}`)
      .set("authorization", `Bearer ${apiToken(t)}`)
      .expect(200);
    const slots = api.body.participations.flatMap((p: { slots: unknown[] }) => p.slots);
    expect(slots.find((s: { id: number }) => s.id === group)).toMatchObject({
      seats: 3,
      taken: 2,
      status: "free",
    });
    expect(slots.find((s: { id: number }) => s.id === second)).toMatchObject({
      seats: 3,
      taken: 0,
      status: "free",
    });
    // One-to-one slots keep their shape: one seat, "booked" when taken.
    expect(slots.find((s: { id: number }) => s.id === ev.slots(ev.participationIds[0])[0])).toMatchObject({
      seats: 1,
      taken: 0,
      status: "free",
    });

    // «Mine bookinger» offers the group slot's free seats as a move target.
    const manage = await request(t.app).get(managePathFor(t, "veileder1@nav.no")).expect(200);
    expect(manage.text).toContain("Kafé Kaffe AS kl. 16:00 · 3 av 3 plasser ledige");

    // The run sheets (the coordinator prints them ahead of the day; the host link opens only around it).
    const sheet = (await agent.get(`/events/${ev.eventId}/print`).expect(200)).text;
    expect(sheet).toContain("Kandidat1 K. (nr. 1), Kandidat2 K. (nr. 2) – 1 av 3 plasser ledige");
    expect(sheet).toContain("15:30 – nr. 1, 2");
  });

  it("puts a waiting candidate into a group only when no seat is free, and promotes them when one frees", () => {
    const t = makeApp();
    const ev = openEvent(t);
    const coordinator = { kind: "coordinator" as const, id: "test" };
    const pid = ev.participationIds[2];
    t.db.prepare("UPDATE participation SET slot_capacity = 2 WHERE id = ?").run(pid);
    const candidate = (i: number, slotIds: number[], waitlist: number[] = []) =>
      t.booking.register(coordinator, ev.eventId, {
        caseworker: { name: "Vera", email: `v${i}@nav.no`, officeId: ev.officeId },
        candidate: {
          displayName: `Gruppe${i} G.`,
          birthYear: 2000,
          eligibility: "annet",
          backupCaseworker: "",
          caseworkerJoins: false,
          needsAdaptation: false,
        },
        slotIds,
        waitlistParticipationIds: waitlist,
        requestKey: `group-waitlist-request-${i}`,
      }).candidateId;
    const slots = ev.slots(pid);
    // Seven of eight seats taken: the employer is not full yet.
    for (let i = 0; i < 7; i++) candidate(i, [slots[Math.floor(i / 2)]]);
    expect(() => candidate(7, [], [pid])).toThrow(/fortsatt ledige tidspunkter/);
    candidate(8, [slots[3]]);
    const waiting = candidate(9, [], [pid]);
    expect(t.booking.eventWaitlist(ev.eventId).map((w) => w.candidateId)).toEqual([waiting]);

    const first = t.db
      .prepare("SELECT id FROM booking WHERE slot_id = ? ORDER BY id")
      .pluck()
      .get(slots[1]) as number;
    expect(t.booking.cancel(coordinator, first)).toEqual({ promotedCandidateId: waiting });
    expect(inSlot(t, slots[1])).toBe(2);
    expect(t.booking.eventWaitlist(ev.eventId)).toEqual([]);
  });

  it("gives the seats of a bigger group to the people waiting first, in order, and mails their veiledere", async () => {
    const t = makeApp();
    const ev = openEvent(t, { maxInterviews: 1 });
    const coordinator = { kind: "coordinator" as const, id: "test" };
    const pid = ev.participationIds[0];
    const register = (i: number, slotIds: number[], waitlist: number[] = []) =>
      t.booking.register(coordinator, ev.eventId, {
        caseworker: { name: "Vera", email: `w${i}@nav.no`, officeId: ev.officeId },
        candidate: {
          displayName: `Venter${i} V.`,
          birthYear: 2000,
          eligibility: "annet",
          backupCaseworker: "",
          caseworkerJoins: false,
          needsAdaptation: false,
        },
        slotIds,
        waitlistParticipationIds: waitlist,
        requestKey: `group-grow-request-${i}-000000`,
      }).candidateId;
    for (const [i, slotId] of ev.slots(pid).entries()) register(i, [slotId]);
    const waiting = [register(10, [], [pid]), register(11, [], [pid])];
    const { agent, csrf } = await signedInAgent(t);
    const p = t.events.participation(pid);
    await agent
      .post(`/participations/${pid}`)
      .type("form")
      .send({
        _csrf: csrf,
        ...participationForm(p.employerId, {
          department: p.department,
          roomId: String(p.roomId),
          slotCapacity: "2",
        }),
      })
      .expect(303);
    // Both waiting candidates got seats, the first in the first slot; nobody is left waiting; two seats are free.
    expect(t.booking.eventWaitlist(ev.eventId)).toEqual([]);
    const seated = t.db
      .prepare(
        "SELECT candidate_id FROM booking WHERE participation_id = ? AND candidate_id IN (?, ?) ORDER BY slot_id",
      )
      .pluck()
      .all(pid, ...waiting);
    expect(seated).toEqual(waiting);
    expect(t.events.participation(pid).freeSlots).toBe(2);
    expect(
      t.db
        .prepare("SELECT count(*) FROM mail_outbox WHERE to_addr IN ('w10@nav.no', 'w11@nav.no')")
        .pluck()
        .get(),
    ).toBe(2);
  });

  it("runs a group interview on the day: everyone in the slot goes in together and shows on the screens", async () => {
    const { t, ev, group } = await groupEvent();
    for (const i of [1, 2]) await bookFromPage(t, ev.bookingPath, ev.officeId, group, i);
    t.clock.set("2026-12-10T14:30:00Z"); // 15:30 Oslo, when the group begins
    const [b1, b2] = t.db
      .prepare("SELECT id, candidate_id AS candidateId FROM booking WHERE slot_id = ? ORDER BY id")
      .all(group) as { id: number; candidateId: number }[];
    const staff = () => t.dayof.snapshot(ev.eventId, "staff");
    const arrival = (candidateId: number) => staff().arrivals.find((a) => a.candidateId === candidateId);
    t.dayof.apply(ev.eventId, "test", "group-arrive-01", {
      kind: "arrive",
      candidateId: b1.candidateId,
      version: 0,
    });
    t.dayof.apply(ev.eventId, "test", "group-arrive-02", {
      kind: "arrive",
      candidateId: b2.candidateId,
      version: 0,
    });
    t.dayof.apply(ev.eventId, "test", "group-start-0001", { kind: "start", bookingId: b1.id, version: 1 });
    // The room is busy with this very group: the second member is still sent in, not told to wait.
    expect(arrival(b2.candidateId)?.primary).toEqual({ kind: "start", bookingId: b2.id });
    t.dayof.apply(ev.eventId, "test", "group-start-0002", { kind: "start", bookingId: b2.id, version: 1 });

    const room = staff().rooms.find((r) => r.employer.startsWith("Kafé Kaffe AS"));
    expect(room).toMatchObject({ state: "in-interview", seats: 3 });
    expect(room?.current).toMatchObject({
      time: "15:30",
      name: "Kandidat1 K., Kandidat2 K.",
      number: "1, 2",
    });
    expect(room?.slots[0].bookings.map((b) => b.stage)).toEqual(["in-room", "in-room"]);
    const board = t.dayof.snapshot(ev.eventId, "board").rooms.find((r) => r.employer.startsWith("Kafé"));
    expect(board?.current?.name).toBe("Kandidat1 K., Kandidat2 K.");

    // Each booking keeps its own stage: one finishes, the other is still inside.
    t.dayof.apply(ev.eventId, "test", "group-finish-001", { kind: "finish", bookingId: b1.id, version: 2 });
    const after = staff().rooms.find((r) => r.employer.startsWith("Kafé Kaffe AS"));
    expect(after?.current).toMatchObject({ name: "Kandidat2 K.", number: 2 });
    expect(after?.slots[0].bookings.map((b) => b.stage)).toEqual(["finished", "in-room"]);
  });
});
