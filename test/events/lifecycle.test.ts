import request from "supertest";
import { describe, expect, it } from "vitest";
import { arrivalTime, closedNotice } from "../../server/booking/booking.rules";
import { lifecycleStatus, nextLifecycleChange } from "../../server/events/events.rules";
import type { DomainEvent } from "../../server/shared/domain-events";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, openEvent, signedInAgent } from "../helpers";

const event = (status: "draft" | "open" | "closed" | "held" | "archived", date = "2026-12-10") => ({
  status,
  date,
  bookingDeadline: "2026-12-09T11:00:00.000Z",
});

describe("an event's life moves on by itself (rule)", () => {
  it.each([
    ["open before the deadline stays open", event("open"), "2026-12-09T10:59:59Z", "open"],
    ["open after the deadline closes", event("open"), "2026-12-09T11:00:01Z", "closed"],
    [
      "open on the evening of the event is closed, not yet held",
      event("open"),
      "2026-12-10T22:59:00Z",
      "closed",
    ],
    ["open the day after is held", event("open"), "2026-12-10T23:00:01Z", "held"],
    ["closed the day after is held", event("closed"), "2026-12-11T09:00:00Z", "held"],
    ["a draft never moves by itself", event("draft"), "2027-01-01T09:00:00Z", "draft"],
    ["archived stays archived", event("archived"), "2027-01-01T09:00:00Z", "archived"],
    // The autumn DST change: Oslo midnight after 25 Oct 2026 is 22:00 UTC (still summer time that evening).
    [
      "held from Oslo midnight on a DST-change day",
      event("closed", "2026-10-25"),
      "2026-10-25T23:00:00Z",
      "held",
    ],
    [
      "not held before Oslo midnight on a DST-change day",
      event("closed", "2026-10-25"),
      "2026-10-25T22:59:00Z",
      "closed",
    ],
  ])("%s", (_name, e, now, expected) => {
    expect(lifecycleStatus(e, new Date(now))).toBe(expected);
  });

  it("wakes the scheduler at the deadline, then at midnight after the event (Oslo time)", () => {
    expect(nextLifecycleChange(event("open"), new Date("2026-12-01T00:00:00Z"))?.toISOString()).toBe(
      "2026-12-09T11:00:00.000Z",
    );
    expect(nextLifecycleChange(event("closed"), new Date("2026-12-09T12:00:00Z"))?.toISOString()).toBe(
      "2026-12-10T23:00:00.000Z",
    );
    expect(nextLifecycleChange(event("held"), new Date("2026-12-09T12:00:00Z"))).toBeNull();
  });

  it.each([
    ["after the deadline", event("open"), "2026-12-09T12:00:00Z", "Bookingfristen gikk ut"],
    ["after the event", event("open"), "2026-12-12T12:00:00Z", "Arrangementet er over"],
    ["a held event", event("held"), "2026-12-12T12:00:00Z", "Arrangementet er over"],
    ["a draft", event("draft"), "2026-12-01T12:00:00Z", "ikke åpnet for booking ennå"],
    ["closed by the coordinator", event("closed"), "2026-12-01T12:00:00Z", "er stengt"],
  ])("tells a veileder why booking is closed: %s", (_n, e, now, words) => {
    const facts = { ...e, maxInterviews: 2, pepTalkGap: false, slotMinutes: 30, gapMinutes: 0 };
    expect(closedNotice(facts, new Date(now), "9. desember kl. 12:00")).toContain(words);
  });

  it("says nothing while booking is open", () => {
    const facts = { ...event("open"), maxInterviews: 2, pepTalkGap: false, slotMinutes: 30, gapMinutes: 0 };
    expect(closedNotice(facts, new Date("2026-12-01T12:00:00Z"), "")).toBeNull();
  });

  it.each([
    [["2026-12-10T15:00:00.000Z", "2026-12-10T14:30:00.000Z"], "15:15"],
    [[], "15:30"],
    [["2026-03-29T13:30:00.000Z"], "15:15"], // spring DST day: 15:30 Oslo is 13:30 UTC
  ])("tells a candidate to arrive a quarter before the first interview: %j → %s", (starts, expected) => {
    expect(arrivalTime(starts, "15:30")).toBe(expected);
  });
});

