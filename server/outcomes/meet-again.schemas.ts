// Owns the «Vil møte igjen» form on the employer's page: a tick and an optional short note.
import { z } from "zod";
import { checkbox, text } from "../shared/validation";
import { MEET_AGAIN_NOTE_MAX } from "./meet-again.rules";

export const MeetAgainForm = z.object({
  want: checkbox,
  note: text("Notatet", MEET_AGAIN_NOTE_MAX, { multiline: true }),
});
export type MeetAgainForm = z.output<typeof MeetAgainForm>;
