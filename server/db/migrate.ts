// Owns schema migrations: numbered .sql files, forward only, tracked with PRAGMA user_version.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export function listMigrations(dir = MIGRATIONS_DIR): { version: number; file: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.slice(0, 3)), file: path.join(dir, f) }))
    .sort((a, b) => a.version - b.version);
}

export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  let applied = current;
  for (const m of listMigrations(dir)) {
    if (m.version <= current) continue;
    const sql = fs.readFileSync(m.file, "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied = m.version;
  }
  return applied;
}
