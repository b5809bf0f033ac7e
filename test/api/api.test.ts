import request from "supertest";
import { describe, expect, it } from "vitest";
import { apiToken, makeApp, seedRegion } from "../helpers";

const eventBody = (officeId: number) => ({
  officeId,
  date: "2026-12-10",
  interviewStart: "15:30",
  interviewEnd: "17:30",
  slotMinutes: 30,
  programme: [{ time: "15:00", label: "Arbeidsgiverne kommer" }],
});

describe("JSON API", () => {
  it("refuses calls without a token (401) and with a wrong one (403)", async () => {
    const t = makeApp();
    const none = await request(t.app).get("/api/v1/events").expect(401);
    expect(none.body.code).toBe("unauthenticated");
    const wrong = await request(t.app)
      .get("/api/v1/events")
      .set("Authorization", "Bearer ts_nope")
      .expect(403);
    expect(wrong.body.code).toBe("forbidden");
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses a revoked token", async () => {
    const t = makeApp();
    const { id, token } = t.auth.createApiToken("x", null);
    t.auth.revokeApiToken(id);
    await request(t.app).get("/api/v1/regions").set("Authorization", `Bearer ${token}`).expect(403);
  });

  it("lists regions with offices and rooms", async () => {
    const t = makeApp();
    seedRegion(t);
    const res = await request(t.app)
      .get("/api/v1/regions")
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .expect(200);
    expect(res.body[0]).toMatchObject({
      name: "Hedmarken",
      offices: [{ name: "NAV Hamar", rooms: [{}, {}, {}] }],
    });
  });

  it("creates an event and a participation, then reads slots, free counts and links", async () => {
    const t = makeApp();
    const { officeId, employerIds, roomIds } = seedRegion(t);
    const auth = { Authorization: `Bearer ${apiToken(t)}` };
    const created = await request(t.app)
      .post("/api/v1/events")
      .set(auth)
      .send(eventBody(officeId))
      .expect(201);
    expect(created.body).toMatchObject({ title: "Ta sjansen", status: "draft", freeSlots: 0 });
    const id = created.body.id;
    expect(t.events.get(id).date).toBe("2026-12-10");

    const p = await request(t.app)
      .post(`/api/v1/events/${id}/participations`)
      .set(auth)
      .send({
        employerId: employerIds[1],
        department: "med.avd.",
        minAge: 20,
        roomId: roomIds[0],
        offerTypes: ["arbeidstrening"],
      })
      .expect(201);
    expect(p.body).toMatchObject({
      employer: { name: "Sykehuset" },
      minAge: 20,
      freeSlots: 4,
      room: { name: "Samtalerom 1" },
    });

    const res = await request(t.app).get(`/api/v1/events/${id}`).set(auth).expect(200);
    expect(res.body.freeSlots).toBe(4);
    expect(res.body.participations[0].slots[0]).toEqual({
      id: expect.any(Number),
      start: "2026-12-10T14:30:00.000Z",
      end: "2026-12-10T15:00:00.000Z",
      status: "free",
      // One seat unless the employer takes group interviews.
      seats: 1,
      taken: 0,
    });
    expect(res.body.links.booking).toMatch(/^http:\/\/localhost:3000\/b\/\d+\.[\w-]{43}$/);
    expect(res.body.links.host).toMatch(/\/host\//);
    expect(res.body.links.board).toMatch(/\/board\//);

    const list = await request(t.app).get("/api/v1/events").set(auth).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ id, freeSlots: 4 })]);
  });

  it("answers 422 invalid-input with field errors and stores nothing", async () => {
    const t = makeApp();
    const { officeId } = seedRegion(t);
    const res = await request(t.app)
      .post("/api/v1/events")
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .send({ ...eventBody(officeId), date: "2020-01-01", interviewEnd: "15:00" })
      .expect(422);
    expect(res.body.code).toBe("invalid-input");
    expect(res.body.errors.interviewEnd).toBeDefined();
    expect(t.events.list()).toHaveLength(0);
  });

  it("answers 404 not-found for an unknown event", async () => {
    const t = makeApp();
    const res = await request(t.app)
      .get("/api/v1/events/999")
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .expect(404);
    expect(res.body.code).toBe("not-found");
  });

  it("serves an OpenAPI document generated from the schemas", async () => {
    const t = makeApp();
    const res = await request(t.app).get("/api/v1/openapi.json").expect(200);
    expect(res.body.openapi).toBe("3.1.0");
    const post = res.body.paths["/events"].post;
    expect(post.requestBody.content["application/json"].schema.properties.date).toBeDefined();
    expect(res.body.paths["/events/{id}"].get.responses["200"]).toBeDefined();
  });

  it("does not leak unknown errors", async () => {
    const t = makeApp();
    t.db.exec("DROP TABLE programme_item");
    const { officeId } = seedRegion(t);
    const res = await request(t.app)
      .post("/api/v1/events")
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .send(eventBody(officeId))
      .expect(500);
    expect(res.body).toMatchObject({ code: "internal-error" });
    expect(JSON.stringify(res.body)).not.toContain("programme_item");
    expect(t.logs.join("\n")).toContain("programme_item");
    expect(t.events.list()).toHaveLength(0);
  });
});
