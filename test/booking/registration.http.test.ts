// Minijobbmesse registration over HTTP: the booking link's registration page, a full event, the manage page's
// cancellation, the JSON API, and the mails — each asserting the response and what was stored.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { formatDate } from "../../server/shared/time";
import { csrfFrom, makeApp, managePathFor, signedInAgent, standardEvent, type TestApp } from "../helpers";
import { fillPlaces, openMinijobbmesse, registrationFormBody } from "./registration-helpers";

const count = (t: TestApp, sql: string, ...args: unknown[]) =>
  (t.db.prepare(sql).get(...args) as { n: number }).n;
const mails = (t: TestApp, kind: string) =>
  t.db
    .prepare(
      "SELECT idempotency_key AS key, to_addr AS too, subject, text_body AS text, attachments FROM mail_outbox WHERE kind = ? ORDER BY id",
    )
    .all(kind) as { key: string; too: string; subject: string; text: string; attachments: string }[];

async function veileder(t: TestApp, path: string) {
  const agent = request.agent(t.app);
  const page = await agent.get(path).expect(200);
  return { agent, csrf: csrfFrom(page.text), page };
}

describe("Minijobbmesse registration page", () => {
  it("shows the programme, the employers with their rooms and requirements, the places left, and no slots", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 20 });
    fillPlaces(t, ev, 3);
    const { page } = await veileder(t, ev.bookingPath);
    expect(page.text).toContain("Meld på kandidat: Minijobbmesse");
    expect(page.text).toContain("17 plasser igjen");
    expect(page.text).toContain("Arbeidsgiverne presenterer seg");
    expect(page.text).toContain("Vaskebedrift AS, resepsjon");
    expect(page.text).toContain("Samtalerom 1");
    expect(page.text).toContain("minst 18 år");
    expect(page.text).toContain("førerkort");
    expect(page.text).toContain("Oppgaver i hverdagen");
    expect(page.text).toContain("NAV-ansatt blir med");
    expect(page.text).toContain("Kandidatene kommer kl. 11:00");
    expect(page.text).not.toContain('name="slotIds"');
    expect(page.text).not.toContain("venteliste");
  });

  it("registers a candidate without slots: confirmation page, stored row, audit line and a Minijobbmesse mail", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 5 });
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...registrationFormBody(ev.officeId, { "candidate.caseworkerJoins": "on" }) })
      .expect(200);
    expect(res.text).toContain("Påmeldingen er registrert");
    expect(res.text).toContain(`Påmeldt Minijobbmesse ${formatDate("2026-12-10")}, rommene åpner kl. 12:00`);
    expect(res.text).toContain("Kandidaten kommer kl. <strong>11:00</strong>");

    const stored = t.db
      .prepare("SELECT display_name AS name, caseworker_joins AS joins, event_id AS eventId FROM candidate")
      .all();
    expect(stored).toEqual([{ name: "Åse-Marie Ø.", joins: 1, eventId: ev.eventId }]);
    expect(count(t, "SELECT count(*) AS n FROM booking")).toBe(0);
    expect(count(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'registered'")).toBe(1);

    const [mail] = mails(t, "confirmation");
    expect(mail.too).toBe("vera@nav.no");
    expect(mail.subject).toContain("Påmelding registrert: Minijobbmesse");
    expect(mail.text).toContain("Åse-Marie Ø. er påmeldt Minijobbmesse");
    expect(mail.text).toContain("Kandidaten kommer kl. 11:00, når arbeidsgiverne presenterer seg");
    expect(mail.text).toContain("Rommene åpner kl. 12:00");
    expect(mail.text).toContain("- Sykehuset – Samtalerom 2");
    expect(mail.text).not.toMatch(/intervju kl\.|\d\d:\d\d–\d\d:\d\d Vaskebedrift/);
    const ics = JSON.parse(mail.attachments)[0].content as string;
    expect(ics).toContain("DTSTART;TZID=Europe/Oslo:20261210T110000");
    expect(ics).toContain("DTEND;TZID=Europe/Oslo:20261210T140000");
    expect(ics).not.toContain("Åse-Marie");

    // The page now shows one place fewer.
    const again = await agent.get(ev.bookingPath).expect(200);
    expect(again.text).toContain("4 plasser igjen");
  });

  it("refuses a registration when the event is full: 409, an error summary, what was typed kept, nothing stored", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 2 });
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    fillPlaces(t, ev, 2);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...registrationFormBody(ev.officeId, { "candidate.displayName": "Nora K." }) })
      .expect(409);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toContain("Minijobbmessen er full");
    expect(res.text).toContain('value="Nora K."');
    expect(res.text).toContain("Ingen plasser igjen");
    expect(count(t, "SELECT count(*) AS n FROM candidate WHERE event_id = ?", ev.eventId)).toBe(2);
    expect(count(t, "SELECT count(*) AS n FROM candidate WHERE display_name = 'Nora K.'")).toBe(0);
  });

  it("refuses a slot or waitlist choice on a Minijobbmesse and stores nothing", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...registrationFormBody(ev.officeId),
        waitlistParticipationIds: String(ev.participationIds[0]),
      })
      .expect(409);
    expect(res.text).toContain("ingen intervjutider");
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(0);
    // «Foreslå tider» has nothing to propose: back to the form.
    const propose = await agent
      .post(`${ev.bookingPath}/propose`)
      .type("form")
      .send({ _csrf: csrf, participationIds: String(ev.participationIds[0]) })
      .expect(303);
    expect(propose.headers.location).toBe(ev.bookingPath);
  });

  it("refuses the same person twice from the same veileder", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...registrationFormBody(ev.officeId) })
      .expect(200);
    const res = await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...registrationFormBody(ev.officeId, { "candidate.displayName": "åse-marie  ø." }),
      })
      .expect(409);
    expect(res.text).toContain("er allerede registrert av deg");
    expect(res.text).toContain("Påmeldingen står i «Mine bookinger»");
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(1);
  });

  it("shows the closed page after the deadline, as for bookings", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    t.clock.set("2026-12-09T12:00:00Z");
    const page = await request(t.app).get(ev.bookingPath).expect(200);
    expect(page.text).toContain("Påmeldingsfristen gikk ut");
    expect(page.text).toContain("Påmelding stengt");
    expect(page.text).not.toMatch(/Booking stengt|Bookingfrist|Bookingene|bookingene|da du booket/);
    expect(page.text).not.toContain("Meld på kandidat");
  });
});

