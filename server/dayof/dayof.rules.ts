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
  | "nothing-to-undo"
  | "already-undone";

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
/** "open": a Minijobbmesse's room, open for visitors the whole window. */
export type RoomState = "free" | "waiting" | "in-interview" | "finished" | "open";
export const ROOM_STATE_LABELS: Record<RoomState, string> = {
  free: "Ledig",
  waiting: "Kandidat venter",
  "in-interview": "Intervju pågår",
  finished: "Ferdig for dagen",
  open: "Åpent rom",
};

const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * When a slot happens, as every screen and sheet shows it. A room's delay moves only what is still to
 * come (a booked interview not yet started, an empty slot not yet over); an interview that started shows
 * when it really started; a no-show or a past empty slot keeps its planned time.
 */
export function effectiveTime(
  slot: Pick<RoomSlot, "startsAt" | "endsAt"> & {
    booking: { stage: Stage; startedAt: string | null } | null;
  },
  delayMinutes: number,
  now: Date,
): { startsAt: string; endsAt: string; shifted: boolean } {
  const length = Date.parse(slot.endsAt) - Date.parse(slot.startsAt);
  const b = slot.booking;
  if (b?.startedAt && (b.stage === "in-room" || b.stage === "finished")) {
    const startsAt = new Date(Date.parse(b.startedAt)).toISOString();
    return { startsAt, endsAt: new Date(Date.parse(startsAt) + length).toISOString(), shifted: false };
  }
  const upcoming = b ? b.stage === "scheduled" : Date.parse(slot.endsAt) > now.getTime();
  if (!upcoming || !delayMinutes) return { startsAt: slot.startsAt, endsAt: slot.endsAt, shifted: false };
  return {
    startsAt: shift(slot.startsAt, delayMinutes),
    endsAt: shift(slot.endsAt, delayMinutes),
    shifted: true,
  };
}

/** A room's state at `now`: who is inside, who is next, and minutes left, with the room's delay applied. */
export function roomState(slots: RoomSlot[], delayMinutes: number, slotMinutes: number, now: Date) {
  const shifted = slots.map((s) => ({ ...s, ...effectiveTime(s, delayMinutes, now) }));
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

// ---- the hovmester's next step per candidate ----

/** How long before an interview's (shifted) start the host is asked to send the candidate in. */
export const DUE_LEAD_MINUTES = 5;

export type CandidateStatus = "expected" | "waiting" | "inside" | "done" | "no-show";
export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  expected: "Ikke kommet",
  waiting: "Venter",
  inside: "Inne",
  done: "Ferdig",
  "no-show": "Ikke møtt",
};

export type StepInterview = {
  bookingId: number;
  participationId: number;
  /** The slot; several candidates share one in a group interview. */
  slotId?: number;
  stage: Stage;
  /** Effective start (see effectiveTime). */
  startsAt: string;
  endsAt: string;
};
export type NextStep =
  | { kind: "arrive" | "pep-talk" }
  | { kind: "start" | "finish"; bookingId: number }
  | null;

export type CandidatePlan = {
  status: CandidateStatus;
  /** The one thing to tap for this candidate now, or null when the next step is to wait. */
  primary: NextStep;
  /** Why there is no primary step while the candidate waits. */
  waitingFor: "room-busy" | "not-due" | null;
  /** The interview the candidate goes to next (in room or scheduled), if any. */
  nextBookingId: number | null;
  /** When the candidate needs the host next: the next interview's start, or the end of the one running. */
  dueAt: string | null;
  /** 0: needs a tap now, 1: later today, 2: done or did not come. Lists sort by rank, then dueAt. */
  rank: 0 | 1 | 2;
};

/**
 * The next step for one candidate at `now`: ankommet → pep talk (where the event uses it) → send inn when
 * the room is free and the interview is due → ferdig. `busyRooms` holds participations with someone inside; a
 * candidate whose group interview has begun (`groupsInProgress`) may still be sent in to join it.
 */
