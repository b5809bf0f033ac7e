// Owns the Minijobbmesse's open-room rules: whether the host may tap a visitor into an employer's room or out
// of it now, and what the tap does (a visitor is in one room at a time, so entering another room is a move).
import { osloDate } from "../shared/time";

/** What the host taps for a visitor: into a room (by the employer's participation), or out of the room. */
export type VisitAction =
  | { kind: "enter"; candidateId: number; participationId: number; version: number }
  | { kind: "leave"; candidateId: number; version: number };

export type Visitor = {
  arrivedAt: string | null;
  noShowAt: string | null;
  /** The candidate's day version, bumped by every host action on them (stale taps are refused). */
  version: number;
  /** The participation whose room the visitor is in now, or null in the lobby. */
  inRoom: number | null;
};

export type VisitRefusal =
  | "stale"
  | "not-arrived"
  | "was-no-show"
  | "not-in-room"
  | "not-today"
  | "event-over";

/** enter: into a room from the lobby; move: from one room straight into another; leave: out; none: already so. */
export type VisitEffect = "enter" | "move" | "leave" | "none";

export type VisitDecision =
  | { ok: true; effect: VisitEffect }
  | { ok: false; reason: VisitRefusal; message: string };

const refuse = (reason: VisitRefusal, message: string): VisitDecision => ({ ok: false, reason, message });

/**
 * Whether a visit tap may be applied at `now` (the rooms are open on the event's day, Oslo time). A visitor must
 * have been checked in; entering the room they are already in changes nothing; entering another room closes the
 * visit they were on; leaving needs an open visit.
 */
export function decideVisit(
  action: VisitAction,
  visitor: Visitor,
  eventDate: string,
  now: Date,
): VisitDecision {
  const today = osloDate(now);
  if (today < eventDate) return refuse("not-today", "Rommene åpner først på arrangementsdagen");
  if (today > eventDate)
    return refuse("event-over", "Arrangementet er over, og besøk kan ikke registreres lenger");
  if (!visitor.arrivedAt) {
    return visitor.noShowAt
      ? refuse("was-no-show", "Kandidaten er meldt som ikke møtt. Registrer ankomst først om hen har kommet.")
      : refuse("not-arrived", "Kandidaten er ikke registrert som ankommet ennå");
  }
  if (action.kind === "enter") {
    // A second tap on the room the visitor is already in (another tablet, a double tap) is not an error.
    if (visitor.inRoom === action.participationId) return { ok: true, effect: "none" };
    if (visitor.version !== action.version) return stale();
    return { ok: true, effect: visitor.inRoom === null ? "enter" : "move" };
  }
  if (visitor.inRoom === null) return refuse("not-in-room", "Kandidaten er ikke i noe rom");
  if (visitor.version !== action.version) return stale();
  return { ok: true, effect: "leave" };
}

const stale = () =>
  refuse("stale", "Allerede endret av noen andre. Se oppdatert status og prøv igjen om det trengs.");

export type VisitRow = { candidateId: number; participationId: number; leftAt: string | null };

/** Per room: who is inside now, and how many different candidates have been inside at all. */
export function roomCounts(visits: VisitRow[]): Map<number, { inside: number[]; visitors: number }> {
  const rooms = new Map<number, { inside: number[]; seen: Set<number> }>();
  for (const v of visits) {
    const r = rooms.get(v.participationId) ?? { inside: [], seen: new Set<number>() };
    r.seen.add(v.candidateId);
    if (v.leftAt === null) r.inside.push(v.candidateId);
    rooms.set(v.participationId, r);
  }
  return new Map([...rooms].map(([id, r]) => [id, { inside: r.inside, visitors: r.seen.size }]));
}

/** The visitor's place on the day, for the host's tiles. */
export type VisitorStatus = "expected" | "lobby" | "inside" | "no-show";
export const VISITOR_STATUS_LABELS: Record<VisitorStatus, string> = {
  expected: "Ikke kommet",
  lobby: "I lobbyen",
  inside: "Inne",
  "no-show": "Ikke møtt",
};

export function visitorStatus(v: Pick<Visitor, "arrivedAt" | "noShowAt" | "inRoom">): VisitorStatus {
  if (v.inRoom !== null) return "inside";
  if (v.arrivedAt) return "lobby";
  return v.noShowAt ? "no-show" : "expected";
}
