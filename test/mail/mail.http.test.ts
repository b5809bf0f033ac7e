import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { fileTransport } from "../../server/mail/transport";
import { mailWorker } from "../../server/mail/worker";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, openEvent, signedInAgent } from "../helpers";
import { count, servicesFor, tempDir } from "./mail-helpers";

/** An app whose booking changes are mailed: createApp subscribes the mail listener to the domain events. */
function mailedApp() {
  const t = makeApp();
  const ev = openEvent(t);
  return { t, ev, mail: servicesFor(t) };
}

async function veileder(t: ReturnType<typeof makeApp>, bookingPath: string) {
  const agent = request.agent(t.app);
  const page = await agent.get(bookingPath).expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

const rows = (t: ReturnType<typeof makeApp>, kind: string) =>
  t.db
    .prepare(
      "SELECT to_addr AS toAddr, subject, text_body AS text, attachments FROM mail_outbox WHERE kind = ? ORDER BY id",
    )
    .all(kind) as { toAddr: string; subject: string; text: string; attachments: string }[];

describe("booking e-mails", () => {
  it("confirms a booking to the veileder through the outbox, with times, rooms, links and an .ics", async () => {
    const { t, ev } = mailedApp();
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    const slots = [ev.slots(ev.participationIds[0])[0], ev.slots(ev.participationIds[2])[2]];
    const body = { _csrf: csrf, ...bookingFormBody(ev.officeId, slots) };
    await agent.post(ev.bookingPath).type("form").send(body).expect(200);

    const [m] = rows(t, "confirmation");
    expect(m.toAddr).toBe("vera@nav.no");
    expect(m.subject).toBe("Booking registrert: Ta sjansen 10. desember 2026");
    expect(m.text).toContain(
      "Du har booket intervju for Åse-Marie Ø. på Ta sjansen torsdag 10. desember 2026",
    );
    expect(m.text).toContain("- 15:30–16:00 Vaskebedrift AS, kantine – Samtalerom 1");
    expect(m.text).toContain("- 16:30–17:00 Bamsebjørn barnehage – Samtalerom 3");
    const manageUrl = `http://localhost:3000${managePathFor(t, "vera@nav.no")}`;
    expect(m.text).toContain(`Se, flytt eller avbestill bookingene dine: ${manageUrl}`);
    expect(m.text).toMatch(new RegExp(`${manageUrl}/candidates/\\d+/invitasjon`));
    const ics = JSON.parse(m.attachments)[0].content;
    expect(ics).toContain("DTSTART;TZID=Europe/Oslo:20261210T153000");
    // Calendar entries name the participant number, never the candidate.
    expect(ics).toContain("SUMMARY:Ta sjansen: deltaker nr. 1 – Vaskebedrift AS");
    expect(ics).not.toContain("Åse");

    // The same form posted again (double-click) books nothing and mails nothing.
    await agent.post(ev.bookingPath).type("form").send(body).expect(200);
    expect(rows(t, "confirmation")).toHaveLength(1);
    // Nothing about candidates in the operational log.
    expect(t.logs.join("\n")).not.toContain("Åse-Marie");
  });

  it("mails the veileder whose waiting candidate gets a freed slot", async () => {
    const { t, ev } = mailedApp();
    const pid = ev.participationIds[2];
    const first = await veileder(t, ev.bookingPath);
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
    await second.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: second.csrf,
        ...bookingFormBody(ev.officeId, [], {
          "caseworker.name": "Per Veileder",
          "caseworker.email": "per@nav.no",
          "candidate.displayName": "Kari V.",
          waitlistParticipationIds: String(pid),
        }),
      })
      .expect(200);
    const waitConfirm = rows(t, "confirmation").find((r) => r.toAddr === "per@nav.no");
    expect(waitConfirm?.text).toContain("På venteliste hos:\n- Bamsebjørn barnehage");

    const manage = await first.agent.get(manageUrl).expect(200);
    const bookingId = /bookings\/(\d+)\/cancel/.exec(manage.text)?.[1];
    await first.agent
      .post(`${manageUrl}/bookings/${bookingId}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(manage.text) })
      .expect(303);

    const promotions = rows(t, "promotion");
    expect(promotions).toHaveLength(1);
    expect(promotions[0].toAddr).toBe("per@nav.no");
    expect(promotions[0].subject).toBe("Plass fra ventelisten: Ta sjansen 10. desember 2026");
    expect(promotions[0].text).toContain("Kari V. har fått plass fra ventelisten");
    expect(promotions[0].text).toMatch(/- 1\d:\d\d–1\d:\d\d Bamsebjørn barnehage/);

    // Later changes on the event do not mail the same promotion again.
    const again = await first.agent.get(manageUrl).expect(200);
    const another = /bookings\/(\d+)\/cancel/.exec(again.text)?.[1];
    await first.agent
      .post(`${manageUrl}/bookings/${another}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(again.text) })
      .expect(303);
    expect(rows(t, "promotion")).toHaveLength(1);
  });

  it("never fails a booking because of a mail problem", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    t.db.exec("DROP TABLE mail_outbox");
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: csrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(200);
    expect(count(t, "SELECT count(*) AS n FROM booking")).toBe(1);
    expect(t.logs.join("\n")).toMatch(/booking mail failed/);
  });
});

