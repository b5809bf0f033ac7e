// Test helpers for operating the real server: a data directory with an open event, spawning `server/main.ts`
// in its own process, waiting for it, and booking over HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createApp } from "../../server/app";
import { openDatabase } from "../../server/db/connection";
import { silentLogger } from "../../server/shared/logger";
import { loadOrCreateSecret } from "../../server/shared/tokens";
import { plainEmployer, standardEvent } from "../helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type OpsWorld = {
  dataDir: string;
  events: { id: number; token: string; officeId: number; slots: number[] }[];
  hostToken: string;
};

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A fresh DATA_DIR with `eventCount` open events of 8 employers × 4 slots, made through the services. */
export function opsWorld(eventCount: number): OpsWorld {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ta-sjansen-ops-"));
  const db = openDatabase(path.join(dataDir, "ta-sjansen.db"));
  const ctx = createApp({
    db,
    secret: loadOrCreateSecret(dataDir),
    baseUrl: "http://x",
    logger: silentLogger(),
  });
  const regionId = ctx.regions.createRegion({ name: "Hedmarken" });
  const officeId = ctx.regions.createOffice(regionId, { name: "NAV Hamar", address: "" });
  const employers = Array.from({ length: 8 }, (_, i) =>
    ctx.employers.create(plainEmployer(regionId, `Bedrift ${i}`)),
  );
  const events = Array.from({ length: eventCount }, (_, n) => {
    const id = ctx.events.create(standardEvent(officeId, isoDay(10 + n)));
    for (const employerId of employers) {
      ctx.events.addParticipation(id, {
        employerId,
        department: "",
        tasks: "",
        training: "",
        prerequisites: "",
        minAge: undefined,
        restrictions: "",
        offerTypes: [],
        interviewCount: 4,
        roomId: undefined,
      });
    }
    ctx.events.setStatus(id, "open");
    const d = ctx.events.detail(id);
    return {
      id,
      officeId,
      token: ctx.events.links(d.event).booking.split("/").pop() as string,
      slots: d.participations.flatMap((p) => p.slots.map((s) => s.id)),
    };
  });
  // Host links work from the day before their event: the tablet belongs to an event tomorrow.
  const tomorrow = ctx.events.create(standardEvent(officeId, isoDay(1)));
  const hostToken = ctx.events.links(ctx.events.get(tomorrow)).host.split("/").pop() as string;
  db.close();
  return { dataDir, events, hostToken };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const started = new Set<ChildProcess>();
/** For afterAll: no server outlives its test, even a failed one. */
export function killStartedServers() {
  for (const c of started) c.kill("SIGKILL");
}

export type Running = {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
};

/** `tsx server/main.ts` on DATA_DIR, as `npm start` runs it; resolves once /healthz answers. */
export async function startServer(dataDir: string): Promise<Running> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // node --import tsx (not the tsx CLI, which runs the server in a child): the pid is the server's own,
  // so SIGKILL hits the server and not a wrapper.
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      BASE_URL: base,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  started.add(child);
  void exited.then(() => started.delete(child));
  // Generous: on a busy 2-core machine tsx takes a while to load the server.
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > until) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base, output: () => out, exited };
}

let n = 0;
/** Books one slot through the JSON API; resolves the status (201 = acknowledged). */
export async function bookOverHttp(base: string, ev: OpsWorld["events"][number], slotId: number) {
  n += 1;
  const res = await fetch(`${base}/api/v1/events/${ev.id}/candidates`, {
    method: "POST",
    headers: { authorization: `Bearer ${ev.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      caseworker: { name: "Vera Veileder", email: `vera${n % 7}@nav.no`, officeId: ev.officeId },
      candidate: { displayName: `Kandidat ${n}.`, birthYear: 2000, eligibility: "annet" },
      slotIds: [slotId],
    }),
  });
  await res.arrayBuffer();
  return res.status;
}
