// The live day over socket.io against a real server on port 0.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { DaySnapshot } from "../../server/dayof/dayof.service";
import type { ActionAck } from "../../server/realtime/events";
import { attachRealtime } from "../../server/realtime/socket";
import { makeApp, openEvent } from "../helpers";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function start() {
  const t = makeApp({ now: "2026-12-10T14:20:00Z" });
  const ev = openEvent(t);
  // Two candidates, each with one interview at Vaskebedrift.
  const [s0, s1] = ev.slots(ev.participationIds[0]);
  const candidates = [s0, s1].map((slotId, i) =>
    t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: `V${i}`, email: `v${i}@nav.no`, officeId: ev.officeId },
      candidate: {
        displayName: `Kandidat${i} K.`,
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [slotId],
      waitlistParticipationIds: [],
      requestKey: `realtime-test-${i}-0000000`,
    }),
  );
  const server = http.createServer(t.app);
  const realtime = attachRealtime(server, { ...t.realtimeDeps, tickMs: 0 });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => {
    realtime.close();
    server.close();
  });
  const links = t.events.links(t.events.get(ev.eventId));
  const tokenOf = (link: string) => link.split("/").pop() as string;
  return {
    t,
    ev,
    url,
    candidates,
    hostToken: tokenOf(links.host),
    boardToken: tokenOf(links.board),
    realtime,
  };
}