describe("the invitation for the candidate", () => {
  async function booked() {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await veileder(t, ev.bookingPath);
    await agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: csrf,
        ...bookingFormBody(
          ev.officeId,
          [ev.slots(ev.participationIds[0])[1], ev.slots(ev.participationIds[2])[3]],
          {
            "candidate.backupCaseworker": "Per Reserve",
            "candidate.caseworkerJoins": "on",
          },
        ),
      })
      .expect(200);
    const manageUrl = managePathFor(t, "vera@nav.no");
    return { t, ev, agent, manageUrl };
  }

  it("is linked from the manage page and says when, where, who greets them and what to bring", async () => {
    const { t, agent, manageUrl } = await booked();
    const manage = await agent.get(manageUrl).expect(200);
    const link = /href="(\/v\/[^"]+\/candidates\/\d+\/invitasjon)"/.exec(manage.text)?.[1];
    expect(link).toBeDefined();
    expect(manage.text).toContain("Invitasjon til Åse-Marie Ø.");
    // The link works without the veileder's cookies: it is the capability.
    const page = await request(t.app)
      .get(link as string)
      .expect(200);
    expect(page.text).toContain("Hei Åse-Marie Ø.!");
    expect(page.text).toContain("Når: torsdag 10. desember 2026. Kom kl. 15:45.");
    expect(page.text).toContain("Hvor: NAV Hamar, Vangsvegen 73.");
    expect(page.text).toContain("Kl. 16:00 med Vaskebedrift AS, kantine (Samtalerom 1)");
    expect(page.text).toContain("Kl. 17:00 med Bamsebjørn barnehage (Samtalerom 3)");
    expect(page.text).toContain("En hovmester tar imot deg");
    expect(page.text).toContain("Veilederen din, Vera Veileder, møter deg der.");
    expect(page.text).toContain("Hvis Vera Veileder ikke kan komme, møter Per Reserve deg i stedet.");
    expect(page.text).toContain("CV-en din, hvis du har en");
    expect(page.text).toContain("Si fra til Vera Veileder så fort du kan (vera@nav.no).");
    expect(page.text).toContain('class="no-print stack"');
  });

  it("answers 404 for a wrong manage link or another veileder's candidate", async () => {
    const { t, ev, manageUrl } = await booked();
    const other = await veileder(t, ev.bookingPath);
    await other.agent
      .post(ev.bookingPath)
      .type("form")
      .send({
        _csrf: other.csrf,
        ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[2]], {
          "caseworker.email": "per@nav.no",
        }),
      })
      .expect(200);
    const theirs = (t.db.prepare("SELECT max(id) AS id FROM candidate").get() as { id: number }).id;
    await request(t.app).get(`${manageUrl}/candidates/${theirs}/invitasjon`).expect(404);
    await request(t.app)
      .get(`${manageUrl.slice(0, -3)}abc/candidates/1/invitasjon`)
      .expect(404);
  });
});

describe("the e-post admin page", () => {
  it("lists the outbox and the schedule, with the content of sent mails deleted and their .eml not for download", async () => {
    const { t, ev, mail } = mailedApp();
    const { agent: v, csrf: vcsrf } = await veileder(t, ev.bookingPath);
    await v
      .post(ev.bookingPath)
      .type("form")
      .send({ _csrf: vcsrf, ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]) })
      .expect(200);
    const dir = path.join(tempDir(), "outbox");
    const transport = fileTransport(dir, { from: "ikke-svar@localhost", host: "localhost" });
    await mailWorker({ db: t.db, outbox: mail.outbox, transport, log: () => {} }).drain();

    const { agent } = await signedInAgent(t);
    const page = await agent.get("/mail").expect(200);
    expect(page.text).toContain("Utsendingen er ikke startet i denne serverprosessen");
    expect(page.text).toContain("Bookingbekreftelse");
    expect(page.text).toContain("vera@nav.no");
    expect(page.text).toContain("Sendt 27. november 2026 kl. 10:00");
    expect(page.text).toContain("000001-confirmation.eml");
    expect(page.text).not.toContain('href="/mail/1/eml"');
    expect(page.text).toContain(
      "Når en e-post er sendt, slettes innholdet (teksten og vedleggene) fra databasen.",
    );
    expect(page.text).toContain("filene i DATA_DIR/outbox er selve e-postene; slett dem når de er lest");
    expect(page.text).toContain(`href="/regions/${ev.regionId}/digest">Markeds-e-post for Hedmarken</a>`);
    expect(page.text).toContain("Påminnelser til veiledere");
    expect(page.text).toContain("8. desember 2026 kl. 08:00");

    // The sent mail's names and capability links are gone from the database and cannot be downloaded here.
    const [m] = rows(t, "confirmation");
    expect(m).toEqual({ toAddr: "vera@nav.no", subject: m.subject, text: "", attachments: "[]" });
    expect(mail.outbox.get(1)).toMatchObject({ status: "sent", html: null, attachments: [] });
    await agent.get("/mail/1/eml").expect(404);
    await request(t.app).get("/mail/1/eml").expect(303);
    // In file mode the .eml in DATA_DIR/outbox is the delivered mail itself.
    expect(fs.readdirSync(dir)).toEqual(["000001-confirmation.eml"]);
    expect(fs.readFileSync(path.join(dir, "000001-confirmation.eml"), "utf8")).toContain("To: vera@nav.no");
  });

  it("lets a coordinator retry a failed mail now", async () => {
    const { t, mail } = mailedApp();
    const { id } = mail.outbox.enqueue({
      kind: "digest",
      key: "k1",
      to: "ola@nav.no",
      subject: "S",
      text: "T",
    });
    t.db
      .prepare("UPDATE mail_outbox SET status = 'failed', attempts = 8, last_error = 'boom' WHERE id = ?")
      .run(id);
    const { agent, csrf } = await signedInAgent(t);
    const page = await agent.get("/mail").expect(200);
    expect(page.text).toContain("Feilet etter 8 forsøk");
    expect(page.text).toContain("Feil: boom");
    await agent.post(`/mail/${id}/retry`).type("form").send({ _csrf: csrf }).expect(303);
    expect(mail.outbox.get(id)).toMatchObject({ status: "pending", attempts: 0 });
  });
});
