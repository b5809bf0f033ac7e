// Retention: an event's personal data goes after the period, the statistics stay the same, and a coordinator can
// export and erase one candidate on request.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileTransport } from "../../server/mail/transport";
import { mailWorker } from "../../server/mail/worker";
import { meetAgainService } from "../../server/outcomes/meet-again.service";
import { FeedbackForm, FollowUpForm } from "../../server/outcomes/outcomes.schemas";
import { outcomesService } from "../../server/outcomes/outcomes.service";
import { SelectionForm } from "../../server/outcomes/selection.schemas";
import { selectionService } from "../../server/outcomes/selection.service";
import { statusService } from "../../server/outcomes/status.service";
import { purgeDate, purgeDecision } from "../../server/retention/retention.rules";
import { parseInput } from "../../server/shared/validation";
import { statsService } from "../../server/stats/stats.service";
import { CSV_FILES, statsCsv } from "../../server/stats/stats.view";
import { openFair } from "../dayof/minijobbmesse-helpers";
import { makeApp, openEvent, signedInAgent, type TestApp } from "../helpers";
import { servicesFor, tempDir } from "../mail/mail-helpers";
import { book, feedbackBody } from "../outcomes/outcomes-helpers";
import { speedEvent } from "../outcomes/selection-helpers";

describe("when an event's personal data is due", () => {
  const e = (date: string, latestFollowUpStart: string | null = null, purgedAt: string | null = null) => ({
    date,
    latestFollowUpStart,
    purgedAt,
  });
  it.each([
    ["the day before the period ends", e("2026-12-10"), "2028-03-09", false],
    ["the day the period ends", e("2026-12-10"), "2028-03-10", true],
    ["long after", e("2026-12-10"), "2030-01-01", true],
    ["a follow-up that started later keeps it longer", e("2026-12-10", "2027-02-01"), "2028-03-10", false],
    ["until 15 months after that follow-up start", e("2026-12-10", "2027-02-01"), "2028-05-01", true],
    [
      "an event already purged is never due again",
      e("2026-12-10", null, "2028-03-10T02:00:00Z"),
      "2030-01-01",
      false,
    ],
  ])("%s", (_name, facts, today, due) => {
    expect(purgeDecision(facts, 15, today).due).toBe(due);
  });

  it("counts months on the calendar, also from the end of a month", () => {
    expect(purgeDate({ date: "2026-11-30", latestFollowUpStart: null }, 15)).toBe("2028-02-29");
    expect(purgeDate({ date: "2026-12-10", latestFollowUpStart: null }, 12)).toBe("2027-12-10");
  });
});

const NAMES = ["Ola Nordmann", "Kari Berg Hansen", "Per Ventelisten", "Fyll Fyllesen"];
const FREE_TEXT = [
  "Godt intervju! Øv på å fortelle om deg selv.",
  "Flink med kunder",
  "Liker å jobbe med hendene",
  "Bakgården 7",
];

