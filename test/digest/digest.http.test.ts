import request from "supertest";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../server/demo/seed";
import { apiToken, makeApp, openEvent, signedInAgent, TEST_SECRET } from "../helpers";
import { BASE_URL, count } from "../mail/mail-helpers";

async function demo(now = "2018-04-02T06:00:00Z") {
  const t = makeApp({ now });
  const { eventId } = seedDemo(t.db, TEST_SECRET, BASE_URL, "2018-04-05");
  const event = t.events.get(eventId);
  const { agent, csrf } = await signedInAgent(t);
  return { t, event, agent, csrf, path: `/regions/${event.regionId}/digest` };
}

const settingsForm = (csrf: string, over: Record<string, string> = {}) => ({
  _csrf: csrf,
  recipients: "ola@nav.no\nvera@nav.no\nper@nav.no",
  contactName: "Kari Nordmann",
  contactEmail: "kari@nav.no",
  marketNews: "",
  autoSend: "on",
  weekday: "1",
  sendTime: "08:00",
  reminderDaysBefore: "2",
  reminderTime: "08:00",
  ...over,
});

const digestRows = (t: ReturnType<typeof makeApp>) =>
  count(t, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'digest'");

describe("the coordinator's digest page", () => {
  it("is for signed-in coordinators only", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const res = await request(t.app).get(`/regions/${ev.regionId}/digest`).expect(303);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
    await request(t.app).get("/mail").expect(303);
  });

  it("previews the HTML and text versions with the demo lines and the next scheduled send", async () => {
    const { agent, path } = await demo();
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain(
      "Neste Ta sjansen er 5. april 2018 på NAV Hamar. Det er nå 6 ledige intervjutidspunkter.",
    );
    expect(page.text).toContain(
      "<li>Sykehuset, med.avd., servicemed.arb. (ikke u/20 år) – <strong>1 ledig intervjutidspunkt</strong></li>",
    );
    expect(page.text).toContain("Bamsebjørn barnehage – 3 ledige intervjutidspunkter\n");
    expect(page.text).toContain(
      "Neste automatiske utsending: <strong>9. april 2018 kl. 08:00 (hver mandag kl. 08:00)</strong>",
    );
    // Until saved, the signed-in coordinator is suggested as the contact.
    expect(page.text).toContain('value="koordinator@nav.no"');
  });

  it("refuses a malformed recipient with its line number, keeps the input and saves nothing", async () => {
    const { t, agent, csrf, path, event } = await demo();
    const typed = "ola@nav.no\n\nvera@nav\nper@nav.no";
    const res = await agent
      .post(`${path}/settings`)
      .type("form")
      .send(settingsForm(csrf, { recipients: typed }))
      .expect(422);
    expect(res.text).toContain("Linje 3: «vera@nav» er ikke en gyldig e-postadresse");
    expect(res.text).toContain('class="aksel-error-summary"');
    expect(res.text).toContain('href="#f-recipients"');
    expect(res.text).toContain("ola@nav.no\n\nvera@nav\nper@nav.no</textarea>");
    expect(count(t, "SELECT count(*) AS n FROM digest_recipient")).toBe(0);
    expect(count(t, "SELECT count(*) AS n FROM digest_settings WHERE region_id = ?", event.regionId)).toBe(0);
  });

  it.each([
    ["a bad send time", { sendTime: "8" }, "sendTime", "Skriv klokkeslettet for utsending som TT:MM"],
    ["a bad contact address", { contactEmail: "kari@" }, "contactEmail", "Skriv en gyldig e-postadresse"],
    ["a reminder 30 days ahead", { reminderDaysBefore: "30" }, "reminderDaysBefore", "fra 0 til 14 dager"],
    ["a national ID number in the news", { marketNews: "Ring 01019012480" }, "marketNews", "fødselsnummer"],
  ])("refuses %s with a Norwegian message", async (_name, over, field, message) => {
    const { agent, csrf, path } = await demo();
    const res = await agent.post(`${path}/settings`).type("form").send(settingsForm(csrf, over)).expect(422);
    expect(res.text).toContain(`href="#f-${field}"`);
    expect(res.text).toContain(message);
  });

  it("saves recipients and settings, then shows them", async () => {
    const { t, agent, csrf, path, event } = await demo();
    await agent
      .post(`${path}/settings`)
      .type("form")
      .send(
        settingsForm(csrf, {
          recipients: "Ola@NAV.no\nvera@nav.no\nola@nav.no",
          weekday: "3",
          sendTime: "07:45",
        }),
      )
      .expect(303);
    expect(t.db.prepare("SELECT email FROM digest_recipient ORDER BY position").all()).toEqual([
      { email: "ola@nav.no" },
      { email: "vera@nav.no" },
    ]);
    expect(
      t.db
        .prepare(
          "SELECT weekday, send_time AS sendTime, contact_email AS contactEmail FROM digest_settings WHERE region_id = ?",
        )
        .get(event.regionId),
    ).toEqual({ weekday: 3, sendTime: "07:45", contactEmail: "kari@nav.no" });
    const page = await agent.get(`${path}?lagret`).expect(200);
    expect(page.text).toContain("Innstillingene er lagret.");
    expect(page.text).toContain("(hver onsdag kl. 07:45)");
    expect(page.text).toContain("send en e-post til Kari Nordmann (kari@nav.no).");
  });

  it("sends now to every recipient, once per press of the button", async () => {
    const { t, agent, csrf, path } = await demo();
    await agent.post(`${path}/settings`).type("form").send(settingsForm(csrf)).expect(303);
    const page = await agent.get(path).expect(200);
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const res = await agent.post(`${path}/send`).type("form").send({ _csrf: csrf, requestKey }).expect(303);
    expect(res.headers.location).toBe(`${path}?sendt=3`);
    expect(digestRows(t)).toBe(3);
    // A double-click or a reload sends the same form again: nothing new.
    await agent.post(`${path}/send`).type("form").send({ _csrf: csrf, requestKey }).expect(303);
    expect(digestRows(t)).toBe(3);
    const rows = t.db
      .prepare("SELECT to_addr AS toAddr, subject, reply_to AS replyTo FROM mail_outbox ORDER BY id")
      .all();
    expect(rows).toEqual(
      ["ola@nav.no", "vera@nav.no", "per@nav.no"].map((to) => ({
        toAddr: to,
        subject: "Markedsinformasjon Hedmarken: Ta sjansen 5. april 2018 – 6 ledige intervjutidspunkter",
        replyTo: "kari@nav.no",
      })),
    );
    const after = await agent.get(res.headers.location).expect(200);
    expect(after.text).toContain("lagt i utboksen til 3 mottakere");
  });

  it("refuses to send without recipients", async () => {
    const { t, agent, csrf, path } = await demo();
    const res = await agent
      .post(`${path}/send`)
      .type("form")
      .send({ _csrf: csrf, requestKey: "a-request-key-of-16-chars" })
      .expect(409);
    expect(res.text).toContain("ingen mottakere");
    expect(digestRows(t)).toBe(0);
  });

  it("says there is no upcoming event and sends nothing", async () => {
    const { t, agent, csrf, path } = await demo("2018-04-06T06:00:00Z");
    await agent.post(`${path}/settings`).type("form").send(settingsForm(csrf)).expect(303);
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain("Region Hedmarken har ingen kommende arrangementer som er åpne for booking");
    expect(page.text).not.toContain("Send nå");
    const res = await agent
      .post(`${path}/send`)
      .type("form")
      .send({ _csrf: csrf, requestKey: "a-request-key-of-16-chars" })
      .expect(409);
    expect(res.text).toContain("Markeds-e-posten sendes ikke");
    expect(digestRows(t)).toBe(0);
  });

  it("refuses a form without the CSRF token", async () => {
    const { t, agent, path } = await demo();
    await agent.post(`${path}/settings`).type("form").send({ recipients: "ola@nav.no" }).expect(403);
    expect(count(t, "SELECT count(*) AS n FROM digest_recipient")).toBe(0);
  });
});

