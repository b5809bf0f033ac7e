// Command-line administration: invitation links for coordinators, API tokens, online backups.
// Usage: npm run admin -- create-coordinator --email a@nav.no --name "Kari"
//        npm run admin -- create-token NAME
//        npm run admin -- backup FILE
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { authService } from "./auth/auth.service";
import { loadConfig } from "./config";
import { openDatabase } from "./db/connection";
import { systemClock } from "./shared/time";

const USAGE = `Bruk:
  npm run admin -- create-coordinator --email EPOST --name NAVN
  npm run admin -- create-token NAVN
  npm run admin -- backup FIL`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" } },
  });
  const [command, arg] = positionals;
  const config = loadConfig();
  const db = openDatabase(path.join(config.dataDir, "ta-sjansen.db"));
  const auth = authService(db, systemClock);
  try {
    if (command === "create-coordinator") {
      if (!values.email || !values.name) {
        console.error(USAGE);
        return 2;
      }
      const link = auth.createSetupLink({
        email: values.email.trim().toLowerCase(),
        name: values.name.trim(),
      });
      console.log(`Send denne lenken til ${values.name}; den kan brukes én gang og varer i 24 timer:`);
      console.log(`${config.baseUrl}${link}`);
      return 0;
    }
    if (command === "backup") {
      if (!arg) {
        console.error(USAGE);
        return 2;
      }
      const target = path.resolve(arg);
      if (fs.existsSync(target)) {
        console.error(`${target} finnes allerede; velg et nytt filnavn.`);
        return 2;
      }
      // SQLite's online backup: a consistent copy while the server keeps reading and writing.
      await db.backup(target);
      const check = new Database(target, { readonly: true });
      const ok = check.pragma("integrity_check", { simple: true });
      check.close();
      if (ok !== "ok") {
        console.error(`Sikkerhetskopien ${target} feilet integritetskontrollen: ${ok}`);
        return 1;
      }
      console.log(`Sikkerhetskopi skrevet til ${target} (${fs.statSync(target).size} byte, integritet ok).`);
      return 0;
    }
    if (command === "create-token") {
      if (!arg) {
        console.error(USAGE);
        return 2;
      }
      const { token } = auth.createApiToken(arg, null);
      console.log(`API-token «${arg}» (vises bare nå; bruk som Authorization: Bearer …):`);
      console.log(token);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