type Client = Socket & { snapshots: DaySnapshot[] };
function client(
  url: string,
  auth: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Client> {
  const socket = connect(url, {
    auth,
    extraHeaders: headers,
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  }) as Client;
  socket.snapshots = [];
  socket.on("day:snapshot", (s: DaySnapshot) => socket.snapshots.push(s));
  cleanups.push(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once("day:snapshot", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}
const nextSnapshot = (c: Client) => new Promise<DaySnapshot>((r) => c.once("day:snapshot", r));
const act = (c: Client, id: string, action: unknown) =>
  new Promise<ActionAck>((r) => c.emit("host:action", { id, action }, (res: ActionAck) => r(res)));
const arrival = (s: DaySnapshot, candidateId: number) =>
  s.arrivals.find((a) => a.candidateId === candidateId);

describe("live day over websockets", () => {
  it("sends a snapshot on connect and pushes a host action to two other clients", async () => {
    const { url, hostToken, boardToken, candidates } = await start();
    const host = await client(url, { role: "host", token: hostToken });
    const otherHost = await client(url, { role: "host", token: hostToken });
    const board = await client(url, { role: "board", token: boardToken });
    expect(host.snapshots[0].arrivals).toHaveLength(2);
    expect(board.snapshots[0].arrivals).toEqual([]);

    const seenByOther = nextSnapshot(otherHost);
    const seenByBoard = nextSnapshot(board);
    const cid = candidates[0].candidateId;
    const ack = await act(host, "action-0001", { kind: "arrive", candidateId: cid, version: 0 });
    expect(ack).toEqual({ ok: true, replay: false });
    expect(arrival(await seenByOther, cid)?.arrived).toBe("15:20");
    const boardView = await seenByBoard;
    expect(boardView.rooms[0].state).toBe("waiting");
    expect(JSON.stringify(boardView)).not.toContain("V0");
  });

  it("applies an action replayed with the same id once", async () => {
    const { t, url, hostToken, candidates } = await start();
    const host = await client(url, { role: "host", token: hostToken });
    const cid = candidates[0].candidateId;
    const first = await act(host, "retry-0001", { kind: "arrive", candidateId: cid, version: 0 });
    const again = await act(host, "retry-0001", { kind: "arrive", candidateId: cid, version: 0 });
    expect(first).toEqual({ ok: true, replay: false });
    expect(again).toEqual({ ok: true, replay: true });
    expect(t.db.prepare("SELECT day_version AS v FROM candidate WHERE id = ?").get(cid)).toEqual({ v: 1 });
    expect(t.db.prepare("SELECT count(*) AS n FROM host_action").get()).toEqual({ n: 1 });
  });

  it("gives a reconnecting client the current snapshot first", async () => {
    const { url, hostToken, candidates } = await start();
    const host = await client(url, { role: "host", token: hostToken });
    const tablet = await client(url, { role: "host", token: hostToken });
    tablet.close(); // Wi-Fi drops
    await act(host, "while-away-01", { kind: "arrive", candidateId: candidates[1].candidateId, version: 0 });
    const back = await client(url, { role: "host", token: hostToken });
    expect(arrival(back.snapshots[0], candidates[1].candidateId)?.arrived).not.toBeNull();
  });

  it("does not let a board socket act", async () => {
    const { t, url, boardToken, candidates } = await start();
    const board = await client(url, { role: "board", token: boardToken });
    const ack = await act(board, "board-try-01", {
      kind: "arrive",
      candidateId: candidates[0].candidateId,
      version: 0,
    });
    expect(ack).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      t.db.prepare("SELECT arrived_at AS a FROM candidate WHERE id = ?").get(candidates[0].candidateId),
    ).toEqual({ a: null });
  });

  it("refuses a wrong token, and a host of event A cannot act on event B's candidates", async () => {
    const { t, ev, url, hostToken } = await start();
    await expect(
      client(url, { role: "host", token: "1.wrongwrongwrongwrongwrongwrongwrongwrongwro" }),
    ).rejects.toThrow("forbidden");
    // Event B with its own candidate.
    const other = t.events.copy(ev.eventId, "2026-12-17");
    t.events.setStatus(other, "open");
    const slot = t.events.detail(other).participations[0].slots[0].id;
    const b = t.booking.register({ kind: "coordinator", id: "test" }, other, {
      caseworker: { name: "B", email: "b@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Bee B.",
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [slot],
      waitlistParticipationIds: [],
      requestKey: "other-event-request-01",
    });
    const hostA = await client(url, { role: "host", token: hostToken });
    const ack = await act(hostA, "cross-event-1", { kind: "arrive", candidateId: b.candidateId, version: 0 });
    expect(ack).toMatchObject({ ok: false, code: "not-in-event" });
    const bookingB = (
      t.db.prepare("SELECT id FROM booking WHERE candidate_id = ?").get(b.candidateId) as { id: number }
    ).id;
    expect(
      await act(hostA, "cross-event-2", { kind: "start", bookingId: bookingB, version: 0 }),
    ).toMatchObject({ ok: false, code: "not-in-event" });
    expect(t.db.prepare("SELECT arrived_at AS a FROM candidate WHERE id = ?").get(b.candidateId)).toEqual({
      a: null,
    });
  });

  it("applies one of two concurrent conflicting actions and refuses the other as already changed", async () => {
    const { t, url, hostToken, candidates } = await start();
    const one = await client(url, { role: "host", token: hostToken });
    const two = await client(url, { role: "host", token: hostToken });
    const cid = candidates[0].candidateId;
    const results = await Promise.all([
      act(one, "tablet-one-01", { kind: "arrive", candidateId: cid, version: 0 }),
      act(two, "tablet-two-01", { kind: "no-show", candidateId: cid, version: 0 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      code: "stale",
      message: expect.stringContaining("Allerede endret av noen andre"),
    });
    expect(t.db.prepare("SELECT day_version AS v FROM candidate WHERE id = ?").get(cid)).toEqual({ v: 1 });
  });

  it("refuses bad input and changes nothing: finishing twice, a -500 minute delay", async () => {
    const { t, url, hostToken, candidates, ev } = await start();
    const host = await client(url, { role: "host", token: hostToken });
    const bookingId = (
      t.db.prepare("SELECT id FROM booking WHERE candidate_id = ?").get(candidates[0].candidateId) as {
        id: number;
      }
    ).id;
    expect(await act(host, "start-000001", { kind: "start", bookingId, version: 0 })).toMatchObject({
      ok: true,
    });
    expect(await act(host, "finish-00001", { kind: "finish", bookingId, version: 1 })).toMatchObject({
      ok: true,
    });
    expect(await act(host, "finish-00002", { kind: "finish", bookingId, version: 2 })).toMatchObject({
      ok: false,
      code: "already-finished",
    });
    expect(
      await act(host, "delay-000001", {
        kind: "delay",
        participationId: ev.participationIds[0],
        minutes: -500,
      }),
    ).toMatchObject({ ok: false, code: "invalid-delay" });
    expect(
      t.db.prepare("SELECT delay_minutes AS d FROM participation WHERE id = ?").get(ev.participationIds[0]),
    ).toEqual({ d: 0 });
    expect(await act(host, "garbage-0001", { kind: "explode" })).toMatchObject({
      ok: false,
      code: "invalid-input",
    });
  });

  it("shifts a room's times for everyone when it runs late, and undo puts it back", async () => {
    const { url, hostToken, boardToken, ev } = await start();
    const host = await client(url, { role: "host", token: hostToken });
    const board = await client(url, { role: "board", token: boardToken });
    const delayed = nextSnapshot(board);
    await act(host, "delay-000002", { kind: "delay", participationId: ev.participationIds[0], minutes: 15 });
    const s = await delayed;
    expect(s.rooms[0].delayMinutes).toBe(15);
    expect(s.rooms[0].next?.time).toBe("15:45");
    const undone = nextSnapshot(board);
    expect(await act(host, "undo-0000001", { kind: "undo", actionId: "delay-000002" })).toMatchObject({
      ok: true,
    });
    expect((await undone).rooms[0].delayMinutes).toBe(0);
  });

  it("undoes this tablet's last action past another tablet's action on someone else, named per tablet", async () => {
    const { t, url, hostToken, candidates } = await start();
    const a = await client(url, { role: "host", token: hostToken, device: "d-tablet-aaaa" });
    const b = await client(url, { role: "host", token: hostToken, device: "d-tablet-bbbb" });
    const [c0, c1] = candidates.map((c) => c.candidateId);
    await act(a, "tablet-a-0001", { kind: "arrive", candidateId: c0, version: 0 });
    await act(b, "tablet-b-0001", { kind: "arrive", candidateId: c1, version: 0 });
    const seen = nextSnapshot(b);
    expect(await act(a, "tablet-a-0002", { kind: "undo", actionId: "tablet-a-0001" })).toEqual({
      ok: true,
      replay: false,
    });
    const arrived = t.db.prepare("SELECT id FROM candidate WHERE arrived_at IS NOT NULL").all();
    expect(arrived).toEqual([{ id: c1 }]);
    const log = (await seen).log;
    expect(log.map((l) => [l.what, l.who, l.undone, l.undoable])).toEqual([
      ["Angret", "Nettbrett 1", false, false],
      ["Ankommet", "Nettbrett 2", false, true],
      ["Ankommet", "Nettbrett 1", true, false],
    ]);
    expect(log[1].actor).toBe("host:d-tablet-bbbb");
  });

  it("refuses to undo an action when a newer one changed the same candidate, and changes nothing", async () => {
    const { t, url, hostToken, candidates } = await start();
    const a = await client(url, { role: "host", token: hostToken, device: "d-tablet-aaaa" });
    const b = await client(url, { role: "host", token: hostToken, device: "d-tablet-bbbb" });
    const c0 = candidates[0].candidateId;
    await act(a, "tablet-a-0001", { kind: "arrive", candidateId: c0, version: 0 });
    await act(b, "tablet-b-0001", { kind: "pep-talk", candidateId: c0, version: 1 });
    expect(await act(a, "tablet-a-0002", { kind: "undo", actionId: "tablet-a-0001" })).toMatchObject({
      ok: false,
      code: "stale",
    });
    expect(await act(a, "tablet-a-0003", { kind: "undo", actionId: "tablet-a-0001" })).toMatchObject({
      ok: false,
      code: "stale",
    });
    const row = t.db.prepare(
      "SELECT arrived_at IS NOT NULL AS a, pep_talk_at IS NOT NULL AS p FROM candidate WHERE id = ?",
    );
    expect(row.get(c0)).toEqual({ a: 1, p: 1 });
    expect(await act(b, "tablet-b-0002", { kind: "undo", actionId: "tablet-b-0001" })).toMatchObject({
      ok: true,
    });
    expect(await act(a, "tablet-a-0004", { kind: "undo", actionId: "tablet-a-0001" })).toMatchObject({
      ok: true,
    });
    expect(row.get(c0)).toEqual({ a: 0, p: 0 });
    expect(await act(a, "tablet-a-0005", { kind: "undo", actionId: "tablet-a-0001" })).toMatchObject({
      ok: false,
      code: "already-undone",
    });
  });

  it("cuts off an open tablet when its host link is rotated", async () => {
    const { t, ev, url, hostToken, candidates } = await start();
    const tablet = await client(url, { role: "host", token: hostToken });
    const cutOff = new Promise<string>((resolve) => tablet.on("disconnect", (reason) => resolve(reason)));
    // Rotating the link is an event change: the screens hear of it at once, and the old link's socket is dropped.
    t.events.rotateLink(ev.eventId, "host");
    expect(await cutOff).toBe("io server disconnect");
    // Coming back with the old link is refused at the handshake, and nothing was changed.
    await expect(client(url, { role: "host", token: hostToken })).rejects.toThrow(/forbidden/);
    expect(
      t.db.prepare("SELECT arrived_at AS a FROM candidate WHERE id = ?").get(candidates[0].candidateId),
    ).toEqual({ a: null });
  });

  it("refuses host and board sockets outside the link's days, and cuts off an open tablet when they end", async () => {
    const { t, url, hostToken, boardToken, candidates } = await start();
    const tablet = await client(url, { role: "host", token: hostToken });
    t.clock.set("2026-12-11T23:00:00Z"); // midnight in Oslo after the day after the event
    const ack = await act(tablet, "after-expiry-1", {
      kind: "arrive",
      candidateId: candidates[0].candidateId,
      version: 0,
    });
    expect(ack).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      t.db.prepare("SELECT arrived_at AS a FROM candidate WHERE id = ?").get(candidates[0].candidateId),
    ).toEqual({ a: null });
    await expect(client(url, { role: "host", token: hostToken })).rejects.toThrow("link-expired");
    await expect(client(url, { role: "board", token: boardToken })).rejects.toThrow("link-expired");
    t.clock.set("2026-12-08T22:59:00Z"); // before the day before
    await expect(client(url, { role: "board", token: boardToken })).rejects.toThrow("link-expired");
  });

  it("refuses a socket opened from a page on another origin than BASE_URL's", async () => {
    const { url, hostToken } = await start();
    await expect(
      client(url, { role: "host", token: hostToken }, { origin: "https://evil.example" }),
    ).rejects.toThrow();
    // The app's own pages (BASE_URL is http://localhost:3000 in tests) and non-browser clients get in.
    const own = await client(url, { role: "host", token: hostToken }, { origin: "http://localhost:3000" });
    expect(own.snapshots).toHaveLength(1);
  });

  it("pushes a booking made elsewhere to the screens", async () => {
    const { t, ev, url, hostToken } = await start();
    const host = await client(url, { role: "host", token: hostToken });
    const pushed = nextSnapshot(host);
    t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
      caseworker: { name: "Ny", email: "ny@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Ny N.",
        birthYear: 2000,
        eligibility: "annet",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [ev.slots(ev.participationIds[2])[0]],
      waitlistParticipationIds: [],
      requestKey: "late-booking-0000001",
    });
    expect((await pushed).arrivals).toHaveLength(3);
  });
});

describe("participant numbers", () => {
  it("are unique when many candidates are registered at once", async () => {
    const t = makeApp();
    const ev = openEvent(t, { maxInterviews: 2 });
    const token = ev.bookingPath.split("/").pop();
    const server = http.createServer(t.app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanups.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const all = ev.participationIds.flatMap((p) => ev.slots(p));
    const res = await Promise.all(
      all.map((slotId, i) =>
        fetch(`${url}/api/v1/events/${ev.eventId}/candidates`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            caseworker: { name: "V", email: `n${i}@nav.no`, officeId: ev.officeId },
            candidate: { displayName: "Ola N.", birthYear: 2000, eligibility: "annet" },
            slotIds: [slotId],
          }),
        }),
      ),
    );
    expect(res.every((r) => r.status === 201)).toBe(true);
    const numbers = (
      t.db.prepare("SELECT participant_number AS n FROM candidate ORDER BY n").all() as { n: number }[]
    ).map((r) => r.n);
    expect(numbers).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });
});
