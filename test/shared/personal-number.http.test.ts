// The one personal-number guard behind every kind of field: free text, the programme, e-mail and phone fields,
// through the forms and the JSON API. Each case asserts the refusal and that nothing was stored.
import request from "supertest";
import { describe, expect, it } from "vitest";
import {
  apiToken,
  bookingFormBody,
  csrfFrom,
  eventForm,
  makeApp,
  openEvent,
  seedRegion,
  signedInAgent,
} from "../helpers";

// A valid fødselsnummer made for the test (control digits match), written the ways people write it.
const NBSP = "\u00a0";
const SPELLINGS = {
  dotted: "01.01.90.12480",
  spaced: `010190${NBSP}${NBSP}12480`,
  fullWidth: "０１０１９０１２４８０",
  embedded: "4701019012480",
};
const MESSAGE = "ser ut til å inneholde et fødselsnummer eller D-nummer";
const count = (t: ReturnType<typeof makeApp>, sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

describe("the personal-number guard on every field", () => {
  it.each(Object.entries(SPELLINGS))(
    "refuses a number written %s in the event programme (form), storing nothing",
    async (_how, fnr) => {
      const t = makeApp();
      const { officeId } = seedRegion(t);
      const { agent, csrf } = await signedInAgent(t);
      const res = await agent
        .post("/events")
        .type("form")
        .send({ _csrf: csrf, ...eventForm(officeId, { programme: `15:00 Ring ${fnr}` }) })
        .expect(422);
      expect(res.text).toContain(`Programmet ${MESSAGE}`);
      expect(res.text).toContain('href="#f-programme"');
      expect(count(t, "SELECT count(*) AS n FROM event")).toBe(0);
    },
  );

  it("refuses a number in the programme through the API with the same message", async () => {
    const t = makeApp();
    const { officeId } = seedRegion(t);
    const res = await request(t.app)
      .post("/api/v1/events")
      .set({ Authorization: `Bearer ${apiToken(t)}` })
      .send({ ...eventForm(officeId), programme: [{ time: "15:00", label: `Ring ${SPELLINGS.dotted}` }] })
      .expect(422);
    expect(res.body.errors.programme).toContain(MESSAGE);
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(0);
  });

  it.each([
    ["contactPhone", SPELLINGS.spaced],
    ["contactEmail", `${SPELLINGS.fullWidth}@vask.no`],
    ["contactName", SPELLINGS.embedded],
  ])("refuses a number in the employer's %s, storing nothing", async (field, value) => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, regionId: String(regionId), name: "Vask AS", sector: "private", [field]: value })
      .expect(422);
    expect(res.text).toContain(MESSAGE);
    expect(res.text).toContain(`href="#f-${field}"`);
    expect(count(t, "SELECT count(*) AS n FROM employer")).toBe(0);
  });

  it("still accepts a phone number, an org number and an ordinary address for an employer", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post("/employers")
      .type("form")
      .send({
        _csrf: csrf,
        regionId: String(regionId),
        name: "Vask AS",
        sector: "private",
        orgNumber: "974 760 673",
        contactPhone: "+47 912 34 567",
        contactEmail: "per@vask.no",
      })
      .expect(303);
    expect(t.employers.list(regionId)[0]).toMatchObject({ contactPhone: "+47 912 34 567" });
  });

  it("refuses a number in the veileder's e-mail address on the booking form, storing nothing", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const body = bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]], {
      "caseworker.email": `${SPELLINGS.dotted}@nav.no`,
    });
    const agent = request.agent(t.app);
    const page = await agent.get(ev.bookingPath).expect(200);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ ...body, _csrf: csrfFrom(page.text) })
      .expect(422);
    expect(res.text).toContain(MESSAGE);
    expect(count(t, "SELECT count(*) AS n FROM caseworker")).toBe(0);
    expect(count(t, "SELECT count(*) AS n FROM booking")).toBe(0);
  });

  it("refuses a number in the candidate's name through the booking API", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const res = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set({ Authorization: `Bearer ${ev.bookingPath.split("/").pop()}` })
      .send({
        caseworker: { name: "Vera", email: "vera@nav.no", officeId: ev.officeId },
        candidate: { displayName: `Ola ${SPELLINGS.fullWidth}`, birthYear: 2001, eligibility: "annet" },
      })
      .expect(422);
    expect(res.body.errors["candidate.displayName"]).toContain(MESSAGE);
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(0);
  });

  it.each([
    ["recipients", `ola@nav.no\n${SPELLINGS.spaced}@nav.no`],
    ["contactEmail", `${SPELLINGS.dotted}@nav.no`],
    ["marketNews", `Ring ${SPELLINGS.embedded}`],
  ])("refuses a number in the digest's %s, storing nothing", async (field, value) => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/regions/${ev.regionId}/digest`).expect(200);
    const res = await agent
      .post(`/regions/${ev.regionId}/digest/settings`)
      .type("form")
      .send({
        _csrf: csrfFrom(page.text),
        recipients: "ola@nav.no",
        contactName: "Kari",
        contactEmail: "kari@nav.no",
        marketNews: "",
        weekday: "1",
        sendTime: "08:00",
        reminderDaysBefore: "2",
        reminderTime: "08:00",
        [field]: value,
      })
      .expect(422);
    expect(res.text).toContain(MESSAGE);
    expect(count(t, "SELECT count(*) AS n FROM digest_settings")).toBe(0);
  });
});
