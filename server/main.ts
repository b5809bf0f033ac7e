// The only module that reads the environment and listens; it also stops the server gracefully.
import http from "node:http";
import path from "node:path";
import pino from "pino";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { openDatabase } from "./db/connection";
import { startMailWorker } from "./mail";
import { attachRealtime } from "./realtime/socket";
import { secureDataDir } from "./shared/data-dir";
import { startJobs } from "./shared/jobs";
import { createLogger } from "./shared/logger";
import { loadOrCreateSecret } from "./shared/tokens";

/** SIGTERM/SIGINT to exit: what a process manager (systemd, Kubernetes) waits before it kills. */
export const SHUTDOWN_MS = 10_000;

export function start(
  onReady?: (ctx: ReturnType<typeof createApp>, url: string) => void,
  announceSetup = true,
) {
  const config = loadConfig();
  // Every file the process creates from here (database, WAL, secret, .eml) is for its own user only.
  process.umask(0o077);
  secureDataDir(config.dataDir);
  // Asynchronous writes keep logging off the request path; flushed on shutdown.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const logger = createLogger({ level: config.logLevel, destination });
  const db = openDatabase(path.join(config.dataDir, "ta-sjansen.db"));
  const secret = loadOrCreateSecret(config.dataDir);
  const ctx = createApp({
    db,
    secret,
    baseUrl: config.baseUrl,
    secureCookies: config.secureCookies,
    retentionMonths: config.retentionMonths,
    logger,
    viewCache: !config.development,
    trustProxy: config.trustProxy,
    publicBookingLimits: config.publicBookingLimits,
  });
  const server = http.createServer(ctx.app);
  const realtime = attachRealtime(server, ctx.realtimeDeps);
  const mailLog = logger.child({ component: "mail" });
  const stopMail = startMailWorker(ctx, {
    dataDir: config.dataDir,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: (m) => mailLog.info(m),
  });
  const jobsLog = logger.child({ component: "jobs" });
  const stopJobs = startJobs(ctx.jobs, ctx.clock, { log: (m) => jobsLog.info(m) });
  server.listen(config.port, config.host, () => {
    logger.info(
      { baseUrl: config.baseUrl, dataDir: config.dataDir, viewCache: !config.development },
      `Ta sjansen kjører på ${config.baseUrl}`,
    );
    if (announceSetup && !ctx.auth.hasCoordinators()) {
      const link = ctx.auth.createSetupLink();
      // The one-time link is for the person starting the server, on the console, not in the log stream.
      console.log(
        "\nIngen koordinator finnes ennå. Opprett den første kontoen her (lenken varer i 24 timer):",
      );
      console.log(`  ${config.baseUrl}${link}\n`);
    }
    onReady?.(ctx, config.baseUrl);
  });

  let stopping: Promise<void> | undefined;
  /**
   * Stop accepting, let requests in flight finish, close the websockets (clients see a transport close
   * and reconnect to the next server), let a mail send in progress finish (so the outbox marks it sent
   * and a restart does not repeat it), then checkpoint and close the database.
   */
  function shutdown(signal: string): Promise<void> {
    stopping ??= (async () => {
      logger.info({ signal }, "stopping: no new connections, finishing requests in flight");
      const deadline = setTimeout(() => {
        logger.error("shutdown took longer than 10 s; closing what is left");
        server.closeAllConnections();
      }, SHUTDOWN_MS - 1000);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive connection becomes idle once its response is sent; close those as they appear.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      stopJobs();
      realtime.close();
      await Promise.all([closed, stopMail()]);
      clearInterval(idle);
      clearTimeout(deadline);
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
      logger.info("stopped");
      destination.flushSync();
    })();
    return stopping;
  }
  const onSignal = (signal: string) => {
    void shutdown(signal).then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "shutdown failed");
        destination.flushSync();
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { server, db, ctx, shutdown, logger };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("server/main.ts")) {
  try {
    start();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
