// A Speedintervju speaks its own language where it differs from Ta sjansen: the interview panel is named beside
// the workplace, «speedintervju» instead of «intervju», 20 minutes — on the booking page, in the mails and the
// invitation, on the manage page, in the markeds-e-post, and on the day's tablet, board and run sheets.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { composeInvitation, composeReminder } from "../../server/mail/messages";
import { bookingFormBody, csrfFrom, makeApp, managePathFor, signedInAgent, type TestApp } from "../helpers";
import { speedEvent } from "../outcomes/selection-helpers";

const PANEL_A = "Kari Nordmann (arbeidslivscoach) og Ola Hansen (kontaktperson Hamar)";

async function bookedThroughPage(t: TestApp) {
  const ev = speedEvent(t);
  const agent = request.agent(t.app);
  const page = await agent.get(ev.bookingPath).expect(200);
  await agent
    .post(ev.bookingPath)
    .type("form")
    .send({
      _csrf: csrfFrom(page.text),
      ...bookingFormBody(ev.officeId, [ev.slots(ev.participationIds[0])[0]]),
    })
    .expect(200);
  return { ev, page };
}

describe("a Speedintervju's words", () => {
  it("names the panel and the 20-minute speedintervju on the booking page", async () => {
    const t = makeApp();
    const { page } = await bookedThroughPage(t);
    expect(page.text).toContain("Speedintervjuer 09:00–10:00 (ca. 20 minutter hvert)");
    expect(page.text).toContain("Kandidaten kommer et kvarter før sitt første speedintervju");
    expect(page.text).toContain(`Intervjupanel: ${PANEL_A}`);
    expect(page.text).toContain("Velg ett tidspunkt.");
    expect(page.text).toContain("Kandidaten ønsker at veilederen er med på speedintervjuet");
  });

  it("names the panel in the confirmation mail, on the manage page and in the invitation", async () => {
    const t = makeApp();
    await bookedThroughPage(t);
    const mail = t.db
      .prepare("SELECT text_body FROM mail_outbox WHERE kind = 'confirmation'")
      .pluck()
      .get() as string;
    expect(mail).toContain("Du har booket speedintervju for Åse-Marie Ø.");
    expect(mail).toContain(`Sykehuset, Springbrett, panel 1 – intervjupanel: ${PANEL_A}`);
    expect(mail).toContain("et kvarter før første speedintervju");
    // The calendar file is named after the format, not after Ta sjansen.
    const files = t.db
      .prepare("SELECT attachments FROM mail_outbox WHERE kind = 'confirmation'")
      .pluck()
      .get() as string;
    expect(JSON.parse(files).map((f: { filename: string }) => f.filename)).toEqual(["speedintervju.ics"]);
    const manage = await request(t.app).get(managePathFor(t, "vera@nav.no")).expect(200);
    expect(manage.text).toContain(`intervjupanel: ${PANEL_A}`);
    const link = /href="(\/v\/[^"]+\/invitasjon)"/.exec(manage.text)?.[1] as string;
    const invitation = await request(t.app).get(link).expect(200);
    expect(invitation.text).toContain("Invitasjon til speedintervju på Speedintervju Springbrett");
    expect(invitation.text).toContain("Her møter du et intervjupanel fra NAV som vil bli kjent med deg.");
    expect(invitation.text).toContain("Speedintervjuene dine");
    expect(invitation.text).toContain("Hvert speedintervju tar omtrent 20 minutter.");
  });

  it("keeps Ta sjansen's words when no format is given", () => {
    const e = {
      title: "Ta sjansen",
      date: "2026-12-10",
      interviewStart: "15:30",
      venueName: "NAV Hamar",
      venueAddress: "",
      programme: [],
      slotMinutes: 30,
    };
    const interview = {
      candidate: "Ola N.",
      startsAt: "2026-12-10T14:30:00.000Z",
      endsAt: "2026-12-10T15:00:00.000Z",
      employerName: "Vaskebedrift AS",
      department: "",
      roomName: null,
    };
    const inv = composeInvitation({
      candidate: "Ola N.",
      event: e,
      interviews: [interview],
      caseworker: { name: "Vera", email: "vera@nav.no" },
      backupCaseworker: "",
      caseworkerJoins: false,
    });
    expect(inv.title).toBe("Invitasjon til jobbintervju på Ta sjansen");
    expect(inv.text).toContain(
      "Intervjuene dine:\n- Kl. 15:30 med Vaskebedrift AS\nHvert intervju tar omtrent 30 minutter.",
    );
    const reminder = composeReminder({
      caseworkerName: "Vera",
      event: e,
      interviews: [interview],
      manageUrl: "x",
      icsName: "y",
    });
    expect(reminder.text).toContain("Husk å minne kandidatene på intervjuet dagen før.");
    const speed = composeReminder({
      caseworkerName: "Vera",
      event: { ...e, format: "speedintervju" },
      interviews: [{ ...interview, panel: PANEL_A }],
      manageUrl: "x",
      icsName: "y",
    });
    expect(speed.text).toContain("Husk å minne kandidatene på speedintervjuet dagen før.");
    expect(speed.text).toContain(`Vaskebedrift AS – intervjupanel: ${PANEL_A}`);
  });

  it("lists the interview panels in the markeds-e-post", () => {
    const t = makeApp();
    const ev = speedEvent(t);
    const d = t.mail.digest.render(ev.regionId);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.text).toContain("Følgende intervjupaneler er satt opp:");
    expect(d.text).toContain(
      `Sykehuset, Springbrett, panel 1 – intervjupanel: ${PANEL_A} – 3 ledige intervjutidspunkter`,
    );
    expect(d.text).toContain("følg denne lenken for å booke speedintervju:");
  });

  it("shows the panel for the room on the host tablet, the board and the run sheets (door signs name the panel)", async () => {
    const t = makeApp();
    const { ev } = await bookedThroughPage(t);
    t.clock.set("2026-12-10T07:30:00Z");
    const host = new URL(t.events.links(t.events.get(ev.eventId)).host).pathname;
    const sheet = (await request(t.app).get(`${host}/print`).expect(200)).text;
    expect(sheet).toContain(`<p class="door-sign__employer">Intervjupanel: ${PANEL_A}</p>`);
    expect(sheet).toContain(`<p class="aksel-body-long">Intervjupanel: ${PANEL_A}</p>`);
    for (const audience of ["staff", "board"] as const) {
      const rooms = t.dayof.snapshot(ev.eventId, audience).rooms;
      expect(rooms.map((r) => r.panel)).toEqual([
        PANEL_A,
        "Per Pettersen (arbeidslivscoach) og Lise Lund (kontaktperson Løten)",
      ]);
    }
  });
});

describe("the Speedintervju's event page", () => {
  it("leads the coordinator to the selection and names the panels' links", async () => {
    const t = makeApp();
    const ev = speedEvent(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(page.text).toContain(`href="/events/${ev.eventId}/utvalg"`);
    expect(page.text).toContain("Intervjupanel: Sykehuset, Springbrett, panel 1");
  });
});