describe("Minijobbmesse on «Mine bookinger»", () => {
  async function registered(capacity = 3) {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity });
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...registrationFormBody(ev.officeId) })
      .expect(200);
    const candidateId = (t.db.prepare("SELECT id FROM candidate").get() as { id: number }).id;
    return { t, ev, agent, candidateId, manage: managePathFor(t, "vera@nav.no") };
  }

  it("shows the registration with when the rooms open, the invitation and «Avbestill påmeldingen»", async () => {
    const { t, agent, candidateId, manage } = await registered();
    const page = await agent.get(manage).expect(200);
    expect(page.text).toContain(`Påmeldt Minijobbmesse ${formatDate("2026-12-10")}, rommene åpner kl. 12:00`);
    expect(page.text).toContain("Kommer kl. 11:00");
    expect(page.text).toContain(`/registrations/${candidateId}/cancel`);
    expect(page.text).toContain("Meld på en kandidat til");
    const inv = await agent.get(`${manage}/candidates/${candidateId}/invitasjon`).expect(200);
    expect(inv.text).toContain("Invitasjon til Minijobbmesse");
    expect(inv.text).toContain("Arbeidsgiverne du kan møte");
    expect(inv.text).toContain("Vaskebedrift AS, resepsjon (Samtalerom 1)");
    expect(inv.text).toContain("Kom kl. 11:00");
    expect(inv.text).not.toContain("Intervjuene dine");
    expect(t.logs).toEqual([]);
  });

  it("cancels a registration: asks first, frees the place, audits it and mails the veileder a calendar cancel", async () => {
    const { t, ev, agent, candidateId, manage } = await registered(1);
    const full = await agent.get(ev.bookingPath).expect(200);
    expect(full.text).toContain("Ingen plasser igjen");

    const confirm = await agent.get(`${manage}/registrations/${candidateId}/cancel`).expect(200);
    expect(confirm.text).toContain("Avbestill påmeldingen til Åse-Marie Ø.");
    const res = await agent
      .post(`${manage}/registrations/${candidateId}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303);
    // Her last candidate gone, the manage link has nothing to show: back to the event's form, with the message.
    expect(res.headers.location).toBe(ev.bookingPath);

    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(0);
    // The pseudonymous person made for this registration alone goes with it.
    expect(count(t, "SELECT count(*) AS n FROM person")).toBe(0);
    const audit = t.db.prepare("SELECT action, candidate_id AS c, actor FROM audit_log ORDER BY id").all();
    expect(audit).toEqual([
      { action: "registered", c: candidateId, actor: expect.stringMatching(/^caseworker:\d+:unconfirmed$/) },
      { action: "registration-cancelled", c: candidateId, actor: expect.stringMatching(/^caseworker:\d+$/) },
    ]);
    const [mail] = mails(t, "change");
    expect(mail.key).toBe(`change:event:${ev.eventId}:caseworker:1:registration:${candidateId}:cancelled`);
    expect(mail.text).toContain(
      "Du har avbestilt påmeldingen: Åse-Marie Ø. er ikke lenger påmeldt Minijobbmesse",
    );
    const ics = JSON.parse(mail.attachments)[0].content as string;
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain(`UID:registration-${candidateId}@localhost`);

    const after = await agent.get(ev.bookingPath).expect(200);
    expect(after.text).toContain("1 plass igjen");
    expect(after.text).toContain("Påmeldingen er avbestilt");
  });

  it("refuses to cancel another veileder's registration (404) and after the deadline (409), keeping it", async () => {
    const { t, ev, agent, candidateId, manage } = await registered();
    fillPlaces(t, ev, 1);
    const other = (t.db.prepare("SELECT id FROM candidate WHERE id <> ?").get(candidateId) as { id: number })
      .id;
    const page = await agent.get(`${manage}/registrations/${candidateId}/cancel`).expect(200);
    await agent
      .post(`${manage}/registrations/${other}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text) })
      .expect(404);
    t.clock.set("2026-12-09T12:00:00Z");
    const late = await agent
      .post(`${manage}/registrations/${candidateId}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text) })
      .expect(409);
    expect(late.text).toContain("Påmeldingsfristen har gått ut");
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(2);
  });

  it("refuses to cancel a registration the day has records of (a room visit), as 409 registration-in-use", async () => {
    const { t, ev, candidateId } = await registered();
    t.db
      .prepare(
        "INSERT INTO room_visit (event_id, candidate_id, participation_id, entered_at, left_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(ev.eventId, candidateId, ev.participationIds[0], "2026-12-10T11:00:00Z", "2026-12-10T11:10:00Z");
    expect(() =>
      t.booking.cancelRegistration({ kind: "coordinator", id: "coordinator:1" }, candidateId),
    ).toThrow(expect.objectContaining({ status: 409, code: "registration-in-use" }));
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(1);
    expect(count(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'registration-cancelled'")).toBe(0);
  });

  it("refuses to cancel a registration once the candidate is checked in", async () => {
    const { t, candidateId } = await registered();
    t.db
      .prepare("UPDATE candidate SET arrived_at = ? WHERE id = ?")
      .run("2026-12-10T10:05:00.000Z", candidateId);
    expect(() =>
      t.booking.cancelRegistration({ kind: "coordinator", id: "coordinator:1" }, candidateId),
    ).toThrow(/ankommet/);
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(1);
  });
});

describe("Minijobbmesse registration through the JSON API", () => {
  const post = (t: TestApp, ev: { eventId: number; bookingPath: string; officeId: number }, extra = {}) =>
    request(t.app)
      .post(`/api/v1/events/${ev.eventId}/candidates`)
      .set("authorization", `Bearer ${ev.bookingPath.split("/").pop()}`)
      .send({
        caseworker: { name: "Api Veileder", email: "api@nav.no", officeId: ev.officeId },
        candidate: { displayName: "Ola N.", birthYear: 2001, eligibility: "annet" },
        ...extra,
      });

  it("registers with the booking-link token (201, no bookings), refuses slots and a full event with 409 codes", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 2 });
    const ok = await post(t, ev).expect(201);
    expect(ok.body).toEqual({
      candidateId: expect.any(Number),
      caseworkerId: expect.any(Number),
      bookings: [],
    });
    const slots = await post(t, ev, {
      candidate: { displayName: "Kim S.", birthYear: 2000, eligibility: "annet" },
      slotIds: [1],
    }).expect(409);
    expect(slots.body.code).toBe("format-has-no-slots");
    fillPlaces(t, ev, 1);
    const full = await post(t, ev, {
      candidate: { displayName: "Per P.", birthYear: 2000, eligibility: "annet" },
    }).expect(409);
    expect(full.body.code).toBe("event-full");
    expect(full.body.detail ?? full.body.title ?? "").toMatch(/full/);
    expect(count(t, "SELECT count(*) AS n FROM candidate")).toBe(2);
  });
});

describe("Minijobbmesse in the mails before the day", () => {
  it("the markeds-e-post shows places left and the employers, without interview slots", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 20 });
    fillPlaces(t, ev, 5);
    const d = t.mail.digest.render(ev.regionId);
    if (!d.ok) throw new Error(d.message);
    expect(d.subject).toContain("15 plasser igjen");
    expect(d.text).toContain("Det er nå 15 plasser igjen.");
    expect(d.text).toContain("Vaskebedrift AS, resepsjon – Samtalerom 1");
    expect(d.text).toContain("Sykehuset (ikke u/18 år) – Samtalerom 2");
    expect(d.text).toContain("rommene er åpne kl. 12:00–14:00");
    expect(d.text).toContain("melde på kandidaten");
    expect(d.text).not.toMatch(/ledige? intervjutid/);
    expect(d.html).not.toMatch(/ledige? intervjutid/);
    // The tasks page the digest links to speaks the same way.
    const tasks = await request(t.app).get(`${ev.bookingPath}/oppgaver`).expect(200);
    expect(tasks.text).toContain("Åpne rom 12:00–14:00");
    expect(tasks.text).toContain("Rom: Samtalerom 1");
    expect(tasks.text).toContain("Meld på kandidat");
    expect(tasks.text).not.toMatch(/ledige? intervjutid|Book intervju/);
  });

  it("reminds each veileder of their registered candidates with the event's times", () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    fillPlaces(t, ev, 2);
    const r = t.db.transaction(() => t.mail.notify.remindersInTx(ev.eventId))();
    expect(r).toEqual({ mails: 2, created: 2 });
    const [mail] = mails(t, "reminder");
    expect(mail.text).toContain("Dine påmeldte kandidater:");
    expect(mail.text).toContain("- K0 F.");
    expect(mail.text).toContain("Rommene åpner kl. 12:00");
    expect(mail.text).not.toContain("intervjuet dagen før");
    expect(JSON.parse(mail.attachments)[0].content).toContain("UID:registration-");
  });
});

describe("Minijobbmesse registrations through the API with the manage token", () => {
  it("lists registrations and cancels one (200), freeing the place; another veileder's is 404", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 3 });
    fillPlaces(t, ev, 2);
    const [mine, theirs] = t.db.prepare("SELECT id FROM candidate ORDER BY id").pluck().all() as number[];
    const manage = { authorization: `Bearer ${managePathFor(t, "fyll0@nav.no").split("/").pop()}` };
    const list = await request(t.app).get("/api/v1/bookings").set(manage).expect(200);
    expect(list.body.registrations).toEqual([{ candidateId: mine, eventId: ev.eventId, candidate: "K0 F." }]);
    await request(t.app).delete(`/api/v1/registrations/${theirs}`).set(manage).expect(404);
    const res = await request(t.app).delete(`/api/v1/registrations/${mine}`).set(manage).expect(200);
    expect(res.body).toEqual({ candidateId: mine, eventId: ev.eventId, cancelled: true });
    expect(t.db.prepare("SELECT id FROM candidate").pluck().all()).toEqual([theirs]);
    expect(t.events.detail(ev.eventId).freeSlots).toBe(2);
    const doc = (await request(t.app).get("/api/v1/openapi.json")).body;
    expect(doc.paths["/events/{id}/candidates"].post.responses["409"].description).toContain("event-full");
    expect(doc.paths["/registrations/{id}"].delete.summary).toContain("Minijobbmesse");
  });

  it("cancelling one of two registrations keeps the veileder on «Mine bookinger» and announces it after commit", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    for (const name of ["Ada A.", "Bo B."])
      await agent
        .post(ev.bookingPath)
        .type("form")
        .send({ _csrf: csrf, ...registrationFormBody(ev.officeId, { "candidate.displayName": name }) })
        .expect(200);
    const [ada] = t.db.prepare("SELECT id FROM candidate ORDER BY id").pluck().all() as number[];
    const heard: string[] = [];
    t.bus.subscribe((batch) => heard.push(...batch.map((e) => `${e.type}:${e.eventId}`)));
    const manage = managePathFor(t, "vera@nav.no");
    const confirm = await agent.get(`${manage}/registrations/${ada}/cancel`).expect(200);
    const res = await agent
      .post(`${manage}/registrations/${ada}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303);
    expect(res.headers.location).toBe(manage);
    // The realtime listener sends a fresh snapshot for every committed event of the event's room.
    expect(heard).toEqual([`registration.cancelled:${ev.eventId}`]);
    const page = await agent.get(manage).expect(200);
    expect(page.text).toContain("Påmeldingen er avbestilt");
    expect(page.text).not.toContain("Ada A.");
    expect(page.text).toContain("Bo B.");
  });
});

