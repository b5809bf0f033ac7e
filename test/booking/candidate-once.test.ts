import request from "supertest";
import { describe, expect, it } from "vitest";
import { nameKey } from "../../server/booking/booking.rules";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, openEvent } from "../helpers";

const count = (t: ReturnType<typeof makeApp>, sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

describe("the same person is one candidate (rule)", () => {
  it.each([
    ["Ola N.", "ola n."],
    ["  Ola   N. ", "Ola N."],
    ["ÅSE Ø.", "åse ø."],
    ["Ｏｌａ N.", "Ola N."], // full-width letters (NFKC)
  ])("%s and %s are the same name", (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ["Ola N.", "Ola M."],
    ["Ola N.", "Ole N."],
  ])("%s and %s are different names", (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe("the same person is one candidate (form and API)", () => {
  it("returns the existing candidate on the form instead of creating a second, and the interview limit holds", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const agent = request.agent(t.app);
    const page = await agent.get(ev.bookingPath).expect(200);
    const csrf = csrfFrom(page.text);
    const [a, b, c] = ev.participationIds.map((p) => ev.slots(p));
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [a[0], b[1]], { "candidate.birthYear": "2000" }) })
      .expect(200);
    // The same veileder, the same person written differently, a third slot.
    const again = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...bookingFormBody(ev.officeId, [c[2]], {
          "candidate.displayName": " åse-marie  ø. ",
          "candidate.birthYear": "2000",
        }),
      })
      .expect(409);
    expect(again.text).toContain("er allerede registrert av deg på dette arrangementet");
    expect(again.text).toContain("Mine bookinger");
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(1);
    expect(count(t, "SELECT count(*) AS n FROM booking")).toBe(2);
  });

  it("lets another veileder register a person with the same name and year (they are different people)", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get(ev.bookingPath).expect(200)).text);
    const slots = ev.slots(ev.participationIds[0]);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [slots[0]]) })
      .expect(200);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...bookingFormBody(ev.officeId, [slots[1]], { "caseworker.email": "petter@nav.no" }),
      })
      .expect(200);
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(2);
  });

  it("answers the API with 409 candidate-exists and the candidate's id", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const auth = { Authorization: `Bearer ${ev.bookingPath.split("/").pop()}` };
    const body = {
      caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: ev.officeId },
      candidate: { displayName: "Ola N.", birthYear: 2001, eligibility: "annet" },
    };
    const first = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set(auth)
      .send(body)
      .expect(201);
    const second = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set(auth)
      .send({ ...body, candidate: { ...body.candidate, displayName: "OLA N." } })
      .expect(409);
    expect(second.body).toMatchObject({ code: "candidate-exists", candidateId: first.body.candidateId });
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(1);
  });

  it("refuses a duplicate in the database even if the rule is bypassed", () => {
    const t = makeApp();
    const ev = openEvent(t);
    t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: "V", email: "v@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Ola N.",
        birthYear: 2001,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [],
      waitlistParticipationIds: [],
      requestKey: "candidate-once-0001",
      allowEmpty: true,
    });
    expect(() =>
      t.db
        .prepare(
          `INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at, name_key, participant_number)
           SELECT event_id, caseworker_id, display_name, birth_year, eligibility, created_at, name_key, 99 FROM candidate`,
        )
        .run(),
    ).toThrow(/candidate-exists/);
  });

  it("registers through the API without slots, mails the manage link, and the veileder books with it afterwards", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const auth = { Authorization: `Bearer ${ev.bookingPath.split("/").pop()}` };
    const reg = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set(auth)
      .send({
        caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: ev.officeId },
        candidate: { displayName: "Ola N.", birthYear: 2001, eligibility: "annet" },
      })
      .expect(201);
    const mail = t.db.prepare("SELECT to_addr AS toAddr, text_body AS text FROM mail_outbox").all() as {
      toAddr: string;
      text: string;
    }[];
    const managePath = managePathFor(t, "vera@nav.no");
    expect(mail).toHaveLength(1);
    expect(mail[0].toAddr).toBe("vera@nav.no");
    expect(mail[0].text).toContain(managePath);
    const manage = { Authorization: `Bearer ${managePath.split("/").pop()}` };
    await request(t.app)
      .post("/api/v1/bookings")
      .set(manage)
      .send({ candidateId: reg.body.candidateId, slotId: ev.slots(ev.participationIds[0])[0] })
      .expect(201);
    const doc = await request(t.app).get("/api/v1/openapi.json").expect(200);
    expect(doc.body.paths["/events/{id}/candidates"].post.description).toContain("POST /bookings");
  });

  it("does not offer «Book et intervju til» for a candidate who has the most interviews allowed", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get(ev.bookingPath).expect(200)).text);
    const [a, b] = ev.participationIds.map((p) => ev.slots(p));
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [a[0]]) })
      .expect(200);
    const manage = managePathFor(t, "vera@nav.no");
    const one = await agent.get(manage).expect(200);
    expect(one.text).toContain("Book et intervju til for Åse-Marie Ø.");
    const candidateId = (t.db.prepare("SELECT id FROM candidate").get() as { id: number }).id;
    t.booking.book({ kind: "caseworker", id: "caseworker:1" }, candidateId, b[1]);
    const two = await agent.get(manage).expect(200);
    expect(two.text).not.toContain("Book et intervju til for Åse-Marie Ø.");
  });
});
