// Issue 13, points 4–7: the markeds-e-post from the region and event, confirmations, renames, copies and deletes.

import { describe, expect, it } from "vitest";
import { digestRepo } from "../../server/digest/digest.repo";
import {
  eventForm,
  makeApp,
  openEvent,
  participationForm,
  seedRegion,
  signedInAgent,
  standardEvent,
} from "../helpers";

const count = (t: ReturnType<typeof makeApp>, sql: string, ...args: unknown[]) =>
  (t.db.prepare(sql).get(...args) as { n: number }).n;

const saveRecipients = (t: ReturnType<typeof makeApp>, regionId: number, recipients: string[]) =>
  digestRepo(t.db).replaceRecipients(regionId, recipients);

describe("the markeds-e-post from the region and the event", () => {
  it("links the digest from the region and the event, and flags a weekly send that reaches nobody", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent } = await signedInAgent(t);
    const regions = await agent.get("/regions").expect(200);
    expect(regions.text).toContain(`href="/regions/${ev.regionId}/digest"`);
    expect(regions.text).toContain("har ingen mottakere");
    const event = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(event.text).toContain(`href="/regions/${ev.regionId}/digest"`);
    expect(event.text).toContain("har ingen mottakere");

    saveRecipients(t, ev.regionId, ["vera@nav.no"]);
    const after = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(after.text).not.toContain("har ingen mottakere");
    expect(after.text).toContain("(1 mottakere)");
  });

  it("offers no send button for zero recipients and says an unsaved contact suggestion is unsaved", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/regions/${ev.regionId}/digest`).expect(200);
    expect(page.text).not.toContain("Send nå til 0 mottakere");
    expect(page.text).toContain("minst én adresse");
    // The form shows the signed-in coordinator as a suggestion; the warning must not claim the fields are empty.
    expect(page.text).toContain('value="koordinator@nav.no"');
    expect(page.text).toContain("er et forslag og er ikke lagret");
    expect(page.text).not.toContain("Linjen om forslag til nye virksomheter mangler");

    saveRecipients(t, ev.regionId, ["vera@nav.no", "ola@nav.no"]);
    const withRecipients = await agent.get(`/regions/${ev.regionId}/digest`).expect(200);
    expect(withRecipients.text).toContain("Send nå til 2 mottakere");
  });
});

describe("rotating the booking link", () => {
  it("says old e-mails stop working and sends the new link to the digest recipients when asked", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    saveRecipients(t, ev.regionId, ["vera@nav.no", "ola@nav.no"]);
    const { agent, csrf } = await signedInAgent(t);
    const ask = await agent.get(`/events/${ev.eventId}/links/booking/rotate`).expect(200);
    expect(ask.text).toContain("Er du sikker?");
    expect(ask.text).toContain("markeds-e-poster og varsler som allerede er sendt");
    expect(ask.text).toContain("(2 mottakere)");
    await agent
      .post(`/events/${ev.eventId}/links/booking/rotate`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes", notify: "on" })
      .expect(303);
    const newLink = t.events.links(t.events.get(ev.eventId)).booking;
    const mails = t.db
      .prepare(
        "SELECT to_addr AS recipient, text_body AS text FROM mail_outbox WHERE idempotency_key LIKE 'booking-link:%'",
      )
      .all() as { recipient: string; text: string }[];
    expect(mails.map((m) => m.recipient).sort()).toEqual(["ola@nav.no", "vera@nav.no"]);
    expect(mails[0].text).toContain(newLink);
    const page = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(page.text).toContain("Den nye bookinglenken er sendt");
  });

  it("rotates without a notice when the box is not ticked", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    saveRecipients(t, ev.regionId, ["vera@nav.no"]);
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post(`/events/${ev.eventId}/links/booking/rotate`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(303);
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox")).toBe(0);
    const page = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(page.text).toContain("Den gamle virker ikke lenger");
  });
});

describe("destructive actions ask first", () => {
  it("asks before removing an employer from an event and before a new employer link, changing nothing", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await signedInAgent(t);
    const edit = await agent.get(`/participations/${ev.participationIds[0]}/edit`).expect(200);
    expect(edit.text).toContain(`href="/participations/${ev.participationIds[0]}/delete"`);
    const ask = await agent.get(`/participations/${ev.participationIds[0]}/delete`).expect(200);
    expect(ask.text).toContain("Er du sikker?");
    expect(ask.text).toContain("Ingen intervjuer er booket.");
    const askLink = await agent
      .get(`/participations/${ev.participationIds[0]}/employer-link/rotate`)
      .expect(200);
    expect(askLink.text).toContain("Den gamle lenken slutter å virke");
    expect(count(t, "SELECT count(*) AS n FROM participation")).toBe(3);
    expect(t.db.prepare("SELECT max(employer_link_version) AS n FROM participation").get()).toEqual({ n: 1 });

    await agent
      .post(`/participations/${ev.participationIds[0]}/delete`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(303);
    expect(count(t, "SELECT count(*) AS n FROM participation")).toBe(2);
    const page = await agent.get(`/events/${ev.eventId}`).expect(200);
    expect(page.text).toContain("Virksomheten er fjernet fra arrangementet.");
  });
});

describe("copies, series and deleting a draft", () => {
  async function draft() {
    const t = makeApp();
    const seed = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/events")
      .type("form")
      .send({ _csrf: csrf, ...eventForm(seed.officeId) })
      .expect(303);
    const eventId = Number(res.headers.location.split("/").pop());
    return { t, agent, csrf, eventId, ...seed };
  }

  it("refuses a copy to the same date and venue", async () => {
    const { t, agent, csrf, eventId } = await draft();
    const res = await agent
      .post(`/events/${eventId}/copy`)
      .type("form")
      .send({ _csrf: csrf, date: "2026-12-10" })
      .expect(422);
    expect(res.text).toContain("Det finnes allerede et arrangement på samme sted denne datoen");
    expect(res.text).toContain('href="#f-date"');
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(1);
  });

  it("names every refused line of a series at once and creates nothing", async () => {
    const { t, agent, csrf, eventId } = await draft();
    const res = await agent
      .post(`/events/${eventId}/series`)
      .type("form")
      .send({ _csrf: csrf, dates: "2027-01-14\n2027-13-01\n\n2027-02-30" })
      .expect(422);
    expect(res.text).toContain("Linje 2: «2027-13-01»");
    expect(res.text).toContain("Linje 4: «2027-02-30»");
    const clash = await agent
      .post(`/events/${eventId}/series`)
      .type("form")
      .send({ _csrf: csrf, dates: "2027-01-14\n2026-12-10" })
      .expect(422);
    expect(clash.text).toContain("Linje 2 (2026-12-10)");
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(1);
  });

  it("deletes a draft without bookings after asking, with a message on the list", async () => {
    const { t, agent, csrf, eventId, employerIds } = await draft();
    await agent
      .post(`/events/${eventId}/participations`)
      .type("form")
      .send({ _csrf: csrf, ...participationForm(employerIds[0]) })
      .expect(303);
    const ask = await agent.get(`/events/${eventId}/delete`).expect(200);
    expect(ask.text).toContain("Er du sikker?");
    expect(ask.text).toContain("1 virksomhet tas av arrangementet");
    await agent.post(`/events/${eventId}/delete`).type("form").send({ _csrf: csrf }).expect(200);
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(1);
    await agent
      .post(`/events/${eventId}/delete`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(303)
      .expect("location", "/events");
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(0);
    expect(count(t, "SELECT count(*) AS n FROM participation")).toBe(0);
    expect(count(t, "SELECT count(*) AS n FROM slot")).toBe(0);
    const list = await agent.get("/events").expect(200);
    expect(list.text).toContain("Utkastet er slettet.");
  });

  it("refuses to delete an event that is open or has bookings", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post(`/events/${ev.eventId}/delete`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(409);
    expect(res.text).toContain("Bare utkast kan slettes");
    expect(count(t, "SELECT count(*) AS n FROM event")).toBe(1);
  });
});

describe("setting up a region", () => {
  it("renames a region, an office and a room, keeping their ids", async () => {
    const t = makeApp();
    const seed = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post(`/regions/${seed.regionId}/rename`)
      .type("form")
      .send({ _csrf: csrf, name: "Innlandet sør" })
      .expect(303);
    await agent
      .post(`/regions/offices/${seed.officeId}/rename`)
      .type("form")
      .send({ _csrf: csrf, name: "NAV Hamar og Stange", address: "Torggata 1" })
      .expect(303);
    await agent
      .post(`/regions/rooms/${seed.roomIds[0]}/rename`)
      .type("form")
      .send({ _csrf: csrf, name: "Fjorden" })
      .expect(303);
    expect(t.regions.getRegion(seed.regionId).name).toBe("Innlandet sør");
    expect(t.regions.repo.office(seed.officeId)).toMatchObject({
      name: "NAV Hamar og Stange",
      address: "Torggata 1",
    });
    expect(t.regions.repo.room(seed.roomIds[0])?.name).toBe("Fjorden");
    const page = await agent.get("/regions").expect(200);
    expect(page.text).toContain("Det nye navnet er lagret.");
  });

  it("refuses renaming a room to a name its office already has", async () => {
    const t = makeApp();
    const seed = seedRegion(t);
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post(`/regions/rooms/${seed.roomIds[0]}/rename`)
      .type("form")
      .send({ _csrf: csrf, name: "Samtalerom 2" })
      .expect(422);
    expect(res.text).toContain(`href="#rename-room-${seed.roomIds[0]}-name"`);
    expect(t.regions.repo.room(seed.roomIds[0])?.name).toBe("Samtalerom 1");
  });

  it("preselects the only office on a new event", async () => {
    const t = makeApp();
    const seed = seedRegion(t);
    const { agent } = await signedInAgent(t);
    const page = await agent.get("/events/new").expect(200);
    expect(page.text).toMatch(new RegExp(`<option value="${seed.officeId}"[^>]*selected`));
  });

  it("adds a room typed on the participation form to the event's office and uses it", async () => {
    const t = makeApp();
    const seed = seedRegion(t);
    const eventId = t.events.create(standardEvent(seed.officeId, "2026-12-10"));
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post(`/events/${eventId}/participations`)
      .type("form")
      .send({ _csrf: csrf, ...participationForm(seed.employerIds[0]), newRoomName: "Lillerommet" })
      .expect(303);
    const room = t.regions.repo.roomByName(seed.officeId, "Lillerommet");
    expect(room).toBeDefined();
    expect(t.events.detail(eventId).participations[0].roomId).toBe(room?.id);
    const page = await agent.get(`/events/${eventId}`).expect(200);
    expect(page.text).toContain("Virksomheten er lagt til på arrangementet.");
  });
});