describe("the coordinator's registrations page", () => {
  it("lists a Minijobbmesse's registrations with places left and cancels one on behalf of the veileder", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t, { capacity: 4 });
    fillPlaces(t, ev, 2);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/events/${ev.eventId}/bookings`).expect(200);
    expect(page.text).toContain("Påmeldinger: Minijobbmesse");
    expect(page.text).toContain("2 av 4 plasser tatt – 2 plasser igjen");
    expect(page.text).toContain("K0 F.");
    expect(page.text).toContain("K1 F.");
    expect(page.text).not.toContain("Per tidspunkt");
    const [first] = t.db.prepare("SELECT id FROM candidate ORDER BY id").pluck().all() as number[];
    const confirm = await agent.get(`/events/${ev.eventId}/registrations/${first}/cancel`).expect(200);
    expect(confirm.text).toContain("Veilederen (Fyll) får en e-post");
    await agent
      .post(`/events/${ev.eventId}/registrations/${first}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303);
    expect(t.db.prepare("SELECT count(*) FROM candidate").pluck().get()).toBe(1);
    const [mail] = mails(t, "change");
    expect(mail.too).toBe("fyll0@nav.no");
    expect(mail.text).toContain("Markedskoordinatoren har avbestilt påmeldingen: K0 F.");
    const audit = t.db
      .prepare("SELECT actor FROM audit_log WHERE action = 'registration-cancelled'")
      .pluck()
      .get();
    expect(audit).toMatch(/^coordinator:\d+$/);
    const after = await agent.get(`/events/${ev.eventId}/bookings`).expect(200);
    expect(after.text).toContain("1 av 4 plasser tatt – 3 plasser igjen");
    const log = await agent.get(`/events/${ev.eventId}/audit`).expect(200);
    expect(log.text).toContain("Påmelding avbestilt");
  });
});