export function candidatePlan(
  c: { arrived: boolean; pepTalk: boolean; noShow: boolean; interviews: StepInterview[] },
  opts: {
    usesPepTalk: boolean;
    busyRooms: ReadonlySet<number>;
    /** Group slots whose interview has begun: the room is busy with this very group, so the rest may join. */
    groupsInProgress?: ReadonlySet<number>;
  },
  now: Date,
): CandidatePlan {
  const due = (iso: string) => Date.parse(iso) - now.getTime() <= DUE_LEAD_MINUTES * 60_000;
  const sorted = [...c.interviews].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const inside = sorted.find((i) => i.stage === "in-room");
  if (inside) {
    return {
      status: "inside",
      primary: { kind: "finish", bookingId: inside.bookingId },
      waitingFor: null,
      nextBookingId: inside.bookingId,
      dueAt: inside.endsAt,
      rank: due(inside.endsAt) ? 0 : 1,
    };
  }
  const next = sorted.find((i) => i.stage === "scheduled");
  const done = { primary: null, waitingFor: null, nextBookingId: null, dueAt: null, rank: 2 } as const;
  if (c.noShow && !c.arrived) return { status: "no-show", ...done };
  if (!next) return { status: c.arrived || !sorted.length ? "done" : "no-show", ...done };
  const base = { nextBookingId: next.bookingId, dueAt: next.startsAt };
  if (!c.arrived) {
    return {
      status: "expected",
      primary: { kind: "arrive" },
      waitingFor: null,
      ...base,
      rank: due(next.startsAt) ? 0 : 1,
    };
  }
  const started = sorted.some((i) => i.stage === "finished");
  if (opts.usesPepTalk && !c.pepTalk && !started) {
    return { status: "waiting", primary: { kind: "pep-talk" }, waitingFor: null, ...base, rank: 0 };
  }
  const joinsGroup = next.slotId !== undefined && (opts.groupsInProgress?.has(next.slotId) ?? false);
  if (opts.busyRooms.has(next.participationId) && !joinsGroup) {
    return { status: "waiting", primary: null, waitingFor: "room-busy", ...base, rank: 1 };
  }
  if (!due(next.startsAt)) {
    return { status: "waiting", primary: null, waitingFor: "not-due", ...base, rank: 1 };
  }
  return {
    status: "waiting",
    primary: { kind: "start", bookingId: next.bookingId },
    waitingFor: null,
    ...base,
    rank: 0,
  };
}

/** Orders the host's list: who needs a tap now first, then by when they are due, the done ones last. */
export function byUrgency(
  a: { plan: Pick<CandidatePlan, "rank" | "dueAt">; number: number },
  b: { plan: Pick<CandidatePlan, "rank" | "dueAt">; number: number },
): number {
  return (
    a.plan.rank - b.plan.rank ||
    (a.plan.dueAt ?? "9").localeCompare(b.plan.dueAt ?? "9") ||
    a.number - b.number
  );
}

// ---- undo ----

export type UndoTarget = {
  id: string;
  kind: string;
  candidateId: number | null;
  participationId: number | null;
  undoneAt: string | null;
};

/**
 * Whether an action may be undone: not an undo itself, not undone already, and nothing newer (still in
 * force) touched the same candidate or room delay, since putting the old state back would silently
 * revert that newer action too. Actions on other candidates do not block it.
 */
export function decideUndo(target: UndoTarget | undefined, newer: UndoTarget[]): Decision<HostRefusal> {
  if (!target || target.kind === "undo") return refuse("nothing-to-undo", "Det er ingenting å angre");
  if (target.undoneAt) return refuse("already-undone", "Handlingen er allerede angret");
  const clash = newer.find(
    (n) =>
      !n.undoneAt &&
      n.kind !== "undo" &&
      (target.kind === "delay"
        ? n.kind === "delay" && n.participationId === target.participationId
        : n.candidateId !== null && n.candidateId === target.candidateId),
  );
  if (clash) {
    return refuse(
      "stale",
      target.kind === "delay"
        ? "Forsinkelsen i rommet er endret etter dette. Angre den nyeste endringen først."
        : "Kandidaten er endret etter dette. Angre den nyeste handlingen først.",
    );
  }
  return { ok: true };
}

/** What the lobby board may show of a candidate: "Ola N." from any name, or only the number. */
export function boardName(displayName: string, participantNumber: number, hideNames: boolean): string {
  if (hideNames) return `Nr. ${participantNumber}`;
  const [first, ...rest] = displayName.trim().split(/\s+/);
  const initial = rest.length ? ` ${rest[rest.length - 1].charAt(0).toUpperCase()}.` : "";
  return `${first}${initial}`;
}
