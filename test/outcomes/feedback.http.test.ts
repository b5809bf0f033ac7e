import request from "supertest";
import { describe, expect, it } from "vitest";
import { bookingService } from "../../server/booking/booking.service";
import { outcomesService } from "../../server/outcomes/outcomes.service";
import { AppError } from "../../server/shared/errors";
import { apiToken, csrfFrom, makeApp, signedInAgent } from "../helpers";
import { eventWithInterviews, feedbackBody, one, rows } from "./outcomes-helpers";

async function employer(t: ReturnType<typeof makeApp>, path: string, bookingId: number) {
  const agent = request.agent(t.app);
  const form = await agent.get(`${path}/interviews/${bookingId}`).expect(200);
  return { agent, csrf: csrfFrom(form.text), form };
}

const feedbackCount = (t: ReturnType<typeof makeApp>) =>
  one<{ n: number }>(t, "SELECT count(*) AS n FROM feedback").n;

describe("the employer's feedback link", () => {
  it("shows nothing about the candidates before the event day", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t, { now: "2026-12-09T12:00:00Z" });
    const page = await request(t.app).get(ev.employerPath(ev.vask)).expect(200);
    expect(page.text).toContain("Kandidatene vises her når intervjuene starter, 10. desember 2026 kl. 15:30");
    expect(page.text).toContain("Dere har 2 intervjuer booket.");
    expect(page.text).not.toContain("Ola");
    expect(page.text).not.toContain("Kari");
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const form = await request(t.app)
      .get(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .expect(409);
    expect(form.text).toContain("Tilbakemelding kan gis når intervjuet har startet");
    expect(form.text).not.toContain("Ola");
  });

  it("shows nothing about the candidates on the event day before the first interview starts", async () => {
    const t = makeApp();
    // 11:00 in Oslo on the event day; the first interview is at 15:30.
    const ev = eventWithInterviews(t, { now: "2026-12-10T10:00:00Z" });
    const page = await request(t.app).get(ev.employerPath(ev.vask)).expect(200);
    expect(page.text).toContain("Kandidatene vises her når intervjuene starter");
    expect(page.text).not.toContain("Ola");
    expect(page.text).not.toContain("Kari");
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const path = `${ev.employerPath(ev.vask)}/interviews/${bid}`;
    const form = await request(t.app).get(path).expect(409);
    expect(form.text).not.toContain("Ola");
    // Not through a form posted straight at the interview either (the CSRF token is the site's, from any form).
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get("/login").expect(200)).text);
    const res = await agent.post(path).type("form").send(feedbackBody(csrf)).expect(409);
    expect(res.text).toContain("Tilbakemelding kan gis når intervjuet har startet");
    expect(res.text).not.toContain("Ola");
    expect(feedbackCount(t)).toBe(0);
  });

  it("takes feedback on an interview only once it has started", async () => {
    const t = makeApp();
    // 15:45 in Oslo: Ola's interview at 15:30 has started, Kari's at 16:00 has not.
    const ev = eventWithInterviews(t, { now: "2026-12-10T14:45:00Z" });
    const page = await request(t.app).get(ev.employerPath(ev.vask)).expect(200);
    expect(page.text).toContain("Kl. 15:30: Ola N.");
    expect(page.text).toContain("Kl. 16:00: Kari H.");
    expect(page.text).toContain("Intervjuet har ikke startet ennå");
    const ola = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const kari = ev.bookingOf(ev.kari.candidateId, ev.vask);
    expect(page.text).toContain(`/interviews/${ola}"`);
    expect(page.text).not.toContain(`/interviews/${kari}"`);
    const { agent, csrf } = await employer(t, ev.employerPath(ev.vask), ola);
    await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${ola}`)
      .type("form")
      .send(feedbackBody(csrf))
      .expect(303);
    const early = await agent.get(`${ev.employerPath(ev.vask)}/interviews/${kari}`).expect(409);
    expect(early.text).toContain(
      "Tilbakemelding kan gis når intervjuet har startet (10. desember 2026 kl. 16:00)",
    );
    await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${kari}`)
      .type("form")
      .send(feedbackBody(csrf))
      .expect(409);
    expect(rows(t, "SELECT booking_id AS bookingId FROM feedback")).toEqual([{ bookingId: ola }]);
  });

  it("lists the day's interviews by first name and initial, never the birth year", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const page = await request(t.app).get(ev.employerPath(ev.vask)).expect(200);
    expect(page.text).toContain("Kl. 15:30: Ola N.");
    expect(page.text).toContain("Kl. 16:00: Kari H.");
    expect(page.text).not.toContain("Nordmann");
    expect(page.text).not.toContain("Berg");
    expect(page.text).not.toContain("1999");
    expect(page.text).not.toContain("1995");
    expect(page.text).not.toContain("Vera");
    // The other participation's interviews are not on this link.
    const syk = await request(t.app).get(ev.employerPath(ev.syk)).expect(200);
    expect(syk.text).toContain("Kl. 16:00: Ola N.");
    expect(syk.text).not.toContain("Kari");
  });

  it("saves the assessment, the ratings, notes kept apart by who said them, and the offer", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const { agent, csrf, form } = await employer(t, ev.employerPath(ev.vask), bid);
    expect(form.text).toContain("Tilbakemelding: Ola N.");
    expect(form.text).not.toContain("1999");
    const res = await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .type("form")
      .send(feedbackBody(csrf, { secondInterviewOn: "2026-12-15" }))
      .expect(303);
    expect(res.headers.location).toBe(`${ev.employerPath(ev.vask)}?lagret=${bid}#lagret`);
    expect(
      one(
        t,
        `SELECT assessment, handshake, language, eye_contact AS eyeContact, message, second_interview_on AS second,
         decision, decide_by AS decideBy FROM feedback WHERE booking_id = ?`,
        bid,
      ),
    ).toEqual({
      assessment: "aktuell",
      handshake: "good",
      language: "needs-work",
      eyeContact: "not-assessed",
      message: "Godt intervju! Øv på å fortelle om deg selv.",
      second: "2026-12-15",
      decision: "offer",
      decideBy: null,
    });
    expect(rows(t, "SELECT speaker, position, text FROM feedback_note ORDER BY speaker, position")).toEqual([
      { speaker: "candidate", position: 0, text: "Liker å jobbe med hendene" },
      { speaker: "employer", position: 0, text: "Flink med kunder" },
      { speaker: "employer", position: 1, text: "Kom presis" },
    ]);
    expect(rows(t, "SELECT type, answer FROM offer")).toEqual([
      { type: "arbeidstrening", answer: "pending" },
    ]);
    const list = await agent.get(res.headers.location).expect(200);
    expect(list.text).toContain("Tilbakemeldingen til Ola N. er lagret.");
    expect(list.text).toContain("Tilbakemelding er gitt");
  });

  it("changes a pending offer and withdraws it again, replacing the notes", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const path = `${ev.employerPath(ev.vask)}/interviews/${bid}`;
    const { agent, csrf } = await employer(t, ev.employerPath(ev.vask), bid);
    await agent.post(path).type("form").send(feedbackBody(csrf)).expect(303);
    await agent
      .post(path)
      .type("form")
      .send(
        feedbackBody(csrf, {
          version: "1",
          decision: "offer:lonnstilskudd",
          employerNotes: "Bare ett notat",
        }),
      )
      .expect(303);
    expect(rows(t, "SELECT type FROM offer")).toEqual([{ type: "lonnstilskudd" }]);
    expect(rows(t, "SELECT text FROM feedback_note WHERE speaker = 'employer'")).toEqual([
      { text: "Bare ett notat" },
    ]);
    await agent
      .post(path)
      .type("form")
      .send(feedbackBody(csrf, { version: "2", decision: "maybe", decideBy: "2026-12-20" }))
      .expect(303);
    expect(rows(t, "SELECT id FROM offer")).toEqual([]);
    expect(one(t, "SELECT decision, decide_by AS decideBy, version FROM feedback")).toEqual({
      decision: "maybe",
      decideBy: "2026-12-20",
      version: 3,
    });
  });

  it("re-renders the form with the error summary and keeps the input when the assessment is missing", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const { agent, csrf } = await employer(t, ev.employerPath(ev.vask), bid);
    const res = await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .type("form")
      .send(feedbackBody(csrf, { assessment: "" }))
      .expect(422);
    expect(res.text).toContain('class="aksel-error-summary"');
    expect(res.text).toContain('href="#f-assessment"');
    expect(res.text).toContain("Velg vurdering: aktuell, kanskje eller ikke aktuell");
    expect(res.text).toContain("Flink med kunder\nKom presis</textarea>");
    expect(res.text).toMatch(/id="f-handshake-good" name="handshake" value="good" checked/);
    expect(feedbackCount(t)).toBe(0);
  });

  it("reports a missing assessment and a missing decide-by date in one round", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const { agent, csrf } = await employer(t, ev.employerPath(ev.vask), bid);
    const res = await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .type("form")
      .send(feedbackBody(csrf, { assessment: "", decision: "maybe", secondInterviewOn: "2026-12-01" }))
      .expect(422);
    expect(res.text).toContain('href="#f-assessment"');
    expect(res.text).toContain('href="#f-decideBy"');
    expect(res.text).toContain('href="#f-secondInterviewOn"');
    expect(feedbackCount(t)).toBe(0);
  });

  it.each([
    ["a maybe without a date", { decision: "maybe" }, "decideBy", "Skriv datoen dere bestemmer dere innen"],
    [
      "a decide-by date before the event",
      { decision: "maybe", decideBy: "2026-12-01" },
      "decideBy",
      "etter arrangementet",
    ],
    [
      "a second interview before the event",
      { secondInterviewOn: "2026-11-30" },
      "secondInterviewOn",
      "etter arrangementet",
    ],
    ["no decision", { decision: "" }, "decision", "Velg beslutning"],
    [
      "a national ID number in a note",
      { candidateNotes: "Fnr 01019012480" },
      "candidateNotes",
      "fødselsnummer",
    ],
    ["a national ID number in the message", { message: "010190 12480" }, "message", "fødselsnummer"],
    [
      "eleven notes",
      { employerNotes: Array.from({ length: 11 }, (_, i) => `n${i}`).join("\n") },
      "employerNotes",
      "høyst 10",
    ],
  ])("refuses %s with a Norwegian message and stores nothing", async (_name, over, field, message) => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const { agent, csrf } = await employer(t, ev.employerPath(ev.vask), bid);
    const res = await agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .type("form")
      .send(feedbackBody(csrf, over))
      .expect(422);
    expect(res.text).toContain(`href="#f-${field}"`);
    expect(res.text).toContain(message);
    expect(feedbackCount(t)).toBe(0);
  });

  it("answers 404 for feedback through another participation's link, and stores nothing", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const kariAtVask = ev.bookingOf(ev.kari.candidateId, ev.vask);
    const { agent, csrf } = await employer(
      t,
      ev.employerPath(ev.syk),
      ev.bookingOf(ev.ola.candidateId, ev.syk),
    );
    await agent.get(`${ev.employerPath(ev.syk)}/interviews/${kariAtVask}`).expect(404);
    const res = await agent
      .post(`${ev.employerPath(ev.syk)}/interviews/${kariAtVask}`)
      .type("form")
      .send(feedbackBody(csrf))
      .expect(404);
    expect(res.text).toContain("Fant ikke intervjuet");
    expect(feedbackCount(t)).toBe(0);
  });

  it("answers 404 for a rotated link, and the coordinator sees the new one on the event page", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const old = ev.employerPath(ev.vask);
    const { agent, csrf } = await signedInAgent(t);
    const eventPage = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(eventPage.text).toContain(`http://localhost:3000${old}`);
    await agent
      .post(`/participations/${ev.vask}/employer-link/rotate`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    await request(t.app).get(old).expect(404);
    const fresh = ev.employerPath(ev.vask);
    expect(fresh).not.toBe(old);
    await request(t.app).get(fresh).expect(200);
    const page = await agent.get(`/participations/${ev.vask}/feedback`).expect(200);
    expect(page.text).toContain(`http://localhost:3000${fresh}`);
  });

  it("refuses feedback on a candidate who did not come", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    t.dayof.apply(ev.eventId, "host", "action-no-show-1", {
      kind: "no-show",
      candidateId: ev.kari.candidateId,
      version: 0,
    });
    const page = await request(t.app).get(ev.employerPath(ev.vask)).expect(200);
    expect(page.text).toContain("Møtte ikke");
    const res = await request(t.app)
      .get(`${ev.employerPath(ev.vask)}/interviews/${ev.bookingOf(ev.kari.candidateId, ev.vask)}`)
      .expect(409);
    expect(res.text).toContain("Kandidaten møtte ikke");
  });

  it("refuses a form that someone else saved over in the meantime, and keeps what they saved", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const path = `${ev.employerPath(ev.vask)}/interviews/${bid}`;
    const { agent, csrf } = await employer(t, ev.employerPath(ev.vask), bid);
    await agent.post(path).type("form").send(feedbackBody(csrf)).expect(303);
    // Two phones opened the saved form (version 1); the first saves, the second is refused.
    await agent
      .post(path)
      .type("form")
      .send(feedbackBody(csrf, { version: "1", assessment: "kanskje" }))
      .expect(303);
    const res = await agent
      .post(path)
      .type("form")
      .send(feedbackBody(csrf, { version: "1", assessment: "ikke-aktuell" }))
      .expect(409);
    expect(res.text).toContain("Noen andre har lagret tilbakemelding");
    expect(res.text).toContain('name="version" value="2"');
    expect(one(t, "SELECT assessment FROM feedback")).toEqual({ assessment: "kanskje" });
  });

  it("refuses a second phone's first save instead of overwriting the first, and keeps its offer", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const path = `${ev.employerPath(ev.vask)}/interviews/${bid}`;
    // Both phones open the empty form (no version yet).
    const first = await employer(t, ev.employerPath(ev.vask), bid);
    const second = await employer(t, ev.employerPath(ev.vask), bid);
    expect(second.form.text).toContain('name="version" value=""');
    await first.agent.post(path).type("form").send(feedbackBody(first.csrf)).expect(303);
    const res = await second.agent
      .post(path)
      .type("form")
      .send(feedbackBody(second.csrf, { decision: "no-offer", message: "Vi har ikke plass nå." }))
      .expect(409);
    expect(res.text).toContain("Noen andre har lagret tilbakemelding på dette intervjuet mens du skrev.");
    // What the first phone saved is shown, and the second phone's text stays in the form.
    expect(res.text).toContain("Dette er lagret nå");
    expect(res.text).toContain("Godt intervju! Øv på å fortelle om deg selv.");
    expect(res.text).toContain("Tilbud om arbeidstrening/arbeidspraksis");
    expect(res.text).toContain("Vi har ikke plass nå.</textarea>");
    expect(res.text).toContain('name="version" value="1"');
    expect(one(t, "SELECT message, version FROM feedback")).toEqual({
      message: "Godt intervju! Øv på å fortelle om deg selv.",
      version: 1,
    });
    expect(rows(t, "SELECT type FROM offer")).toEqual([{ type: "arbeidstrening" }]);
    // Saving the re-rendered form again is a deliberate overwrite.
    await second.agent
      .post(path)
      .type("form")
      .send(
        feedbackBody(second.csrf, { version: "1", decision: "no-offer", message: "Vi har ikke plass nå." }),
      )
      .expect(303);
    expect(one(t, "SELECT message, decision, version FROM feedback")).toEqual({
      message: "Vi har ikke plass nå.",
      decision: "no-offer",
      version: 2,
    });
    expect(rows(t, "SELECT id FROM offer")).toEqual([]);
  });
});

