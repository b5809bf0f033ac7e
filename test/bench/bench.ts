// `npm run bench [-- --json]`: the real server (own process, fresh database, a realistic region) against a bare
// Express 5 floor (own process), both driven by autocannon in one run; then the last-slot race and the push
// to 300 boards. Prints figures, asserts nothing about speed (timed assertions flake on a busy machine).
// BENCH_ROOT=/other/checkout runs that checkout's server instead (for before/after figures).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { io as connect, type Socket } from "socket.io-client";
import { type Seeded, seed } from "./seed";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const SERVER_ROOT = path.resolve(process.env.BENCH_ROOT ?? ROOT);
const JSON_OUT = process.argv.includes("--json");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
const BOARDS = 300;
const PUSHES = 30;

const say = (msg: string) => {
  if (!JSON_OUT) console.log(msg);
  else process.stderr.write(`${msg}\n`);
};

function spawnProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  // node --import tsx rather than the tsx CLI (which runs a child): the pid is the server's, for its RSS.
  return spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function waitFor(url: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

type Figures = { rps: number; p50: number; p99: number; non2xx: number; errors: number; cpuMs: number };

/** CPU time (user + system, ms) a process has used: a figure that a busy machine distorts far less than req/s. */
function cpuMsOf(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let measuredPid: number | undefined;

async function cannon(opts: autocannon.Options): Promise<Figures> {
  const cpu0 = cpuMsOf(measuredPid);
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const cpu = cpuMsOf(measuredPid) - cpu0;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    // Server CPU per answered request (the floor process for floor runs).
    cpuMs: r.requests.total ? Math.round((cpu / r.requests.total) * 100) / 100 : 0,
  };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function push(base: string, s: Seeded, serverPid: number) {
  const open = (role: "host" | "board", token: string): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const sock = connect(base, { auth: { role, token }, transports: ["websocket"], forceNew: true });
      sock.once("day:snapshot", () => resolve(sock));
      sock.once("connect_error", reject);
    });
  const boards: Socket[] = [];
  for (let i = 0; i < BOARDS; i += 50) {
    boards.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, BOARDS - i) }, () => open("board", s.boardToken)),
      )),
    );
  }
  const host = await open("host", s.hostToken);
  const rss = rssMb(serverPid);
  const latencies: number[] = [];
  for (let i = 0; i < PUSHES; i++) {
    const t0 = performance.now();
    const arrived = boards.map(
      (b) =>
        new Promise<void>((r) =>
          b.once("day:snapshot", () => {
            latencies.push(performance.now() - t0);
            r();
          }),
        ),
    );
    host.emit(
      "host:action",
      {
        id: `bench-push-${Date.now()}-${i}`,
        action: { kind: "delay", participationId: 1, minutes: (i % 2) * 5 },
      },
      () => {},
    );
    await Promise.all(arrived);
  }
  for (const b of boards) b.close();
  host.close();
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rss };
}

