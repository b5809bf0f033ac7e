// A Minijobbmesse's day through the service and the pages: check-in, visitors tapped into open rooms and out,
// undo, the board's counts (names hidden when the event says so) and the run sheets without door cards.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { linkToken } from "../../server/shared/tokens";
import { csrfFrom, makeApp, signedInAgent, standardEvent, TEST_SECRET, type TestApp } from "../helpers";
import { openFair } from "./minijobbmesse-helpers";

// 12:20 Oslo on the day: the rooms are open.
const ON_THE_DAY = "2026-12-10T11:20:00Z";

function fairDay(opts: { hideNames?: boolean } = {}) {
  const t = makeApp({ now: ON_THE_DAY });
  const f = openFair(t, { candidates: 3, hideNames: opts.hideNames });
  const links = t.events.links(t.events.get(f.eventId));
  let n = 0;
  const version = (candidateId: number) =>
    t.db.prepare("SELECT day_version FROM candidate WHERE id = ?").pluck().get(candidateId) as number;
  /** Applies a host action as a tablet would, with a fresh action id and the candidate's current version. */
  const tap = (action: Record<string, unknown> & { kind: string; candidateId: number }) => {
    n += 1;
    const id = `fair-action-${String(n).padStart(4, "0")}`;
    t.dayof.apply(f.eventId, "host:d-tablet00001", id, {
      version: version(action.candidateId),
      ...action,
    } as never);
    return id;
  };
  return {
    t,
    f,
    tap,
    host: new URL(links.host).pathname,
    board: new URL(links.board).pathname,
  };
}

const visits = (t: TestApp) =>
  t.db
    .prepare(
      "SELECT candidate_id AS c, participation_id AS p, left_at IS NOT NULL AS closed FROM room_visit ORDER BY id",
    )
    .all();
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return "applied";
};

describe("visitors in and out of open rooms", () => {
  it("checks a candidate in, taps them into a room, straight into another, and out again", () => {
    const { t, f, tap } = fairDay();
    const [sara] = f.candidateIds;
    const [vask, syk] = f.participationIds;
    tap({ kind: "arrive", candidateId: sara });
    tap({ kind: "enter", candidateId: sara, participationId: vask });
    expect(visits(t)).toEqual([{ c: sara, p: vask, closed: 0 }]);
    tap({ kind: "enter", candidateId: sara, participationId: syk });
    expect(visits(t)).toEqual([
      { c: sara, p: vask, closed: 1 },
      { c: sara, p: syk, closed: 0 },
    ]);
    tap({ kind: "leave", candidateId: sara });
    expect(visits(t)).toEqual([
      { c: sara, p: vask, closed: 1 },
      { c: sara, p: syk, closed: 1 },
    ]);
    expect(t.db.prepare("SELECT kind FROM host_action ORDER BY rowid").pluck().all()).toEqual([
      "arrive",
      "enter",
      "enter",
      "leave",
    ]);
  });

  it("refuses a visitor not checked in, a no-show, leaving when not in a room, and a room of another event", () => {
    const { t, f, tap } = fairDay();
    const [sara, jonas] = f.candidateIds;
    const [vask] = f.participationIds;
    expect(refusal(() => tap({ kind: "enter", candidateId: sara, participationId: vask }))).toBe(
      "not-arrived",
    );
    tap({ kind: "no-show", candidateId: jonas });
    expect(refusal(() => tap({ kind: "enter", candidateId: jonas, participationId: vask }))).toBe(
      "was-no-show",
    );
    tap({ kind: "arrive", candidateId: sara });
    expect(refusal(() => tap({ kind: "leave", candidateId: sara }))).toBe("not-in-room");
    // A Ta sjansen the same day at the same office.
    const otherId = t.events.create(standardEvent(f.officeId, "2026-12-10"));
    const otherRoom = t.events.addParticipation(otherId, {
      employerId: f.employerIds[0],
      department: "",
      tasks: "Oppgaver",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: ["arbeidstrening"],
      interviewCount: 2,
      roomId: undefined,
    });
    expect(refusal(() => tap({ kind: "enter", candidateId: sara, participationId: otherRoom }))).toBe(
      "not-in-event",
    );
    expect(visits(t)).toEqual([]);
    // A slot-based event has no open rooms to walk into.
    expect(
      refusal(() =>
        t.dayof.apply(otherId, "host:x", "fair-action-slots01", {
          kind: "leave",
          candidateId: sara,
          version: 0,
        }),
      ),
    ).toBe("no-open-rooms");
  });

  it("treats a second tap on the room the visitor is in as done, and refuses taps after the event's day", () => {
    const { t, f, tap } = fairDay();
    const [sara] = f.candidateIds;
    const [vask] = f.participationIds;
    tap({ kind: "arrive", candidateId: sara });
    tap({ kind: "enter", candidateId: sara, participationId: vask });
    tap({ kind: "enter", candidateId: sara, participationId: vask });
    expect(visits(t)).toHaveLength(1);
    t.clock.set("2026-12-11T07:00:00Z");
    expect(refusal(() => tap({ kind: "leave", candidateId: sara }))).toBe("event-over");
  });

  it("undoes a move: the visitor is back in the first room, and the board counts follow", () => {
    const { t, f, tap } = fairDay();
    const [sara, jonas] = f.candidateIds;
    const [vask, syk] = f.participationIds;
    tap({ kind: "arrive", candidateId: sara });
    tap({ kind: "arrive", candidateId: jonas });
    tap({ kind: "enter", candidateId: sara, participationId: vask });
    tap({ kind: "enter", candidateId: jonas, participationId: vask });
    const move = tap({ kind: "enter", candidateId: sara, participationId: syk });
    const counts = () =>
      t.dayof.snapshot(f.eventId, "board").rooms.map((r) => [r.visitors?.inside, r.visitors?.total]);
    expect(counts()).toEqual([
      [1, 2],
      [1, 1],
      [0, 0],
    ]);
    t.dayof.apply(f.eventId, "host:d-tablet00001", "fair-undo-000001", { kind: "undo", actionId: move });
    expect(visits(t)).toEqual([
      { c: sara, p: vask, closed: 0 },
      { c: jonas, p: vask, closed: 0 },
    ]);
    expect(counts()).toEqual([
      [2, 2],
      [0, 0],
      [0, 0],
    ]);
    const staff = t.dayof.snapshot(f.eventId, "staff");
    expect(staff.arrivals.find((a) => a.candidateId === sara)?.inRoom?.participationId).toBe(vask);
    expect(staff.log[0]).toMatchObject({ kind: "undo" });
  });
});

