// Links with lifetimes, end to end: host and board around the day, employer links 30 days after, manage links
// until the follow-up ends (and the cookie no longer), and every link of an archived event stops.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { csrfFrom, makeApp } from "../helpers";
import { eventWithInterviews, feedbackBody, one } from "../outcomes/outcomes-helpers";

function setup() {
  const t = makeApp();
  const ev = eventWithInterviews(t);
  const links = t.events.links(t.events.get(ev.eventId));
  const path = (url: string) => new URL(url).pathname;
  return { t, ev, host: path(links.host), board: path(links.board), booking: path(links.booking) };
}

function archive(t: ReturnType<typeof makeApp>, eventId: number) {
  t.events.setStatus(eventId, "held");
  t.events.setStatus(eventId, "archived");
}

describe("host and board links work from the day before to the day after the event (Oslo days)", () => {
  it.each([
    ["two days before", "2026-12-08T22:59:00Z", 403, "virker fra onsdag 9. desember 2026"],
    ["at midnight starting the day before", "2026-12-08T23:00:00Z", 200, ""],
    ["on the day", "2026-12-10T14:00:00Z", 200, ""],
    ["at 23:59 the day after", "2026-12-11T22:59:00Z", 200, ""],
    ["at midnight after the day after", "2026-12-11T23:00:00Z", 410, "fra dagen før til dagen etter"],
  ])("%s: %s", async (_when, now, status, text) => {
    const { t, host, board } = setup();
    t.clock.set(now);
    for (const path of [host, board, `${host}/print`]) {
      const res = await request(t.app).get(path).expect(status);
      expect(res.text).toContain(text);
      if (status !== 200) expect(res.text).toContain("markedskoordinatoren");
    }
  });
});

describe("employer links work until 30 days after the event", () => {
  it("shows the page on day 30 and answers 410 with what to do on day 31, storing no feedback", async () => {
    const { t, ev } = setup();
    t.events.setStatus(ev.eventId, "held");
    t.clock.set("2027-01-09T22:00:00Z"); // 9 January, 23:00 in Oslo: the 30th day
    const agent = request.agent(t.app);
    const bookingId = ev.bookingOf(ev.ola.candidateId, ev.vask);
    await agent.get(ev.employerPath(ev.vask)).expect(200);
    const form = await agent.get(`${ev.employerPath(ev.vask)}/interviews/${bookingId}`).expect(200);
    const csrf = csrfFrom(form.text);
    t.clock.set("2027-01-09T23:00:00Z"); // 10 January, 00:00 in Oslo
    const gone = await agent.get(ev.employerPath(ev.vask)).expect(410);
    expect(gone.text).toContain("Lenken er utløpt");
    expect(gone.text).toContain("til og med lørdag 9. januar 2027");
    expect(gone.text).toContain("NAV-kontakten deres");
    expect(gone.text).not.toContain("Ola");
    await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bookingId}`)
      .type("form")
      .send(feedbackBody(csrf))
      .expect(410);
    expect(one<{ n: number }>(t, "SELECT count(*) AS n FROM feedback").n).toBe(0);
  });
});

describe("manage links work until the follow-up period ends, and the cookie lives no longer", () => {
  it("sets a cookie that expires with the link, and answers 410 after the follow-up period", async () => {
    const { t, ev } = setup();
    const path = ev.managePath(ev.ola.caseworkerId);
    t.clock.set("2028-03-10T22:00:00Z"); // one hour before the follow-up period of 10 Dec 2026 ends
    const res = await request(t.app).get(path).expect(200);
    const cookie = [res.headers["set-cookie"]].flat().find((c) => String(c).startsWith("manage="));
    expect(cookie).toMatch(/Max-Age=3600;/);
    t.clock.set("2028-03-10T23:00:00Z");
    const gone = await request(t.app).get(path).expect(410);
    expect(gone.text).toContain("gjaldt til oppfølgingen etter arrangementet var over");
    expect(gone.text).not.toContain("Ola");
    await request(t.app).get(`${path}/candidates/${ev.ola.candidateId}/oppfolging`).expect(410);
    await request(t.app).get(`${path}/candidates/${ev.ola.candidateId}/invitasjon`).expect(410);
  });
});

describe("every link of an archived event stops", () => {
  it("answers 410 for the booking, host, board, employer and manage links, and the booking API", async () => {
    const { t, ev, host, board, booking } = setup();
    t.clock.set("2026-12-10T15:00:00Z");
    archive(t, ev.eventId);
    for (const path of [
      booking,
      `${booking}/oppgaver`,
      host,
      board,
      ev.employerPath(ev.vask),
      ev.managePath(ev.ola.caseworkerId),
    ]) {
      const res = await request(t.app).get(path).expect(410);
      expect(res.text).toContain("arrangementet er arkivert");
    }
    const api = await request(t.app)
      .get("/api/v1/bookings")
      .set({ Authorization: `Bearer ${ev.managePath(ev.ola.caseworkerId).split("/").pop()}` })
      .expect(403);
    expect(api.body.code).toBe("forbidden");
    const apiBooking = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set({ Authorization: `Bearer ${booking.split("/").pop()}` })
      .send({})
      .expect(410);
    expect(apiBooking.body.code).toBe("link-expired");
  });
});
