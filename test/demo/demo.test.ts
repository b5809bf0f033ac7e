import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/connection";
import { seedDemoFormats } from "../../server/demo/formats";
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

  it("has one event of each format: a held Speedintervju with decisions, and a Minijobbmesse with its day", () => {
    const db = openDatabase(":memory:");
    const { eventId } = seedDemo(db, "secret", "http://localhost:3000", "2018-04-05");
    const formats = seedDemoFormats(db, "secret", "http://localhost:3000", "2018-04-05", {
      today: "2018-04-05",
    });
    expect(formats.created).toBe(true);
    expect(seedDemoFormats(db, "secret", "http://localhost:3000", "2018-04-05")).toEqual({
      ...formats,
      created: false,
    });
    const events = eventsService(
      db,
      () => new Date("2018-04-05T06:00:00Z"),
      "secret",
      "http://localhost:3000",
    );
    expect(
      [eventId, formats.speedintervju, formats.minijobbmesse].map((id) => events.get(id).format),
    ).toEqual(["ta-sjansen", "speedintervju", "minijobbmesse"]);

    // Speedintervju Springbrett, a week before: three panels of two named NAV staff (one interviewing two at a
    // time), twelve booked, one no-show, and the panels' decisions for the eleven who came.
    const speed = events.detail(formats.speedintervju);
    expect(speed.event).toMatchObject({
      title: "Speedintervju Springbrett",
      date: "2018-03-29",
      status: "held",
    });
    expect(speed.participations).toHaveLength(3);
    for (const p of speed.participations) {
      expect(p.employerName).toBe("Sykehuset Innlandet HF");
      expect(p.panel).toHaveLength(2);
      expect(p.panel.every((m) => m.name.includes(" ") && m.role)).toBe(true);
      expect(p.slots.reduce((n, s) => n + s.taken, 0)).toBe(4);
    }
    const group = speed.participations[2];
    expect(group.slotCapacity).toBe(2);
    expect(group.slots.map((s) => [s.taken, s.seats])).toEqual([
      [2, 2],
      [1, 2],
      [1, 2],
      [0, 2],
      [0, 2],
    ]);
    const n = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    expect(n("SELECT count(*) AS n FROM candidate WHERE event_id = ?", formats.speedintervju)).toBe(12);
    expect(
      db
        .prepare(
          `SELECT s.decision, count(*) AS n FROM selection s JOIN candidate c ON c.id = s.candidate_id
           WHERE c.event_id = ? GROUP BY s.decision ORDER BY s.decision`,
        )
        .all(formats.speedintervju),
    ).toEqual([
      { decision: "not-selected", n: 3 },
      { decision: "reserve", n: 2 },
      { decision: "selected", n: 6 },
    ]);
    // Recorded through the day-of and selection services: host actions, and the reserves ranked.
    const actions = (eventId: number) =>
      db
        .prepare(
          `SELECT kind, count(*) AS n FROM host_action
           WHERE event_id = ? AND actor = 'system:demo' GROUP BY kind ORDER BY kind`,
        )
        .all(eventId);
    expect(actions(formats.speedintervju)).toEqual([
      { kind: "arrive", n: 11 },
      { kind: "finish", n: 11 },
      { kind: "no-show", n: 1 },
      { kind: "start", n: 11 },
    ]);
    expect(
      db
        .prepare(
          `SELECT c.display_name AS name, s.reserve_rank AS rank, s.decided_by AS actor FROM selection s
           JOIN candidate c ON c.id = s.candidate_id WHERE s.decision = 'reserve' ORDER BY s.reserve_rank`,
        )
        .all(),
    ).toEqual([
      { name: "Jonas L.", rank: 1, actor: "system:demo" },
      { name: "Henrik T.", rank: 2, actor: "system:demo" },
    ]);
    expect(n("SELECT count(*) AS n FROM audit_log WHERE action = 'selection-recorded'")).toBe(11);
    expect(
      n(
        `SELECT count(*) AS n FROM booking b JOIN candidate c ON c.id = b.candidate_id
         WHERE c.event_id = ? AND b.stage = 'finished'`,
        formats.speedintervju,
      ),
    ).toBe(11);

    // Minijobbmesse on the day: a hotel, fisheries and a municipal care service presenting 20 minutes each, then
    // open rooms; 14 of 20 places taken, 10 checked in, visits in the rooms (two inside now), «vil møte igjen».
    const fair = events.detail(formats.minijobbmesse);
    expect(fair.event).toMatchObject({ date: "2018-04-05", capacity: 20, status: "open" });
    expect(fair.participations.map((p) => p.employerName)).toEqual([
      "Hotell Mjøsa",
      "Mjøsfisk AS",
      "Hamar kommune",
    ]);
    expect(fair.participations.every((p) => p.slots.length === 0 && p.roomId !== null)).toBe(true);
    expect(fair.freeSlots).toBe(6);
    const programme = db
      .prepare("SELECT label FROM programme_item WHERE event_id = ? ORDER BY time, id")
      .pluck()
      .all(formats.minijobbmesse) as string[];
    expect(programme.filter((l) => l.includes("presenterer seg"))).toHaveLength(3);
    expect(n("SELECT count(*) AS n FROM candidate WHERE event_id = ?", formats.minijobbmesse)).toBe(14);
    expect(
      n(
        "SELECT count(*) AS n FROM candidate WHERE event_id = ? AND arrived_at IS NOT NULL",
        formats.minijobbmesse,
      ),
    ).toBe(10);
    expect(n("SELECT count(*) AS n FROM room_visit WHERE event_id = ?", formats.minijobbmesse)).toBe(12);
    expect(
      n("SELECT count(*) AS n FROM room_visit WHERE event_id = ? AND left_at IS NULL", formats.minijobbmesse),
    ).toBe(2);
    expect(n("SELECT count(*) AS n FROM meet_again")).toBe(4);
    expect(actions(formats.minijobbmesse)).toEqual([
      { kind: "arrive", n: 10 },
      { kind: "enter", n: 12 },
      { kind: "leave", n: 10 },
    ]);
  });

  it("leaves a Minijobbmesse in the future without check-ins or visits", () => {
    const db = openDatabase(":memory:");
    seedDemo(db, "secret", "http://localhost:3000", "2027-05-03");
    const formats = seedDemoFormats(db, "secret", "http://localhost:3000", "2027-05-03", {
      today: "2027-04-01",
    });
    const n = (sql: string) => (db.prepare(sql).get(formats.minijobbmesse) as { n: number }).n;
    expect(n("SELECT count(*) AS n FROM candidate WHERE event_id = ?")).toBe(14);
    expect(n("SELECT count(*) AS n FROM candidate WHERE event_id = ? AND arrived_at IS NOT NULL")).toBe(0);
    expect(n("SELECT count(*) AS n FROM room_visit WHERE event_id = ?")).toBe(0);
    expect(n("SELECT count(*) AS n FROM host_action WHERE event_id = ?")).toBe(0);
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