describe("when a Minijobbmesse candidate should come", () => {
  it("the host's list says the same arrival time as the mails: the programme's start before the rooms open", () => {
    const { t, f } = fairDay();
    const staff = t.dayof.snapshot(f.eventId, "staff");
    // openFair keeps the format's default programme: presentations from 11:00, rooms open 12:00.
    expect(new Set(staff.arrivals.map((a) => a.arrival))).toEqual(new Set(["11:00"]));
  });
});

describe("host actions that open rooms do not have", () => {
  it.each([
    [
      "a delay",
      (f: { participationIds: number[] }) => ({
        kind: "delay",
        participationId: f.participationIds[0],
        minutes: 10,
      }),
    ],
    [
      "a pep talk",
      (f: { candidateIds: number[] }) => ({ kind: "pep-talk", candidateId: f.candidateIds[0], version: 1 }),
    ],
    ["a start", () => ({ kind: "start", bookingId: 1, version: 1 })],
    ["a finish", () => ({ kind: "finish", bookingId: 1, version: 1 })],
  ] as const)("refuses %s with a clear 409, logging nothing", (_what, action) => {
    const { t, f, tap } = fairDay();
    tap({ kind: "arrive", candidateId: f.candidateIds[0] });
    const logged = () => t.db.prepare("SELECT count(*) FROM host_action").pluck().get();
    const before = logged();
    expect(
      refusal(() =>
        t.dayof.apply(f.eventId, "host:d-tablet00001", "fair-odd-000001", action(f as never) as never),
      ),
    ).toBe("not-in-open-rooms");
    expect(logged()).toBe(before);
  });
});