describe("the task descriptions behind the booking link", () => {
  it("shows every employer's tasks and requirements to anyone with the booking link", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const page = await request(t.app).get(`${ev.bookingPath}/oppgaver`).expect(200);
    expect(page.text).toContain("Arbeidsoppgaver: Ta sjansen 10. desember 2026");
    expect(page.text).toContain("Vaskebedrift AS, kantine");
    expect(page.text).toContain("Sykehuset, med.avd. (ikke u/20 år)");
    expect(page.text).toContain("<strong>Arbeidsoppgaver:</strong> Oppgaver");
    expect(page.text).toContain("minst 20 år");
    expect(page.text).toContain(`href="${ev.bookingPath}"`);
  });

  it("answers 404 for a wrong or rotated link", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    t.events.rotateLink(ev.eventId, "booking");
    const res = await request(t.app).get(`${ev.bookingPath}/oppgaver`).expect(404);
    expect(res.text).toContain("Lenken er ukjent");
  });
});

describe("GET /api/v1/regions/:id/digest", () => {
  it("answers subject, text and HTML for a coordinator's token", async () => {
    const t = makeApp({ now: "2018-04-02T06:00:00Z" });
    const { eventId } = seedDemo(t.db, TEST_SECRET, BASE_URL, "2018-04-05");
    const regionId = t.events.get(eventId).regionId;
    const res = await request(t.app)
      .get(`/api/v1/regions/${regionId}/digest`)
      .set("Authorization", `Bearer ${apiToken(t)}`)
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(["html", "subject", "text"]);
    expect(res.body.subject).toContain("6 ledige intervjutidspunkter");
    expect(res.body.text).toContain("Vaskebedrift AS, kantine – Ingen ledige intervjutidspunkter\n");
    expect(res.body.html).toContain(
      "<li>Bamsebjørn barnehage – <strong>3 ledige intervjutidspunkter</strong></li>",
    );
  });

  it("refuses without a token, and answers problems for no event and an unknown region", async () => {
    const t = makeApp({ now: "2018-04-06T06:00:00Z" });
    const { eventId } = seedDemo(t.db, TEST_SECRET, BASE_URL, "2018-04-05");
    const regionId = t.events.get(eventId).regionId;
    await request(t.app).get(`/api/v1/regions/${regionId}/digest`).expect(401);
    const auth = { Authorization: `Bearer ${apiToken(t)}` };
    const none = await request(t.app).get(`/api/v1/regions/${regionId}/digest`).set(auth).expect(409);
    expect(none.body).toMatchObject({ code: "no-upcoming-event" });
    expect(none.headers["content-type"]).toContain("application/problem+json");
    const unknown = await request(t.app).get("/api/v1/regions/999/digest").set(auth).expect(404);
    expect(unknown.body.code).toBe("not-found");
  });

  it("is in the OpenAPI document", async () => {
    const t = makeApp();
    const doc = await request(t.app).get("/api/v1/openapi.json").expect(200);
    expect(Object.keys(doc.body.paths["/regions/{id}/digest"].get.responses)).toEqual(
      expect.arrayContaining(["200", "404", "409"]),
    );
  });
});

