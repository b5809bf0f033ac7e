import request from "supertest";
import { describe, expect, it } from "vitest";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, openEvent, signedInAgent } from "../helpers";

const n = (t: ReturnType<typeof makeApp>, sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

async function veileder(t: ReturnType<typeof makeApp>, path: string) {
  const agent = request.agent(t.app);
  const page = await agent.get(path).expect(200);
  return { agent, csrf: csrfFrom(page.text), page };
}

describe("booking page", () => {
  it("shows the event, every employer with its details and the free slots", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { page } = await veileder(t, ev.bookingPath);
    expect(page.text).toContain("torsdag 10. desember 2026");
    expect(page.text).toContain("Vaskebedrift AS, kantine");
    expect(page.text).toContain("Sykehuset, med.avd. (ikke u/20 år)");
    expect(page.text).toContain("12 ledige intervjutidspunkter");
    expect(page.text).toContain("15:30–16:00");
  });

  it("answers 404 for a wrong or rotated link", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    await request(t.app)
      .get(`${ev.bookingPath.slice(0, -3)}xyz`)
      .expect(404);
    t.events.rotateLink(ev.eventId, "booking");
    await request(t.app).get(ev.bookingPath).expect(404);
  });

  it("books two interviews, remembers the veileder and opens the manage page", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const [a] = ev.slots(ev.participationIds[0]);
    const b = ev.slots(ev.participationIds[2])[2];
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [a, b]) })
      .expect(200);
    // A first booking from a browser shows a confirmation; the manage link goes by e-mail, not to the page.
    expect(res.text).toContain("Vi har sendt en bekreftelse til");
    expect(res.text).not.toMatch(/\/v\/\d+\./);
    expect(String(res.headers["set-cookie"])).toContain("veileder=");

    const candidate = t.db.prepare("SELECT display_name AS name, birth_year AS year FROM candidate").get();
    expect(candidate).toEqual({ name: "Åse-Marie Ø.", year: 2001 });
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(2);
    expect(n(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'booked'")).toBe(2);

    // Opening the link from the e-mail remembers it: the next booking from this browser goes straight there.
    const manage = await agent.get(managePathFor(t, "vera@nav.no")).expect(200);
    expect(manage.text).toContain("Åse-Marie Ø.");
    expect(manage.text).toContain("15:30–16:00");
    expect(manage.text).toContain("16:30–17:00");
    const next = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[1])[3]], {
          "candidate.displayName": "Per P.",
        }),
      })
      .expect(303);
    expect(next.headers.location).toBe(`${managePathFor(t, "vera@nav.no")}?booket=2`);
    expect((await agent.get(next.headers.location)).text).toContain("Bookingen er registrert");

    const again = await agent.get(ev.bookingPath);
    expect(again.text).toContain('value="Vera Veileder"');
  });

  it.each([
    ["a national ID number in the name", { "candidate.displayName": "Ola 01019012480" }, "fødselsnummer"],
    ["birth year 1890", { "candidate.birthYear": "1890" }, "Fødselsåret ser feil ut"],
    ["a 400-character name", { "candidate.displayName": "A".repeat(400) }, "høyst 60 tegn"],
    ["an empty name", { "candidate.displayName": "  " }, "Fyll inn kandidatens fornavn"],
    ["no eligibility", { "candidate.eligibility": "" }, "Velg innsatsgruppe"],
    ["a malformed e-mail", { "caseworker.email": "vera@" }, "gyldig e-postadresse"],
    ["no slot at all", { slotIds: [] }, "Velg minst ett intervjutidspunkt"],
  ])("refuses %s with a clear message and stores nothing", async (_name, override, message) => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]], override) })
      .expect(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="aksel-error-summary"');
    expect(n(t, "SELECT count(*) AS n FROM candidate")).toBe(0);
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(0);
  });

  it.each([
    [
      "the same employer twice",
      (ev: ReturnType<typeof openEvent>) => [
        ev.slots(ev.participationIds[0])[0],
        ev.slots(ev.participationIds[0])[2],
      ],
      "2001",
      "allerede et intervju hos Vaskebedrift",
    ],
    [
      "two interviews at the same time",
      (ev: ReturnType<typeof openEvent>) => [
        ev.slots(ev.participationIds[0])[1],
        ev.slots(ev.participationIds[2])[1],
      ],
      "2001",
      "samme tid",
    ],
    [
      "a third interview",
      (ev: ReturnType<typeof openEvent>) => [
        ev.slots(ev.participationIds[0])[0],
        ev.slots(ev.participationIds[1])[1],
        ev.slots(ev.participationIds[2])[2],
      ],
      "2001",
      "allerede 2 intervjuer",
    ],
    [
      "an 18-year-old at Sykehuset (minimum 20)",
      (ev: ReturnType<typeof openEvent>) => [ev.slots(ev.participationIds[1])[0]],
      "2008",
      "minst 20 år",
    ],
  ])("refuses %s and rolls back the whole booking", async (_name, pick, birthYear, message) => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, pick(ev), { "candidate.birthYear": birthYear }) })
      .expect(409);
    expect(res.text).toContain(message);
    expect(res.text).toContain('value="Åse-Marie Ø."');
    expect(n(t, "SELECT count(*) AS n FROM candidate")).toBe(0);
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(0);
  });

  it("does not book twice on a double-click (same request key)", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const body = { _csrf: csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) };
    const [r1, r2] = await Promise.all([
      agent.post(ev.bookingPath).type("form").send(body),
      agent.post(ev.bookingPath).type("form").send(body),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(n(t, "SELECT count(*) AS n FROM candidate")).toBe(1);
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(1);
  });

  it("tells the loser of a race that the slot is taken and shows what is still free", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const slot = ev.slots(ev.participationIds[0])[0];
    const one = await veileder(t, ev.bookingPath);
    const two = await veileder(t, ev.bookingPath);
    await one.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: one.csrf, ...bookingFormBody(ev.officeId, [slot]) })
      .expect(200);
    const lost = await two.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: two.csrf,
        ...bookingFormBody(ev.officeId, [slot], { "caseworker.email": "per@nav.no" }),
      })
      .expect(409);
    expect(lost.text).toContain("ble nettopp booket av en annen");
    expect(lost.text).toContain("11 ledige intervjutidspunkter");
    expect(lost.text).not.toContain(`id="f-slotIds-${slot}"`);
  });

  it("closes booking for veiledere after the deadline but lets a coordinator book", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    t.clock.set("2026-12-09T11:00:01Z");
    // The page says it is closed before showing any form.
    const closed = await agent.get(ev.bookingPath).expect(200);
    expect(closed.text).toContain("Bookingfristen gikk ut");
    expect(closed.text).not.toContain(`action="${ev.bookingPath}"`);
    // A form opened before the deadline and sent after it is refused with the same words, and nothing is stored.
    const slot = ev.slots(ev.participationIds[0])[0];
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [slot]) })
      .expect(409);
    expect(res.text).toContain("Bookingfristen gikk ut");
    expect(t.db.prepare("SELECT count(*) AS n FROM candidate").get()).toEqual({ n: 0 });

    const coordinator = await signedInAgent(t);
    const page = await coordinator.agent.get(ev.bookingPath).expect(200);
    expect(page.text).toContain("Bookingfristen gjelder ikke for deg");
    await coordinator.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), ...bookingFormBody(ev.officeId, [slot]) })
      .expect(200);
    const audit = t.db.prepare("SELECT actor FROM audit_log WHERE action = 'booked'").get() as {
      actor: string;
    };
    expect(audit.actor).toMatch(/^coordinator:\d+$/);
  });

  it("refuses booking on an event that is not open", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    t.events.setStatus(ev.eventId, "closed");
    const page = await agent.get(ev.bookingPath).expect(200);
    expect(page.text).toContain("Bookingen til arrangementet er stengt");
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(409);
    expect(res.text).toContain("Bookingen til arrangementet er stengt");
    expect(t.db.prepare("SELECT count(*) AS n FROM booking").get()).toEqual({ n: 0 });
  });

  it("proposes the earliest fitting times at two employers", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const body = bookingFormBody(ev.officeId, [], {
      participationIds: [String(ev.participationIds[0]), String(ev.participationIds[2])],
    });
    const res = await agent
      .post(`${ev.bookingPath}/propose`)
      .type("form")
      .send({ _csrf: csrf, ...body })
      .expect(200);
    expect(res.text).toContain("Forslag: Vaskebedrift AS kl. 15:30 og Bamsebjørn barnehage kl. 16:00");
    const first = ev.slots(ev.participationIds[0])[0];
    expect(res.text).toMatch(new RegExp(`id="f-slotIds-${first}"[^>]*checked`));
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(0);
  });
});

