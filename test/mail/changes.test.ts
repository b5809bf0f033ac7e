import request from "supertest";
import { describe, expect, it } from "vitest";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, openEvent, signedInAgent } from "../helpers";

type Mail = { kind: string; toAddr: string; subject: string; text: string; attachments: string };
const mails = (t: ReturnType<typeof makeApp>) =>
  t.db
    .prepare(
      "SELECT kind, to_addr AS toAddr, subject, text_body AS text, attachments FROM mail_outbox ORDER BY id",
    )
    .all() as Mail[];
const ics = (m: Mail) =>
  (JSON.parse(m.attachments) as { filename: string; content: string }[]).map((a) => a.content);
const field = (content: string, name: string) =>
  new RegExp(`^${name}[:;](.*)$`, "m").exec(content)?.[1]?.trim();

/** Vera (veileder) has booked Åse-Marie at Vaskebedrift 15:30 through the booking page. */
async function booked() {
  const t = makeApp();
  const ev = openEvent(t);
  const vera = request.agent(t.app);
  const page = await vera.get(ev.bookingPath).expect(200);
  const slots = ev.slots(ev.participationIds[0]);
  await vera
    .post(ev.bookingPath)
    .type("form")
    .send({ _csrf: csrfFrom(page.text), ...bookingFormBody(ev.officeId, [slots[0]]) })
    .expect(200);
  const bookingId = (t.db.prepare("SELECT id FROM booking").get() as { id: number }).id;
  const coordinator = await signedInAgent(t);
  const bookings = await coordinator.agent.get(`/events/${ev.eventId}/bookings`).expect(200);
  return { t, ev, vera, slots, bookingId, coordinator, csrf: csrfFrom(bookings.text) };
}

