import request from "supertest";
import { describe, expect, it } from "vitest";
import { employerToken } from "../../server/outcomes/links";
import { csrfFrom, makeApp, openEvent, signedInAgent, TEST_SECRET } from "../helpers";
import { speedEvent } from "./selection-helpers";

function employerPath(ev: ReturnType<typeof openEvent>, index = 0) {
  return `/a/${employerToken(TEST_SECRET, { id: ev.participationIds[index], employerLinkVersion: 1 })}`;
}

const texts = {
  tasks: "Oppvask, servering og enkel matlaging",
  training: "To dager med fadder",
  prerequisites: "Hygienekurs",
  restrictions: "Må tåle varme",
};

describe("the employer edits tasks and requirements through its link", () => {
  it("saves the new texts before the deadline and the coordinator sees what changed", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const employer = request.agent(t.app);
    const path = employerPath(ev);
    const form = await employer.get(`${path}/oppgaver`).expect(200);
    expect(form.text).toContain('name="tasks"');
    await employer
      .post(`${path}/oppgaver`)
      .type("form")
      .send({ _csrf: csrfFrom(form.text), ...texts })
      .expect(303);
    const p = t.events.participation(ev.participationIds[0]);
    expect(p).toMatchObject(texts);
    const stored = t.db
      .prepare("SELECT changes FROM participation_change WHERE participation_id = ?")
      .all(p.id) as {
      changes: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0].changes).map((c: { field: string }) => c.field)).toEqual([
      "tasks",
      "training",
      "prerequisites",
      "restrictions",
    ]);

    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/participations/${p.id}/feedback`).expect(200);
    expect(page.text).toContain("Endringer fra arbeidsgiveren");
    expect(page.text).toContain(`Før:</span> <span class="prewrap">Oppgaver</span>`);
    expect(page.text).toContain("Oppvask, servering og enkel matlaging"); // after
  });

  it("reports every field error at once and stores nothing", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const employer = request.agent(t.app);
    const path = employerPath(ev);
    const form = await employer.get(`${path}/oppgaver`).expect(200);
    const res = await employer
      .post(`${path}/oppgaver`)
      .type("form")
      .send({ _csrf: csrfFrom(form.text), ...texts, tasks: "x".repeat(2001), restrictions: "y".repeat(501) })
      .expect(422);
    expect(res.text).toContain('href="#f-tasks"');
    expect(res.text).toContain('href="#f-restrictions"');
    expect(t.events.participation(ev.participationIds[0]).tasks).toBe("Oppgaver");
  });

  it("shows the texts read-only after the booking deadline and refuses a late save", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const employer = request.agent(t.app);
    const path = employerPath(ev);
    const form = await employer.get(`${path}/oppgaver`).expect(200);
    t.clock.set("2026-12-09T12:00:00Z");
    const late = await employer.get(`${path}/oppgaver`).expect(200);
    expect(late.text).toContain("Bookingfristen har gått ut");
    expect(late.text).not.toContain('name="tasks"');
    await employer
      .post(`${path}/oppgaver`)
      .type("form")
      .send({ _csrf: csrfFrom(form.text), ...texts })
      .expect(409);
    expect(t.events.participation(ev.participationIds[0]).tasks).toBe("Oppgaver");
    expect(t.db.prepare("SELECT count(*) AS n FROM participation_change").get()).toEqual({ n: 0 });
  });

  it("refuses a rotated link", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const path = employerPath(ev);
    t.db
      .prepare("UPDATE participation SET employer_link_version = 2 WHERE id = ?")
      .run(ev.participationIds[0]);
    await request(t.app).get(`${path}/oppgaver`).expect(404);
  });
});

describe("the tasks page lives as long as the employer link", () => {
  it("answers 410 once the link has expired or the event is archived, and 404 on a Speedintervju panel's link", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    await request(t.app)
      .get(`${employerPath(ev)}/oppgaver`)
      .expect(200);
    // 30 days after the event (10 Dec) the employer link ends, this page with it.
    t.clock.set("2027-01-10T12:00:00Z");
    await request(t.app)
      .get(`${employerPath(ev)}/oppgaver`)
      .expect(410);
    t.clock.set("2026-12-11T12:00:00Z");
    await request(t.app)
      .get(`${employerPath(ev)}/oppgaver`)
      .expect(200);
    t.events.setStatus(ev.eventId, "held");
    t.events.setStatus(ev.eventId, "archived");
    await request(t.app)
      .get(`${employerPath(ev)}/oppgaver`)
      .expect(410);

    const s = makeApp();
    const speed = speedEvent(s);
    const res = await request(s.app)
      .get(`${speed.panelPath(speed.participationIds[0])}/oppgaver`)
      .expect(404);
    expect(res.text).toContain("intervjupanel");
  });
});