/** Every text value in every table, for "no name left anywhere". */
function databaseText(t: TestApp): string {
  const tables = t.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return tables.map((name) => JSON.stringify(t.db.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
}

function folderText(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

/** A held event with interviews, a waitlist promotion, feedback, an accepted offer with a follow-up, host actions, a status, and its mails written as .eml files. */
async function heldEvent() {
  const t = makeApp();
  // createApp already mails booking changes (the mail listener subscribes to the domain events).
  const mail = servicesFor(t);
  const ev = openEvent(t);
  const [vask, syk, bams] = ev.participationIds;
  const ola = book(t, ev, [ev.slots(vask)[0], ev.slots(syk)[1]], { displayName: "Ola Nordmann" });
  const kari = book(t, ev, [ev.slots(vask)[1]], { displayName: "Kari Berg Hansen", birthYear: 1995 });
  const fill = [0, 1, 2, 3].map((i) =>
    book(t, ev, [ev.slots(bams)[i]], { displayName: `Fyll Fyllesen ${i}` }),
  );
  const per = t.booking.register({ kind: "caseworker", id: "caseworker:new" }, ev.eventId, {
    caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: ev.officeId },
    candidate: {
      displayName: "Per Ventelisten",
      birthYear: 2000,
      eligibility: "annet",
      backupCaseworker: "Bodil Backup",
      caseworkerJoins: false,
      needsAdaptation: true,
    },
    slotIds: [],
    waitlistParticipationIds: [bams],
    requestKey: "retention-test-waitlist-0001",
  });
  const fillBooking = t.db
    .prepare("SELECT id FROM booking WHERE candidate_id = ?")
    .pluck()
    .get(fill[0].candidateId) as number;
  expect(
    t.booking.cancel({ kind: "coordinator", id: "coordinator:1" }, fillBooking).promotedCandidateId,
  ).toBe(per.candidateId);

  // The day: Ola arrives, and the interviews are given feedback in the evening.
  t.clock.set("2026-12-10T14:20:00Z");
  t.dayof.apply(ev.eventId, "host:event-1", "retention-arrive-1", {
    kind: "arrive",
    candidateId: ola.candidateId,
    version: 0,
  });
  t.events.setStatus(ev.eventId, "closed");
  t.clock.set("2026-12-10T17:00:00Z");
  const outcomes = outcomesService(t.db, t.clock, { booking: t.booking });
  const bookingOf = (candidateId: number, participationId: number) =>
    t.db
      .prepare("SELECT id FROM booking WHERE candidate_id = ? AND participation_id = ?")
      .pluck()
      .get(candidateId, participationId) as number;
  const form = parseInput(FeedbackForm, feedbackBody("x"));
  if (!form.ok) throw new Error("feedback form");
  outcomes.saveFeedback(vask, bookingOf(ola.candidateId, vask), form.data);
  outcomes.saveFeedback(vask, bookingOf(kari.candidateId, vask), form.data);
  const offerId = t.db.prepare("SELECT id FROM offer ORDER BY id").pluck().get() as number;
  const who = { actor: "coordinator:1", caseworkerId: null };
  outcomes.recordAnswer(who, offerId, "accepted");
  const plan = parseInput(FollowUpForm, { startOn: "2026-12-14", place: "Bakgården 7" });
  if (!plan.ok) throw new Error("follow-up form");
  outcomes.planFollowUp(who, offerId, plan.data);
  t.events.setStatus(ev.eventId, "held");

  // The mails go out as .eml files, as without SMTP.
  const dir = path.join(tempDir("ta-sjansen-retention-"), "outbox");
  const transport = fileTransport(dir, { from: "ikke-svar@localhost", host: "localhost" });
  await mailWorker({ db: t.db, outbox: mail.outbox, transport, log: () => {} }).drain();

  // The status round a year later.
  t.clock.set("2028-01-15T10:00:00Z");
  const status = statusService(t.db, t.clock);
  for (const c of [ola, kari]) {
    const personId = status.persons.personOfCandidate(c.candidateId) as number;
    status.record("coordinator:1", personId, { status: "in-work", asOf: "2028-01-10" });
  }
  return { t, ev, ola, kari, per, dir };
}

function statistics(t: TestApp) {
  const stats = statsService(t.db, t.clock);
  return {
    participation: stats.participation(null),
    cohorts: stats.cohorts(null),
    events: stats.events(null),
    csv: CSV_FILES.map((f) => statsCsv(stats, null, f)),
  };
}

describe("the retention purge", () => {
  it("keeps everything before the period ends", async () => {
    const { t, dir } = await heldEvent();
    // The follow-up started 14 December: the 15 months run from then.
    t.clock.set("2028-03-13T12:00:00Z");
    const report = t.retention.purge(t.clock());
    expect(report.events).toBe(0);
    for (const name of NAMES) expect(databaseText(t)).toContain(name);
    expect(folderText(dir)).toContain("Ola Nordmann");
  });

  it("leaves no name or free text in the database or the outbox folder, and the statistics come out the same", async () => {
    const { t, dir } = await heldEvent();
    t.clock.set("2028-03-14T03:00:00Z");
    const before = statistics(t);
    expect(before.participation.total.candidates).toBeGreaterThan(0);
    for (const name of NAMES) expect(databaseText(t) + folderText(dir)).toContain(name);

    const report = t.retention.purge(t.clock());

    expect(report).toMatchObject({ events: 1, candidates: 7, feedbackTexts: 2 });
    expect(report.mails).toBeGreaterThan(0);
    expect(report.files).toBe(report.mails);
    const after = databaseText(t) + folderText(dir);
    for (const text of [...NAMES, ...FREE_TEXT, "Bodil Backup"]) expect(after).not.toContain(text);
    expect(statistics(t)).toEqual(before);
    // The names became the persons' pseudonyms; the needs-adaptation flag is gone.
    const rows = t.db
      .prepare(
        "SELECT c.display_name AS name, p.person_key AS pseudonym, c.needs_adaptation AS needs FROM candidate c JOIN person p ON p.id = c.person_id",
      )
      .all() as { name: string; pseudonym: string; needs: number }[];
    for (const r of rows) expect(r).toEqual({ name: r.pseudonym, pseudonym: r.pseudonym, needs: 0 });
    expect(t.db.prepare("SELECT count(*) FROM mail_outbox").pluck().get()).toBe(0);
    expect(t.db.prepare("SELECT purged_at FROM event").pluck().get()).toBe("2028-03-14T03:00:00.000Z");
    // Logged with counts, never names; a second run finds nothing.
    const line = t.logs.find((l) => l.startsWith("retention: purged 1 events"));
    expect(line).toContain("7 candidates pseudonymised");
    for (const name of NAMES) expect(t.logs.join("\n")).not.toContain(name);
    expect(t.retention.purge(t.clock()).events).toBe(0);
  });

  it("clears a Minijobbmesse employer's «Vil møte igjen» notes and keeps the marks the tables count", () => {
    const t = makeApp({ now: "2026-12-10T11:20:00Z" });
    const f = openFair(t, { candidates: 2 });
    const [sara] = f.candidateIds;
    const [vask] = f.participationIds;
    t.dayof.apply(f.eventId, "host:x", "retention-fair-0001", {
      kind: "arrive",
      candidateId: sara,
      version: 0,
    });
    t.dayof.apply(f.eventId, "host:x", "retention-fair-0002", {
      kind: "enter",
      candidateId: sara,
      participationId: vask,
      version: 1,
    });
    meetAgainService(t.db, t.clock).save(vask, sara, { want: true, note: "Liker å jobbe med hendene" });
    t.clock.set("2028-03-14T03:00:00Z");
    const report = t.retention.purge(t.clock());
    expect(report.events).toBe(1);
    expect(report.notes).toBe(1);
    const text = databaseText(t);
    expect(text).not.toContain("Liker å jobbe med hendene");
    expect(text).not.toContain("Sara Lie");
    expect(
      t.db.prepare("SELECT participation_id AS p, candidate_id AS c, note FROM meet_again").all(),
    ).toEqual([{ p: vask, c: sara, note: "" }]);
  });

  it("clears the «Vil møte igjen» note with the candidate erased on request, and exports visits and marks first", () => {
    const t = makeApp({ now: "2026-12-10T11:20:00Z" });
    const f = openFair(t, { candidates: 2 });
    const [sara, jonas] = f.candidateIds;
    const [vask] = f.participationIds;
    const meetAgain = meetAgainService(t.db, t.clock);
    for (const [i, c] of [sara, jonas].entries()) {
      t.dayof.apply(f.eventId, "host:x", `erase-fair-arrive-${i}`, {
        kind: "arrive",
        candidateId: c,
        version: 0,
      });
      t.dayof.apply(f.eventId, "host:x", `erase-fair-enter-${i}`, {
        kind: "enter",
        candidateId: c,
        participationId: vask,
        version: 1,
      });
      meetAgain.save(vask, c, { want: true, note: `Notat ${i === 0 ? "om Sara" : "om Jonas"}` });
    }
    const exported = t.retention.exportCandidate(sara);
    expect(exported?.roomVisits).toEqual([
      expect.objectContaining({ employer: "Vaskebedrift AS", leftAt: null }),
    ]);
    expect(exported?.meetAgain).toEqual([
      expect.objectContaining({ employer: "Vaskebedrift AS", note: "Notat om Sara" }),
    ]);
    t.clock.set("2026-12-11T09:00:00Z");
    t.retention.eraseCandidate("coordinator:1", sara, t.clock());
    expect(t.db.prepare("SELECT candidate_id AS c, note FROM meet_again ORDER BY c").all()).toEqual([
      { c: sara, note: "" },
      { c: jonas, note: "Notat om Jonas" },
    ]);
  });

  it("runs once a day from the scheduler", async () => {
    const { t } = await heldEvent();
    // 03:00 in Oslo is 02:00 UTC in winter.
    t.clock.set("2028-03-14T02:30:00Z");
    // As main.ts wires it: the retention job is one of the app's jobs on the one background timer.
    const job = t.jobs.find((j) => j.name === "retention");
    expect(job?.tick()).toEqual([
      { job: "retention", dueAt: "2028-03-14T02:00:00.000Z", outcome: "1 arrangement(er) renset" },
    ]);
    expect(t.db.prepare("SELECT purged_at FROM event").pluck().get()).toBe("2028-03-14T02:30:00.000Z");
    expect(job?.tick()).toEqual([]);
    expect(job?.nextWakeAt(t.clock())?.toISOString()).toBe("2028-03-15T02:00:00.000Z");
  });
});

describe("a Speedintervju's selection", () => {
  it("loses the panels' notes with the event's other personal data; the decisions stay for the statistics", async () => {
    const t = makeApp();
    const ev = speedEvent(t);
    const ola = book(t, ev, [ev.slots(ev.participationIds[0])[0]], { displayName: "Ola Nordmann" });
    const kari = book(t, ev, [ev.slots(ev.participationIds[1])[0]], { displayName: "Kari Berg Hansen" });
    t.clock.set("2026-12-10T09:00:00Z");
    const selection = selectionService(t.db, t.clock);
    const form = (decision: "selected" | "reserve", note: string) => {
      const parsed = parseInput(SelectionForm, {
        decision,
        note,
        reserveRank: decision === "reserve" ? "1" : "",
      });
      if (!parsed.ok) throw new Error("selection form");
      return parsed.data;
    };
    const panel = (i: number) => ({ kind: "panel" as const, participationId: ev.participationIds[i] });
    selection.record(panel(0), "panel:1", ola.candidateId, form("selected", "Motivert, snakker godt norsk"));
    selection.record(panel(1), "panel:2", kari.candidateId, form("reserve", "Usikker på oppmøte"));
    t.events.setStatus(ev.eventId, "held");
    const stats = () => statistics(t);
    t.clock.set("2028-03-11T03:00:00Z");
    const before = stats();
    expect(databaseText(t)).toContain("Motivert, snakker godt norsk");

    const report = t.retention.purge(t.clock());

    expect(report).toMatchObject({ events: 1, candidates: 2, notes: 2 });
    const after = databaseText(t);
    for (const text of [
      "Motivert, snakker godt norsk",
      "Usikker på oppmøte",
      "Ola Nordmann",
      "Kari Berg Hansen",
    ])
      expect(after).not.toContain(text);
    expect(
      t.db.prepare("SELECT decision, reserve_rank AS rank, note FROM selection ORDER BY candidate_id").all(),
    ).toEqual([
      { decision: "selected", rank: null, note: "" },
      { decision: "reserve", rank: 1, note: "" },
    ]);
    expect(stats()).toEqual(before);
  });
});

describe("a candidate's data on request", () => {
  it("exports everything held about one candidate as a JSON download", async () => {
    const { t, ola } = await heldEvent();
    const { agent } = await signedInAgent(t);
    const res = await agent.get(`/candidates/${ola.candidateId}/personvern/eksport.json`).expect(200);
    expect(res.headers["content-disposition"]).toContain(`kandidat-${ola.candidateId}.json`);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body.candidate.displayName).toBe("Ola Nordmann");
    expect(res.body.interviews).toHaveLength(2);
    expect(res.body.interviews[0].message).toBe("Godt intervju! Øv på å fortelle om deg selv.");
    expect(res.body.interviews[0].notes).toContainEqual({ speaker: "employer", text: "Flink med kunder" });
    expect(res.body.statuses).toEqual([expect.objectContaining({ status: "in-work", asOf: "2028-01-10" })]);
  });

  it("erases one candidate only after a confirmation, keeps the others, and writes it to the audit log", async () => {
    const { t, ola } = await heldEvent();
    const { agent, csrf, coordinatorId } = await signedInAgent(t);
    const page = await agent.get(`/candidates/${ola.candidateId}/personvern`).expect(200);
    expect(page.text).toContain("Slett kandidatens personopplysninger");
    const refused = await agent
      .post(`/candidates/${ola.candidateId}/personvern/slett`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(422);
    expect(refused.text).toContain('href="#f-confirm"');
    expect(databaseText(t)).toContain("Ola Nordmann");
    const before = statistics(t);

    await agent
      .post(`/candidates/${ola.candidateId}/personvern/slett`)
      .type("form")
      .send({ _csrf: csrf, confirm: "ja" })
      .expect(303);

    const text = databaseText(t);
    expect(text).not.toContain("Ola Nordmann");
    expect(text).toContain("Kari Berg Hansen");
    expect(statistics(t)).toEqual(before);
    expect(
      t.db
        .prepare("SELECT actor, action FROM audit_log WHERE candidate_id = ? AND action = 'candidate-erased'")
        .all(ola.candidateId),
    ).toEqual([{ actor: `coordinator:${coordinatorId}`, action: "candidate-erased" }]);
    // No confirmation mail about Ola is left in the outbox.
    expect(
      t.db
        .prepare("SELECT count(*) FROM mail_outbox WHERE idempotency_key LIKE ?")
        .pluck()
        .get(`confirmation:candidate:${ola.candidateId}:%`),
    ).toBe(0);
  });

  it("refuses to erase a candidate who still has interviews on a coming event", async () => {
    const t = makeApp();
    const ev = openEvent(t);
    const ola = book(t, ev, [ev.slots(ev.participationIds[0])[0]], { displayName: "Ola Nordmann" });
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post(`/candidates/${ola.candidateId}/personvern/slett`)
      .type("form")
      .send({ _csrf: csrf, confirm: "ja" })
      .expect(409);
    expect(res.text).toContain("Avbestill dem først");
    expect(databaseText(t)).toContain("Ola Nordmann");
  });

  it("refuses a coordinator of another region", async () => {
    const { t, ola } = await heldEvent();
    await signedInAgent(t);
    const other = t.regions.createRegion({ name: "Gjøvik" });
    const { agent, csrf } = await signedInAgent(t, "ola@nav.no", { regions: [other] });
    await agent.get(`/candidates/${ola.candidateId}/personvern/eksport.json`).expect(403);
    await agent
      .post(`/candidates/${ola.candidateId}/personvern/slett`)
      .type("form")
      .send({ _csrf: csrf, confirm: "ja" })
      .expect(403);
    expect(databaseText(t)).toContain("Ola Nordmann");
  });
});

describe("erasing a candidate registered for an upcoming Minijobbmesse", () => {
  it("is refused until the registration is cancelled, so a scrubbed name never holds a place", async () => {
    const t = makeApp({ now: "2026-11-27T09:00:00Z" });
    const f = openFair(t, { candidates: 2 });
    const [sara] = f.candidateIds;
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post(`/candidates/${sara}/personvern/slett`)
      .type("form")
      .send({ _csrf: csrf, confirm: "ja" })
      .expect(409);
    expect(res.text).toContain("Avbestill påmeldingen først");
    expect(t.db.prepare("SELECT display_name FROM candidate WHERE id = ?").pluck().get(sara)).toBe(
      "Sara Lie",
    );
    // After the day the registration is history: erasing goes through and keeps the statistics' row.
    t.clock.set("2026-12-11T09:00:00Z");
    const later = await signedInAgent(t, "koordinator2@nav.no", { regions: [f.regionId] });
    await later.agent
      .post(`/candidates/${sara}/personvern/slett`)
      .type("form")
      .send({ _csrf: later.csrf, confirm: "ja" })
      .expect(303);
    expect(t.db.prepare("SELECT display_name FROM candidate WHERE id = ?").pluck().get(sara)).not.toBe(
      "Sara Lie",
    );
  });
});
