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
  // Rebuilding a table (SQLite cannot drop a constraint) means dropping the old one while others still point
  // at it; SQLite's own procedure is to switch foreign keys off for that and check them all before commit.
  // The pragma only takes effect outside a transaction, so it is set around the loop.
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma("foreign_keys = OFF");
  try {
    for (const m of listMigrations(dir)) {
      if (m.version <= current) continue;
      const sql = fs.readFileSync(m.file, "utf8");
      db.transaction(() => {
        db.exec(sql);
        const broken = db.pragma("foreign_key_check") as { table: string; parent: string }[];
        if (broken.length) {
          const first = broken[0];
          throw new Error(
            `Migration ${m.version} leaves ${broken.length} broken reference(s), e.g. ${first.table} → ${first.parent}`,
          );
        }
        db.pragma(`user_version = ${m.version}`);
      })();
      applied = m.version;
    }
  } finally {
    if (foreignKeys) db.pragma("foreign_keys = ON");
  }
  return applied;
}
