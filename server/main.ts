// The only module that reads the environment and listens.
import http from "node:http";
import path from "node:path";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { openDatabase } from "./db/connection";
import { startMailAndScheduler } from "./mail";
import { attachRealtime } from "./realtime/socket";
import { secureDataDir } from "./shared/data-dir";
import { loadOrCreateSecret } from "./shared/tokens";

export function start(
  onReady?: (ctx: ReturnType<typeof createApp>, url: string) => void,
  announceSetup = true,
) {
  const config = loadConfig();
  // Every file the process creates from here (database, WAL, secret, .eml) is for its own user only.
  process.umask(0o077);
  secureDataDir(config.dataDir);
  const db = openDatabase(path.join(config.dataDir, "ta-sjansen.db"));
  const secret = loadOrCreateSecret(config.dataDir);
  const ctx = createApp({
    db,
    secret,
    baseUrl: config.baseUrl,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
  });
  const server = http.createServer(ctx.app);
  const realtime = attachRealtime(server, ctx.realtimeDeps);
  const stopMail = startMailAndScheduler(ctx, {
    dataDir: config.dataDir,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
  });
  server.listen(config.port, config.host, () => {
    console.log(`Ta sjansen kjører på ${config.baseUrl} (data i ${config.dataDir})`);
    if (announceSetup && !ctx.auth.hasCoordinators()) {
      const link = ctx.auth.createSetupLink();
      console.log(
        "\nIngen koordinator finnes ennå. Opprett den første kontoen her (lenken varer i 24 timer):",
      );
      console.log(`  ${config.baseUrl}${link}\n`);
    }
    onReady?.(ctx, config.baseUrl);
  });
  const stop = () => {
    realtime.close();
    // Let a send in progress finish, so the outbox marks it sent and a restart does not repeat it.
    void stopMail().finally(() => server.close(() => db.close()));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return { server, db, ctx };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("server/main.ts")) {
  try {
    start();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