/** Registers a candidate through the booking service (as a script would: `system:*` actors mail nobody). */
function register(
  t: ReturnType<typeof makeApp>,
  ev: ReturnType<typeof openEvent>,
  who: { actor: string; email: string; name: string; key: string },
  slotIds: number[],
  waitlist: number[] = [],
) {
  t.booking.register(
    { kind: who.actor.startsWith("caseworker:") ? "caseworker" : "coordinator", id: who.actor },
    ev.eventId,
    {
      caseworker: { name: "Veileder", email: who.email, officeId: ev.officeId },
      candidate: {
        displayName: who.name,
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds,
      waitlistParticipationIds: waitlist,
      requestKey: who.key,
    },
  );
}

/** Fills the first employer's remaining slots, and puts a waiting candidate of `waiter` on its waitlist. */
function fillAndWait(t: ReturnType<typeof makeApp>, ev: ReturnType<typeof openEvent>, waiter: string) {
  const slots = ev.slots(ev.participationIds[0]);
  for (const [i, slot] of slots.slice(1).entries()) {
    register(
      t,
      ev,
      { actor: "system:test", email: "fyll@nav.no", name: `Fyll ${i}.`, key: `fill-${waiter}-${i}` },
      [slot],
    );
  }
  register(
    t,
    ev,
    { actor: "caseworker:new", email: waiter, name: "Venter V.", key: `wait-${waiter}` },
    [],
    [ev.participationIds[0]],
  );
}

describe("everyone affected hears about every change", () => {
  it("tells the veileder once, with a calendar cancellation, when a coordinator cancels their booking", async () => {
    const { t, ev, bookingId, coordinator, csrf } = await booked();
    const [confirmation] = mails(t);
    const uid = field(ics(confirmation)[0], "UID");
    await coordinator.agent
      .post(`/events/${ev.eventId}/bookings/${bookingId}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    const after = mails(t).slice(1);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ kind: "change", toAddr: "vera@nav.no" });
    expect(after[0].text).toContain("Bookingene dine er endret av markedskoordinatoren");
    expect(after[0].text).toContain("Åse-Marie Ø.: avbestilt 15:30–16:00 Vaskebedrift AS, kantine");
    const [cancel] = ics(after[0]);
    expect(field(cancel, "METHOD")).toBe("CANCEL");
    expect(field(cancel, "UID")).toBe(uid);
    expect(field(cancel, "SEQUENCE")).toBe("1");
    expect(field(cancel, "STATUS")).toBe("CANCELLED");
  });

  it("tells the veileder once, with the same calendar entry moved, when a coordinator moves their booking", async () => {
    const { t, ev, bookingId, slots, coordinator, csrf } = await booked();
    const uid = field(ics(mails(t)[0])[0], "UID");
    await coordinator.agent
      .post(`/events/${ev.eventId}/bookings/${bookingId}/move`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(slots[2]) })
      .expect(303);
    const after = mails(t).slice(1);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ kind: "change", toAddr: "vera@nav.no" });
    expect(after[0].text).toContain("Åse-Marie Ø.: flyttet til 16:30–17:00 Vaskebedrift AS, kantine");
    const [update] = ics(after[0]);
    expect(field(update, "METHOD")).toBe("PUBLISH");
    expect(field(update, "UID")).toBe(uid);
    expect(field(update, "SEQUENCE")).toBe("1");
    expect(update).toContain("DTSTART;TZID=Europe/Oslo:20261210T163000");
    // Calendars are shared: the entry names the participant number, not the candidate.
    expect(update).not.toContain("Åse-Marie");
  });

  it("sends a veileder who moves their own booking a new calendar entry", async () => {
    const { t, vera, bookingId, slots } = await booked();
    const manage = managePathFor(t, "vera@nav.no");
    const page = await vera.get(manage).expect(200);
    await vera
      .post(`${manage}/bookings/${bookingId}/move`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), slotId: String(slots[1]) })
      .expect(303);
    const after = mails(t).slice(1);
    expect(after).toHaveLength(1);
    expect(after[0].text).toContain("Du har endret bookingene dine");
    expect(ics(after[0])[0]).toContain("DTSTART;TZID=Europe/Oslo:20261210T160000");
  });

  it("sends nothing when the change is refused and rolled back", async () => {
    const { t, ev, bookingId, coordinator, csrf } = await booked();
    // Another candidate takes the slot the coordinator tries to move to.
    const other = t.events.participation(ev.participationIds[0]).slots[3].id;
    t.booking.register({ kind: "coordinator", id: "system:test" }, ev.eventId, {
      caseworker: { name: "Per", email: "per@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Per P.",
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [other],
      waitlistParticipationIds: [],
      requestKey: "changes-test-other-0001",
    });
    const before = mails(t).length;
    await coordinator.agent
      .post(`/events/${ev.eventId}/bookings/${bookingId}/move`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(other) })
      .expect(409);
    expect(mails(t)).toHaveLength(before);
    expect(t.db.prepare("SELECT slot_id AS s FROM booking WHERE id = ?").get(bookingId)).toEqual({
      s: ev.slots(ev.participationIds[0])[0],
    });
  });

  it("folds several changes of one action into one e-mail per veileder (the event moves to another office)", async () => {
    const { t, ev, bookingId } = await booked();
    const candidateId = (t.db.prepare("SELECT candidate_id AS c FROM booking").get() as { c: number }).c;
    t.booking.book(
      { kind: "caseworker", id: "caseworker:1" },
      candidateId,
      ev.slots(ev.participationIds[2])[3],
    );
    const before = mails(t).length;
    const stange = t.regions.createOffice(ev.regionId, { name: "NAV Stange", address: "Storgata 1" });
    const e = t.events.get(ev.eventId);
    t.events.update(ev.eventId, {
      officeId: stange,
      title: e.title,
      date: e.date,
      interviewStart: e.interviewStart,
      interviewEnd: e.interviewEnd,
      slotMinutes: e.slotMinutes,
      gapMinutes: e.gapMinutes,
      maxInterviews: e.maxInterviews,
      pepTalkGap: e.pepTalkGap,
      hideNamesOnBoard: e.hideNamesOnBoard,
      bookingDeadline: undefined,
      programme: "",
    });
    const after = mails(t).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0].text).toContain("NAV Stange, Storgata 1");
    const entries = ics(after[0])[0];
    expect(entries.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(entries).toContain(`UID:booking-${bookingId}@localhost`);
    expect(entries.match(/SEQUENCE:1/g)).toHaveLength(2);
  });

  it("tells both veiledere when a coordinator's cancel gives the slot to another's waiting candidate", async () => {
    const { t, ev, bookingId, coordinator, csrf } = await booked();
    // Fill Vaskebedrift and put Per's candidate on its waitlist.
    fillAndWait(t, ev, "per@nav.no");
    const before = mails(t).length;
    await coordinator.agent
      .post(`/events/${ev.eventId}/bookings/${bookingId}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    const after = mails(t).slice(before);
    expect(after.map((m) => [m.kind, m.toAddr])).toEqual([
      ["promotion", "per@nav.no"],
      ["change", "vera@nav.no"],
    ]);
  });

  it("sends one mail when a coordinator registers and books a candidate on a veileder's behalf", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(ev.bookingPath).expect(200);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrfFrom(page.text),
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]),
      })
      .expect(200);
    expect(mails(t).map((m) => [m.kind, m.toAddr])).toEqual([["confirmation", "vera@nav.no"]]);
  });

  it("folds a promotion into the same mail when a veileder's own cancel gives the slot to their waiting candidate", async () => {
    const { t, ev, vera, bookingId } = await booked();
    // Vera's own candidate waits for Vaskebedrift, which is full.
    fillAndWait(t, ev, "vera@nav.no");
    const before = mails(t).length;
    const manage = managePathFor(t, "vera@nav.no");
    const page = await vera.get(manage).expect(200);
    await vera
      .post(`${manage}/bookings/${bookingId}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const after = mails(t).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0].text).toContain("Åse-Marie Ø.: avbestilt");
    expect(after[0].text).toContain("Venter V.: fikk plass fra ventelisten:");
  });
});
