// Owns the file permissions of DATA_DIR: the database, the server secret and the outbox's .eml files hold
// personal data or keys, so only the server's own user may read them (directories 0700, files 0600).
import fs from "node:fs";
import path from "node:path";

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Creates DATA_DIR if needed and tightens what is already there (a directory made before this existed, files
 * copied in by hand). Call once at start, before opening the database.
 */
export function secureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  tighten(dataDir);
}

function tighten(dir: string): void {
  fs.chmodSync(dir, DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) tighten(p);
    else if (entry.isFile()) fs.chmodSync(p, FILE_MODE);
  }
}
