// `npm run bench`: booking under a Monday-morning rush against a real server on loopback.
// Prints figures; it asserts nothing about speed (timed assertions flake on a busy machine).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createApp } from "../../server/app";
import { openDatabase } from "../../server/db/connection";
import { silentLogger } from "../../server/shared/logger";

const EMPLOYERS = 8;
const VEILEDERE = 40;
const ROUNDS = 5;

function setup() {
  const db = openDatabase(":memory:");
  const ctx = createApp({
    db,
    secret: "bench",
    baseUrl: "http://localhost",
    clock: () => new Date("2026-11-30T07:05:00Z"),
    logger: silentLogger(),
  });
  const regionId = ctx.regions.createRegion({ name: "Hedmarken" });
  const officeId = ctx.regions.createOffice(regionId, { name: "NAV Hamar", address: "" });
  const events: { id: number; token: string; slots: number[] }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const id = ctx.events.create({
      officeId,
      title: "Ta sjansen",
      date: `2026-12-${String(10 + r).padStart(2, "0")}`,
      interviewStart: "15:30",
      interviewEnd: "17:30",
      slotMinutes: 30,
      gapMinutes: 0,
      maxInterviews: 2,
      pepTalkGap: false,
      hideNamesOnBoard: false,
      bookingDeadline: undefined,
      programme: "",
    });
    for (let e = 0; e < EMPLOYERS; e++) {
      const employerId =
        ctx.employers.list(regionId).find((x) => x.name === `Bedrift ${e}`)?.id ??
        ctx.employers.create({
          regionId,
          name: `Bedrift ${e}`,
          orgNumber: undefined,
          sector: "private",
          industry: "",
          size: "",
          iaAgreement: false,
          contactName: "",
          contactPhone: "",
          contactEmail: "",
          navOwner: "",
        });
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
    events.push({
      id,
      token: new URL(ctx.events.links(d.event).booking).pathname.split("/").pop() as string,
      slots: d.participations.flatMap((p) => p.slots.map((s) => s.id)),
    });
  }
  return { ctx, db, officeId, events };
}

async function main() {
  const { ctx, db, officeId, events } = setup();
  const server = http.createServer(ctx.app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const started = performance.now();
  for (const ev of events) {
    // 40 veiledere each try to book one candidate into one random slot at the same moment (32 slots).
    await Promise.all(
      Array.from({ length: VEILEDERE }, async (_, i) => {
        const slot = ev.slots[Math.floor(Math.random() * ev.slots.length)];
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/events/${ev.id}/candidates`, {
          method: "POST",
          headers: { authorization: `Bearer ${ev.token}`, "content-type": "application/json" },
          body: JSON.stringify({
            caseworker: { name: "V", email: `v${i}@nav.no`, officeId },
            candidate: { displayName: "Ola N.", birthYear: 2000, eligibility: "annet" },
            slotIds: [slot],
          }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }),
    );
  }
  const total = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  const booked = (db.prepare("SELECT count(*) AS n FROM booking").get() as { n: number }).n;
  const doubles = (
    db
      .prepare("SELECT count(*) AS n FROM (SELECT slot_id FROM booking GROUP BY slot_id HAVING count(*) > 1)")
      .get() as { n: number }
  ).n;
  console.log(
    `requests: ${latencies.length} (${VEILEDERE} concurrent x ${ROUNDS} events), statuses: ${JSON.stringify(statuses)}`,
  );
  console.log(
    `throughput: ${((latencies.length / total) * 1000).toFixed(0)} req/s, latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`,
  );
  console.log(`bookings stored: ${booked}, slots booked twice: ${doubles}`);
  console.log(`rss: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  server.close();
}

await main();
