// Owns the pure rules of the day: which host action is allowed now, room states, and what the board may show.
import type { Decision } from "../shared/errors";

export type Stage = "scheduled" | "in-room" | "finished" | "no-show";

export type DayInterview = { bookingId: number; participationId: number; stage: Stage };
export type CandidateDay = {
  id: number;
  arrivedAt: string | null;
  pepTalkAt: string | null;
  noShowAt: string | null;
  version: number;
  interviews: DayInterview[];
};

export type HostAction =
  | { kind: "arrive" | "pep-talk" | "no-show"; candidateId: number; version: number }
  | { kind: "start" | "finish"; bookingId: number; version: number }
  | { kind: "delay"; participationId: number; minutes: number }
  /** Undo names the action it means, so it never reverts what another tablet did a moment later. */
  | { kind: "undo"; actionId: string };

export type HostRefusal =
  | "stale"
  | "already-arrived"
  | "not-arrived"
  | "already-done"
  | "already-started"
  | "already-finished"
  | "not-started"
  | "candidate-in-other-room"
  | "was-no-show"
  | "invalid-delay"
  | "nothing-to-undo";

export const MAX_DELAY_MINUTES = 180;

const refuse = (reason: HostRefusal, message: string): Decision<HostRefusal> => ({
  ok: false,
  reason,
  message,
});

/**
 * Whether a host action may be applied to the candidate as it is now. `version` is what the tablet saw:
 * if someone else changed the candidate since, the action is refused rather than silently overwriting.
 */
export function decideHostAction(action: HostAction, candidate: CandidateDay | null): Decision<HostRefusal> {
  if (action.kind === "undo") return { ok: true };
  if (action.kind === "delay") {
    if (!Number.isInteger(action.minutes) || action.minutes < 0 || action.minutes > MAX_DELAY_MINUTES) {
      return refuse("invalid-delay", `Forsinkelsen må være mellom 0 og ${MAX_DELAY_MINUTES} minutter`);
    }
    return { ok: true };
  }
  if (!candidate) throw new Error("candidate action without a candidate");
  if (candidate.version !== action.version) {
    return refuse("stale", "Allerede endret av noen andre. Se oppdatert status og prøv igjen om det trengs.");
  }
  switch (action.kind) {
    case "arrive":
      if (candidate.arrivedAt)
        return refuse("already-arrived", "Kandidaten er allerede registrert som ankommet");
      return { ok: true };
    case "pep-talk":
      if (!candidate.arrivedAt)
        return refuse("not-arrived", "Kandidaten er ikke registrert som ankommet ennå");
      if (candidate.pepTalkAt) return refuse("already-done", "Veileder og pep talk er allerede registrert");
      return { ok: true };
    case "no-show":
      if (candidate.arrivedAt)
        return refuse("already-arrived", "Kandidaten har kommet og kan ikke meldes som ikke møtt");
      if (candidate.noShowAt) return refuse("already-done", "Kandidaten er allerede meldt som ikke møtt");
      return { ok: true };
    case "start": {
      const i = candidate.interviews.find((x) => x.bookingId === action.bookingId);
      if (!i) throw new Error("booking does not belong to candidate");
      if (i.stage === "in-room") return refuse("already-started", "Intervjuet er allerede i gang");
      if (i.stage === "finished") return refuse("already-finished", "Intervjuet er allerede ferdig");
      if (i.stage === "no-show") return refuse("was-no-show", "Kandidaten er meldt som ikke møtt");
      if (candidate.interviews.some((x) => x.stage === "in-room")) {
        return refuse("candidate-in-other-room", "Kandidaten er i et annet intervju nå");
      }
      return { ok: true };
    }
    case "finish": {
      const i = candidate.interviews.find((x) => x.bookingId === action.bookingId);
      if (!i) throw new Error("booking does not belong to candidate");
      if (i.stage === "finished") return refuse("already-finished", "Intervjuet er allerede ferdig");
      if (i.stage !== "in-room") return refuse("not-started", "Intervjuet har ikke startet");
      return { ok: true };
    }
  }
}

export type RoomSlot = {
  startsAt: string;
  endsAt: string;
  booking: { stage: Stage; startedAt: string | null; arrived: boolean } | null;
};
export type RoomState = "free" | "waiting" | "in-interview" | "finished";
export const ROOM_STATE_LABELS: Record<RoomState, string> = {
  free: "Ledig",
  waiting: "Kandidat venter",
  "in-interview": "Intervju pågår",
  finished: "Ferdig for dagen",
};

const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A room's state at `now`: who is inside, who is next, and minutes left, with the room's delay applied. */
export function roomState(slots: RoomSlot[], delayMinutes: number, slotMinutes: number, now: Date) {
  const shifted = slots.map((s) => ({
    ...s,
    startsAt: shift(s.startsAt, delayMinutes),
    endsAt: shift(s.endsAt, delayMinutes),
  }));
  const currentIndex = shifted.findIndex((s) => s.booking?.stage === "in-room");
  const nextIndex = shifted.findIndex((s, i) => i !== currentIndex && s.booking?.stage === "scheduled");
  let state: RoomState;
  if (currentIndex >= 0) state = "in-interview";
  else if (nextIndex >= 0) state = shifted[nextIndex].booking?.arrived ? "waiting" : "free";
  else
    state =
      shifted.some((s) => s.booking) || shifted.every((s) => s.endsAt <= now.toISOString())
        ? "finished"
        : "free";
  let minutesLeft: number | null = null;
  const current = currentIndex >= 0 ? shifted[currentIndex] : null;
  if (current?.booking?.startedAt) {
    const end = Date.parse(current.booking.startedAt) + slotMinutes * 60_000;
    minutesLeft = Math.max(0, Math.ceil((end - now.getTime()) / 60_000));
  }
  return { state, currentIndex, nextIndex, minutesLeft, slots: shifted };
}

/** What the lobby board may show of a candidate: "Ola N." from any name, or only the number. */
export function boardName(displayName: string, participantNumber: number, hideNames: boolean): string {
  if (hideNames) return `Nr. ${participantNumber}`;
  const [first, ...rest] = displayName.trim().split(/\s+/);
  const initial = rest.length ? ` ${rest[rest.length - 1].charAt(0).toUpperCase()}.` : "";
  return `${first}${initial}`;
}
