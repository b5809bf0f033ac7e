// Many veiledere racing for the last free slot against a real server: exactly one wins.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { bookingFormBody, csrfFrom, makeApp, openEvent } from "../helpers";

const CLIENTS = 40;
let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function start() {
  const t = makeApp();
  const ev = openEvent(t);
  // Leave exactly one free slot in the whole event: book all others directly through the service.
  const all = ev.participationIds.flatMap((p) => ev.slots(p));
  const last = all.pop() as number;
  all.forEach((slotId, i) => {
    t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: "Fyll", email: `fyll${i}@nav.no`, officeId: ev.officeId },
      candidate: {
        displayName: `K${i} F.`,
        birthYear: 1990,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [slotId],
      waitlistParticipationIds: [],
      requestKey: `fill-request-${String(i).padStart(8, "0")}`,
    });
  });
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { t, ev, last, base };
}

describe("racing for the last slot", () => {
  it(`lets exactly one of ${CLIENTS} concurrent form posts win; the others get slot-taken and the free slots`, async () => {
    const { t, ev, last, base } = await start();
    // Every veileder opens the page first (own cookie and CSRF token), then all press "Book" at once.
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const page = await fetch(`${base}${ev.bookingPath}`);
        const cookie = (page.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
        return { cookie, csrf: csrfFrom(await page.text()) };
      }),
    );
    const results = await Promise.all(
      clients.map(async (c, i) => {
        const body = new URLSearchParams({ _csrf: c.csrf });
        for (const [k, v] of Object.entries(
          bookingFormBody(ev.officeId, [last], { "caseworker.email": `racer${i}@nav.no` }),
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
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(CLIENTS - 1);
    for (const l of losers) {
      expect(l.text).toContain("ble nettopp booket av en annen");
      expect(l.text).toContain("Ingen ledige intervjutidspunkter");
    }
    expect(t.db.prepare("SELECT count(*) AS n FROM booking WHERE slot_id = ?").get(last)).toEqual({ n: 1 });
    // Losers' candidates were rolled back with their failed booking.
    expect(
      t.db
        .prepare(
          "SELECT count(*) AS n FROM candidate c WHERE NOT EXISTS (SELECT 1 FROM booking b WHERE b.candidate_id = c.id)",
        )
        .get(),
    ).toEqual({ n: 0 });
  });

  it(`lets exactly one of ${CLIENTS} concurrent API calls win; the others get 409 slot-taken`, async () => {
    const { t, ev, last, base } = await start();
    const token = ev.bookingPath.split("/").pop();
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        fetch(`${base}/api/v1/events/${ev.eventId}/candidates`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            caseworker: { name: "R", email: `api${i}@nav.no`, officeId: ev.officeId },
            candidate: { displayName: "Ola N.", birthYear: 2000, eligibility: "annet" },
            slotIds: [last],
          }),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(CLIENTS - 1);
    expect(new Set(losers.map((l) => l.body.code))).toEqual(new Set(["slot-taken"]));
    expect(t.db.prepare("SELECT count(*) AS n FROM booking WHERE slot_id = ?").get(last)).toEqual({ n: 1 });
  });
});
