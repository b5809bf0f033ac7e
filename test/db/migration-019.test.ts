// Migration 019 rebuilds the candidate table with AUTOINCREMENT: a cancelled registration's id is never handed to
// the next one. A database in use must come through with every candidate, reference, guard and view intact.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { listMigrations, migrate } from "../../server/db/migrate";

const now = "2026-11-27T09:00:00.000Z";

function at018() {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-019-"));
  for (const m of listMigrations().filter((x) => x.version < 19))
    fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)));
  migrate(db, dir);
  expect(db.pragma("user_version", { simple: true })).toBe(18);
  db.exec(`
    INSERT INTO region (id, name, created_at) VALUES (1, 'Hedmarken', '${now}');
    INSERT INTO office (id, region_id, name) VALUES (1, 1, 'NAV Hamar');
    INSERT INTO event (id, region_id, office_id, title, date, interview_start, interview_end, slot_minutes,
      booking_deadline, status, created_at, format, capacity)
      VALUES (1, 1, 1, 'Minijobbmesse', '2026-12-10', '12:00', '14:00', 30, '2026-12-09T11:00:00.000Z', 'open',
      '${now}', 'minijobbmesse', 4);
    INSERT INTO caseworker (id, email, name, created_at) VALUES (1, 'vera@nav.no', 'Vera', '${now}');
    INSERT INTO candidate (id, event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number, name_key)
      VALUES (1, 1, 1, 'Ola N.', 1999, 'annet', '${now}', 1, 'olan.'), (2, 1, 1, 'Kari H.', 1995, 'annet', '${now}', 2, 'karih.'),
             (3, 1, 1, 'Erik E.', 2001, 'annet', '${now}', 3, 'erike.');
    INSERT INTO audit_log (event_id, at, actor, action, candidate_id) VALUES
      (1, '${now}', 'caseworker:1', 'registered', 3), (1, '${now}', 'coordinator:1', 'registration-cancelled', 3);
    INSERT INTO mail_outbox (idempotency_key, kind, to_addr, subject, text_body, next_attempt_at, created_at)
      VALUES ('confirmation:candidate:3:registration', 'confirmation', 'vera@nav.no', 'Påmeldt', 'Erik E.', '${now}', '${now}');
  `);
  // Erik's registration was cancelled: the highest id is gone, and plain rowids would hand 3 out again.
  db.prepare("DELETE FROM candidate WHERE id = 3").run();
  return db;
}

it("keeps every candidate and reference, never reuses a cancelled id, and keeps the guards and the mail scope", () => {
  const db = at018();
  const before = db.prepare("SELECT * FROM candidate ORDER BY id").all();
  migrate(db);
  expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(19);
  expect(db.prepare("SELECT * FROM candidate ORDER BY id").all()).toEqual(before);
  expect(db.pragma("foreign_key_check")).toEqual([]);
  expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  const insert = db.prepare(
    `INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number, name_key)
     VALUES (1, 1, ?, 2002, 'annet', '${now}', ?, ?)`,
  );
  const nora = Number(insert.run("Nora N.", 4, "noran.").lastInsertRowid);
  expect(nora).toBe(4);
  // The guards came along: the same person twice, and the Minijobbmesse's capacity (4 places).
  expect(() => insert.run("Nora N.", 5, "noran.")).toThrow(/candidate-exists/);
  insert.run("Per P.", 5, "perp.");
  expect(() => insert.run("Liv L.", 6, "livl.")).toThrow(/event-full/);
  // Each new candidate still gets a pseudonymous person.
  expect(db.prepare("SELECT person_id IS NOT NULL FROM candidate WHERE id = ?").pluck().get(nora)).toBe(1);
  // The cancelled registration's confirmation still belongs to its event and region (through the audit log).
  expect(
    db.prepare("SELECT event_id, region_id FROM mail_outbox_scope WHERE candidate_id = 3").get(),
  ).toEqual({ event_id: 1, region_id: 1 });
});
