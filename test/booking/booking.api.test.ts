import request from "supertest";
import { describe, expect, it } from "vitest";
import { apiToken, makeApp, managePathFor, openEvent } from "../helpers";

const registration = (officeId: number, slotIds: number[] = [], o: Record<string, unknown> = {}) => ({
  caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId },
  candidate: { displayName: "Ola N.", birthYear: 2001, eligibility: "sykmeldt-uten-arbeidsgiver" },
  slotIds,
  ...o,
});

function setup() {
  const t = makeApp();
  const ev = openEvent(t);
  const bookingToken = ev.bookingPath.split("/").pop() as string;
  return { t, ev, auth: { Authorization: `Bearer ${bookingToken}` } };
}

describe("booking API", () => {
  it("registers a candidate with slots (201) and never returns a manage token (it goes by e-mail)", async () => {
    const { t, ev, auth } = setup();
    const slot = ev.slots(ev.participationIds[0])[0];
    const res = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set(auth)
      .send(registration(ev.officeId, [slot]))
      .expect(201);
    expect(res.body.bookings).toEqual([
      expect.objectContaining({
        slotId: slot,
        employer: "Vaskebedrift AS",
        start: "2026-12-10T14:30:00.000Z",
      }),
    ]);
    expect(res.body.manageToken).toBeUndefined();
    expect(t.db.prepare("SELECT count(*) AS n FROM booking").get()).toEqual({ n: 1 });
  });

  it("books, lists and cancels with the manage token", async () => {
    const { t, ev, auth } = setup();
    const reg = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set(auth)
      .send(registration(ev.officeId))
      .expect(201);
    const manage = { Authorization: `Bearer ${managePathFor(t, "vera@nav.no").split("/").pop()}` };
    const slot = ev.slots(ev.participationIds[2])[1];
    const booked = await request(t.app)
      .post("/api/v1/bookings")
      .set(manage)
      .send({ candidateId: reg.body.candidateId, slotId: slot })
      .expect(201);
    const list = await request(t.app).get("/api/v1/bookings").set(manage).expect(200);
    expect(list.body.bookings).toHaveLength(1);
    await request(t.app).delete(`/api/v1/bookings/${booked.body.id}`).set(manage).expect(200);
    expect(t.db.prepare("SELECT count(*) AS n FROM booking").get()).toEqual({ n: 0 });
    expect(t.db.prepare("SELECT action FROM audit_log ORDER BY id").all()).toEqual([
      { action: "booked" },
      { action: "cancelled" },
    ]);
  });

  it.each([
    ["slot-taken", "slot-taken"],
    ["same-employer", "same-employer"],
    ["time-overlap", "time-overlap"],
    ["under-minimum-age", "under-minimum-age"],
    ["candidate-max-interviews", "candidate-max-interviews"],
    ["booking-closed", "booking-closed"],
  ])("answers 409 %s", async (_name, code) => {
    const { t, ev, auth } = setup();
    const [p0, p1, p2] = ev.participationIds;
    const s = (p: number, i: number) => ev.slots(p)[i];
    const reg = async (slots: number[], o: Record<string, unknown> = {}) =>
      request(t.app)
        .post(`/api/v1/events/${ev.eventId}/candidates`)
        .set(auth)
        .send(registration(ev.officeId, slots, o));
    if (code === "slot-taken") expect((await reg([s(p0, 0)])).status).toBe(201);
    if (code === "booking-closed") t.clock.set("2026-12-09T12:00:00Z");
    const picks: Record<string, number[]> = {
      "slot-taken": [s(p0, 0)],
      "same-employer": [s(p0, 0), s(p0, 1)],
      "time-overlap": [s(p0, 1), s(p2, 1)],
      "under-minimum-age": [s(p1, 0)],
      "candidate-max-interviews": [s(p0, 0), s(p1, 1), s(p2, 2)],
      "booking-closed": [s(p0, 0)],
    };
    const res = await reg(
      picks[code],
      code === "under-minimum-age"
        ? { candidate: { displayName: "Ung U.", birthYear: 2009, eligibility: "annet" } }
        : { caseworker: { name: "Per", email: "per@nav.no", officeId: ev.officeId } },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(code);
    expect(res.body.detail.length).toBeGreaterThan(10);
  });

  it("answers 422 invalid-input with field errors", async () => {
    const { t, ev, auth } = setup();
    const res = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set(auth)
      .send(
        registration(ev.officeId, [], {
          candidate: { displayName: "Per 010190 12480", birthYear: 1890, eligibility: "x" },
        }),
      )
      .expect(422);
    expect(res.body.code).toBe("invalid-input");
    expect(Object.keys(res.body.errors).sort()).toEqual([
      "candidate.birthYear",
      "candidate.displayName",
      "candidate.eligibility",
    ]);
  });

  it("answers 401 without a token and 403 with a wrong one or another event's", async () => {
    const { t, ev } = setup();
    await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .send(registration(ev.officeId))
      .expect(401);
    await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set("Authorization", "Bearer 1.nope")
      .send(registration(ev.officeId))
      .expect(403);
    t.events.rotateLink(ev.eventId, "booking");
    const old = ev.bookingPath.split("/").pop();
    await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set("Authorization", `Bearer ${old}`)
      .send(registration(ev.officeId))
      .expect(403);
    await request(t.app)
      .get("/api/v1/bookings")
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .expect(403);
  });

  it("documents the booking operations and their error codes in the OpenAPI", async () => {
    const { t } = setup();
    const doc = (await request(t.app).get("/api/v1/openapi.json")).body;
    expect(doc.paths["/events/{id}/candidates"].post.responses["409"].description).toContain("slot-taken");
    expect(doc.paths["/bookings/{id}"].delete).toBeDefined();
  });
});
