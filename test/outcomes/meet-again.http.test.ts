// «Vil møte igjen» at a Minijobbmesse: the employer sees who came into their room and marks whom they want to
// meet again with a note; the coordinator sees the list per employer.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { decideMeetAgain } from "../../server/outcomes/meet-again.rules";
import { meetAgainService } from "../../server/outcomes/meet-again.service";
import { linkToken } from "../../server/shared/tokens";
import { openFair } from "../dayof/minijobbmesse-helpers";
import { csrfFrom, makeApp, managePathFor, signedInAgent, TEST_SECRET, type TestApp } from "../helpers";

describe("who an employer may mark", () => {
  const facts = { visited: true, date: "2026-12-10", opensAt: "12:00" };
  it.each<[string, typeof facts, string, string]>([
    ["a visitor after the rooms opened", facts, "2026-12-10T11:30:00Z", "ok"],
    ["a visitor, the evening after", facts, "2026-12-12T18:00:00Z", "ok"],
    ["before the rooms open", facts, "2026-12-10T10:59:00Z", "not-open-yet"],
    ["someone who never came in", { ...facts, visited: false }, "2026-12-10T11:30:00Z", "not-a-visitor"],
  ])("%s", (_name, f, now, expected) => {
    const d = decideMeetAgain(f, new Date(now));
    expect(d.ok ? "ok" : d.reason).toBe(expected);
  });
});

/** A Minijobbmesse where Sara visited Vaskebedrift twice and Jonas once; Amina only went to Sykehuset. */
function visitedFair() {
  const t = makeApp({ now: "2026-12-10T11:20:00Z" });
  const f = openFair(t, { candidates: 3 });
  const [sara, jonas, amina] = f.candidateIds;
  const [vask, syk] = f.participationIds;
  let n = 0;
  const tap = (action: Record<string, unknown> & { candidateId: number }) => {
    n += 1;
    const version = t.db
      .prepare("SELECT day_version FROM candidate WHERE id = ?")
      .pluck()
      .get(action.candidateId) as number;
    t.dayof.apply(f.eventId, "host:x", `meet-again-${String(n).padStart(4, "0")}`, {
      version,
      ...action,
    } as never);
  };
  for (const c of [sara, jonas, amina]) tap({ kind: "arrive", candidateId: c });
  tap({ kind: "enter", candidateId: sara, participationId: vask });
  tap({ kind: "enter", candidateId: jonas, participationId: vask });
  tap({ kind: "enter", candidateId: amina, participationId: syk });
  tap({ kind: "enter", candidateId: sara, participationId: syk });
  tap({ kind: "enter", candidateId: sara, participationId: vask });
  const employerPath = (participationId: number) =>
    `/a/${linkToken(TEST_SECRET, "employer", participationId, 1)}`;
  return { t, f, sara, jonas, amina, vask, syk, employerPath };
}

const marks = (t: TestApp) =>
  t.db.prepare("SELECT participation_id AS p, candidate_id AS c, note FROM meet_again ORDER BY p, c").all();

describe("the employer's page at a Minijobbmesse", () => {
  it("lists the room's visitors by number and first name, never the others", async () => {
    const { t, employerPath, vask } = visitedFair();
    const page = await request(t.app).get(employerPath(vask)).expect(200);
    expect(page.text).toContain("Besøk i rommet deres");
    expect(page.text).toContain("Nr. 1 Sara L.");
    expect(page.text).toContain("Var innom 2 ganger");
    expect(page.text).toContain("Nr. 2 Jonas B.");
    expect(page.text).not.toContain("Amina");
    expect(page.text).not.toContain("Sara Lie");
    expect(page.text).not.toContain("Veileder 0");
  });

  it("shows nothing about candidates before the rooms open", async () => {
    const { t, employerPath, vask } = visitedFair();
    t.clock.set("2026-12-10T10:00:00Z");
    const page = await request(t.app).get(employerPath(vask)).expect(200);
    expect(page.text).toContain("vises her når rommene åpner");
    expect(page.text).not.toContain("Sara");
  });

  it("marks a visitor with a note, changes it, and takes the mark away", async () => {
    const { t, employerPath, vask, sara } = visitedFair();
    const agent = request.agent(t.app);
    const page = await agent.get(employerPath(vask)).expect(200);
    const csrf = csrfFrom(page.text);
    const res = await agent
      .post(`${employerPath(vask)}/meet-again/${sara}`)
      .type("form")
      .send({ _csrf: csrf, want: "on", note: "Interessert i resepsjonen, har truckførerbevis" })
      .expect(303);
    expect(res.headers.location).toBe(`${employerPath(vask)}?lagret=${sara}#c${sara}`);
    expect(marks(t)).toEqual([{ p: vask, c: sara, note: "Interessert i resepsjonen, har truckførerbevis" }]);
    const after = await agent.get(res.headers.location).expect(200);
    expect(after.text).toContain("Lagret for nr. 1 Sara L.");
    expect(after.text).toContain("Dere vil møte kandidaten igjen");

    await agent
      .post(`${employerPath(vask)}/meet-again/${sara}`)
      .type("form")
      .send({ _csrf: csrf, want: "on", note: "" })
      .expect(303);
    expect(marks(t)).toEqual([{ p: vask, c: sara, note: "" }]);
    await agent
      .post(`${employerPath(vask)}/meet-again/${sara}`)
      .type("form")
      .send({ _csrf: csrf, note: "" })
      .expect(303);
    expect(marks(t)).toEqual([]);
  });

  it("refuses a note with a national ID number with the message by the field, and a candidate who never came in", async () => {
    const { t, employerPath, vask, sara, amina } = visitedFair();
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get(employerPath(vask)).expect(200)).text);
    const bad = await agent
      .post(`${employerPath(vask)}/meet-again/${sara}`)
      .type("form")
      .send({ _csrf: csrf, want: "on", note: "fnr 010190 12480" })
      .expect(422);
    expect(bad.text).toContain('href="#f-note-');
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain("fnr 010190 12480");
    await agent
      .post(`${employerPath(vask)}/meet-again/${amina}`)
      .type("form")
      .send({ _csrf: csrf, want: "on", note: "" })
      .expect(404);
    expect(marks(t)).toEqual([]);
  });
});