describe("the new-employer notice", () => {
  it("sends the ticked employers to the recipients at once, and shows when each was announced", async () => {
    const { t, agent, csrf, path, event } = await demo();
    await agent.post(`${path}/settings`).type("form").send(settingsForm(csrf)).expect(303);
    const bamse = t.events.detail(event.id).participations[4];
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain(
      "Bamsebjørn barnehage – 3 ledige intervjutidspunkter (Ta sjansen 5. april 2018)",
    );
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.text)?.[1] as string;

    const res = await agent
      .post(`${path}/new-employers`)
      .type("form")
      .send({ _csrf: csrf, requestKey, participationIds: String(bamse.id) })
      .expect(303);
    expect(res.headers.location).toBe(`${path}?varslet=3`);
    const rows = t.db
      .prepare(
        "SELECT to_addr AS toAddr, subject, text_body AS text FROM mail_outbox WHERE kind = 'new-employer'",
      )
      .all() as { toAddr: string; subject: string; text: string }[];
    expect(rows.map((r) => r.toAddr)).toEqual(["ola@nav.no", "vera@nav.no", "per@nav.no"]);
    expect(rows[0].subject).toBe("Ny virksomhet på Ta sjansen 5. april 2018: Bamsebjørn barnehage");
    expect(rows[0].text.split("\n").slice(0, 3)).toEqual([
      "Ny virksomhet på Ta sjansen 5. april 2018 på NAV Hamar:",
      "",
      "Bamsebjørn barnehage – 3 ledige intervjutidspunkter",
    ]);
    expect(rows[0].text).toContain(t.events.links(event).booking);

    await agent
      .post(`${path}/new-employers`)
      .type("form")
      .send({ _csrf: csrf, requestKey, participationIds: String(bamse.id) })
      .expect(303);
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'new-employer'")).toBe(3);
    const after = await agent.get(res.headers.location).expect(200);
    expect(after.text).toContain("Varselet om nye virksomheter er lagt i utboksen (3 e-poster).");
    expect(after.text).toContain("(Ta sjansen 5. april 2018, varslet 2. april 2018 kl. 08:00)");
  });

  it("names one employer and counts the rest in the subject, however many and however long the names", async () => {
    const { t, agent, csrf, path, event } = await demo();
    await agent.post(`${path}/settings`).type("form").send(settingsForm(csrf)).expect(303);
    for (let i = 1; i <= 3; i++) {
      const employerId = t.employers.create({
        regionId: event.regionId,
        name: `Innlandet interkommunale renovasjons- og gjenvinningsselskap nummer ${i} AS`.padEnd(110, "x"),
        orgNumber: undefined,
        sector: "public",
        industry: "",
        size: "",
        iaAgreement: false,
        contactName: "",
        contactPhone: "",
        contactEmail: "",
        navOwner: "",
      });
      t.events.addParticipation(event.id, {
        employerId,
        department: "",
        tasks: "",
        training: "",
        prerequisites: "",
        minAge: undefined,
        restrictions: "",
        offerTypes: ["arbeidstrening"],
        interviewCount: 1,
        roomId: undefined,
      });
    }
    const ids = t.events.detail(event.id).participations.map((p) => String(p.id));
    expect(ids).toHaveLength(8);
    const page = await agent.get(path).expect(200);
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.text)?.[1] as string;
    await agent
      .post(`${path}/new-employers`)
      .type("form")
      .send({ _csrf: csrf, requestKey, participationIds: ids })
      .expect(303);
    const subjects = t.db
      .prepare("SELECT DISTINCT subject FROM mail_outbox WHERE kind = 'new-employer'")
      .pluck()
      .all();
    expect(subjects).toEqual(["Nye virksomheter på Ta sjansen 5. april 2018: Vaskebedrift AS og 7 til"]);
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'new-employer'")).toBe(3);
  });

  it.each([
    ["nothing ticked", {}, "Kryss av for minst én virksomhet"],
    ["an employer that is not on an upcoming event", { participationIds: "999" }, "Velg blant virksomhetene"],
  ])("refuses %s", async (_name, over, message) => {
    const { t, agent, csrf, path } = await demo();
    await agent.post(`${path}/settings`).type("form").send(settingsForm(csrf)).expect(303);
    const res = await agent
      .post(`${path}/new-employers`)
      .type("form")
      .send({ _csrf: csrf, requestKey: "a-request-key-of-16-chars", ...over })
      .expect(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain('href="#f-participationIds"');
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox")).toBe(0);
  });
});
