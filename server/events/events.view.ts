// Owns turning event data into view models for templates (dates and times already formatted).
import { formatDate, formatDateLong, formatInstant, formatTime, toDateTimeLocal } from "../shared/time";
import { type EventRow, freeSeats, type SlotRow } from "./events.repo";
import { OFFER_TYPES, type OfferType, STATUS_LABELS } from "./events.rules";
import type { EventDetail, ParticipationDetail } from "./events.service";
import { FORMATS, formatOf, panelNames } from "./formats";

/** Free interview slots in words (slot-based formats; a format's own words are `formatOf(code).terms.free`). */
export const freeSlotsText = (n: number) => FORMATS["ta-sjansen"].terms.free(n);

/**
 * An event's free count in its format's words; where some employer takes group interviews the count is of seats,
 * so it says «plasser» ("9 ledige plasser") rather than calling seats interview times.
 */
export function eventFreeText(format: string, n: number, slotCapacities: number[] = []): string {
  const f = formatOf(format);
  if (!f.hasSlots || !slotCapacities.some((c) => c > 1)) return f.terms.free(n);
  return n === 0 ? "Ingen ledige plasser" : n === 1 ? "1 ledig plass" : `${n} ledige plasser`;
}

/**
 * An employer's free count: time slots one-to-one, seats where the employer takes group interviews
 * ("2 ledige plasser i gruppeintervju (opptil 3 per tidspunkt)").
 */
export function freeSeatsText(n: number, slotCapacity = 1): string {
  if (slotCapacity <= 1) return freeSlotsText(n);
  const seats = n === 0 ? "Ingen ledige plasser" : n === 1 ? "1 ledig plass" : `${n} ledige plasser`;
  return `${seats} i gruppeintervju (opptil ${slotCapacity} per tidspunkt)`;
}

export function employerLine(p: Pick<ParticipationDetail, "employerName" | "department" | "minAge">) {
  const dept = p.department ? `, ${p.department}` : "";
  const age = p.minAge ? ` (ikke u/${p.minAge} år)` : "";
  return `${p.employerName}${dept}${age}`;
}

/** A slot's state in words: "Ledig"/"Booket" one-to-one; "1 av 3" for a group slot. */
export function slotLabel(s: Pick<SlotRow, "taken" | "seats">): string {
  if (s.seats === 1) return s.taken ? "Booket" : "Ledig";
  return s.taken >= s.seats ? `Full (${s.taken} av ${s.seats})` : `${s.taken} av ${s.seats}`;
}

/** A group slot's free seats in words ("2 av 3 plasser ledige"); empty for a one-to-one slot. */
export function seatsText(s: Pick<SlotRow, "taken" | "seats">): string {
  if (s.seats === 1) return "";
  const free = freeSeats(s);
  return `${free} av ${s.seats} plasser ${free === 1 ? "ledig" : "ledige"}`;
}

/** A time to choose: "15:30–16:00", and for a group slot "15:30–16:00 · 2 av 3 plasser ledige". */
export function slotChoiceLabel(s: Pick<SlotRow, "taken" | "seats" | "startsAt" | "endsAt">): string {
  const time = `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`;
  const seats = seatsText(s);
  return seats ? `${time} · ${seats}` : time;
}

export function participationView(p: ParticipationDetail) {
  return {
    ...p,
    line: employerLine(p),
    freeText: freeSeatsText(p.freeSlots, p.slotCapacity),
    panelText: panelNames(p.panel),
    offerLabels: p.offerTypes.map((t) => OFFER_TYPES[t as OfferType] ?? t),
    slots: p.slots.map((s) => ({
      ...s,
      time: `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`,
      full: freeSeats(s) === 0,
      label: slotLabel(s),
    })),
  };
}

export function eventSummaryView(e: EventRow & { officeName?: string; freeSlots?: number }) {
  return {
    ...e,
    dateText: formatDate(e.date),
    dateLong: formatDateLong(e.date),
    statusLabel: STATUS_LABELS[e.status],
    deadlineText: formatInstant(e.bookingDeadline),
    formatLabel: formatOf(e.format).label,
    hasSlots: formatOf(e.format).hasSlots,
    freeText: e.freeSlots === undefined ? "" : formatOf(e.format).terms.free(e.freeSlots),
  };
}

export function eventDetailView(d: EventDetail) {
  return {
    ...eventSummaryView(d.event),
    format: d.format,
    registered: d.registered,
    venue: d.venue,
    programme: d.programme,
    participations: d.participations.map(participationView),
    freeSlots: d.freeSlots,
    freeText: eventFreeText(
      d.format.code,
      d.freeSlots,
      d.participations.map((p) => p.slotCapacity),
    ),
    capacity: d.capacity,
    /** Distinct slot start times across employers, for the grid's columns. */
    times: [...new Set(d.participations.flatMap((p) => p.slots.map((s) => s.startsAt)))].sort().map((t) => ({
      startsAt: t,
      label: formatTime(t),
    })),
  };
}

/** Form values for editing an existing event. */
export function eventFormValues(d: EventDetail) {
  const e = d.event;
  return {
    officeId: e.officeId,
    format: e.format,
    capacity: e.capacity ?? "",
    title: e.title,
    date: e.date,
    interviewStart: e.interviewStart,
    interviewEnd: e.interviewEnd,
    slotMinutes: e.slotMinutes,
    gapMinutes: e.gapMinutes,
    maxInterviews: e.maxInterviews,
    pepTalkGap: e.pepTalkGap,
    hideNamesOnBoard: e.hideNamesOnBoard,
    bookingDeadline: toDateTimeLocal(e.bookingDeadline),
    programme: d.programme.map((i) => `${i.time} ${i.label}`).join("\n"),
  };
}
