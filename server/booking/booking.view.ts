// Owns view models for the booking, manage and coordinator booking pages.
import type { EventDetail } from "../events/events.service";
import {
  eventFreeText,
  eventSummaryView,
  participationView,
  seatsText,
  slotChoiceLabel,
} from "../events/events.view";
import { panelFromJson, panelNames } from "../events/formats";
import { formatDate, formatInstant, formatTime } from "../shared/time";
import type { AuditRow, BookingRow, WaitlistRow } from "./booking.repo";
import type { SlotFacts } from "./booking.rules";

export function bookingPageView(d: EventDetail) {
  return {
    ...eventSummaryView(d.event),
    terms: d.format.terms,
    venue: d.venue,
    freeText: eventFreeText(
      d.format.code,
      d.freeSlots,
      d.participations.map((p) => p.slotCapacity),
    ),
    participations: d.participations.map((p) => {
      const v = participationView(p);
      // A group slot is offered while a seat is free, and says how many are left.
      const freeSlotList = v.slots.filter((s) => !s.full).map((s) => ({ ...s, choice: slotChoiceLabel(s) }));
      return { ...v, freeSlotList, full: p.freeSlots === 0 };
    }),
  };
}

/** A slot to move or add a booking to: "Sykehuset kl. 15:30", with the seats left for a group slot. */
export function slotTargetLabel(s: Pick<SlotFacts, "employerName" | "startsAt" | "taken" | "seats">): string {
  const seats = seatsText(s);
  return `${s.employerName} kl. ${formatTime(s.startsAt)}${seats ? ` · ${seats}` : ""}`;
}

/** A Speedintervju's room is led by its panel: named after the workplace the course leads to. */
const withPanel = (employer: string, panelJson: string) => {
  const panel = panelNames(panelFromJson(panelJson));
  return panel ? `${employer} – intervjupanel: ${panel}` : employer;
};

export function bookingLine(b: BookingRow) {
  return {
    ...b,
    time: `${formatTime(b.startsAt)}–${formatTime(b.endsAt)}`,
    employer: withPanel(b.department ? `${b.employerName}, ${b.department}` : b.employerName, b.panelJson),
    /** Shown beside the veileder's name wherever coordinators see who booked. */
    identityNote: b.identity === "unconfirmed" ? "e-postadressen er ikke bekreftet" : "",
  };
}

export function waitlistLine(w: WaitlistRow) {
  return { ...w, employer: w.department ? `${w.employerName}, ${w.department}` : w.employerName };
}

export function auditLine(a: AuditRow) {
  const ACTIONS: Record<string, string> = {
    booked: "Booket",
    registered: "Påmeldt",
    "registration-cancelled": "Påmelding avbestilt",
    cancelled: "Avbestilt",
    moved: "Flyttet",
    waitlisted: "Satt på venteliste",
    "left-waitlist": "Fjernet fra venteliste",
    "promoted-from-waitlist": "Fikk plass fra venteliste",
    "candidate-erased": "Personopplysninger slettet på forespørsel",
    "identity-confirmed": "Veilederen bekreftet e-postadressen (åpnet lenken fra e-posten)",
    "selection-recorded": "Utvalg til kurs satt (speedintervju)",
  };
  return { ...a, when: formatInstant(a.at), what: ACTIONS[a.action] ?? a.action };
}

/** A readable "who" for an audit actor id ("caseworker:5" → the veileder's name). */
export function actorLabel(actor: string, caseworkerName: (id: number) => string | undefined): string {
  const [kind, id, proof] = actor.split(":");
  if (kind === "caseworker") {
    const name = caseworkerName(Number(id)) ?? "Veileder";
    // Typed into the booking link's form, not proven: say so.
    return proof === "unconfirmed" ? `${name} (oppgitt e-postadresse, ikke bekreftet)` : name;
  }
  if (kind === "coordinator") return `Koordinator (#${id})`;
  if (kind === "api-token") return `API-token #${id}`;
  if (actor === "system:waitlist") return "Automatisk fra venteliste";
  if (kind === "panel") return `Intervjupanel (lenke #${id})`;
  return actor;
}

export const eventDateText = (date: string) => formatDate(date);