describe("the veileder reads the feedback and records the answers", () => {
  async function withTwoOffers() {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const service = outcomesService(t.db, t.clock, { booking: t.booking });
    const form = (decision: string) => ({
      assessment: "aktuell" as const,
      handshake: "good" as const,
      language: "good" as const,
      eyeContact: "needs-work" as const,
      employerNotes: ["Positiv"],
      candidateNotes: [],
      message: "Velkommen til oss!",
      secondInterviewOn: undefined,
      decision: decision as "offer:arbeidstrening",
      decideBy: undefined,
      version: undefined,
    });
    service.saveFeedback(ev.vask, ev.bookingOf(ev.ola.candidateId, ev.vask), form("offer:arbeidstrening"));
    service.saveFeedback(ev.syk, ev.bookingOf(ev.ola.candidateId, ev.syk), form("offer:lonnstilskudd"));
    const offers = rows<{ id: number; type: string }>(t, "SELECT id, type FROM offer ORDER BY id");
    const manage = ev.managePath(ev.ola.caseworkerId);
    const agent = request.agent(t.app);
    const page = await agent.get(manage).expect(200);
    // After the event the manage page itself is read-only; the candidate's page carries the answer forms.
    const candidatePage = await agent
      .get(`${manage}/candidates/${ev.ola.candidateId}/oppfolging`)
      .expect(200);
    return { t, ev, service, offers, manage, agent, page, csrf: csrfFrom(candidatePage.text) };
  }

  it("shows each employer's feedback on the manage page and the candidate's page", async () => {
    const { ev, manage, agent, page } = await withTwoOffers();
    expect(page.text).toContain("Etter arrangementet");
    expect(page.text).toContain(
      "Vaskebedrift AS, kantine: Aktuell, tilbud om arbeidstrening/arbeidspraksis (ikke svart ennå); Sykehuset, med.avd.: Aktuell, tilbud om lønnstilskudd (ikke svart ennå)",
    );
    expect(page.text).toContain(
      "Kari Berg Hansen</strong>: Vaskebedrift AS, kantine: ingen tilbakemelding ennå",
    );
    const cand = await agent.get(`${manage}/candidates/${ev.ola.candidateId}/oppfolging`).expect(200);
    expect(cand.text).toContain("Positiv");
    expect(cand.text).toContain("Velkommen til oss!");
    expect(cand.text).toContain('<dt class="aksel-label">Øyekontakt</dt><dd>Kan bli bedre</dd>');
    expect(cand.text).toContain("Arbeidstrening/arbeidspraksis hos Vaskebedrift AS, kantine");
    expect(cand.text).toContain("Lønnstilskudd hos Sykehuset, med.avd.");
  });

  it("records the answer to each of two offers from one evening", async () => {
    const { t, ev, offers, manage, agent, csrf } = await withTwoOffers();
    const base = `${manage}/candidates/${ev.ola.candidateId}`;
    await agent
      .post(`${base}/offers/${offers[0].id}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "accepted" })
      .expect(303);
    await agent
      .post(`${base}/offers/${offers[1].id}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "declined" })
      .expect(303);
    expect(
      rows(
        t,
        "SELECT type, answer, answered_on AS answeredOn, answered_by AS answeredBy FROM offer ORDER BY id",
      ),
    ).toEqual([
      {
        type: "arbeidstrening",
        answer: "accepted",
        answeredOn: "2026-12-10",
        answeredBy: `caseworker:${ev.ola.caseworkerId}`,
      },
      {
        type: "lonnstilskudd",
        answer: "declined",
        answeredOn: "2026-12-10",
        answeredBy: `caseworker:${ev.ola.caseworkerId}`,
      },
    ]);
    const page = await agent.get(manage).expect(200);
    expect(page.text).toContain("tilbud om arbeidstrening/arbeidspraksis (takket ja)");
  });

  it("refuses another veileder's candidate and a wrong manage link", async () => {
    const { t, ev, offers, csrf, agent } = await withTwoOffers();
    // The event is closed by now; a coordinator may still register a candidate on a veileder's behalf.
    const other = t.booking.register({ kind: "coordinator", id: "coordinator:1" }, ev.eventId, {
      caseworker: { name: "Per Veileder", email: "per@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Siv S.",
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [],
      waitlistParticipationIds: [],
      requestKey: "another-veileder-request-key",
      allowEmpty: true,
    });
    const perManage = ev.managePath(other.caseworkerId);
    await agent.get(`${perManage}/candidates/${ev.ola.candidateId}/oppfolging`).expect(404);
    await agent
      .post(`${perManage}/candidates/${ev.ola.candidateId}/offers/${offers[0].id}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "accepted" })
      .expect(404);
    await agent.get(`/v/1.${"x".repeat(43)}/candidates/${ev.ola.candidateId}/oppfolging`).expect(404);
    expect(rows(t, "SELECT answer FROM offer WHERE answer != 'pending'")).toEqual([]);
  });

  it("refuses the employer's withdrawal of an offer the candidate has accepted, with the reason", async () => {
    const { t, ev, offers, manage, agent, csrf } = await withTwoOffers();
    await agent
      .post(`${manage}/candidates/${ev.ola.candidateId}/offers/${offers[0].id}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "accepted" })
      .expect(303);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const emp = await employer(t, ev.employerPath(ev.vask), bid);
    const res = await emp.agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .type("form")
      .send(feedbackBody(emp.csrf, { decision: "no-offer" }))
      .expect(409);
    expect(res.text).toContain("Kandidaten har allerede takket ja til tilbudet");
    expect(res.text).toContain('href="#f-decision"');
    expect(rows(t, "SELECT type, answer FROM offer WHERE id = ?", offers[0].id)).toEqual([
      { type: "arbeidstrening", answer: "accepted" },
    ]);
  });
});

