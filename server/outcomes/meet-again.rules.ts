// Owns the Minijobbmesse's «Vil møte igjen» rules: an employer notes only candidates who came into their room,
// and only once the rooms have opened; the note is a few words for NAV's follow-up, never an assessment.
import type { Decision } from "../shared/errors";
import { osloToUtc } from "../shared/time";

export const MEET_AGAIN_NOTE_MAX = 500;

export type MeetAgainFacts = {
  /** The candidate has been inside this employer's room at least once. */
  visited: boolean;
  /** The event's date and when its rooms open (Oslo). */
  date: string;
  opensAt: string;
};

/** Whether an employer may mark (or unmark) a candidate as someone they want to meet again. */
export function decideMeetAgain(f: MeetAgainFacts, now: Date): Decision<"not-open-yet" | "not-a-visitor"> {
  const opens = osloToUtc(f.date, f.opensAt);
  if (opens === null || now.getTime() < Date.parse(opens))
    return { ok: false, reason: "not-open-yet", message: "Rommene er ikke åpnet ennå." };
  if (!f.visited)
    return {
      ok: false,
      reason: "not-a-visitor",
      message: "Kandidaten har ikke vært innom rommet deres, og kan ikke merkes.",
    };
  return { ok: true };
}