describe("what rests on a visit", () => {
  it("undoing the only tap into a room takes back the employer's «Vil møte igjen» for that visitor, not others", async () => {
    const { t, f, tap } = fairDay();
    const [sara, jonas] = f.candidateIds;
    const [vask, syk] = f.participationIds;
    tap({ kind: "arrive", candidateId: sara });
    tap({ kind: "arrive", candidateId: jonas });
    const saraIn = tap({ kind: "enter", candidateId: sara, participationId: vask });
    tap({ kind: "enter", candidateId: jonas, participationId: vask });
    tap({ kind: "leave", candidateId: jonas });
    // Jonas visits Sykehuset too, then goes back to Vaskebedrift: undoing the second visit keeps the first.
    tap({ kind: "enter", candidateId: jonas, participationId: syk });
    const jonasBack = tap({ kind: "enter", candidateId: jonas, participationId: vask });
    const mark = t.db.prepare(
      "INSERT INTO meet_again (participation_id, candidate_id, note, created_at) VALUES (?, ?, 'flink', '')",
    );
    mark.run(vask, sara);
    mark.run(vask, jonas);
    t.dayof.apply(f.eventId, "host:d-tablet00001", "fair-undo-000002", { kind: "undo", actionId: jonasBack });
    t.dayof.apply(f.eventId, "host:d-tablet00001", "fair-undo-000003", { kind: "undo", actionId: saraIn });
    expect(t.db.prepare("SELECT candidate_id FROM meet_again ORDER BY candidate_id").pluck().all()).toEqual([
      jonas,
    ]);
    // The employer's page was open on Sara: saving now says why, on the page, instead of a bare «not found».
    const link = `/a/${linkToken(TEST_SECRET, "employer", vask, 1)}`;
    const employer = request.agent(t.app);
    const csrf = csrfFrom((await employer.get(link).expect(200)).text);
    const res = await employer
      .post(`${link}/meet-again/${sara}`)
      .type("form")
      .send({ _csrf: csrf, want: "on", note: "flink" })
      .expect(404);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toContain("Besøk i rommet deres");
    expect(t.db.prepare("SELECT count(*) FROM meet_again WHERE candidate_id = ?").pluck().get(sara)).toBe(0);
  });

  it("refuses to remove an employer whose room has had visitors, with a 409 that says why", async () => {
    const { t, f, tap } = fairDay();
    const [sara] = f.candidateIds;
    const [vask, , barnehage] = f.participationIds;
    tap({ kind: "arrive", candidateId: sara });
    tap({ kind: "enter", candidateId: sara, participationId: vask });
    tap({ kind: "leave", candidateId: sara });
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post(`/participations/${vask}/delete`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(409);
    expect(res.text).toContain("har hatt besøk på messen og kan ikke fjernes");
    expect(t.db.prepare("SELECT count(*) FROM participation WHERE id = ?").pluck().get(vask)).toBe(1);
    // A room nobody visited can still go.
    await agent
      .post(`/participations/${barnehage}/delete`)
      .type("form")
      .send({ _csrf: csrf, confirmed: "yes" })
      .expect(303);
    expect(t.db.prepare("SELECT count(*) FROM participation WHERE id = ?").pluck().get(barnehage)).toBe(0);
  });
});

describe("the day's pages for a Minijobbmesse", () => {
  it("shows the host every registered candidate as a tile and the open rooms, with no slot list", async () => {
    const { t, host } = fairDay();
    const page = await request(t.app).get(host).expect(200);
    expect(page.text).toContain("Hovmester: Minijobbmesse 10. desember 2026");
    expect(page.text).toContain('id="visitors"');
    expect(page.text).toContain("Åpne rom");
    expect(page.text).toContain("Sara Lie");
    expect(page.text).not.toContain('id="delay"');
  });

  it("shows the board the rooms open with counts, first names and initials, or only numbers when hidden", async () => {
    const { t, f, tap, board } = fairDay();
    tap({ kind: "arrive", candidateId: f.candidateIds[0] });
    tap({ kind: "enter", candidateId: f.candidateIds[0], participationId: f.participationIds[0] });
    const page = await request(t.app).get(board).expect(200);
    expect(page.text).toContain("&#34;inside&#34;:1");
    expect(page.text).toContain("Sara L.");
    expect(page.text).not.toContain("Sara Lie");
    expect(page.text).not.toContain("Veileder 0");

    const hidden = fairDay({ hideNames: true });
    hidden.tap({ kind: "arrive", candidateId: hidden.f.candidateIds[0] });
    hidden.tap({
      kind: "enter",
      candidateId: hidden.f.candidateIds[0],
      participationId: hidden.f.participationIds[0],
    });
    const hiddenPage = await request(hidden.t.app).get(hidden.board).expect(200);
    expect(hiddenPage.text).toContain("Nr. 1");
    expect(hiddenPage.text).not.toContain("Sara");
  });

  it("prints a check-in list, the programme and a sign per room, and no door cards with times", async () => {
    const { t, f } = fairDay();
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/events/${f.eventId}/print`).expect(200);
    expect(page.text).toContain("Påmeldte (kryss av ved ankomst)");
    expect(page.text).toContain("Jonas Berg");
    expect(page.text).toContain("Program");
    expect(page.text).toContain("Arbeidsgiverne presenterer seg");
    expect(page.text.match(/class="sheet door-sign"/g)).toHaveLength(3);
    expect(page.text).toContain("Åpent rom kl. 12:00–14:00");
    expect(page.text).not.toContain("Kort til døra");
    expect(page.text).not.toContain("door-card");
    expect(page.text).not.toContain("2002");
  });

  it("gives the coordinator the same open-room view of the day", async () => {
    const { t, f } = fairDay();
    const { agent } = await signedInAgent(t);
    const page = await agent.get(`/events/${f.eventId}/day`).expect(200);
    expect(page.text).toContain('id="fair-rooms"');
    expect(page.text).toContain('id="log"');
  });
});