describe("a cancelled registration and the retention purge", () => {
  it("leaves no mail naming the candidate once the retention period has passed", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...registrationFormBody(ev.officeId, { "candidate.displayName": "Sigrid S." }) })
      .expect(200);
    const id = t.db.prepare("SELECT id FROM candidate").pluck().get() as number;
    t.booking.cancelRegistration({ kind: "coordinator", id: "coordinator:1" }, id);
    const naming = () =>
      t.db.prepare("SELECT count(*) FROM mail_outbox WHERE text_body LIKE '%Sigrid S.%'").pluck().get();
    expect(naming()).toBe(2);
    // Both mails stay in the event's scope (the e-post page and the event's purge find them): the cancellation
    // through its key, the confirmation through the registration's audit lines (its candidate row is gone).
    expect(
      t.db
        .prepare("SELECT count(*) FROM mail_outbox_scope WHERE event_id = ? AND region_id = ?")
        .pluck()
        .get(ev.eventId, ev.regionId),
    ).toBe(2);
    t.retention.purge(new Date("2028-06-01T03:00:00Z"));
    expect(naming()).toBe(0);
  });
});

describe("a Minijobbmesse that moves", () => {
  it("mails each veileder with registrations once, with the new times and updated calendar entries", () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    fillPlaces(t, ev, 3);
    const before = mails(t, "change").length;
    const input = standardEvent(ev.officeId, "2026-12-11", {
      format: "minijobbmesse",
      title: "Minijobbmesse",
      capacity: 20,
      interviewStart: "12:00",
      interviewEnd: "14:00",
      maxInterviews: 1,
      programme: "11:00 Arbeidsgiverne presenterer seg\n12:00 Åpne rom",
    });
    t.clock.set("2026-11-28T09:00:00Z");
    t.events.update(ev.eventId, input);
    const moved = mails(t, "change").slice(before);
    expect(moved).toHaveLength(3);
    expect(moved[0].text).toContain("Nå: fredag 11. desember 2026");
    expect(moved[0].text).toContain("Kandidaten kommer kl. 11:00");
    const ics = JSON.parse(moved[0].attachments)[0].content as string;
    expect(ics).toContain("DTSTART;TZID=Europe/Oslo:20261211T110000");
    // A later SEQUENCE than the confirmation's, so calendars replace the entry.
    const seq = (s: string) => Number(/SEQUENCE:(\d+)/.exec(s)?.[1]);
    const confirmation = mails(t, "confirmation").find((m) => m.too === moved[0].too);
    if (confirmation) expect(seq(ics)).toBeGreaterThan(seq(JSON.parse(confirmation.attachments)[0].content));
    // The same change again mails nobody twice.
    t.events.update(ev.eventId, input);
    expect(mails(t, "change").slice(before)).toHaveLength(3);
  });

  it("mails when only the arrival (the programme's start) or the closing time moves, and again when it moves back", () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    fillPlaces(t, ev, 1);
    const input = standardEvent(ev.officeId, t.events.get(ev.eventId).date, {
      format: "minijobbmesse",
      title: "Minijobbmesse",
      capacity: 20,
      interviewStart: "12:00",
      interviewEnd: "14:00",
      maxInterviews: 1,
      programme: "11:00 Arbeidsgiverne presenterer seg\n12:00 Åpne rom",
    });
    t.events.update(ev.eventId, input);
    const count = () => mails(t, "change").length;
    const steps: [string, Partial<typeof input>, number][] = [
      ["an earlier arrival", { programme: "10:30 Arbeidsgiverne presenterer seg\n12:00 Åpne rom" }, 1],
      ["a later closing", { programme: "10:30 Arbeidsgiverne presenterer seg", interviewEnd: "15:00" }, 1],
      ["back to the first times", {}, 1],
      [
        "the later closing again",
        { programme: "10:30 Arbeidsgiverne presenterer seg", interviewEnd: "15:00" },
        1,
      ],
      [
        "a new title only",
        { programme: "10:30 Arbeidsgiverne presenterer seg", interviewEnd: "15:00", title: "Messa" },
        0,
      ],
    ];
    for (const [what, change, expected] of steps) {
      const before = count();
      t.events.update(ev.eventId, { ...input, ...change });
      expect(count() - before, what).toBe(expected);
    }
    const last = mails(t, "change").at(-1);
    expect(JSON.parse(last?.attachments ?? "[]")[0].content).toContain(
      "DTEND;TZID=Europe/Oslo:20261210T150000",
    );
  });
});