describe("waitlist", () => {
  it("puts a candidate on a full employer's waitlist and promotes them when a slot frees up", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const pid = ev.participationIds[2];
    const first = await veileder(t, ev.bookingPath);
    // Fill Bamsebjørn with four candidates from the first veileder.
    for (const [i, slot] of ev.slots(pid).entries()) {
      await first.agent
        .post(ev.bookingPath)
        .type("form")
        .send({
          _csrf: first.csrf,
          ...bookingFormBody(ev.officeId, [slot], { "candidate.displayName": `Kandidat ${i + 1}.` }),
        })
        .expect(200);
    }
    const manageUrl = managePathFor(t, "vera@nav.no");
    const second = await veileder(t, ev.bookingPath);
    expect(second.page.text).toContain("Fullt – sett kandidaten på venteliste");
    const waiting = await second.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: second.csrf,
        ...bookingFormBody(ev.officeId, [], {
          "caseworker.email": "per@nav.no",
          "candidate.displayName": "Kari V.",
          waitlistParticipationIds: String(pid),
        }),
      })
      .expect(200);
    expect(n(t, "SELECT count(*) AS n FROM waitlist_entry")).toBe(1);

    // The first veileder cancels one booking on their manage page: the waiting candidate gets it.
    const manage = await first.agent.get(manageUrl).expect(200);
    const bookingId = /bookings\/(\d+)\/cancel/.exec(manage.text)?.[1];
    await first.agent
      .post(`${manageUrl}/bookings/${bookingId}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(manage.text) })
      .expect(303);
    expect(n(t, "SELECT count(*) AS n FROM waitlist_entry")).toBe(0);
    const promoted = t.db
      .prepare(
        "SELECT c.display_name AS name FROM booking b JOIN candidate c ON c.id = b.candidate_id WHERE b.participation_id = ? AND c.display_name = 'Kari V.'",
      )
      .get(pid);
    expect(promoted).toEqual({ name: "Kari V." });
    expect(n(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'promoted-from-waitlist'")).toBe(1);

    expect(waiting.text).toContain("venteliste hos Bamsebjørn barnehage");
    const secondManage = await second.agent.get(managePathFor(t, "per@nav.no")).expect(200);
    expect(secondManage.text).toContain("har fått plass fra ventelisten");
  });

  it("refuses the waitlist while the employer still has free slots", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...bookingFormBody(ev.officeId, [], { waitlistParticipationIds: String(ev.participationIds[0]) }),
      })
      .expect(409);
    expect(res.text).toContain("har fortsatt ledige tidspunkter");
    expect(n(t, "SELECT count(*) AS n FROM candidate")).toBe(0);
  });
});

describe("manage link", () => {
  it("never hands a manage link to a browser, and does not let a colleague's address rename them", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const own = await veileder(t, ev.bookingPath);
    await own.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: own.csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(200);
    // Someone else with the booking link types Vera's address and another name.
    const other = await veileder(t, ev.bookingPath);
    const res = await other.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: other.csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[1]], {
          "caseworker.name": "Noen Andre",
          "candidate.displayName": "Per P.",
        }),
      })
      .expect(200);
    expect(res.text).toContain("Bookingen er registrert");
    expect(res.text).not.toMatch(/\/v\/\d+\./);
    expect(String(res.headers["set-cookie"])).not.toContain("manage=");
    expect(t.booking.caseworkerByEmail("vera@nav.no")?.name).toBe("Vera Veileder");
  });

  it("refuses a request key reused for another event or veileder", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const body = bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...body })
      .expect(200);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...body,
        "caseworker.email": "per@nav.no",
        slotIds: [String(ev.slots(ev.participationIds[0])[1])],
      })
      .expect(409);
    expect(res.text).toContain("Skjemaet er allerede brukt");
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(1);
  });

  it("refuses a wrong manage token and another veileder's booking", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const a = await veileder(t, ev.bookingPath);
    const ra = await a.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: a.csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) });
    const b = await veileder(t, ev.bookingPath);
    const rb = await b.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: b.csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[1]], {
          "caseworker.email": "per@nav.no",
        }),
      });
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const urlA = managePathFor(t, "vera@nav.no");
    const urlB = managePathFor(t, "per@nav.no");
    await request(t.app)
      .get(`${urlA.slice(0, -2)}xx`)
      .expect(404);
    const bookingOfB = (
      t.db
        .prepare(
          "SELECT b.id FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN caseworker w ON w.id = c.caseworker_id WHERE w.email = 'per@nav.no'",
        )
        .get() as { id: number }
    ).id;
    await a.agent
      .post(`${urlA}/bookings/${bookingOfB}/cancel`)
      .type("form")
      .send({ _csrf: a.csrf })
      .expect(404);
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(2);
    expect(urlB).not.toBe(urlA);
  });

  it("moves a booking to another free slot and adds a second interview", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) });
    expect(res.status).toBe(200);
    const url = managePathFor(t, "vera@nav.no");
    const bookingId = (t.db.prepare("SELECT id FROM booking").get() as { id: number }).id;
    const target = ev.slots(ev.participationIds[0])[3];
    await agent
      .post(`${url}/bookings/${bookingId}/move`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(target) })
      .expect(303);
    expect(t.db.prepare("SELECT slot_id AS s FROM booking").get()).toEqual({ s: target });
    const candidateId = (t.db.prepare("SELECT id FROM candidate").get() as { id: number }).id;
    await agent
      .post(`${url}/candidates/${candidateId}/book`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(ev.slots(ev.participationIds[2])[0]) })
      .expect(303);
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(2);
    expect(n(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'moved'")).toBe(1);
  });
});

describe("coordinator views", () => {
  it("lists bookings by employer and by time, moves and cancels, and shows the audit log without names", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const v = await veileder(t, ev.bookingPath);
    await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: v.csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) });
    await request(t.app).get(`/events/${ev.eventId}/bookings`).expect(303);
    const { agent, csrf } = await signedInAgent(t);
    const page = await agent.get(`/events/${ev.eventId}/bookings`).expect(200);
    expect(page.text).toContain("Åse-Marie Ø.");
    expect(page.text).toContain("Vera Veileder");
    const bookingId = (t.db.prepare("SELECT id FROM booking").get() as { id: number }).id;
    await agent
      .post(`/events/${ev.eventId}/bookings/${bookingId}/move`)
      .type("form")
      .send({ _csrf: csrf, slotId: String(ev.slots(ev.participationIds[0])[1]) })
      .expect(303);
    const moved = (t.db.prepare("SELECT id FROM booking").get() as { id: number }).id;
    await agent
      .post(`/events/${ev.eventId}/bookings/${moved}/cancel`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    expect(n(t, "SELECT count(*) AS n FROM booking")).toBe(0);
    const audit = await agent.get(`/events/${ev.eventId}/audit`).expect(200);
    expect(audit.text).toContain("Booket");
    expect(audit.text).toContain("Flyttet");
    expect(audit.text).toContain("Avbestilt");
    expect(audit.text).not.toContain("Åse-Marie");
    expect(audit.text).toContain("Vera Veileder");
  });
});

describe("schema guards", () => {
  it("refuses a second booking of the same slot even if a rule is bypassed", () => {
    const t = makeApp();
    const ev = openEvent(t);
    const slot = t.events.participation(ev.participationIds[0]).slots[0];
    t.db.exec("INSERT INTO caseworker (email, name, created_at) VALUES ('x@nav.no', 'X', '')");
    const add = () =>
      Number(
        t.db
          .prepare(
            "INSERT INTO candidate (event_id, caseworker_id, display_name, birth_year, eligibility, created_at) VALUES (?, 1, 'A B.', 2000, 'annet', '')",
          )
          .run(ev.eventId).lastInsertRowid,
      );
    const insert = t.db.prepare(
      "INSERT INTO booking (slot_id, participation_id, candidate_id, starts_at, ends_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, '', 'test')",
    );
    const c1 = add();
    insert.run(slot.id, ev.participationIds[0], c1, slot.startsAt, slot.endsAt);
    expect(() => insert.run(slot.id, ev.participationIds[0], add(), slot.startsAt, slot.endsAt)).toThrow(
      /slot-taken/,
    );
    const other = t.events.participation(ev.participationIds[2]).slots[0];
    expect(() => insert.run(other.id, ev.participationIds[2], c1, other.startsAt, other.endsAt)).toThrow(
      /time-overlap/,
    );
  });
});

describe("booking ids", () => {
  it("never reuses the id of a cancelled booking", () => {
    const t = makeApp();
    const ev = openEvent(t);
    const reg = (slot: number, key: string) =>
      t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
        caseworker: { name: "V", email: "v@nav.no", officeId: ev.officeId },
        candidate: {
          displayName: `A ${key.slice(-1)}.`,
          birthYear: 2000,
          eligibility: "annet",
          backupCaseworker: "",
          caseworkerJoins: false,
          needsAdaptation: false,
        },
        slotIds: [slot],
        waitlistParticipationIds: [],
        requestKey: key,
      });
    reg(ev.slots(ev.participationIds[0])[0], "id-reuse-test-00001");
    const first = (t.db.prepare("SELECT max(id) AS id FROM booking").get() as { id: number }).id;
    t.booking.cancel({ kind: "coordinator", id: "test" }, first);
    reg(ev.slots(ev.participationIds[0])[1], "id-reuse-test-00002");
    const second = (t.db.prepare("SELECT max(id) AS id FROM booking").get() as { id: number }).id;
    expect(second).toBeGreaterThan(first);
  });
});

describe("revoking a veileder's manage link", () => {
  it("lets a coordinator replace a leaked manage link", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const v = await veileder(t, ev.bookingPath);
    await v.agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: v.csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(200);
    const old = managePathFor(t, "vera@nav.no");
    await request(t.app).get(old).expect(200);
    const { agent, csrf } = await signedInAgent(t);
    const cid = t.booking.caseworkerByEmail("vera@nav.no")?.id;
    await agent
      .post(`/events/${ev.eventId}/caseworkers/${cid}/rotate-link`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(303);
    await request(t.app).get(old).expect(404);
    await request(t.app).get(managePathFor(t, "vera@nav.no")).expect(200);
  });
});
