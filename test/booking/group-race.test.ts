// Many veiledere racing for the last seats of a group slot against a real server: exactly the free seats are won.
// 30 posts from one client stay under the public per-client limit (server/booking/public-limits.ts), like race.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PUBLIC_POSTS_PER_CLIENT } from "../../server/booking/public-limits";
import { bookingFormBody, csrfFrom, makeApp, openEvent } from "../helpers";

const CLIENTS = 30;
const SEATS = 3;
let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Vaskebedrift takes groups of three; its 15:30 slot already holds one candidate, so two seats are free. */
async function start() {
  const t = makeApp();
  const ev = openEvent(t);
  const pid = ev.participationIds[0];
  t.db.prepare("UPDATE participation SET slot_capacity = ? WHERE id = ?").run(SEATS, pid);
  const group = ev.slots(pid)[0];
  t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
    caseworker: { name: "Fyll", email: "fyll@nav.no", officeId: ev.officeId },
    candidate: {
      displayName: "Kari F.",
      birthYear: 1990,
      eligibility: "annet",
      backupCaseworker: "",
      caseworkerJoins: false,
      needsAdaptation: false,
    },
    slotIds: [group],
    waitlistParticipationIds: [],
    requestKey: "fill-request-group-00000001",
  });
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { t, ev, group, base };
}

const inSlot = (t: ReturnType<typeof makeApp>, slotId: number) =>
  t.db.prepare("SELECT count(*) AS n FROM booking WHERE slot_id = ?").get(slotId) as { n: number };

describe("racing for the last seats of a group slot", () => {
  it("stays under the public per-client limit", () => {
    expect(CLIENTS).toBeLessThan(PUBLIC_POSTS_PER_CLIENT);
  });

  it(`lets exactly ${SEATS - 1} of ${CLIENTS} concurrent form posts win; the others get slot-taken in Norwegian`, async () => {
    const { t, ev, group, base } = await start();
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const page = await fetch(`${base}${ev.bookingPath}`);
        const cookie = (page.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
        const html = await page.text();
        // Before the race the page offers the group slot with its free seats.
        expect(html).toContain(`id="f-slotIds-${group}"`);
        expect(html).toContain("15:30–16:00 · 2 av 3 plasser ledige");
        return { cookie, csrf: csrfFrom(html) };
      }),
    );
    const results = await Promise.all(
      clients.map(async (c, i) => {
        const body = new URLSearchParams({ _csrf: c.csrf });
        for (const [k, v] of Object.entries(
          bookingFormBody(ev.officeId, [group], {
            "caseworker.email": `racer${i}@nav.no`,
            "candidate.displayName": `Racer ${i} R.`,
          }),
        )) {
          for (const item of [v].flat()) body.append(k, String(item));
        }
        const res = await fetch(`${base}${ev.bookingPath}`, {
          method: "POST",
          body,
          headers: { cookie: c.cookie, "content-type": "application/x-www-form-urlencoded" },
          redirect: "manual",
        });
        return { status: res.status, text: await res.text() };
      }),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(SEATS - 1);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(CLIENTS - (SEATS - 1));
    for (const l of losers) {
      expect(l.text).toContain(
        "Kl. 15:30 kan ikke bookes: Alle 3 plassene på tidspunktet hos Vaskebedrift AS ble nettopp booket.",
      );
      // The full group slot is no longer offered; the employer's other times still are.
      expect(l.text).not.toContain(`id="f-slotIds-${group}"`);
      expect(l.text).toContain(`id="f-slotIds-${ev.slots(ev.participationIds[0])[1]}"`);
    }
    expect(inSlot(t, group)).toEqual({ n: SEATS });
    // Losers' candidates were rolled back with their failed booking.
    expect(
      t.db
        .prepare(
          "SELECT count(*) AS n FROM candidate c WHERE NOT EXISTS (SELECT 1 FROM booking b WHERE b.candidate_id = c.id)",
        )
        .get(),
    ).toEqual({ n: 0 });
  });

  it(`lets exactly ${SEATS - 1} of ${CLIENTS} concurrent API calls win; the others get 409 slot-taken`, async () => {
    const { t, ev, group, base } = await start();
    const token = ev.bookingPath.split("/").pop();
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        fetch(`${base}/api/v1/events/${ev.eventId}/candidates`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            caseworker: { name: "R", email: `api${i}@nav.no`, officeId: ev.officeId },
            candidate: { displayName: "Ola N.", birthYear: 2000, eligibility: "annet" },
            slotIds: [group],
          }),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(SEATS - 1);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(CLIENTS - (SEATS - 1));
    expect(new Set(losers.map((l) => l.body.code))).toEqual(new Set(["slot-taken"]));
    expect(losers[0].body.detail ?? losers[0].body.title ?? losers[0].body.message).toMatch(/plassene/);
    expect(inSlot(t, group)).toEqual({ n: SEATS });
  });
});
