// The real server killed with SIGKILL while bookings stream in, several times: every booking it acknowledged
// is still there after a restart, and the database passes SQLite's integrity check.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { bookOverHttp, killStartedServers, opsWorld, startServer } from "./ops-helpers";

const ROUNDS = 3;

describe("crash safety", () => {
  const world = opsWorld(ROUNDS + 1);
  afterAll(() => {
    killStartedServers();
    fs.rmSync(world.dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged booking through repeated kill -9 mid-stream", {
    timeout: 120_000,
  }, async () => {
    const acknowledged: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServer(world.dataDir);
      const ev = world.events[round];
      let killed = false;
      // Eight veiledere book one slot after another, all at once; the server dies while requests are in flight.
      const streams = Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < ev.slots.length && !killed; i += 8) {
          try {
            if ((await bookOverHttp(server.base, ev, ev.slots[i])) === 201) acknowledged.push(ev.slots[i]);
          } catch {
            return; // the connection died with the server: not acknowledged
          }
        }
      });
      await new Promise((r) => setTimeout(r, 150 + round * 100));
      killed = true;
      server.child.kill("SIGKILL");
      await Promise.all(streams);
      await server.exited;
    }
    expect(acknowledged.length).toBeGreaterThan(0);

    // A clean restart recovers the WAL; then the stored bookings are compared with what was acknowledged.
    const after = await startServer(world.dataDir);
    expect((await fetch(`${after.base}/healthz`)).ok).toBe(true);
    after.child.kill("SIGTERM");
    expect(await after.exited).toBe(0);

    const db = new Database(path.join(world.dataDir, "ta-sjansen.db"), { readonly: true });
    const stored = new Set(db.prepare("SELECT slot_id FROM booking").pluck().all() as number[]);
    expect(acknowledged.filter((slot) => !stored.has(slot))).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});
