// Owns the words of the e-mails to veiledere (reminder, booking confirmation, waitlist promotion) and of the
import type { BookingRow } from "../booking/booking.repo";
import { arrivalTime } from "../booking/booking.rules";
import { formatOf, panelFromJson, panelNames } from "../events/formats";
// printable invitation for a candidate. Pure: data in, text out.
import { formatDate, formatDateLong, formatTime } from "../shared/time";

export type MailEvent = {
  title: string;
  date: string;
  interviewStart: string;
  venueName: string;
  venueAddress: string;
  programme: { time: string; label: string }[];
  /** The event's format (server/events/formats.ts): its words for an interview. Ta sjansen when absent. */
  format?: string;
};

export type Interview = {
  candidate: string;
  startsAt: string;
  endsAt: string;
  employerName: string;
  department: string;
  roomName: string | null;
  /** A Speedintervju's panel, named ("Kari Nordmann (arbeidslivscoach) og …"); empty for an employer. */
  panel?: string;
};

/** What a mail says about one booking. */
export const toInterview = (b: BookingRow): Interview => ({
  candidate: b.displayName,
  startsAt: b.startsAt,
  endsAt: b.endsAt,
  employerName: b.employerName,
  department: b.department,
  roomName: b.roomName,
  panel: panelNames(panelFromJson(b.panelJson)),
});

export type Composed = { subject: string; text: string };

const place = (e: MailEvent) => (e.venueAddress ? `${e.venueName}, ${e.venueAddress}` : e.venueName);
const employer = (i: Pick<Interview, "employerName" | "department" | "panel">) =>
  `${i.department ? `${i.employerName}, ${i.department}` : i.employerName}${i.panel ? ` – intervjupanel: ${i.panel}` : ""}`;
const terms = (e: Pick<MailEvent, "format">) => formatOf(e.format).terms;
const span = (i: Pick<Interview, "startsAt" | "endsAt">) =>
  `${formatTime(i.startsAt)}–${formatTime(i.endsAt)}`;
const byTime = (a: Interview, b: Interview) => a.startsAt.localeCompare(b.startsAt);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function composeReminder(r: {
  caseworkerName: string;
  event: MailEvent;
  interviews: Interview[];
  manageUrl: string;
  icsName: string;
}): Composed {
  const e = r.event;
  const interviews = [...r.interviews].sort(byTime);
  const candidates = new Set(interviews.map((i) => i.candidate)).size;
  const lines = [
    `Hei ${r.caseworkerName},`,
    "",
    `Påminnelse: ${e.title} er ${formatDateLong(e.date)} på ${place(e)}.`,
    "",
    "Dine kandidater:",
    ...interviews.map(
      (i) => `- ${span(i)} ${i.candidate} – ${employer(i)}${i.roomName ? ` – ${i.roomName}` : ""}`,
    ),
    "",
  ];
  if (e.programme.length) lines.push("Program:", ...e.programme.map((p) => `${p.time} ${p.label}`), "");
  lines.push(
    `Husk å minne kandidatene på ${terms(e).theMeeting} dagen før. Invitasjonen til kandidaten kan du skrive ut fra siden under.`,
    "Kan du ikke komme? Avtal med reserveveilederen, eller avbestill, så kan plassen gå til en annen kandidat.",
    "",
    `Se og endre bookingene dine: ${r.manageUrl}`,
    "",
    `Tidspunktene ligger også i kalenderfilen ${r.icsName}.`,
    "",
  );
  return {
    subject: `Påminnelse: ${e.title} ${formatDateLong(e.date)} – ${plural(candidates, "kandidat", "kandidater")}`,
    text: lines.join("\n"),
  };
}