describe("a cancelled registration's id", () => {
  it("is never given to the next registration, so the next veileder gets their own confirmation", async () => {
    const t = makeApp();
    const ev = openMinijobbmesse(t);
    const vera = await veileder(t, ev.bookingPath);
    await vera.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: vera.csrf,
        ...registrationFormBody(ev.officeId, { "candidate.displayName": "Erik E." }),
      })
      .expect(200);
    const erik = t.db.prepare("SELECT max(id) FROM candidate").pluck().get() as number;
    t.booking.cancelRegistration({ kind: "coordinator", id: "coordinator:1" }, erik);
    const berit = await veileder(t, ev.bookingPath);
    await berit.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: berit.csrf,
        ...registrationFormBody(ev.officeId, {
          "candidate.displayName": "Nora N.",
          "caseworker.name": "Berit Veileder",
          "caseworker.email": "berit@nav.no",
        }),
      })
      .expect(200);
    const nora = t.db
      .prepare("SELECT id FROM candidate WHERE display_name = 'Nora N.'")
      .pluck()
      .get() as number;
    expect(nora).toBeGreaterThan(erik);
    // Berit's confirmation exists and names Nora; Erik's audit lines stay Erik's.
    const toBerit = t.db
      .prepare("SELECT text_body FROM mail_outbox WHERE to_addr = 'berit@nav.no' AND kind = 'confirmation'")
      .pluck()
      .all() as string[];
    expect(toBerit).toHaveLength(1);
    expect(toBerit[0]).toContain("Nora N.");
    expect(
      t.db.prepare("SELECT action FROM audit_log WHERE candidate_id = ? ORDER BY id").pluck().all(nora),
    ).toEqual(["registered"]);
  });
});