describe("an interview with feedback cannot be removed", () => {
  async function withFeedback() {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const bid = ev.bookingOf(ev.ola.candidateId, ev.vask);
    const emp = await employer(t, ev.employerPath(ev.vask), bid);
    await emp.agent
      .post(`${ev.employerPath(ev.vask)}/interviews/${bid}`)
      .type("form")
      .send(feedbackBody(emp.csrf))
      .expect(303);
    return { t, ev, bid };
  }
  const bookingExists = (t: ReturnType<typeof makeApp>, id: number) =>
    one<{ n: number }>(t, "SELECT count(*) AS n FROM booking WHERE id = ?", id).n === 1;

  it("refuses the coordinator's cancel and move with an explanation", async () => {
    const { t, ev, bid } = await withFeedback();
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post(`/events/${ev.eventId}/bookings/${bid}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(409);
    expect(res.text).toContain("Arbeidsgiveren har gitt tilbakemelding på dette intervjuet");
    const free = ev.slots(ev.vask)[3];
    await agent
      .post(`/events/${ev.eventId}/bookings/${bid}/move`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(free) })
      .expect(409);
    expect(bookingExists(t, bid)).toBe(true);
  });

  it("refuses the API's DELETE with the code booking-has-feedback", async () => {
    const { t, bid } = await withFeedback();
    const res = await request(t.app)
      .delete(`/api/v1/bookings/${bid}`)
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .expect(409);
    expect(res.body.code).toBe("booking-has-feedback");
    expect(res.body.detail).toContain("kan derfor ikke avbestilles eller flyttes");
    // Without a valid token the booking API answers as before.
    await request(t.app).delete(`/api/v1/bookings/${bid}`).expect(401);
    expect(bookingExists(t, bid)).toBe(true);
  });

  it("keeps the database's own guard when a caller skips the pages", async () => {
    const { t, bid } = await withFeedback();
    expect(() => t.db.prepare("DELETE FROM booking WHERE id = ?").run(bid)).toThrow("booking-has-feedback");
  });

  it("answers a 409 with the rule's code, never a 500, when a new caller's booking service has no policy", async () => {
    const { t, bid } = await withFeedback();
    // A booking service built without the after-event policy (a future caller): the schema's guard fires.
    const bare = bookingService(t.db, t.clock);
    let caught: unknown;
    try {
      bare.cancel({ kind: "coordinator", id: "coordinator:1" }, bid);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ status: 409, code: "booking-has-feedback" });
    expect(bookingExists(t, bid)).toBe(true);
  });

  it("still lets an interview without feedback be cancelled", async () => {
    const { t, ev } = await withFeedback();
    const { agent, csrf } = await signedInAgent(t);
    const kari = ev.bookingOf(ev.kari.candidateId, ev.vask);
    await agent
      .post(`/events/${ev.eventId}/bookings/${kari}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    expect(bookingExists(t, kari)).toBe(false);
  });
});
