import request from "supertest";
import { describe, expect, it } from "vitest";
import { findRoomClash, roomClashes } from "../../server/events/events.rules";
import {
  apiToken,
  makeApp,
  openEvent,
  participationForm,
  seedRegion,
  signedInAgent,
  standardEvent,
} from "../helpers";

const span = (from: string, to: string) => ({
  startsAt: `2026-12-10T${from}:00.000Z`,
  endsAt: `2026-12-10T${to}:00.000Z`,
});

describe("a samtalerom holds one employer at a time (rule)", () => {
  const other = { id: 9, roomId: 1, slots: [span("14:30", "15:00"), span("15:00", "15:30")] };
  it.each([
    ["same room, overlapping time", 1, [span("15:00", "15:30")], other],
    ["same room, touching only at the edge", 1, [span("15:30", "16:00")], null],
    ["another room at the same time", 2, [span("14:30", "15:00")], null],
    ["no room chosen", null, [span("14:30", "15:00")], null],
    [
      "same room, overlapping by a minute",
      1,
      [{ startsAt: "2026-12-10T15:29:00.000Z", endsAt: "2026-12-10T16:00:00.000Z" }],
      other,
    ],
  ])("%s", (_name, roomId, slots, expected) => {
    expect(findRoomClash(roomId, slots, [other])).toEqual(expected);
  });

  it("finds every pair sharing a room in older data", () => {
    const a = { id: 1, roomId: 5, slots: [span("14:30", "15:00")] };
    const b = { id: 2, roomId: 5, slots: [span("14:30", "15:00")] };
    const c = { id: 3, roomId: 6, slots: [span("14:30", "15:00")] };
    expect(roomClashes([a, b, c])).toEqual([[a, b]]);
  });
});

describe("a samtalerom holds one employer at a time (form, API, schema)", () => {
  it("refuses a second employer in the same room on the form, naming the first, and stores nothing", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await signedInAgent(t);
    const extra = t.employers.create({ ...plainEmployerFor(ev.regionId), name: "Gjenbruksbedrift AS" });
    const res = await agent
      .post(`/events/${ev.eventId}/participations`)
      .type("form")
      .send({ _csrf: csrf, ...participationForm(extra, { roomId: String(ev.roomIds[0]) }) })
      .expect(422);
    expect(res.text).toContain("Samtalerom 1 er allerede brukt av Vaskebedrift AS, kantine på samme tid");
    expect(t.events.detail(ev.eventId).participations).toHaveLength(3);
  });

  it("refuses moving an employer into a room that is taken, and keeps its room", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await signedInAgent(t);
    const p = t.events.participation(ev.participationIds[1]);
    const res = await agent
      .post(`/participations/${p.id}`)
      .type("form")
      .send({
        _csrf: csrf,
        ...participationForm(p.employerId, {
          department: p.department,
          minAge: "20",
          roomId: String(ev.roomIds[2]),
        }),
      })
      .expect(422);
    expect(res.text).toContain("Samtalerom 3 er allerede brukt av Bamsebjørn barnehage på samme tid");
    expect(t.events.participation(p.id).roomId).toBe(ev.roomIds[1]);
  });

  it("answers the API with 409 room-taken and the other employer's name", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const extra = t.employers.create({ ...plainEmployerFor(ev.regionId), name: "Gjenbruksbedrift AS" });
    const res = await request(t.app)
      .post(`/api/v1/events/${ev.eventId}/participations`)
      .set({ Authorization: `Bearer ${apiToken(t)}` })
      .send({ employerId: extra, roomId: ev.roomIds[2], offerTypes: ["arbeidstrening"] })
      .expect(409);
    expect(res.body).toMatchObject({ code: "room-taken" });
    expect(res.body.detail).toContain("Bamsebjørn barnehage");
    expect(t.events.detail(ev.eventId).participations).toHaveLength(3);
  });

  it("refuses a shared room in the database even if the rule is bypassed", () => {
    const t = makeApp();
    const ev = openEvent(t);
    const [a, b] = ev.participationIds;
    expect(() =>
      t.db.prepare("UPDATE participation SET room_id = ? WHERE id = ?").run(ev.roomIds[0], b),
    ).toThrow(/room-taken/);
    const slot = t.events.participation(a).slots[0];
    t.db.prepare("UPDATE participation SET room_id = NULL WHERE id = ?").run(b);
    t.db.prepare("DELETE FROM slot WHERE participation_id = ?").run(b);
    t.db.exec("DROP TRIGGER participation_room_free");
    t.db.prepare("UPDATE participation SET room_id = ? WHERE id = ?").run(ev.roomIds[0], b);
    expect(() =>
      t.db
        .prepare("INSERT INTO slot (participation_id, starts_at, ends_at) VALUES (?, ?, ?)")
        .run(b, slot.startsAt, slot.endsAt),
    ).toThrow(/room-taken/);
  });

  it("shows a clash from older data on the event page and will not open booking until it is resolved", async () => {
    const t = makeApp();
    const seed = seedRegion(t);
    const eventId = t.events.create(standardEvent(seed.officeId, "2026-12-10"));
    const add = (employerId: number, roomId: number) =>
      t.events.addParticipation(eventId, {
        employerId,
        department: "",
        tasks: "",
        training: "",
        prerequisites: "",
        minAge: undefined,
        restrictions: "",
        offerTypes: ["arbeidstrening"],
        interviewCount: 4,
        roomId,
      });
    add(seed.employerIds[0], seed.roomIds[0]);
    const second = add(seed.employerIds[1], seed.roomIds[1]);
    // Older data, written before the guard existed.
    t.db.exec("DROP TRIGGER participation_room_free");
    t.db.prepare("UPDATE participation SET room_id = ? WHERE id = ?").run(seed.roomIds[0], second);
    const { agent, csrf } = await signedInAgent(t);
    const page = await agent.get(`/events/${eventId}`).expect(200);
    expect(page.text).toContain("To virksomheter i samme samtalerom");
    expect(page.text).toContain("Vaskebedrift AS og Sykehuset har intervjuer på samme tid");
    const refused = await agent
      .post(`/events/${eventId}/status`)
      .type("form")
      .send({ _csrf: csrf, status: "open" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("kan ikke åpnes for booking");
    expect(t.events.get(eventId).status).toBe("draft");
  });
});

function plainEmployerFor(regionId: number) {
  return {
    regionId,
    name: "",
    orgNumber: undefined,
    sector: "private" as const,
    industry: "",
    size: "" as const,
    iaAgreement: false,
    contactName: "",
    contactPhone: "",
    contactEmail: "",
    navOwner: "",
  };
}