describe("an event's life is visible everywhere", () => {
  it("moves events on through the scheduler's job and announces each change", () => {
    const t = makeApp();
    const ev = openEvent(t);
    const heard: DomainEvent[] = [];
    t.bus.subscribe((batch) => heard.push(...batch));
    const job = t.jobs.find((j) => j.name === "lifecycle");
    expect(job?.tick()).toEqual([]);
    t.clock.set("2026-12-09T11:00:01Z");
    expect(job?.tick()).toHaveLength(1);
    expect(t.events.get(ev.eventId).status).toBe("closed");
    t.clock.set("2026-12-11T08:00:00Z");
    job?.tick();
    expect(t.events.get(ev.eventId).status).toBe("held");
    expect(heard.filter((e) => e.type === "event.changed")).toHaveLength(2);
  });

  it("shows the real status in the coordinator's list before the job has run", async () => {
    const t = makeApp();
    openEvent(t);
    t.clock.set("2026-12-11T08:00:00Z");
    const { agent } = await signedInAgent(t);
    const list = await agent.get("/events").expect(200);
    expect(list.text).toContain("Gjennomført");
    expect(list.text).not.toContain("Åpen for booking");
  });

  it("makes a past event's booking page and «Mine bookinger» read-only, and refusals point somewhere useful", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const vera = request.agent(t.app);
    const form = await vera.get(ev.bookingPath).expect(200);
    await vera
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrfFrom(form.text),
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]),
      })
      .expect(200);
    const manage = managePathFor(t, "vera@nav.no");
    const open = await vera.get(manage).expect(200);
    const csrf = csrfFrom(open.text);
    const bookingId = (t.db.prepare("SELECT id FROM booking").get() as { id: number }).id;

    t.clock.set("2026-12-17T09:00:00Z");
    const page = await vera.get(ev.bookingPath).expect(200);
    expect(page.text).toContain("Arrangementet er over");
    expect(page.text).not.toContain("ledige intervjutidspunkter");
    expect(page.text).toContain(`href="${manage}"`);

    const mine = await vera.get(manage).expect(200);
    expect(mine.text).toContain("Arrangementet er over");
    expect(mine.text).toContain("Åse-Marie Ø.");
    expect(mine.text).not.toContain("Avbestill");
    expect(mine.text).not.toContain("Flytt ");

    // A cancel sent from a page opened before: refused on the manage page itself, with the reason.
    const refused = await vera
      .post(`${manage}/bookings/${bookingId}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(409);
    expect(refused.text).toContain("Mine bookinger");
    expect(refused.text).toContain("Bookingfristen har gått ut");
    expect(t.db.prepare("SELECT count(*) AS n FROM booking").get()).toEqual({ n: 1 });

    // An unknown booking on the manage link: the error page leads back to «Mine bookinger», not to a sign-in.
    const missing = await vera
      .post(`${manage}/bookings/999/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(404);
    expect(missing.text).toContain(`href="${manage}"`);
    expect(missing.text).toContain("Tilbake til «Mine bookinger»");
  });

  it("tells the candidate the same arrival time on the confirmation, the invitation, the mail and the run sheet", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const vera = request.agent(t.app);
    const form = await vera.get(ev.bookingPath).expect(200);
    // Interviews at 16:00 and 17:00 Oslo time: come at 15:45.
    const done = await vera
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrfFrom(form.text),
        ...bookingFormBody(ev.officeId, [
          ev.slots(ev.participationIds[0])[1],
          ev.slots(ev.participationIds[2])[3],
        ]),
      })
      .expect(200);
    expect(done.text).toContain("Kandidaten kommer kl. <strong>15:45</strong>");
    const mail = t.db
      .prepare("SELECT text_body AS text FROM mail_outbox WHERE kind = 'confirmation'")
      .get() as {
      text: string;
    };
    expect(mail.text).toContain("Kandidaten kommer kl. 15:45");
    const candidateId = (t.db.prepare("SELECT id FROM candidate").get() as { id: number }).id;
    const invitation = await vera
      .get(`${managePathFor(t, "vera@nav.no")}/candidates/${candidateId}/invitasjon`)
      .expect(200);
    expect(invitation.text).toContain("Kom kl. 15:45");
    const { agent } = await signedInAgent(t);
    const sheet = await agent.get(`/events/${ev.eventId}/print`).expect(200);
    expect(sheet.text).toMatch(
      /<td class="aksel-table__data-cell">15:45<\/td><td class="aksel-table__data-cell">Åse-Marie Ø\.<\/td>/,
    );
  });
});
