// Honest identity for veiledere (issue 11, point 3): what the booking link records is a claim until the
// address's owner opens the e-mailed manage link; addresses are limited to the region's staff domains.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { emailInStaffDomains, parseStaffDomains } from "../../server/booking/identity.rules";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, openEvent, signedInAgent } from "../helpers";

async function veileder(t: ReturnType<typeof makeApp>, bookingPath: string) {
  const agent = request.agent(t.app);
  const page = await agent.get(bookingPath).expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

const identities = (t: ReturnType<typeof makeApp>) =>
  t.db.prepare("SELECT identity FROM candidate ORDER BY id").pluck().all();
const auditActors = (t: ReturnType<typeof makeApp>) =>
  t.db.prepare("SELECT actor, action FROM audit_log ORDER BY id").all();

describe("a booking through the booking link is the typed address's claim until it is confirmed", () => {
  it("records an unconfirmed registration, says so to the coordinator, and confirms it when the e-mailed link is opened", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const v = await veileder(t, ev.bookingPath);
    await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: v.csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(200);
    const id = t.booking.caseworkerByEmail("vera@nav.no")?.id;
    expect(identities(t)).toEqual(["unconfirmed"]);
    expect(auditActors(t)).toEqual([{ actor: `caseworker:${id}:unconfirmed`, action: "booked" }]);

    const { agent } = await signedInAgent(t);
    const bookings = await agent.get(`/events/${ev.eventId}/bookings`).expect(200);
    expect(bookings.text).toContain("ikke bekreftet");
    const audit = await agent.get(`/events/${ev.eventId}/audit`).expect(200);
    expect(audit.text).toContain("Vera Veileder (oppgitt e-postadresse, ikke bekreftet)");

    // Vera opens the link from her e-mail.
    await request(t.app).get(managePathFor(t, "vera@nav.no")).expect(200);
    expect(identities(t)).toEqual(["confirmed"]);
    expect(auditActors(t)).toEqual([
      { actor: `caseworker:${id}:unconfirmed`, action: "booked" },
      { actor: `caseworker:${id}`, action: "identity-confirmed" },
    ]);
    const after = await agent.get(`/events/${ev.eventId}/bookings`).expect(200);
    expect(after.text).not.toContain("ikke bekreftet");
    const log = await agent.get(`/events/${ev.eventId}/audit`).expect(200);
    expect(log.text).toContain("Veilederen bekreftet e-postadressen");
  });

  it("records a registration from a browser that already holds that veileder's manage link as confirmed", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const v = await veileder(t, ev.bookingPath);
    await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: v.csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(200);
    await v.agent.get(managePathFor(t, "vera@nav.no")).expect(200);
    await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: v.csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[1])[0]], {
          "candidate.displayName": "Per P.",
        }),
      })
      .expect(303);
    expect(identities(t)).toEqual(["confirmed", "confirmed"]);
    const id = t.booking.caseworkerByEmail("vera@nav.no")?.id;
    expect(auditActors(t).at(-1)).toEqual({ actor: `caseworker:${id}`, action: "booked" });
  });

  it("records an unconfirmed registration through the booking API too", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set({ Authorization: `Bearer ${ev.bookingPath.split("/").pop()}` })
      .send({
        caseworker: { name: "Vera", email: "vera@nav.no", officeId: ev.officeId },
        candidate: { displayName: "Ola N.", birthYear: 2001, eligibility: "annet" },
        slotIds: [ev.slots(ev.participationIds[0])[0]],
      })
      .expect(201);
    expect(identities(t)).toEqual(["unconfirmed"]);
  });
});

describe("veileder addresses are limited to the region's staff domains", () => {
  it.each([
    ["vera@nav.no", ["nav.no"], true],
    ["Vera@NAV.no", ["nav.no"], true],
    ["vera@hamar.nav.no", ["nav.no"], true],
    ["vera@gmail.com", ["nav.no"], false],
    ["vera@nav.no.evil.example", ["nav.no"], false],
    ["vera@evilnav.no", ["nav.no"], false],
    ["vera@ringsaker.kommune.no", parseStaffDomains("nav.no, ringsaker.kommune.no"), true],
  ])("%s in %j: %s", (email, domains, ok) => {
    expect(emailInStaffDomains(email, domains)).toBe(ok);
  });

  it("defaults to nav.no and reads a list", () => {
    expect(parseStaffDomains("")).toEqual(["nav.no"]);
    expect(parseStaffDomains(" @NAV.no;ringsaker.kommune.no ")).toEqual(["nav.no", "ringsaker.kommune.no"]);
  });

  it("refuses another domain on the booking form and the API, storing nothing and mailing nobody", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const v = await veileder(t, ev.bookingPath);
    const res = await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: v.csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]], {
          "caseworker.email": "noen@example.com",
        }),
      })
      .expect(422);
    expect(res.text).toContain("Bruk jobbadressen din (som slutter på @nav.no)");
    expect(res.text).toContain('href="#f-caseworker-email"');
    const api = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set({ Authorization: `Bearer ${ev.bookingPath.split("/").pop()}` })
      .send({
        caseworker: { name: "Noen", email: "noen@example.com", officeId: ev.officeId },
        candidate: { displayName: "Ola N.", birthYear: 2001, eligibility: "annet" },
      })
      .expect(422);
    expect(api.body.errors["caseworker.email"]).toContain("@nav.no");
    expect(t.db.prepare("SELECT count(*) FROM caseworker").pluck().get()).toBe(0);
    expect(t.db.prepare("SELECT count(*) FROM candidate").pluck().get()).toBe(0);
    expect(t.db.prepare("SELECT count(*) FROM mail_outbox").pluck().get()).toBe(0);
  });

  it("takes the domains a coordinator sets on the region page", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await signedInAgent(t);
    const bad = await agent
      .post(`/regions/${ev.regionId}/staff-domains`)
      .type("form")
      .send({ _csrf: csrf, staffDomains: "nav.no, ikke et domene" })
      .expect(422);
    expect(bad.text).toContain(`href="#domains-${ev.regionId}-staffDomains"`);
    await agent
      .post(`/regions/${ev.regionId}/staff-domains`)
      .type("form")
      .send({ _csrf: csrf, staffDomains: "nav.no, Ringsaker.kommune.no" })
      .expect(303);
    expect(t.regions.staffDomains(ev.regionId)).toEqual(["nav.no", "ringsaker.kommune.no"]);
    expect((await agent.get("/regions").expect(200)).text).toContain('value="nav.no, ringsaker.kommune.no"');
    const v = await veileder(t, ev.bookingPath);
    await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: v.csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]], {
          "caseworker.email": "kari@ringsaker.kommune.no",
        }),
      })
      .expect(200);
    expect(t.booking.caseworkerByEmail("kari@ringsaker.kommune.no")).toBeDefined();
  });
});
