// Owns the view models of registration (Minijobbmesse) pages: the booking link's registration form and the lines
// the manage and coordinator pages show for each registration.
import type { EventDetail } from "../events/events.service";
import { eventSummaryView, participationView } from "../events/events.view";
import { formatDate } from "../shared/time";
import type { RegistrationRow } from "./booking.repo";
import { registrationTimes } from "./registration.rules";

/** The times a registered candidate is told: arrival (the programme's start) and the open-room window. */
export const timesOf = (d: Pick<EventDetail, "event" | "programme">) =>
  registrationTimes(d.programme, { start: d.event.interviewStart, end: d.event.interviewEnd });

export function registrationPageView(d: EventDetail) {
  return {
    ...eventSummaryView(d.event),
    venue: d.venue,
    programme: d.programme,
    times: timesOf(d),
    full: d.freeSlots === 0,
    freeText: d.format.terms.free(d.freeSlots),
    employers: d.participations.map((p) => {
      const v = participationView(p);
      return {
        id: v.id,
        line: v.line,
        employerName: v.employerName,
        roomName: v.roomName,
        tasks: v.tasks,
        training: v.training,
        prerequisites: v.prerequisites,
        requirements: [v.minAge ? `minst ${v.minAge} år` : "", v.restrictions].filter(Boolean).join("; "),
        offerLabels: v.offerLabels,
      };
    }),
  };
}

/** «Påmeldt Minijobbmesse 12. mai, rommene åpner kl. 12:00». */
export function registrationLine(
  r: RegistrationRow,
  d: Pick<EventDetail, "event" | "programme">,
): RegistrationRow & { summary: string; arrival: string; identityNote: string } {
  const t = timesOf(d);
  return {
    ...r,
    summary: `Påmeldt ${d.event.title} ${formatDate(d.event.date)}, rommene åpner kl. ${t.roomsOpen}`,
    arrival:
      t.arrival < t.roomsOpen
        ? `Kommer kl. ${t.arrival}, når arbeidsgiverne presenterer seg`
        : `Kommer kl. ${t.arrival}`,
    identityNote: r.identity === "unconfirmed" ? "e-postadressen er ikke bekreftet" : "",
  };
}
