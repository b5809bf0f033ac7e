import request from "supertest";
import { describe, expect, it } from "vitest";
import { outcomesService } from "../../server/outcomes/outcomes.service";
import { csrfFrom, makeApp, signedInAgent, standardEvent } from "../helpers";
import { book, eventWithInterviews, one, rows } from "./outcomes-helpers";

/** Ola has an accepted offer of arbeidstrening at Vaskebedrift; the veileder's agent is on the candidate page. */
async function acceptedOffer(opts: { accept?: boolean } = {}) {
  const t = makeApp();
  const ev = eventWithInterviews(t);
  const service = outcomesService(t.db, t.clock, { booking: t.booking });
  service.saveFeedback(ev.vask, ev.bookingOf(ev.ola.candidateId, ev.vask), {
    assessment: "aktuell",
    handshake: "good",
    language: "good",
    eyeContact: "good",
    employerNotes: [],
    candidateNotes: [],
    message: "",
    secondInterviewOn: undefined,
    decision: "offer:arbeidstrening",
    decideBy: undefined,
    version: undefined,
  });
  const offerId = one<{ id: number }>(t, "SELECT id FROM offer").id;
  const manage = ev.managePath(ev.ola.caseworkerId);
  const base = `${manage}/candidates/${ev.ola.candidateId}`;
  const agent = request.agent(t.app);
  const page = await agent.get(`${base}/oppfolging`).expect(200);
  const csrf = csrfFrom(page.text);
  if (opts.accept !== false) {
    await agent
      .post(`${base}/offers/${offerId}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "accepted" })
      .expect(303);
  }
  return { t, ev, service, offerId, manage, base, agent, csrf };
}

describe("the follow-up plan for an accepted offer", () => {
  it("is made only once the candidate has accepted", async () => {
    const { t, base, agent, csrf, offerId } = await acceptedOffer({ accept: false });
    const res = await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, startOn: "2027-01-10", place: "Vaskebedrift AS, Hamar" })
      .expect(409);
    expect(res.text).toContain("Oppfølgingsplanen lages når kandidaten har takket ja");
    expect(rows(t, "SELECT id FROM follow_up")).toEqual([]);
  });

  it("stores the oppstartsmøte and shows the due dates the rules give", async () => {
    const { t, base, agent, csrf, offerId, ev } = await acceptedOffer();
    await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, startOn: "2027-01-31", place: "Vaskebedrift AS, Hamar" })
      .expect(303);
    expect(one(t, "SELECT start_on AS startOn, place, created_by AS createdBy FROM follow_up")).toEqual({
      startOn: "2027-01-31",
      place: "Vaskebedrift AS, Hamar",
      createdBy: `caseworker:${ev.ola.caseworkerId}`,
    });
    const page = await agent.get(`${base}/oppfolging`).expect(200);
    expect(page.text).toContain("Oppstartsmøte 31. januar 2027, Vaskebedrift AS, Hamar.");
    expect(page.text).toMatch(/Første oppfølging<\/th>\s*<td[^>]*>28\. februar 2027<\/td>/);
    expect(page.text).toMatch(/Evaluering<\/th>\s*<td[^>]*>30\. april 2027<\/td>/);
  });

  it.each([
    [
      "a start before the event",
      { startOn: "2026-12-01", place: "Hamar" },
      "startOn",
      "kan ikke være før arrangementet",
    ],
    ["no place", { startOn: "2027-01-10", place: "" }, "place", "Fyll inn stedet for oppstartsmøtet"],
    ["no date", { startOn: "", place: "Hamar" }, "startOn", "Skriv datoen for oppstartsmøtet"],
  ])("refuses %s, linking the error to that offer's field", async (_name, body, field, message) => {
    const { t, base, agent, csrf, offerId } = await acceptedOffer();
    const res = await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, ...body })
      .expect(422);
    expect(res.text).toContain(`href="#f-${field}-${offerId}"`);
    expect(res.text).toContain(message);
    expect(rows(t, "SELECT id FROM follow_up")).toEqual([]);
  });

  it("lists overdue steps for the veileder and the coordinator until they are done", async () => {
    const { t, base, agent, csrf, offerId, manage } = await acceptedOffer();
    await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, startOn: "2027-01-10", place: "Hamar" })
      .expect(303);
    const planId = one<{ id: number }>(t, "SELECT id FROM follow_up").id;
    t.clock.set("2027-01-09T10:00:00Z");
    expect((await agent.get(manage).expect(200)).text).not.toContain("Oppfølging over fristen");

    // A month and two days after the start: the oppstartsmøte and the first follow-up are overdue.
    t.clock.set("2027-02-12T10:00:00Z");
    const page = await agent.get(manage).expect(200);
    expect(page.text).toContain("Oppfølging over fristen");
    expect(page.text).toContain(
      "Oppstartsmøte på arbeidsplassen hos Vaskebedrift AS, kantine, frist 10. januar 2027",
    );
    expect(page.text).toContain("Første oppfølging hos Vaskebedrift AS, kantine, frist 10. februar 2027");
    const coordinator = await signedInAgent(t);
    const list = await coordinator.agent.get("/follow-ups").expect(200);
    expect(list.text).toContain("Første oppfølging");
    expect(list.text).toContain("Vera Veileder (vera@nav.no)");
    expect(list.text).toContain(
      `href="/candidates/${(await one<{ id: number }>(t, "SELECT id FROM candidate WHERE display_name = 'Ola Nordmann'")).id}/oppfolging"`,
    );

    await agent
      .post(`${base}/follow-ups/${planId}/done`)
      .type("form")
      .send({ _csrf: csrf, step: "kickoff", doneOn: "2027-01-10" })
      .expect(303);
    await agent
      .post(`${base}/follow-ups/${planId}/done`)
      .type("form")
      .send({ _csrf: csrf, step: "first", doneOn: "2027-02-12" })
      .expect(303);
    expect(
      one(t, "SELECT kickoff_done_on AS k, first_done_on AS f, evaluation_done_on AS e FROM follow_up"),
    ).toEqual({
      k: "2027-01-10",
      f: "2027-02-12",
      e: null,
    });
    expect((await agent.get(manage).expect(200)).text).not.toContain("Oppfølging over fristen");
    expect((await coordinator.agent.get("/follow-ups").expect(200)).text).toContain(
      "Ingen oppfølging er over fristen",
    );
  });

  it("refuses a done date in the future", async () => {
    const { t, base, agent, csrf, offerId } = await acceptedOffer();
    await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, startOn: "2027-01-10", place: "Hamar" })
      .expect(303);
    const planId = one<{ id: number }>(t, "SELECT id FROM follow_up").id;
    const res = await agent
      .post(`${base}/follow-ups/${planId}/done`)
      .type("form")
      .send({ _csrf: csrf, step: "kickoff", doneOn: "2027-01-10" })
      .expect(422);
    expect(res.text).toContain(`href="#f-doneOn-${planId}-kickoff"`);
    expect(res.text).toContain("kan ikke være fram i tid");
  });

  it("keeps an accepted offer with a plan accepted, and a started plan in place, with the reasons", async () => {
    const { t, base, agent, csrf, offerId } = await acceptedOffer();
    await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, startOn: "2026-12-14", place: "Hamar" })
      .expect(303);
    const planId = one<{ id: number }>(t, "SELECT id FROM follow_up").id;
    const answer = await agent
      .post(`${base}/offers/${offerId}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "declined" })
      .expect(409);
    expect(answer.text).toContain("Tilbudet har en oppfølgingsplan. Slett planen først");
    expect(answer.text).toContain(`href="#f-offer-${offerId}"`);
    expect(one(t, "SELECT answer FROM offer")).toEqual({ answer: "accepted" });

    t.clock.set("2026-12-15T10:00:00Z");
    await agent
      .post(`${base}/follow-ups/${planId}/done`)
      .type("form")
      .send({ _csrf: csrf, step: "kickoff", doneOn: "2026-12-14" })
      .expect(303);
    const del = await agent
      .post(`${base}/follow-ups/${planId}/delete`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(409);
    expect(del.text).toContain("kan derfor ikke slettes");
    expect(rows(t, "SELECT id FROM follow_up")).toHaveLength(1);
  });

  it("deletes a plan nothing has happened in, and then the answer may change", async () => {
    const { t, base, agent, csrf, offerId } = await acceptedOffer();
    await agent
      .post(`${base}/offers/${offerId}/follow-up`)
      .type("form")
      .send({ _csrf: csrf, startOn: "2027-01-10", place: "Hamar" })
      .expect(303);
    const planId = one<{ id: number }>(t, "SELECT id FROM follow_up").id;
    await agent.post(`${base}/follow-ups/${planId}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    await agent
      .post(`${base}/offers/${offerId}/answer`)
      .type("form")
      .send({ _csrf: csrf, answer: "declined" })
      .expect(303);
    expect(rows(t, "SELECT id FROM follow_up")).toEqual([]);
    expect(one(t, "SELECT answer FROM offer")).toEqual({ answer: "declined" });
  });
});

describe("the status register", () => {
  it("adds dated snapshots per person and cohort, never overwriting, and refuses a date before the event", async () => {
    const { t, ev, base, agent, csrf } = await acceptedOffer();
    t.events.setStatus(ev.eventId, "held");
    t.clock.set("2028-01-15T10:00:00Z");
    const before = await agent
      .post(`${base}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "measure", asOf: "2026-12-01" })
      .expect(422);
    expect(before.text).toContain("Datoen er før personen deltok (10. desember 2026)");
    expect(before.text).toContain('href="#f-asOf"');
    const early = await agent
      .post(`${base}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "measure", asOf: "2027-06-01" })
      .expect(422);
    expect(early.text).toContain("tidligst 10. desember 2027");
    expect(rows(t, "SELECT id FROM status_snapshot")).toEqual([]);

    await agent
      .post(`${base}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "measure", asOf: "2027-12-10" })
      .expect(303);
    await agent
      .post(`${base}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "in-work", asOf: "2028-01-15" })
      .expect(303);
    const personId = one<{ p: number }>(
      t,
      "SELECT person_id AS p FROM candidate WHERE id = ?",
      ev.ola.candidateId,
    ).p;
    expect(
      rows(
        t,
        "SELECT person_id AS personId, cohort_year AS cohortYear, status, as_of AS asOf FROM status_snapshot ORDER BY id",
      ),
    ).toEqual([
      { personId, cohortYear: 2026, status: "measure", asOf: "2027-12-10" },
      { personId, cohortYear: 2026, status: "in-work", asOf: "2028-01-15" },
    ]);
    expect(() => t.db.prepare("UPDATE status_snapshot SET status = 'disabled'").run()).toThrow(
      "status-snapshot-is-history",
    );
    const page = await agent.get(`${base}/oppfolging`).expect(200);
    expect(page.text).toContain("15. januar 2028: I jobb, ikke lenger registrert hos NAV");
    expect(page.text).toContain("10. desember 2027: Registrert hos NAV, på tiltak");
  });

  it("lets the coordinator record status for a cohort from the register", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    t.events.setStatus(ev.eventId, "held");
    t.clock.set("2028-01-15T10:00:00Z");
    const { agent, csrf } = await signedInAgent(t);
    const reg = await agent.get(`/status?region=${ev.regionId}&year=2026`).expect(200);
    expect(reg.text).toContain("Kull 2026: 2 deltakere, 0 med registrert status.");
    const personId = one<{ p: number }>(
      t,
      "SELECT person_id AS p FROM candidate WHERE id = ?",
      ev.kari.candidateId,
    ).p;
    expect(reg.text).toContain(`href="/status/persons/${personId}">Kari Berg Hansen</a>`);
    const missing = await agent
      .post(`/status/persons/${personId}`)
      .type("form")
      .send({ _csrf: csrf, status: "", asOf: "2028-01-01" })
      .expect(422);
    expect(missing.text).toContain("Velg status");
    await agent
      .post(`/status/persons/${personId}`)
      .type("form")
      .send({ _csrf: csrf, status: "clarified", asOf: "2028-01-01" })
      .expect(303);
    expect(one(t, "SELECT status, recorded_by AS by FROM status_snapshot")).toEqual({
      status: "clarified",
      by: "coordinator:1",
    });
    const after = await agent.get(`/status?region=${ev.regionId}&year=2026`).expect(200);
    expect(after.text).toContain("Ferdig avklart (1. januar 2028)");
  });

  it("refuses a status for someone who has not taken part", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    t.dayof.apply(ev.eventId, "host", "action-no-show-2", {
      kind: "no-show",
      candidateId: ev.kari.candidateId,
      version: 0,
    });
    t.events.setStatus(ev.eventId, "held");
    t.clock.set("2028-01-15T10:00:00Z");
    const { agent, csrf } = await signedInAgent(t);
    const personId = one<{ p: number }>(
      t,
      "SELECT person_id AS p FROM candidate WHERE id = ?",
      ev.kari.candidateId,
    ).p;
    const res = await agent
      .post(`/status/persons/${personId}`)
      .type("form")
      .send({ _csrf: csrf, status: "clarified", asOf: "2028-01-01" })
      .expect(409);
    expect(res.text).toContain("har ikke deltatt på et gjennomført arrangement");
    expect(rows(t, "SELECT id FROM status_snapshot")).toEqual([]);
  });
});

describe("the same candidate to another event", () => {
  function secondEvent(t: ReturnType<typeof makeApp>, ev: ReturnType<typeof eventWithInterviews>) {
    const eventId = t.events.create(standardEvent(ev.officeId, "2027-02-04"));
    const pid = t.events.addParticipation(eventId, {
      employerId: ev.employerIds[2],
      department: "",
      tasks: "Barnehage",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: [],
      interviewCount: 4,
      roomId: undefined,
    });
    t.events.setStatus(eventId, "open");
    return { eventId, slots: t.events.participation(pid).slots.map((s) => s.id) };
  }

  it("creates a new candidate row for the same person from the manage page, booked in the chosen slot", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const second = secondEvent(t, ev);
    const manage = ev.managePath(ev.ola.caseworkerId);
    const agent = request.agent(t.app);
    const page = await agent.get(manage).expect(200);
    expect(page.text).toContain("Meld på samme kandidat til et annet arrangement: Ola Nordmann");
    expect(page.text).toContain("Ta sjansen 4. februar 2027 – Bamsebjørn barnehage kl. 15:30");
    const res = await agent
      .post(`${manage}/candidates/${ev.ola.candidateId}/enrol`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), slotId: String(second.slots[0]) })
      .expect(303);
    const copy = one<{
      id: number;
      personId: number;
      displayName: string;
      birthYear: number;
      caseworkerId: number;
      participantNumber: number;
    }>(
      t,
      `SELECT id, person_id AS personId, display_name AS displayName, birth_year AS birthYear, caseworker_id AS caseworkerId,
       participant_number AS participantNumber FROM candidate WHERE event_id = ?`,
      second.eventId,
    );
    expect(res.headers.location).toBe(`${manage}?booket=${copy.id}`);
    const original = one<{ personId: number }>(
      t,
      "SELECT person_id AS personId FROM candidate WHERE id = ?",
      ev.ola.candidateId,
    );
    expect(copy).toMatchObject({
      personId: original.personId,
      displayName: "Ola Nordmann",
      birthYear: 1999,
      caseworkerId: ev.ola.caseworkerId,
      participantNumber: 1,
    });
    expect(rows(t, "SELECT slot_id AS slotId FROM booking WHERE candidate_id = ?", copy.id)).toEqual([
      { slotId: second.slots[0] },
    ]);
    expect(
      rows(t, "SELECT action, candidate_id AS c FROM audit_log WHERE event_id = ?", second.eventId),
    ).toEqual([{ action: "booked", c: copy.id }]);
    // The new event is no longer offered for that person.
    const again = await agent.get(`${manage}/candidates/${copy.id}/oppfolging`).expect(200);
    expect(again.text).not.toContain("4. februar 2027 – Bamsebjørn");
  });

  it("refuses the same event twice and a slot that is taken, with the reason on the slot field", async () => {
    const t = makeApp();
    const ev = eventWithInterviews(t);
    const second = secondEvent(t, ev);
    book(t, { ...ev, eventId: second.eventId }, [second.slots[0]], { displayName: "Siv S." });
    const manage = ev.managePath(ev.ola.caseworkerId);
    const agent = request.agent(t.app);
    const page = await agent.get(`${manage}/candidates/${ev.ola.candidateId}/oppfolging`).expect(200);
    const csrf = csrfFrom(page.text);
    const taken = await agent
      .post(`${manage}/candidates/${ev.ola.candidateId}/enrol`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(second.slots[0]) })
      .expect(409);
    expect(taken.text).toContain('href="#f-slotId"');
    const own = await agent
      .post(`${manage}/candidates/${ev.ola.candidateId}/enrol`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(ev.slots(ev.vask)[3]) })
      .expect(409);
    expect(own.text).toContain("Kandidaten er allerede meldt på dette arrangementet.");
    expect(rows(t, "SELECT id FROM candidate WHERE display_name = 'Ola Nordmann'")).toHaveLength(1);
  });
});