async function main() {
  const started = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ta-sjansen-bench-"));
  say(`seeding a fresh database in ${dataDir} …`);
  const s = seed(dataDir);
  say(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const [port, floorPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  const floorBase = `http://127.0.0.1:${floorPort}`;
  const server = spawnProcess(
    ["server/main.ts"],
    {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      BASE_URL: base,
      // The bench is one client posting for a whole region: its own server lifts the public booking limits.
      PUBLIC_BOOKING_LIMITS: "1000000/1000000",
    },
    SERVER_ROOT,
  );
  server.stdout?.resume();
  server.stderr?.pipe(process.stderr);
  const children: ChildProcess[] = [server];
  const stopAll = () => {
    for (const c of children) c.kill("SIGTERM");
  };
  process.on("exit", stopAll);
  try {
    await waitFor(`${base}/healthz`);
    const pageUrl = `${base}/b/${s.bookingToken}`;
    const pageHtml = await (await fetch(pageUrl)).text();
    const pageFile = path.join(dataDir, "page.html");
    fs.writeFileSync(pageFile, pageHtml);
    const floor = spawnProcess(
      [path.join(HERE, "floor.ts")],
      { PORT: String(floorPort), PAGE_FILE: pageFile, NODE_ENV: "production" },
      ROOT,
    );
    children.push(floor);
    floor.stdout?.resume();
    await waitFor(`${floorBase}/ok`);
    say(
      `server pid ${server.pid} (${SERVER_ROOT}), floor pid ${floor.pid}; booking page ${pageHtml.length} bytes`,
    );

    // Warm both (JIT, template compilation, statement caches) before measuring.
    await autocannon({ url: pageUrl, connections: 10, amount: 500 });
    await autocannon({ url: `${floorBase}/page`, connections: 10, amount: 500 });

    const auth = { authorization: `Bearer ${s.apiToken}` };
    const bookingBody = (officeId: number, slot: number, n: number) =>
      JSON.stringify({
        caseworker: { name: "Bente Bench", email: `bench${n % 50}@nav.no`, officeId },
        // One person per request: the same veileder registering the same person again is refused (candidate-exists).
        candidate: { displayName: `Kandidat ${n}.`, birthYear: 2000, eligibility: "annet" },
        slotIds: [slot],
      });
    say("floor …");
    measuredPid = floor.pid;
    const floorR = await cannon({ url: `${floorBase}/ok` });
    say("page ceiling …");
    const ceilingR = await cannon({ url: `${floorBase}/page` });
    measuredPid = server.pid;
    say("booking page …");
    const pageR = await cannon({ url: pageUrl });
    say("event JSON …");
    const jsonR = await cannon({ url: `${base}/api/v1/events/${s.eventId}`, headers: auth });
    say("refused booking …");
    const refusedR = await cannon({
      url: `${base}/api/v1/events/${s.eventId}/candidates`,
      method: "POST",
      headers: { authorization: `Bearer ${s.bookingToken}`, "content-type": "application/json" },
      body: bookingBody(s.officeId, s.bookedSlot, 0),
    });
    say("successful bookings …");
    const queue = s.rush.flatMap((e) => e.slots.map((slot) => ({ ...e, slot })));
    let next = 0;
    const bookingR = await cannon({
      url: base,
      amount: queue.length,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            const q = queue[next++ % queue.length];
            return {
              ...req,
              path: `/api/v1/events/${q.eventId}/candidates`,
              headers: { authorization: `Bearer ${q.token}`, "content-type": "application/json" },
              body: bookingBody(q.officeId, q.slot, next),
            };
          },
        },
      ],
    });
    say("booking page at a fixed 200 req/s …");
    const fixedR = await cannon({ url: pageUrl, connections: 10, overallRate: 200 });
    say("login page …");
    const loginR = await cannon({ url: `${base}/login` });

    say("race for one last slot …");
    const race = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${base}/api/v1/events/${s.raceEventId}/candidates`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.raceToken}`, "content-type": "application/json" },
          body: bookingBody(s.officeId, s.raceSlot, 1000 + i),
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    const winners = race.filter((st) => st >= 200 && st < 300).length;
    const raceStatuses: Record<number, number> = {};
    for (const st of race) raceStatuses[st] = (raceStatuses[st] ?? 0) + 1;

    say(`push to ${BOARDS} boards …`);
    const pushR = await push(base, s, server.pid as number);

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const row = (what: string, f: Figures, r: string) =>
      `| ${what.padEnd(52)} | ${String(Math.round(f.rps)).padStart(6)} | ${`${f.p50} / ${f.p99} ms`.padEnd(16)} | ${r.padEnd(30)} | ${String(f.cpuMs).padStart(6)} |`;
    const lines = [
      `| ${"what".padEnd(52)} | ${"req/s".padStart(6)} | ${"p50 / p99".padEnd(16)} | ${"ratio".padEnd(30)} | CPU ms/req |`,
      `|${"-".repeat(54)}|${"-".repeat(8)}|${"-".repeat(18)}|${"-".repeat(32)}|${"-".repeat(12)}|`,
      row("bare Express 5 floor (GET /ok)", floorR, "1"),
      row(
        `booking page bytes as a fixed string (${pageHtml.length} B)`,
        ceilingR,
        `${ratio(ceilingR.rps, floorR.rps)} of floor`,
      ),
      row(
        "booking page GET /b/:token",
        pageR,
        `${ratio(pageR.rps, ceilingR.rps)} of ceiling, ${ratio(pageR.rps, floorR.rps)} of floor`,
      ),
      row("event JSON GET /api/v1/events/:id", jsonR, `${ratio(jsonR.rps, floorR.rps)} of floor`),
      row("booking POST refused (slot-taken, 409)", refusedR, `${ratio(refusedR.rps, floorR.rps)} of floor`),
      row(
        `booking POST accepted (${queue.length} different slots)`,
        bookingR,
        `${ratio(bookingR.rps, floorR.rps)} of floor`,
      ),
      row("booking page at a fixed 200 req/s (10 connections)", fixedR, ""),
      row("/login page (NODE_ENV=production)", loginR, `${ratio(loginR.rps, floorR.rps)} of floor`),
    ];
    const unexpected = [pageR, jsonR, fixedR, loginR, floorR, ceilingR].reduce(
      (n, f) => n + f.non2xx + f.errors,
      0,
    );
    const bookedOk = bookingR.non2xx === 0 && bookingR.errors === 0;
    say("");
    for (const l of lines) say(l);
    say("");
    say(
      `race: 200 concurrent requests for one last slot → winners ${winners} (statuses ${JSON.stringify(raceStatuses)})`,
    );
    say(
      `push: ${PUSHES} host actions to ${BOARDS} board sockets → p50 ${pushR.p50.toFixed(1)} ms, p99 ${pushR.p99.toFixed(1)} ms; server RSS with ${BOARDS + 1} sockets ${pushR.rss} MB`,
    );
    say(
      `checks: unexpected non-2xx on GET runs ${unexpected}; refused run non-2xx ${refusedR.non2xx} (all should be 409); every accepted booking 2xx: ${bookedOk}`,
    );
    say(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const out = {
      floor_rps: Math.round(floorR.rps),
      page_ceiling_rps: Math.round(ceilingR.rps),
      page_rps: Math.round(pageR.rps),
      page_p50_ms: pageR.p50,
      page_p99_ms: pageR.p99,
      page_bytes: pageHtml.length,
      page_cpu_ms_per_req: pageR.cpuMs,
      ceiling_cpu_ms_per_req: ceilingR.cpuMs,
      json_cpu_ms_per_req: jsonR.cpuMs,
      refused_cpu_ms_per_req: refusedR.cpuMs,
      booking_cpu_ms_per_req: bookingR.cpuMs,
      json_rps: Math.round(jsonR.rps),
      json_p99_ms: jsonR.p99,
      refused_rps: Math.round(refusedR.rps),
      refused_p99_ms: refusedR.p99,
      booking_rps: Math.round(bookingR.rps),
      booking_p99_ms: bookingR.p99,
      fixed_rate_page_p99_ms: fixedR.p99,
      login_rps: Math.round(loginR.rps),
      race_winners: winners,
      push_p50_ms: Math.round(pushR.p50 * 10) / 10,
      push_p99_ms: Math.round(pushR.p99 * 10) / 10,
      rss_sockets_mb: pushR.rss,
      ceiling_to_floor: ratio(ceilingR.rps, floorR.rps),
      page_to_ceiling: ratio(pageR.rps, ceilingR.rps),
      page_to_floor: ratio(pageR.rps, floorR.rps),
      json_to_floor: ratio(jsonR.rps, floorR.rps),
      refused_to_floor: ratio(refusedR.rps, floorR.rps),
      booking_to_floor: ratio(bookingR.rps, floorR.rps),
      unexpected_statuses: unexpected,
      seconds: Math.round((performance.now() - started) / 1000),
    };
    if (JSON_OUT) console.log(JSON.stringify(out));
  } finally {
    // Let both processes finish (the server may still be writing mails) before the data goes.
    const exits = children.map(
      (c) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once("exit", () => r()))),
    );
    stopAll();
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 15_000))]);
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

await main();
process.exit(0);
