// `npm run bench`: time from a host action to its snapshot arriving on another client (100 actions).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { io as connect, type Socket } from "socket.io-client";
import { createApp } from "../../server/app";
import { openDatabase } from "../../server/db/connection";
import { seedDemo } from "../../server/demo/seed";
import { attachRealtime } from "../../server/realtime/socket";
import { silentLogger } from "../../server/shared/logger";

const ACTIONS = 100;

async function main() {
  const db = openDatabase(":memory:");
  const { eventId } = seedDemo(db, "bench", "http://localhost", "2026-12-10");
  const ctx = createApp({
    db,
    secret: "bench",
    baseUrl: "http://localhost",
    clock: () => new Date("2026-12-10T14:00:00Z"),
    logger: silentLogger(),
  });
  const server = http.createServer(ctx.app);
  const realtime = attachRealtime(server, { ...ctx.realtimeDeps, tickMs: 0 });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = ctx.events.links(ctx.events.get(eventId)).host.split("/").pop() as string;
  const open = (): Promise<Socket> =>
    new Promise((resolve) => {
      const s = connect(url, { auth: { role: "host", token }, transports: ["websocket"], forceNew: true });
      s.once("day:snapshot", () => resolve(s));
    });
  const actor = await open();
  const watcher = await open();
  const participationId = ctx.events.detail(eventId).participations[0].id;
  const times: number[] = [];
  for (let i = 0; i < ACTIONS; i++) {
    const arrived = new Promise<void>((r) => watcher.once("day:snapshot", () => r()));
    const t0 = performance.now();
    // Alternating delays are real host actions that change every screen.
    actor.emit(
      "host:action",
      {
        id: `bench-action-${String(i).padStart(4, "0")}`,
        action: { kind: "delay", participationId, minutes: (i % 2) * 5 },
      },
      () => {},
    );
    await arrived;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `host action → other client: ${ACTIONS} actions, median ${times[Math.floor(ACTIONS / 2)].toFixed(2)} ms, p95 ${times[Math.floor(ACTIONS * 0.95)].toFixed(2)} ms, worst ${times[ACTIONS - 1].toFixed(2)} ms`,
  );
  actor.close();
  watcher.close();
  realtime.close();
  server.close();
}

await main();
