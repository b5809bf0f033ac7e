// Command-line administration: invitation links for coordinators and API tokens.
// Usage: npm run admin -- create-coordinator --email a@nav.no --name "Kari"
//        npm run admin -- create-token NAME
import path from "node:path";
import { parseArgs } from "node:util";
import { authService } from "./auth/auth.service";
import { loadConfig } from "./config";
import { openDatabase } from "./db/connection";
import { systemClock } from "./shared/time";

const USAGE = `Bruk:
  npm run admin -- create-coordinator --email EPOST --name NAVN
  npm run admin -- create-token NAVN`;

function main(argv: string[]): number {
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

process.exitCode = main(process.argv.slice(2));
