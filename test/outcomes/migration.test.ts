import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { listMigrations, migrate } from "../../server/db/migrate";

/** A database migrated up to (not including) 006, with two candidates on an event, then migrated to the end. */
function beforeAndAfter006() {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const m of listMigrations().filter((x) => x.version < 6))
    fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)));
  migrate(db, dir);
  const now = "2026-11-27T09:00:00.000Z";
  db.exec(`
    INSERT INTO region (id, name, created_at) VALUES (1, 'Hedmarken', '${now}');
    INSERT INTO office (id, region_id, name) VALUES (1, 1, 'NAV Hamar');
    INSERT INTO event (id, region_id, office_id, title, date, interview_start, interview_end, slot_minutes, booking_deadline, created_at)
      VALUES (1, 1, 1, 'Ta sjansen', '2026-12-10', '15:30', '17:30', 30, '2026-12-09T11:00:00.000Z', '${now}');
    INSERT INTO caseworker (id, email, name, created_at) VALUES (1, 'vera@nav.no', 'Vera', '${now}');
    INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number)
      VALUES (1, 1, 'Ola N.', 1999, 'annet', '${now}', 1), (1, 1, 'Kari H.', 1995, 'annet', '${now}', 2);
  `);
  migrate(db);
  return db;
}

describe("migration 006 (outcomes)", () => {
  it("backfills one person per existing candidate, in the event's region, with a random letter key", () => {
    const db = beforeAndAfter006();
    const rows = db
      .prepare(
        `SELECT c.id, p.region_id AS regionId, p.person_key AS personKey, p.source FROM candidate c
         JOIN person p ON p.id = c.person_id ORDER BY c.id`,
      )
      .all() as { id: number; regionId: number; personKey: string; source: string }[];
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.personKey)).size).toBe(2);
    for (const r of rows) {
      expect(r).toMatchObject({ regionId: 1, source: "tool" });
      // 128 random bits as 32 letters: never a run of digits that could look like a national ID number.
      expect(r.personKey).toMatch(/^[a-p]{32}$/);
    }
    expect(db.pragma("user_version", { simple: true })).toBe(listMigrations().at(-1)?.version);
  });

  it("gives every new candidate a person, and keeps the candidate's id as the insert's row id", () => {
    const db = beforeAndAfter006();
    const info = db
      .prepare(
        `INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number)
         VALUES (1, 1, 'Per P.', 2001, 'annet', '2026-11-28T09:00:00.000Z', 3)`,
      )
      .run();
    const c = db
      .prepare("SELECT id, person_id AS personId FROM candidate WHERE display_name = 'Per P.'")
      .get() as {
      id: number;
      personId: number;
    };
    expect(Number(info.lastInsertRowid)).toBe(c.id);
    expect(c.personId).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM person").pluck().get()).toBe(3);
  });

  it("refuses a person key with eleven digits in a row, and the same person twice on an event", () => {
    const db = beforeAndAfter006();
    expect(() =>
      db
        .prepare(
          "INSERT INTO person (region_id, person_key, source, created_at) VALUES (1, 'x01019012345', 'import', 'now')",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    const personId = db.prepare("SELECT person_id FROM candidate WHERE id = 1").pluck().get();
    expect(() =>
      db
        .prepare(
          `INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number, person_id)
           VALUES (1, 1, 'Ola N.', 1999, 'annet', 'now', 9, ?)`,
        )
        .run(personId),
    ).toThrow(/UNIQUE constraint failed/);
  });
});
