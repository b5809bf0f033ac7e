// Command-line administration: invitation links, coordinators' regions and accounts, API tokens, the retention
// purge and online backups. Usage (see USAGE below): npm run admin -- COMMAND [--options]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { authService } from "./auth/auth.service";
import { loadConfig } from "./config";
import { openDatabase } from "./db/connection";
import { regionsRepo } from "./regions/regions.repo";
import { retentionService } from "./retention/retention.service";
import { systemClock } from "./shared/time";

const USAGE = `Bruk:
  npm run admin -- create-coordinator --email EPOST --name NAVN
  npm run admin -- assign-region --email EPOST --region REGION-ID
  npm run admin -- unassign-region --email EPOST --region REGION-ID
  npm run admin -- grant-admin --email EPOST        (tilgang til alle regioner)
  npm run admin -- revoke-admin --email EPOST
  npm run admin -- deactivate --email EPOST         (avslutter økter og tilbakekaller API-tokener)
  npm run admin -- create-token NAVN [--scope read|read-write] [--region REGION-ID] [--days 90]
  npm run admin -- revoke-token TOKEN-ID
  npm run admin -- purge                            (sletter personopplysninger etter oppbevaringstiden)
  npm run admin -- backup FIL                       (sikkerhetskopi mens serveren kjører)`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      region: { type: "string" },
      scope: { type: "string" },
      days: { type: "string" },
    },
  });
  const [command, arg] = positionals;
  const config = loadConfig();
  const db = openDatabase(path.join(config.dataDir, "ta-sjansen.db"));
  const auth = authService(db, systemClock);
  const regions = regionsRepo(db);
  const fail = (msg: string) => {
    console.error(msg);
    return 2;
  };
  const coordinator = () => {
    const c = values.email ? auth.coordinatorByEmail(values.email.trim()) : undefined;
    if (!c) throw new UsageError(values.email ? `Fant ingen koordinator med e-post ${values.email}` : USAGE);
    return c;
  };
  const region = () => {
    const r = values.region ? regions.region(Number(values.region)) : undefined;
    if (!r) throw new UsageError(values.region ? `Fant ingen region med id ${values.region}` : USAGE);
    return r;
  };
  try {
    switch (command) {
      case "create-coordinator": {
        if (!values.email || !values.name) return fail(USAGE);
        const link = auth.createSetupLink({
          email: values.email.trim().toLowerCase(),
          name: values.name.trim(),
        });
        console.log(`Send denne lenken til ${values.name}; den kan brukes én gang og varer i 24 timer:`);
        console.log(`${config.baseUrl}${link}`);
        console.log("Gi kontoen en region etterpå: npm run admin -- assign-region --email … --region …");
        return 0;
      }
      case "assign-region": {
        const c = coordinator();
        const r = region();
        auth.assignRegion(c.id, r.id);
        console.log(`${c.email} har nå tilgang til ${r.name} (id ${r.id}).`);
        return 0;
      }
      case "unassign-region": {
        const c = coordinator();
        const r = region();
        auth.unassignRegion(c.id, r.id);
        console.log(`${c.email} har ikke lenger tilgang til ${r.name} (id ${r.id}).`);
        return 0;
      }
      case "grant-admin":
      case "revoke-admin": {
        const c = coordinator();
        auth.setAdmin(c.id, command === "grant-admin");
        console.log(
          command === "grant-admin"
            ? `${c.email} er administrator og når alle regioner.`
            : `${c.email} er ikke lenger administrator.`,
        );
        return 0;
      }
      case "deactivate": {
        const c = coordinator();
        const { sessions, tokens } = auth.deactivate(c.id);
        console.log(
          `${c.email} er deaktivert: ${sessions} økter avsluttet, ${tokens} API-tokener tilbakekalt.`,
        );
        return 0;
      }
      case "create-token": {
        if (!arg) return fail(USAGE);
        const scope = values.scope ?? "read-write";
        if (scope !== "read" && scope !== "read-write") return fail("--scope må være read eller read-write");
        const days = values.days === undefined ? undefined : Number(values.days);
        if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650))
          return fail("--days må være et helt tall fra 1 til 3650");
        const regionId = values.region === undefined ? null : region().id;
        const t = auth.createApiToken(arg, null, { scope, regionId, days });
        console.log(
          `API-token «${arg}» (${scope === "read" ? "bare lese" : "lese og endre"}, ${regionId === null ? "alle regioner" : `region ${regionId}`}, utløper ${t.expiresAt}; vises bare nå; bruk som Authorization: Bearer …):`,
        );
        console.log(t.token);
        return 0;
      }
      case "revoke-token": {
        const id = Number(arg);
        if (!Number.isInteger(id)) return fail(USAGE);
        console.log(
          auth.revokeApiToken(id, null) ? `Token ${id} er tilbakekalt.` : `Fant ikke aktivt token ${id}.`,
        );
        return 0;
      }
      case "backup": {
        if (!arg) return fail(USAGE);
        const target = path.resolve(arg);
        if (fs.existsSync(target)) return fail(`${target} finnes allerede; velg et nytt filnavn.`);
        // SQLite's online backup: a consistent copy while the server keeps reading and writing.
        await db.backup(target);
        const check = new Database(target, { readonly: true });
        const ok = check.pragma("integrity_check", { simple: true });
        check.close();
        if (ok !== "ok") {
          console.error(`Sikkerhetskopien ${target} feilet integritetskontrollen: ${ok}`);
          return 1;
        }
        console.log(
          `Sikkerhetskopi skrevet til ${target} (${fs.statSync(target).size} byte, integritet ok).`,
        );
        return 0;
      }
      case "purge": {
        const report = retentionService(db, {
          months: config.retentionMonths,
          log: (m) => console.log(m),
        }).purge(systemClock());
        return report ? 0 : 1;
      }
      default:
        return fail(USAGE);
    }
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message);
    throw err;
  } finally {
    db.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
