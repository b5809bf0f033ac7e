// The real server as an operator runs it: an online backup while bookings stream in, a graceful stop on SIGTERM
// (requests in flight finish, websockets told to reconnect, the database checkpointed), and a restore.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { bookOverHttp, killStartedServers, opsWorld, startServer } from "./ops-helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");

function admin(dataDir: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server/admin.ts", ...args], {
      cwd: ROOT,
      // vitest puts a relative BASE_URL ("/") into the environment; the admin CLI wants a URL.
      env: { ...process.env, DATA_DIR: dataDir, BASE_URL: "http://localhost:3000" },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.once("exit", (code) => resolve({ code, out }));
  });
}

/** Sends a request's headers and half its body now; `finish()` sends the rest and resolves the raw response. */
function halfSentRequest(base: string) {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  const body = "email=a%40nav.no&password=x";
  socket.write(
    `POST /login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
  );
  let response = "";
  socket.on("data", (d) => {
    response += d;
  });
  const ended = new Promise<string>((resolve) => socket.once("close", () => resolve(response)));
  return {
    finish: () => {
      socket.write(body.slice(10));
      return ended;
    },
  };
}

describe("running the server", () => {
  const world = opsWorld(1);
  const restoreDir = fs.mkdtempSync(`${world.dataDir}-restore`);
  afterAll(() => {
    killStartedServers();
    fs.rmSync(world.dataDir, { recursive: true, force: true });
    fs.rmSync(restoreDir, { recursive: true, force: true });
  });

  it("backs up online, stops gracefully on SIGTERM and starts again from the restored backup", {
    timeout: 240_000,
  }, async () => {
    const ev = world.events[0];
    const server = await startServer(world.dataDir);

    // Ten bookings before the backup; more stream in while it runs.
    const before: number[] = [];
    for (const slot of ev.slots.slice(0, 10))
      if ((await bookOverHttp(server.base, ev, slot)) === 201) before.push(slot);
    expect(before).toHaveLength(10);
    const streaming = (async () => {
      for (const slot of ev.slots.slice(10, 20)) await bookOverHttp(server.base, ev, slot);
    })();
    const backupFile = path.join(world.dataDir, "backup.db");
    const backup = await admin(world.dataDir, ["backup", backupFile]);
    expect(backup.out).toContain("integritet ok");
    expect(backup.code).toBe(0);
    await streaming;

    // A board screen is connected and a request is half-way in when SIGTERM arrives.
    const board = connect(server.base, {
      auth: { role: "host", token: world.hostToken },
      transports: ["websocket"],
    });
    await new Promise<void>((resolve) => board.once("day:snapshot", () => resolve()));
    const disconnected = new Promise<string>((resolve) =>
      board.once("disconnect", (reason) => resolve(reason)),
    );
    const inFlight = halfSentRequest(server.base);
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    const answer = await inFlight.finish();
    // The request that was in flight got its answer (a refused form, since it carried no CSRF token).
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    // "transport close" is a reason socket.io clients reconnect on (unlike "io server disconnect").
    expect(await disconnected).toBe("transport close");
    board.close();
    expect(await server.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(server.output()).toContain('"msg":"stopped"');
    const wal = path.join(world.dataDir, "ta-sjansen.db-wal");
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);

    // Restore as the README says: the backup becomes ta-sjansen.db in a DATA_DIR with the same secret.key.
    fs.copyFileSync(backupFile, path.join(restoreDir, "ta-sjansen.db"));
    fs.copyFileSync(path.join(world.dataDir, "secret.key"), path.join(restoreDir, "secret.key"));
    const restored = await startServer(restoreDir);
    const page = await fetch(`${restored.base}/b/${ev.token}`);
    expect(page.status).toBe(200);
    restored.child.kill("SIGTERM");
    expect(await restored.exited).toBe(0);
    const db = new Database(path.join(restoreDir, "ta-sjansen.db"), { readonly: true });
    const stored = new Set(db.prepare("SELECT slot_id FROM booking").pluck().all() as number[]);
    expect(before.filter((s) => !stored.has(s))).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});