export function composeConfirmation(c: {
  caseworkerName: string;
  candidate: string;
  event: MailEvent;
  interviews: Interview[];
  waitlist: { employerName: string; department: string }[];
  manageUrl: string;
  invitationUrl: string;
}): Composed {
  const e = c.event;
  const lines = [`Hei ${c.caseworkerName},`, ""];
  if (c.interviews.length) {
    lines.push(
      `Du har booket ${terms(e).meeting} for ${c.candidate} på ${e.title} ${formatDateLong(e.date)} på ${place(e)}:`,
      "",
      ...[...c.interviews]
        .sort(byTime)
        .map((i) => `- ${span(i)} ${employer(i)}${i.roomName ? ` – ${i.roomName}` : ""}`),
      "",
    );
  } else {
    lines.push(`${c.candidate} er registrert på ${e.title} ${formatDateLong(e.date)} på ${place(e)}.`, "");
  }
  if (c.waitlist.length) {
    lines.push("På venteliste hos:", ...c.waitlist.map((w) => `- ${employer(w)}`), "");
    lines.push("Blir en plass ledig, får kandidaten den automatisk, og du får en e-post.", "");
  }
  lines.push(
    c.interviews.length
      ? `Kandidaten kommer kl. ${arrivalTime(
          c.interviews.map((i) => i.startsAt),
          e.interviewStart,
        )}, et kvarter før første ${terms(e).meeting}, og hovmesteren tar imot.`
      : `Kandidatene kommer fra kl. ${e.interviewStart}, og hovmesteren tar imot dem.`,
    "",
    `Invitasjon til kandidaten (skriv ut eller kopier): ${c.invitationUrl}`,
    `Se, flytt eller avbestill bookingene dine: ${c.manageUrl}`,
    "",
    "Du får en påminnelse før arrangementet.",
    "",
  );
  return { subject: `Booking registrert: ${e.title} ${formatDate(e.date)}`, text: lines.join("\n") };
}

export function composePromotion(p: {
  caseworkerName: string;
  candidate: string;
  event: MailEvent;
  interview: Interview;
  manageUrl: string;
  invitationUrl: string;
}): Composed {
  const e = p.event;
  const i = p.interview;
  const text = [
    `Hei ${p.caseworkerName},`,
    "",
    `${p.candidate} har fått plass fra ventelisten på ${e.title} ${formatDateLong(e.date)} på ${place(e)}:`,
    "",
    `- ${span(i)} ${employer(i)}${i.roomName ? ` – ${i.roomName}` : ""}`,
    "",
    "Gi beskjed til kandidaten. Passer ikke tidspunktet, kan du flytte eller avbestille det, så går plassen videre.",
    "",
    `Invitasjon til kandidaten (skriv ut eller kopier): ${p.invitationUrl}`,
    `Se og endre bookingene dine: ${p.manageUrl}`,
    "",
  ].join("\n");
  return { subject: `Plass fra ventelisten: ${e.title} ${formatDate(e.date)}`, text };
}

/** One line of a change mail: what happened to one booking, in the veileder's words. */
export type ChangeLine = { candidate: string; what: string; interview: Interview };

/**
 * Everything one action changed in one veileder's bookings, in one mail: a coordinator's cancel or move, a
 * waitlist promotion, the event's new place or time, or the veileder's own move (for the new calendar entry).
 */
export function composeChanges(c: {
  caseworkerName: string;
  event: MailEvent;
  lines: ChangeLine[];
  /** Why the mail comes, e.g. "Markedskoordinatoren har endret bookingene dine". */
  intro: string;
  manageUrl: string;
}): Composed {
  const e = c.event;
  const text = [
    `Hei ${c.caseworkerName},`,
    "",
    `${c.intro} på ${e.title} ${formatDateLong(e.date)} på ${place(e)}:`,
    "",
    ...c.lines.map(
      (l) =>
        `- ${l.candidate}: ${l.what} ${span(l.interview)} ${employer(l.interview)}${l.interview.roomName ? ` – ${l.interview.roomName}` : ""}`,
    ),
    "",
    "Kalenderfilen i denne e-posten oppdaterer eller fjerner avtalene i kalenderen din.",
    "Gi beskjed til kandidaten hvis tidspunktet er endret.",
    "",
    `Se og endre bookingene dine: ${c.manageUrl}`,
    "",
  ].join("\n");
  return { subject: `Endring i bookingene dine: ${e.title} ${formatDate(e.date)}`, text };
}

