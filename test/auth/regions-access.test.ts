// Coordinators reach only their regions (pages, API, CSV, statistics); admins reach all; API tokens carry a scope
// and an expiry; deactivation ends sessions and tokens.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { apiToken, csrfFrom, makeApp, openEvent, otherRegion, signedInAgent } from "../helpers";

const count = (t: ReturnType<typeof makeApp>, sql: string, ...args: unknown[]) =>
  (t.db.prepare(sql).get(...args) as { n: number }).n;

/** An admin (the first account) and a coordinator who reaches only Hedmarken, with an event in each region. */
async function twoRegions() {
  const t = makeApp();
  const admin = await signedInAgent(t);
  const hed = openEvent(t);
  const gjo = otherRegion(t);
  const kari = await signedInAgent(t, "kari@nav.no", { regions: [hed.regionId] });
  return { t, admin, kari, hed, gjo };
}

describe("coordinators in their regions", () => {
  it("makes the first account an admin and later accounts reach no region until one is assigned", async () => {
    const t = makeApp();
    const first = await signedInAgent(t);
    const hed = openEvent(t);
    const second = await signedInAgent(t, "ny@nav.no");
    expect(t.auth.coordinator(first.coordinatorId)?.isAdmin).toBe(true);
    expect(t.auth.coordinator(second.coordinatorId)?.isAdmin).toBe(false);
    expect((await first.agent.get("/events").expect(200)).text).toContain(`/events/${hed.eventId}"`);
    expect((await second.agent.get("/events").expect(200)).text).not.toContain(`/events/${hed.eventId}"`);
    await second.agent.get(`/events/${hed.eventId}`).expect(403);
    t.auth.assignRegion(second.coordinatorId, hed.regionId);
    await second.agent.get(`/events/${hed.eventId}`).expect(200);
  });

  it("lists only the coordinator's own events, employers and regions", async () => {
    const { kari, hed, gjo } = await twoRegions();
    const events = (await kari.agent.get("/events").expect(200)).text;
    expect(events).toContain(`/events/${hed.eventId}"`);
    expect(events).not.toContain(`/events/${gjo.eventId}"`);
    const employers = (await kari.agent.get("/employers").expect(200)).text;
    expect(employers).toContain("Vaskebedrift AS");
    expect(employers).not.toContain("Gjøvik Verksted AS");
    const regions = (await kari.agent.get("/regions").expect(200)).text;
    expect(regions).toContain("Hedmarken");
    expect(regions).not.toContain("Gjøvik");
    const newEvent = (await kari.agent.get("/events/new").expect(200)).text;
    expect(newEvent).not.toContain("NAV Gjøvik");
  });

  it("refuses another region's event, employer, office and digest, and changes nothing there", async () => {
    const { t, kari, gjo } = await twoRegions();
    await kari.agent.get(`/events/${gjo.eventId}`).expect(403);
    await kari.agent.get(`/events/${gjo.eventId}/bookings`).expect(403);
    await kari.agent.get(`/employers/${gjo.employerId}/edit`).expect(403);
    await kari.agent.get(`/regions/${gjo.regionId}/digest`).expect(403);
    await kari.agent
      .post(`/events/${gjo.eventId}/status`)
      .type("form")
      .send({ _csrf: kari.csrf, status: "open" })
      .expect(403);
    expect(t.events.get(gjo.eventId).status).toBe("draft");
    await kari.agent
      .post(`/regions/offices/${gjo.officeId}/rooms`)
      .type("form")
      .send({ _csrf: kari.csrf, name: "Rom X" })
      .expect(403);
    expect(count(t, "SELECT count(*) AS n FROM room WHERE office_id = ?", gjo.officeId)).toBe(0);
  });

  it("refuses to create an employer or an event in another region", async () => {
    const { t, kari, gjo } = await twoRegions();
    await kari.agent
      .post("/employers")
      .type("form")
      .send({ _csrf: kari.csrf, regionId: String(gjo.regionId), name: "Snik AS", sector: "private" })
      .expect(403);
    expect(count(t, "SELECT count(*) AS n FROM employer WHERE name = 'Snik AS'")).toBe(0);
    await kari.agent
      .post("/events")
      .type("form")
      .send({
        _csrf: kari.csrf,
        officeId: String(gjo.officeId),
        title: "Snik",
        date: "2026-12-20",
        interviewStart: "15:30",
        interviewEnd: "17:30",
        slotMinutes: "30",
        gapMinutes: "0",
        maxInterviews: "2",
        bookingDeadline: "",
        programme: "",
      })
      .expect(403);
    expect(count(t, "SELECT count(*) AS n FROM event WHERE title = 'Snik'")).toBe(0);
  });

  it("gives a coordinator who creates a region access to it", async () => {
    const { t, kari } = await twoRegions();
    await kari.agent.post("/regions").type("form").send({ _csrf: kari.csrf, name: "Valdres" }).expect(303);
    const valdres = t.regions.repo.regionByName("Valdres");
    expect(t.auth.regionIds((await t.auth.coordinatorByEmail("kari@nav.no"))?.id ?? 0)).toContain(
      valdres?.id,
    );
    expect((await kari.agent.get("/regions").expect(200)).text).toContain("Valdres");
  });

  it("counts statistics and CSV only over the coordinator's regions and refuses another region's filter", async () => {
    const { kari, admin, hed, gjo } = await twoRegions();
    await kari.agent.get(`/stats?region=${gjo.regionId}`).expect(403);
    await kari.agent.get(`/stats/events.csv?region=${gjo.regionId}`).expect(403);
    await kari.agent.get(`/stats?region=${hed.regionId}`).expect(200);
    const page = (await kari.agent.get("/stats").expect(200)).text;
    expect(page).not.toContain("Gjøvik");
    const adminPage = (await admin.agent.get("/stats").expect(200)).text;
    expect(adminPage).toContain("Gjøvik");
    await kari.agent.get(`/status?region=${gjo.regionId}`).expect(200);
    expect((await kari.agent.get(`/status?region=${gjo.regionId}`)).text).not.toContain("Gjøvik");
  });
});

