// Owns turning event data into view models for templates (dates and times already formatted).
import { formatDate, formatDateLong, formatInstant, formatTime, toDateTimeLocal } from "../shared/time";
import type { EventRow } from "./events.repo";
import { OFFER_TYPES, type OfferType, STATUS_LABELS } from "./events.rules";
import type { EventDetail, ParticipationDetail } from "./events.service";

export const freeSlotsText = (n: number) =>
  n === 0
    ? "Ingen ledige intervjutidspunkter"
    : n === 1
      ? "1 ledig intervjutidspunkt"
      : `${n} ledige intervjutidspunkter`;

export function employerLine(p: Pick<ParticipationDetail, "employerName" | "department" | "minAge">) {
  const dept = p.department ? `, ${p.department}` : "";
  const age = p.minAge ? ` (ikke u/${p.minAge} år)` : "";
  return `${p.employerName}${dept}${age}`;
}

export function participationView(p: ParticipationDetail) {
  return {
    ...p,
    line: employerLine(p),
    freeText: freeSlotsText(p.freeSlots),
    offerLabels: p.offerTypes.map((t) => OFFER_TYPES[t as OfferType] ?? t),
    slots: p.slots.map((s) => ({ ...s, time: `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}` })),
  };
}

export function eventSummaryView(e: EventRow & { officeName?: string; freeSlots?: number }) {
  return {
    ...e,
    dateText: formatDate(e.date),
    dateLong: formatDateLong(e.date),
    statusLabel: STATUS_LABELS[e.status],
    deadlineText: formatInstant(e.bookingDeadline),
    freeText: e.freeSlots === undefined ? "" : freeSlotsText(e.freeSlots),
  };
}

export function eventDetailView(d: EventDetail) {
  return {
    ...eventSummaryView(d.event),
    venue: d.venue,
    programme: d.programme,
    participations: d.participations.map(participationView),
    freeSlots: d.freeSlots,
    freeText: freeSlotsText(d.freeSlots),
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
