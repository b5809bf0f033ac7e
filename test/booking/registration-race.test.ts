// Many veiledere racing for the last places of a Minijobbmesse against a real server: exactly the capacity wins.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { guardError } from "../../server/booking/booking.service";
import { csrfFrom, makeApp } from "../helpers";
import { fillPlaces, openMinijobbmesse, registrationFormBody } from "./registration-helpers";

const CLIENTS = 25;
const CAPACITY = 5;
const TAKEN = 3;
let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function start() {
  const t = makeApp();
  const ev = openMinijobbmesse(t, { capacity: CAPACITY });
  fillPlaces(t, ev, TAKEN);
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { t, ev, base };
}

const stored = (t: ReturnType<typeof makeApp>, eventId: number) =>
  (t.db.prepare("SELECT count(*) AS n FROM candidate WHERE event_id = ?").get(eventId) as { n: number }).n;

describe(`racing for the last ${CAPACITY - TAKEN} places of a Minijobbmesse`, () => {
  // 25 posts from one address stay well under the public per-client limit (60 per quarter hour).
  it(`lets exactly ${CAPACITY - TAKEN} of ${CLIENTS} concurrent form posts win; the others get 409 event-full`, async () => {
    const { t, ev, base } = await start();
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
          registrationFormBody(ev.officeId, { "caseworker.email": `racer${i}@nav.no` }),
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
    expect(winners).toHaveLength(CAPACITY - TAKEN);
    expect(losers).toHaveLength(CLIENTS - (CAPACITY - TAKEN));
    for (const w of winners) expect(w.text).toContain("Påmeldingen er registrert");
    for (const l of losers) {
      expect(l.text).toContain("Minijobbmessen er full");
      expect(l.text).toContain("Ingen plasser igjen");
    }
    expect(stored(t, ev.eventId)).toBe(CAPACITY);
    // Losers' veiledere were rolled back with their refused registration; no person without a candidate.
    expect(
      (t.db.prepare("SELECT count(*) AS n FROM caseworker WHERE email LIKE 'racer%'").get() as { n: number })
        .n,
    ).toBe(CAPACITY - TAKEN);
    expect(
      (
        t.db
          .prepare(
            "SELECT count(*) AS n FROM person p WHERE NOT EXISTS (SELECT 1 FROM candidate c WHERE c.person_id = p.id)",
          )
          .get() as { n: number }
      ).n,
    ).toBe(0);
  });

  it(`lets exactly ${CAPACITY - TAKEN} of ${CLIENTS} concurrent API registrations win; the others get 409 event-full`, async () => {
    const { t, ev, base } = await start();
    const token = ev.bookingPath.split("/").pop();
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        fetch(`${base}/api/v1/events/${ev.eventId}/candidates`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            caseworker: { name: "R", email: `api${i}@nav.no`, officeId: ev.officeId },
            candidate: { displayName: "Ola N.", birthYear: 2000, eligibility: "annet" },
          }),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(CAPACITY - TAKEN);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(CLIENTS - (CAPACITY - TAKEN));
    expect(new Set(losers.map((l) => l.body.code))).toEqual(new Set(["event-full"]));
    expect(stored(t, ev.eventId)).toBe(CAPACITY);
  });
});

describe("the schema's last line of defence", () => {
  it("refuses a registration past the capacity even when the rule is bypassed, as 409 event-full", () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 2 });
    fillPlaces(t, ev, 2);
    const insert = () =>
      t.db
        .prepare(
          `INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at, participant_number)
           VALUES (?, (SELECT min(id) FROM caseworker), 'Lur L.', 2000, 'annet', '2026-12-01T00:00:00Z', 99)`,
        )
        .run(ev.eventId);
    let err: unknown;
    try {
      insert();
    } catch (e) {
      err = e;
    }
    expect(guardError(err)).toMatchObject({ status: 409, code: "event-full" });
    expect(stored(t, ev.eventId)).toBe(2);
  });
});
