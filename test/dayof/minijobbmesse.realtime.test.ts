// A Minijobbmesse's board over socket.io against a real server on port 0: the counts move after a host tap.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { DaySnapshot } from "../../server/dayof/dayof.service";
import type { ActionAck } from "../../server/realtime/events";
import { attachRealtime } from "../../server/realtime/socket";
import { makeApp } from "../helpers";
import { openFair } from "./minijobbmesse-helpers";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

type Client = Socket & { first: DaySnapshot };
async function client(url: string, auth: Record<string, unknown>): Promise<Client> {
  const socket = connect(url, {
    auth,
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  }) as Client;
  cleanups.push(() => socket.close());
  socket.first = await new Promise<DaySnapshot>((resolve, reject) => {
    socket.once("day:snapshot", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}
const nextSnapshot = (c: Client) => new Promise<DaySnapshot>((r) => c.once("day:snapshot", r));
const act = (c: Client, id: string, action: unknown) =>
  new Promise<ActionAck>((r) => c.emit("host:action", { id, action }, (res: ActionAck) => r(res)));
const counts = (s: DaySnapshot) => s.rooms.map((r) => `${r.visitors?.inside}/${r.visitors?.total}`);

describe("a Minijobbmesse board over websockets", () => {
  it("shows the counts change after the host taps a visitor in, on, and out", async () => {
    // 12:20 Oslo on the day (host and board links work from the day before).
    const t = makeApp({ now: "2026-12-10T11:20:00Z" });
    const f = openFair(t, { candidates: 2 });
    const server = http.createServer(t.app);
    const realtime = attachRealtime(server, { ...t.realtimeDeps, tickMs: 0 });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanups.push(() => {
      realtime.close();
      server.close();
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const links = t.events.links(t.events.get(f.eventId));
    const token = (link: string) => link.split("/").pop() as string;
    const host = await client(url, { role: "host", token: token(links.host), device: "d-tablet000001" });
    const board = await client(url, { role: "board", token: token(links.board) });
    expect(counts(board.first)).toEqual(["0/0", "0/0", "0/0"]);
    expect(board.first.arrivals).toEqual([]);

    const [sara, jonas] = f.candidateIds;
    const [vask, syk] = f.participationIds;
    expect(await act(host, "fair-rt-0001", { kind: "arrive", candidateId: sara, version: 0 })).toEqual({
      ok: true,
      replay: false,
    });
    // Not checked in: refused with a stable code, and nothing moves.
    expect(
      await act(host, "fair-rt-0002", {
        kind: "enter",
        candidateId: jonas,
        participationId: vask,
        version: 0,
      }),
    ).toMatchObject({ ok: false, code: "not-arrived" });

    let seen = nextSnapshot(board);
    expect(
      await act(host, "fair-rt-0003", {
        kind: "enter",
        candidateId: sara,
        participationId: vask,
        version: 1,
      }),
    ).toEqual({ ok: true, replay: false });
    let view = await seen;
    expect(counts(view)).toEqual(["1/1", "0/0", "0/0"]);
    expect(view.rooms[0].visitors?.people).toEqual([{ candidateId: sara, number: 1, name: "Sara L." }]);

    seen = nextSnapshot(board);
    await act(host, "fair-rt-0004", { kind: "enter", candidateId: sara, participationId: syk, version: 2 });
    expect(counts(await seen)).toEqual(["0/1", "1/1", "0/0"]);

    seen = nextSnapshot(board);
    await act(host, "fair-rt-0005", { kind: "leave", candidateId: sara, version: 3 });
    view = await seen;
    expect(counts(view)).toEqual(["0/1", "0/1", "0/0"]);
    expect(JSON.stringify(view)).not.toContain("Veileder");
  });
});