export type Invitation = {
  title: string;
  greeting: string;
  intro: string;
  when: string;
  where: string;
  /** "Intervjuene dine" / "Speedintervjuene dine". */
  interviewsHeading: string;
  interviews: string[];
  duration: string;
  greeter: string[];
  bring: string[];
  comfort: string;
  cancel: string;
  text: string;
};

/** A short, plain-language invitation the veileder prints or copies for the candidate. */
export function composeInvitation(v: {
  candidate: string;
  event: MailEvent & { slotMinutes: number };
  interviews: Interview[];
  caseworker: { name: string; email: string };
  backupCaseworker: string;
  caseworkerJoins: boolean;
}): Invitation {
  const e = v.event;
  const interviews = [...v.interviews].sort(byTime);
  const arrival = arrivalTime(
    interviews.map((i) => i.startsAt),
    e.interviewStart,
  );
  const inv: Omit<Invitation, "text"> = {
    title: `Invitasjon til ${terms(e).invitedTo} på ${e.title}`,
    greeting: `Hei ${v.candidate}!`,
    intro: `Du er invitert til ${terms(e).invitedTo} på ${e.title}. Her møter du ${terms(e).whoYouMeet}.`,
    when: `Når: ${formatDateLong(e.date)}. Kom kl. ${arrival}.`,
    where: `Hvor: ${place(e)}.`,
    interviewsHeading: `${capitalised(terms(e).theMeetings)} dine`,
    interviews: interviews.map(
      (i) => `Kl. ${formatTime(i.startsAt)} med ${employer(i)}${i.roomName ? ` (${i.roomName})` : ""}`,
    ),
    duration: `Hvert ${terms(e).meeting} tar omtrent ${e.slotMinutes} minutter.`,
    greeter: [
      "En hovmester tar imot deg når du kommer, og viser deg hvor du skal.",
      `Veilederen din, ${v.caseworker.name}, møter deg der. Dere snakker sammen før ${terms(e).theMeeting}.`,
      v.caseworkerJoins
        ? `Du har sagt at du vil ha med ${v.caseworker.name} inn på ${terms(e).theMeeting}. Du kan ombestemme deg på dagen.`
        : `Du bestemmer selv om ${v.caseworker.name} skal være med inn på ${terms(e).theMeeting}.`,
      ...(v.backupCaseworker
        ? [`Hvis ${v.caseworker.name} ikke kan komme, møter ${v.backupCaseworker} deg i stedet.`]
        : []),
    ],
    bring: [
      "CV-en din, hvis du har en",
      "Briller, høreapparat eller annet du pleier å bruke",
      "Gjerne et spørsmål eller to om jobben",
    ],
    comfort: "Det er helt vanlig å være nervøs. Du trenger ikke forberede noe spesielt.",
    cancel: `Blir du syk, eller kan du ikke komme? Si fra til ${v.caseworker.name} så fort du kan${
      v.caseworker.email ? ` (${v.caseworker.email})` : ""
    }.`,
  };
  const text = [
    inv.title,
    "",
    inv.greeting,
    "",
    inv.intro,
    "",
    inv.when,
    inv.where,
    "",
    `${inv.interviewsHeading}:`,
    ...inv.interviews.map((l) => `- ${l}`),
    inv.duration,
    "",
    "Hvem tar imot deg:",
    ...inv.greeter,
    "",
    "Ta med:",
    ...inv.bring.map((b) => `- ${b}`),
    "",
    inv.comfort,
    "",
    inv.cancel,
    "",
  ].join("\n");
  return { ...inv, text };
}