describe("the coordinator's list per employer", () => {
  it("shows whom each employer wants to meet again, with the veileder and the note", async () => {
    const { t, f, employerPath, vask, syk, sara, amina } = visitedFair();
    const employer = request.agent(t.app);
    const csrfA = csrfFrom((await employer.get(employerPath(vask)).expect(200)).text);
    await employer
      .post(`${employerPath(vask)}/meet-again/${sara}`)
      .type("form")
      .send({ _csrf: csrfA, want: "on", note: "Vil vise henne kjøkkenet" })
      .expect(303);
    const other = request.agent(t.app);
    const csrfB = csrfFrom((await other.get(employerPath(syk)).expect(200)).text);
    await other
      .post(`${employerPath(syk)}/meet-again/${amina}`)
      .type("form")
      .send({ _csrf: csrfB, want: "on", note: "" })
      .expect(303);

    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/events/${f.eventId}/meet-again`).expect(200);
    expect(page.text).toContain("Vil møte igjen");
    const section = (employer: string) =>
      page.text.split("<section").find((x) => x.includes(`${employer} <span`)) ?? "";
    expect(section("Vaskebedrift AS")).toContain("Sara Lie");
    expect(section("Vaskebedrift AS")).toContain("Vil vise henne kjøkkenet");
    expect(section("Vaskebedrift AS")).toContain("2 besøkende · 1 vil de møte igjen");
    expect(section("Vaskebedrift AS")).not.toContain("Amina");
    expect(section("Sykehuset")).toContain("Amina Hassan");
    expect(section("Bamsebjørn barnehage")).toContain("0 besøkende · 0 vil de møte igjen");
    expect(page.text).toContain("veileder2@nav.no");
    const one = await agent.get(`/participations/${vask}/feedback`).expect(200);
    expect(one.text).toContain("Besøk i rommet");
    expect(one.text).toContain("Nr. 1 Sara Lie");
    expect(one.text).toContain("Vil vise henne kjøkkenet");
    expect(one.text).not.toContain("Ingen intervjuer er booket");
    const show = await agent.get(`/events/${f.eventId}`).expect(200);
    expect(show.text).toContain(`href="/events/${f.eventId}/meet-again"`);
  });
});

describe("the veileder's follow-up page after a Minijobbmesse", () => {
  it("lists the rooms the candidate went into and who wants to meet them again, not interview feedback", async () => {
    const t = makeApp({ now: "2026-12-10T11:20:00Z" });
    const f = openFair(t, { candidates: 1 });
    const [sara] = f.candidateIds;
    const [vask, syk] = f.participationIds;
    const apply = (id: string, action: Record<string, unknown>) =>
      t.dayof.apply(f.eventId, "host:d-tablet00001", id, {
        version: t.db.prepare("SELECT day_version FROM candidate WHERE id = ?").pluck().get(sara),
        ...action,
      } as never);
    apply("follow-up-0001", { kind: "arrive", candidateId: sara });
    apply("follow-up-0002", { kind: "enter", candidateId: sara, participationId: vask });
    apply("follow-up-0003", { kind: "enter", candidateId: sara, participationId: syk });
    apply("follow-up-0004", { kind: "enter", candidateId: sara, participationId: vask });
    meetAgainService(t.db, t.clock).save(vask, sara, { want: true, note: "Spurte om sommerjobb" });
    const page = await request(t.app)
      .get(`${managePathFor(t, "veileder0@nav.no")}/candidates/${sara}/oppfolging`)
      .expect(200);
    expect(page.text).toContain("Rommene kandidaten var innom");
    expect(page.text).toContain(
      "Vaskebedrift AS: var innom 2 ganger – <strong>vil møte kandidaten igjen</strong>",
    );
    expect(page.text).toContain("Spurte om sommerjobb");
    expect(page.text).toContain("Sykehuset: var innom én gang");
    expect(page.text).not.toContain("Tilbakemeldinger fra arbeidsgiverne");
  });
});
