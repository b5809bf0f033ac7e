// Migration 014 rebuilds the booking table (group slots: no more UNIQUE(slot_id)). A database in use must come
// through with every booking, id, feedback reference, guard and AUTOINCREMENT high-water mark intact.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { listMigrations, migrate } from "../../server/db/migrate";

const now = "2026-11-27T09:00:00.000Z";
const at = (hhmm: string) => `2026-12-10T${hhmm}:00.000Z`;

/** A database migrated up to 013 with bookings, a cancelled one and feedback on one of them. */
function at013() {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-014-"));
  for (const m of listMigrations().filter((x) => x.version < 14))
    fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)));
  migrate(db, dir);
  expect(db.pragma("user_version", { simple: true })).toBe(13);
  db.exec(`
    INSERT INTO region (id, name, created_at) VALUES (1, 'Hedmarken', '${now}');
    INSERT INTO office (id, region_id, name) VALUES (1, 1, 'NAV Hamar');
    INSERT INTO event (id, region_id, office_id, title, date, interview_start, interview_end, slot_minutes,
      booking_deadline, status, created_at)
      VALUES (1, 1, 1, 'Ta sjansen', '2026-12-10', '15:30', '17:30', 30, '2026-12-09T11:00:00.000Z', 'open', '${now}');
    INSERT INTO employer (id, region_id, name, sector, created_at) VALUES
      (1, 1, 'Vaskebedrift AS', 'private', '${now}'), (2, 1, 'Sykehuset', 'public', '${now}');
    INSERT INTO participation (id, event_id, employer_id, created_at) VALUES (1, 1, 1, '${now}'), (2, 1, 2, '${now}');
    INSERT INTO slot (id, participation_id, starts_at, ends_at) VALUES
      (1, 1, '${at("14:30")}', '${at("15:00")}'), (2, 1, '${at("15:00")}', '${at("15:30")}'),
      (3, 2, '${at("14:30")}', '${at("15:00")}'), (4, 2, '${at("15:00")}', '${at("15:30")}');
    INSERT INTO caseworker (id, email, name, created_at) VALUES (1, 'vera@nav.no', 'Vera', '${now}');
    INSERT INTO candidate (id, event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number)
      VALUES (1, 1, 1, 'Ola N.', 1999, 'annet', '${now}', 1), (2, 1, 1, 'Kari H.', 1995, 'annet', '${now}', 2),
             (3, 1, 1, 'Per P.', 2001, 'annet', '${now}', 3);
  `);
  const book = db.prepare(
    `INSERT INTO booking (slot_id, participation_id, candidate_id, starts_at, ends_at, created_at, created_by,
     stage, calendar_uid, calendar_seq) VALUES (?, ?, ?, ?, ?, '${now}', 'caseworker:1', ?, ?, ?)`,
  );
  book.run(1, 1, 1, at("14:30"), at("15:00"), "finished", null, 0); // 1: Ola at Vaskebedrift, with feedback
  book.run(4, 2, 1, at("15:00"), at("15:30"), "scheduled", "booking-1-moved", 2); // 2: Ola at Sykehuset
  book.run(3, 2, 2, at("14:30"), at("15:00"), "scheduled", null, 0); // 3: Kari at Sykehuset
  book.run(2, 1, 3, at("15:00"), at("15:30"), "scheduled", null, 0); // 4: Per, cancelled below
  // Before 014 a slot takes one booking.
  expect(() => book.run(2, 1, 2, at("15:00"), at("15:30"), "scheduled", null, 0)).toThrow(/UNIQUE.*slot_id/);
  db.prepare("DELETE FROM booking WHERE id = 4").run();
  db.exec(`INSERT INTO feedback (id, booking_id, assessment, handshake, language, eye_contact, decision, created_at, updated_at)
    VALUES (7, 1, 'aktuell', 'good', 'good', 'not-assessed', 'offer', '${now}', '${now}')`);
  return db;
}

const bookings = (db: Database.Database) =>
  db
    .prepare(
      `SELECT id, slot_id, participation_id, candidate_id, starts_at, ends_at, version, created_at, created_by, stage,
       started_at, finished_at, calendar_uid, calendar_seq FROM booking ORDER BY id`,
    )
    .all();
const seq = (db: Database.Database, name: string) =>
  db.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?").pluck().get(name);
const names = (db: Database.Database, type: string, table: string) =>
  db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all(type, table);

describe("migration 014 (group slots rebuild booking)", () => {
  it("keeps every booking with its id, the feedback reference and the AUTOINCREMENT high-water mark", () => {
    const db = at013();
    const before = bookings(db);
    expect(before.map((b) => (b as { id: number }).id)).toEqual([1, 2, 3]);
    expect(seq(db, "booking")).toBe(4);

    migrate(db);

    expect(db.pragma("user_version", { simple: true })).toBe(listMigrations().at(-1)?.version);
    expect(bookings(db)).toEqual(before);
    expect(seq(db, "booking")).toBe(4);
    expect(seq(db, "booking_new")).toBeUndefined();
    expect(names(db, "table", "booking_new")).toEqual([]);
    expect(db.prepare("SELECT booking_id FROM feedback WHERE id = 7").pluck().get()).toBe(1);
    expect(
      db.prepare("SELECT count(*) FROM feedback f JOIN booking b ON b.id = f.booking_id").pluck().get(),
    ).toBe(1);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    // The migration switched foreign keys off while it ran, and on again after.
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("keeps every guard on booking and adds the slot's capacity", () => {
    const db = at013();
    const guardsBefore = names(db, "trigger", "booking");
    migrate(db);
    const guards = names(db, "trigger", "booking");
    for (const g of guardsBefore) expect(guards).toContain(g);
    expect(guards).toEqual(
      expect.arrayContaining([
        "booking_keeps_feedback",
        "booking_max_per_candidate",
        "booking_no_overlap",
        "booking_same_employer",
        "booking_slot_capacity",
        "booking_slot_capacity_on_move",
      ]),
    );
    expect(names(db, "index", "booking")).toEqual(
      expect.arrayContaining(["booking_by_candidate", "booking_by_slot"]),
    );

    const book = db.prepare(
      `INSERT INTO booking (slot_id, participation_id, candidate_id, starts_at, ends_at, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, '${now}', 'test')`,
    );
    // A one-to-one slot still takes one candidate; the per-candidate guards still hold.
    expect(() => book.run(3, 2, 3, at("14:30"), at("15:00"))).toThrow(/slot-taken/);
    expect(() => book.run(2, 1, 1, at("15:00"), at("15:30"))).toThrow(/UNIQUE|same-employer|time-overlap/);
    expect(() => db.prepare("DELETE FROM booking WHERE id = 1").run()).toThrow(/booking-has-feedback/);
    // A new booking never takes the cancelled booking's id.
    expect(Number(book.run(2, 1, 3, at("15:00"), at("15:30")).lastInsertRowid)).toBe(5);

    // A group of two: a second candidate fits in Kari's slot, a third does not; the group cannot shrink under it.
    db.prepare("UPDATE participation SET slot_capacity = 2 WHERE id = 2").run();
    expect(Number(book.run(3, 2, 3, at("14:30"), at("15:00")).lastInsertRowid)).toBe(6);
    expect(() => db.prepare("UPDATE participation SET slot_capacity = 1 WHERE id = 2").run()).toThrow(
      /slot-capacity-below-bookings/,
    );
    expect(db.pragma("foreign_key_check")).toEqual([]);
  });
});
