// Owns opening SQLite with the pragmas every connection needs.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrate";

export type Db = Database.Database;

/** Opens (and migrates) a database; ":memory:" gives a fresh one for tests. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // Names and notes live here: the server's user only (SQLite gives the -wal and -shm files the same mode).
  if (file !== ":memory:") fs.chmodSync(file, 0o600);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // Concurrent writers (two server processes, the admin CLI) wait instead of failing at once.
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}