describe("API tokens with scope and expiry", () => {
  it("expire after 90 days by default", async () => {
    const t = makeApp();
    openEvent(t);
    const token = apiToken(t);
    await request(t.app).get("/api/v1/events").set("Authorization", `Bearer ${token}`).expect(200);
    t.clock.set("2027-02-25T09:00:01Z");
    const res = await request(t.app)
      .get("/api/v1/events")
      .set("Authorization", `Bearer ${token}`)
      .expect(403);
    expect(res.body.code).toBe("forbidden");
  });

  it("refuses every change with a read-only token and stores nothing", async () => {
    const t = makeApp();
    const hed = openEvent(t);
    const { token } = t.auth.createApiToken("rapport", null, { scope: "read" });
    const auth = { Authorization: `Bearer ${token}` };
    await request(t.app).get(`/api/v1/events/${hed.eventId}`).set(auth).expect(200);
    const before = count(t, "SELECT count(*) AS n FROM event");
    const res = await request(t.app)
      .post("/api/v1/events")
      .set(auth)
      .send({ officeId: hed.officeId, title: "X", date: "2026-12-20", interviewStart: "15:30" })
      .expect(403);
    expect(res.body.code).toBe("token-read-only");
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(before);
    const del = await request(t.app).delete("/api/v1/bookings/1").set(auth).expect(403);
    expect(del.body.code).toBe("token-read-only");
  });

  it("reaches only its region: lists, reads, statistics and the digest", async () => {
    const t = makeApp();
    const hed = openEvent(t);
    const gjo = otherRegion(t);
    const { token } = t.auth.createApiToken("hedmarken", null, { regionId: hed.regionId });
    const auth = { Authorization: `Bearer ${token}` };
    const list = await request(t.app).get("/api/v1/events").set(auth).expect(200);
    expect(list.body.map((e: { id: number }) => e.id)).toEqual([hed.eventId]);
    const regions = await request(t.app).get("/api/v1/regions").set(auth).expect(200);
    expect(regions.body.map((r: { id: number }) => r.id)).toEqual([hed.regionId]);
    await request(t.app).get(`/api/v1/events/${gjo.eventId}`).set(auth).expect(403);
    await request(t.app).get(`/api/v1/regions/${gjo.regionId}/digest`).set(auth).expect(403);
    await request(t.app).get(`/api/v1/stats/participation?regionId=${gjo.regionId}`).set(auth).expect(403);
    await request(t.app).get(`/api/v1/stats/participation?regionId=${hed.regionId}`).set(auth).expect(200);
  });

  it("never reaches further than its owner does today", async () => {
    const { t, kari, hed, gjo } = await twoRegions();
    const { token } = t.auth.createApiToken("kari", kari.coordinatorId);
    const auth = { Authorization: `Bearer ${token}` };
    await request(t.app).get(`/api/v1/events/${hed.eventId}`).set(auth).expect(200);
    await request(t.app).get(`/api/v1/events/${gjo.eventId}`).set(auth).expect(403);
    t.auth.unassignRegion(kari.coordinatorId, hed.regionId);
    await request(t.app).get(`/api/v1/events/${hed.eventId}`).set(auth).expect(403);
  });

  it("creates a scoped token from the page with the chosen region, scope and lifetime", async () => {
    const { t, kari, hed, gjo } = await twoRegions();
    await kari.agent
      .post("/account/tokens")
      .type("form")
      .send({ _csrf: kari.csrf, name: "snik", scope: "read", regionId: String(gjo.regionId), days: "10" })
      .expect(422);
    const res = await kari.agent
      .post("/account/tokens")
      .type("form")
      .send({ _csrf: kari.csrf, name: "rapport", scope: "read", regionId: String(hed.regionId), days: "10" })
      .expect(200);
    expect(res.text).toContain("ts_");
    const row = t.db
      .prepare(
        "SELECT scope, region_id AS regionId, expires_at AS expiresAt, coordinator_id AS owner FROM api_token",
      )
      .get() as { scope: string; regionId: number; expiresAt: string; owner: number };
    expect(row).toEqual({
      scope: "read",
      regionId: hed.regionId,
      expiresAt: "2026-12-07T09:00:00.000Z",
      owner: kari.coordinatorId,
    });
  });

  it("lets only the owner or an admin revoke a token", async () => {
    const t = makeApp();
    const admin = await signedInAgent(t);
    const hed = openEvent(t);
    const kari = await signedInAgent(t, "kari@nav.no", { regions: [hed.regionId] });
    const ola = await signedInAgent(t, "ola@nav.no", { regions: [hed.regionId] });
    const karis = t.auth.createApiToken("kari", kari.coordinatorId);
    const olas = t.auth.createApiToken("ola", ola.coordinatorId);
    expect((await ola.agent.get("/account/tokens").expect(200)).text).not.toContain(">kari<");
    await ola.agent
      .post(`/account/tokens/${karis.id}/revoke`)
      .type("form")
      .send({ _csrf: ola.csrf })
      .expect(403);
    expect(t.auth.apiTokenByValue(karis.token)).toBeDefined();
    await kari.agent
      .post(`/account/tokens/${karis.id}/revoke`)
      .type("form")
      .send({ _csrf: kari.csrf })
      .expect(303);
    expect(t.auth.apiTokenByValue(karis.token)).toBeUndefined();
    await admin.agent
      .post(`/account/tokens/${olas.id}/revoke`)
      .type("form")
      .send({ _csrf: admin.csrf })
      .expect(303);
    expect(t.auth.apiTokenByValue(olas.token)).toBeUndefined();
  });
});

describe("deactivating a coordinator", () => {
  it("ends their sessions and API tokens and refuses their sign-in", async () => {
    const { t, kari, hed } = await twoRegions();
    const { token } = t.auth.createApiToken("kari", kari.coordinatorId);
    const result = t.auth.deactivate(kari.coordinatorId);
    expect(result).toEqual({ sessions: 1, tokens: 1 });
    const res = await kari.agent.get(`/events/${hed.eventId}`).expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
    await request(t.app).get("/api/v1/events").set("Authorization", `Bearer ${token}`).expect(403);
    const agent = request.agent(t.app);
    const page = await agent.get("/login");
    await agent
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), email: "kari@nav.no", password: "et langt passord 123" })
      .expect(422);
    expect(count(t, "SELECT count(*) AS n FROM session WHERE coordinator_id = ?", kari.coordinatorId)).toBe(
      0,
    );
  });
});
