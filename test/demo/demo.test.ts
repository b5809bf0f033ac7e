import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/connection";
import { seedFullDay } from "../../server/demo/full-day";
import { seedDemo } from "../../server/demo/seed";
import { eventsService } from "../../server/events/events.service";

describe("demo seed", () => {
  it("loads the example event with 0, 1, 1, 1 and 3 free slots (6 in all), once", () => {
    const db = openDatabase(":memory:");
    const { eventId, created } = seedDemo(db, "secret", "http://localhost:3000", "2018-04-05");
    expect(created).toBe(true);
    const events = eventsService(
      db,
      () => new Date("2018-04-05T06:00:00Z"),
      "secret",
      "http://localhost:3000",
    );
    const d = events.detail(eventId);
    expect(d.participations.map((p) => [p.employerName, p.freeSlots])).toEqual([
      ["Vaskebedrift AS", 0],
      ["Gjenbruksbedrift AS", 1],
      ["Sykehuset", 1],
      ["Overnattingsstedet AS", 1],
      ["Bamsebjørn barnehage", 3],
    ]);
    expect(d.freeSlots).toBe(6);
    expect(d.event.status).toBe("open");
    expect(seedDemo(db, "secret", "http://localhost:3000", "2018-04-05")).toEqual({
      eventId,
      created: false,
    });
  });

  it("can be dated on a DST-change day", () => {
    const db = openDatabase(":memory:");
    const { eventId } = seedDemo(db, "secret", "http://localhost:3000", "2027-03-28");
    const events = eventsService(
      db,
      () => new Date("2027-03-28T06:00:00Z"),
      "secret",
      "http://localhost:3000",
    );
    expect(events.detail(eventId).participations[0].slots[0].startsAt).toBe("2027-03-28T13:30:00.000Z");
  });
});

describe("full-size demo day", () => {
  it.each([
    [8, 20, 32],
    [12, 30, 48],
  ])("loads %i rooms with %i candidates and %i interviews, once", (rooms, candidates, interviews) => {
    const db = openDatabase(":memory:");
    const { eventId, created } = seedFullDay(db, "secret", "http://localhost:3000", "2026-12-10", { rooms });
    expect(created).toBe(true);
    const events = eventsService(
      db,
      () => new Date("2026-12-10T06:00:00Z"),
      "secret",
      "http://localhost:3000",
    );
    const d = events.detail(eventId);
    expect(d.participations).toHaveLength(rooms);
    expect(d.freeSlots).toBe(0);
    const count = (sql: string) => (db.prepare(sql).get(eventId) as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM candidate WHERE event_id = ?")).toBe(candidates);
    expect(
      count(
        "SELECT count(*) AS n FROM booking b JOIN candidate c ON c.id = b.candidate_id WHERE c.event_id = ?",
      ),
    ).toBe(interviews);
    expect(seedFullDay(db, "secret", "http://localhost:3000", "2026-12-10", { rooms })).toEqual({
      eventId,
      created: false,
    });
  });

  it("sits beside the small demo event on the same day", () => {
    const db = openDatabase(":memory:");
    const small = seedDemo(db, "secret", "http://localhost:3000", "2026-12-10");
    const full = seedFullDay(db, "secret", "http://localhost:3000", "2026-12-10");
    expect(full.created).toBe(true);
    expect(full.eventId).not.toBe(small.eventId);
  });
});
