// Owns socket.io wiring: handshake auth per role, one room per event, snapshots after every commit.
import type http from "node:http";
import { Server } from "socket.io";
import type { AuthService } from "../auth/auth.service";
import { cookieName, SESSION_COOKIE } from "../auth/middleware";
import type { DayofService } from "../dayof/dayof.service";
import type { EventsService } from "../events/events.service";
import { eventForToken } from "../events/links";
import { AppError } from "../shared/errors";
import { linkLife } from "../shared/link-lifetime";
import { type Clock, systemClock } from "../shared/time";
import {
  type ActionAck,
  type ClientToServerEvents,
  HostActionMessage,
  type ServerToClientEvents,
  type SocketData,
} from "./events";

export type RealtimeDeps = {
  dayof: DayofService;
  events: EventsService;
  auth: AuthService;
  secret: string;
  /** Subscribe to committed domain events: host actions, bookings, rooms and event changes all show up live. */
  onDomainEvents: (listener: (batch: readonly { eventId: number }[]) => void) => () => void;
  /** Only pages from this origin may open a socket (a cross-site page cannot ride on the session cookie). */
  baseUrl?: string;
  /** Over https the session cookie is `__Host-sid`. */
  secureCookies?: boolean;
  /** "now" for link lifetimes (host and board links work from the day before to the day after). */
  clock?: Clock;
  /** How often screens get a fresh snapshot for clocks and minutes left (ms); 0 disables. */
  tickMs?: number;
};

/** The one cookie the coordinator's socket needs; the handshake has no cookie-parser. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

const DEVICE_ID = /^d-[A-Za-z0-9_-]{8,64}$/;
const staffRoom = (eventId: number) => `event:${eventId}:staff`;
const boardRoom = (eventId: number) => `event:${eventId}:board`;

export function attachRealtime(server: http.Server, deps: RealtimeDeps) {
  const clock = deps.clock ?? systemClock;
  const allowedOrigin = deps.baseUrl ? new URL(deps.baseUrl).origin : undefined;
  const SID = cookieName(SESSION_COOKIE, { secure: deps.secureCookies ?? false });
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    server,
    {
      serveClient: true,
      // Tablets on flaky Wi-Fi: notice a dead connection within ~25 s.
      pingInterval: 10_000,
      pingTimeout: 15_000,
      // Browsers always send Origin on a cross-site request; a missing one is a same-origin GET or no browser.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, !origin || !allowedOrigin || origin === allowedOrigin);
      },
    },
  );

  io.use((socket, next) => {
    const { role, token, eventId, device } = (socket.handshake.auth ?? {}) as {
      role?: string;
      token?: string;
      eventId?: number;
      device?: unknown;
    };
    if (role === "host" || role === "board") {
      const e = token ? eventForToken(deps.secret, role, token, (id) => deps.events.repo.get(id)) : undefined;
      if (!e) return next(new Error("forbidden"));
      if (!linkLife(role, e, clock()).ok) return next(new Error("link-expired"));
      // A tablet names itself with a random id it keeps, so «Angre» can mean this tablet's last action.
      const tablet = typeof device === "string" && DEVICE_ID.test(device) ? device : `event-${e.id}`;
      socket.data = { eventId: e.id, role, actor: role === "host" ? `host:${tablet}` : "board" };
      return next();
    }
    if (role === "coordinator") {
      const sid = readCookie(socket.handshake.headers.cookie, SID);
      const found = sid ? deps.auth.sessionAccess(sid) : undefined;
      // Only a coordinator of the event's region (access.allows is undefined for an unknown event).
      if (!found || !Number.isInteger(eventId) || !found.access.allows("event", Number(eventId)))
        return next(new Error("forbidden"));
      socket.data = { eventId: Number(eventId), role, actor: found.access.actor };
      return next();
    }
    next(new Error("forbidden"));
  });

  /** Links can be rotated and sessions end during the day: an open socket must not outlive its access. */
  function stillAllowed(data: SocketData, auth: { token?: string }, cookie: string | undefined): boolean {
    if (data.role === "coordinator") {
      const sid = readCookie(cookie, SID);
      return Boolean(sid && deps.auth.sessionAccess(sid)?.access.allows("event", data.eventId));
    }
    const e = auth.token
      ? eventForToken(deps.secret, data.role, auth.token, (id) => deps.events.repo.get(id))
      : undefined;
    return e?.id === data.eventId && linkLife(data.role, e, clock()).ok;
  }
  const allowed = (s: { data: SocketData; handshake: { auth: unknown; headers: { cookie?: string } } }) =>
    stillAllowed(s.data, s.handshake.auth as { token?: string }, s.handshake.headers.cookie);

  function broadcast(eventId: number) {
    for (const s of io.sockets.sockets.values())
      if (s.data.eventId === eventId && !allowed(s)) s.disconnect(true);
    io.to(staffRoom(eventId)).emit("day:snapshot", deps.dayof.snapshot(eventId, "staff"));
    io.to(boardRoom(eventId)).emit("day:snapshot", deps.dayof.snapshot(eventId, "board"));
  }

  io.on("connection", (socket) => {
    const { eventId, role } = socket.data;
    const audience = role === "board" ? "board" : "staff";
    socket.join(audience === "board" ? boardRoom(eventId) : staffRoom(eventId));
    // Snapshot first: a tablet that was offline shows the truth again without a reload.
    socket.emit("day:snapshot", deps.dayof.snapshot(eventId, audience));

    socket.on("host:action", (message, ack) => {
      const reply = (r: ActionAck) => (typeof ack === "function" ? ack(r) : undefined);
      if (role === "board") return reply({ ok: false, code: "forbidden", message: "Romtavla kan bare lese" });
      if (!allowed(socket)) {
        reply({
          ok: false,
          code: "forbidden",
          message: "Lenken er byttet ut. Spør markedskoordinatoren om ny lenke.",
        });
        socket.disconnect(true);
        return;
      }
      const parsed = HostActionMessage.safeParse(message);
      if (!parsed.success) return reply({ ok: false, code: "invalid-input", message: "Ugyldig handling" });
      try {
        // The screens get the new snapshot from the action's domain event, after it commits.
        const { replay } = deps.dayof.apply(eventId, socket.data.actor, parsed.data.id, parsed.data.action);
        reply({ ok: true, replay });
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return reply({ ok: false, code: err.code, message: err.message });
        console.error(`host action failed: ${err instanceof Error ? err.message : String(err)}`);
        reply({ ok: false, code: "internal-error", message: "Noe gikk galt. Prøv igjen." });
      }
    });
  });

  const unsubscribe = deps.onDomainEvents((batch) => {
    for (const id of new Set(batch.map((e) => e.eventId))) broadcast(id);
  });

  // Minutes left and the clock move with time, not only with actions.
  const tick = deps.tickMs ?? 30_000;
  const timer = tick
    ? setInterval(() => {
        const ids = new Set<number>();
        for (const s of io.sockets.sockets.values()) ids.add(s.data.eventId);
        for (const id of ids) broadcast(id);
      }, tick)
    : null;
  timer?.unref();

  return {
    io,
    broadcast,
    close: () => {
      if (timer) clearInterval(timer);
      unsubscribe();
      io.close();
    },
  };
}
