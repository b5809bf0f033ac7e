// Owns the words of the e-mails to veiledere (reminder, booking confirmation, waitlist promotion) and of the
import type { BookingRow } from "../booking/booking.repo";
import { arrivalTime } from "../booking/booking.rules";
import { registrationTimes } from "../booking/registration.rules";
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

/** An event without slots (Minijobbmesse) as its mails describe it: the open-room window and the employers. */
export type OpenRoomEvent = MailEvent & {
  interviewEnd: string;
  employers: { employerName: string; department: string; roomName: string | null }[];
};

/** A Minijobbmesse's mail data from the event's detail (events.service): window, venue, programme, employers. */
export function openRoomEvent(d: {
  event: { title: string; date: string; interviewStart: string; interviewEnd: string };
  venue: { name: string; address: string };
  programme: { time: string; label: string }[];
  participations: { employerName: string; department: string; roomName: string | null }[];
}): OpenRoomEvent {
  return {
    title: d.event.title,
    date: d.event.date,
    interviewStart: d.event.interviewStart,
    interviewEnd: d.event.interviewEnd,
    venueName: d.venue.name,
    venueAddress: d.venue.address,
    programme: d.programme,
    employers: d.participations.map((p) => ({
      employerName: p.employerName,
      department: p.department,
      roomName: p.roomName,
    })),
  };
}

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

/** The times a registered candidate is told, in words shared by the registration mails and the invitation. */
function openRoomTimes(e: OpenRoomEvent) {
  const t = registrationTimes(e.programme, { start: e.interviewStart, end: e.interviewEnd });
  return {
    ...t,
    arrivalLine:
      t.arrival < t.roomsOpen
        ? `Kandidaten kommer kl. ${t.arrival}, når arbeidsgiverne presenterer seg. Rommene åpner kl. ${t.roomsOpen} og er åpne til ${t.roomsClose}.`
        : `Kandidaten kommer kl. ${t.arrival}, når rommene åpner. Rommene er åpne til ${t.roomsClose}.`,
  };
}

const employerLines = (e: OpenRoomEvent) =>
  e.employers.map((p) => `- ${employer(p)}${p.roomName ? ` – ${p.roomName}` : ""}`);

/** The confirmation of a registration for a Minijobbmesse: arrival, open rooms and employers; no interview times. */
export function composeRegistration(c: {
  caseworkerName: string;
  candidate: string;
  event: OpenRoomEvent;
  manageUrl: string;
  invitationUrl: string;
}): Composed {
  const e = c.event;
  const lines = [
    `Hei ${c.caseworkerName},`,
    "",
    `${c.candidate} er påmeldt ${e.title} ${formatDateLong(e.date)} på ${place(e)}.`,
    "",
    openRoomTimes(e).arrivalLine,
    "Det er ingen faste intervjutider: kandidaten går fritt inn og ut av rommene og kan levere CV-en sin til arbeidsgivere hen er interessert i. Du kan bli med inn.",
    "",
  ];
  if (e.programme.length) lines.push("Program:", ...e.programme.map((p) => `${p.time} ${p.label}`), "");
  if (e.employers.length) lines.push("Arbeidsgivere:", ...employerLines(e), "");
  lines.push(
    `Invitasjon til kandidaten (skriv ut eller kopier): ${c.invitationUrl}`,
    `Se eller avbestill påmeldingen: ${c.manageUrl}`,
    "",
    "Kan kandidaten ikke komme likevel? Avbestill påmeldingen, så går plassen til en annen.",
    "Du får en påminnelse før arrangementet.",
    "",
  );
  return { subject: `Påmelding registrert: ${e.title} ${formatDate(e.date)}`, text: lines.join("\n") };
}

/** The reminder before a Minijobbmesse: the veileder's registered candidates and when they come. */
export function composeRegistrationReminder(r: {
  caseworkerName: string;
  event: OpenRoomEvent;
  candidates: string[];
  manageUrl: string;
  icsName: string;
}): Composed {
  const e = r.event;
  const lines = [
    `Hei ${r.caseworkerName},`,
    "",
    `Påminnelse: ${e.title} er ${formatDateLong(e.date)} på ${place(e)}.`,
    "",
    "Dine påmeldte kandidater:",
    ...r.candidates.map((name) => `- ${name}`),
    "",
    openRoomTimes(e).arrivalLine,
    "",
  ];
  if (e.programme.length) lines.push("Program:", ...e.programme.map((p) => `${p.time} ${p.label}`), "");
  if (e.employers.length) lines.push("Arbeidsgivere:", ...employerLines(e), "");
  lines.push(
    "Minn kandidatene på dagen, og be dem ta med CV-en sin. Invitasjonen til kandidaten kan du skrive ut fra siden under.",
    "Kan en kandidat ikke komme? Avbestill påmeldingen, så kan plassen gå til en annen kandidat.",
    "",
    `Se og endre påmeldingene dine: ${r.manageUrl}`,
    "",
    `Tidspunktet ligger også i kalenderfilen ${r.icsName}.`,
    "",
  );
  return {
    subject: `Påminnelse: ${e.title} ${formatDateLong(e.date)} – ${plural(r.candidates.length, "kandidat", "kandidater")}`,
    text: lines.join("\n"),
  };
}

/** A Minijobbmesse's place or time changed: the veileder's registered candidates and the new times. */
export function composeRegistrationsMoved(c: {
  caseworkerName: string;
  event: OpenRoomEvent;
  candidates: string[];
  manageUrl: string;
}): Composed {
  const e = c.event;
  const text = [
    `Hei ${c.caseworkerName},`,
    "",
    `Markedskoordinatoren har endret tid eller sted for ${e.title}. Nå: ${formatDateLong(e.date)} på ${place(e)}.`,
    "",
    openRoomTimes(e).arrivalLine,
    "",
    "Dine påmeldte kandidater:",
    ...c.candidates.map((name) => `- ${name}`),
    "",
    "Kalenderfilen i denne e-posten oppdaterer avtalene i kalenderen din.",
    "Gi beskjed til kandidatene.",
    "",
    `Se påmeldingene dine: ${c.manageUrl}`,
    "",
  ].join("\n");
  return { subject: `Endret tid eller sted: ${e.title} ${formatDate(e.date)}`, text };
}

/** A registration was cancelled (by the veileder or the coordinator): the place is free again. */
export function composeRegistrationCancelled(c: {
  caseworkerName: string;
  candidate: string;
  event: MailEvent;
  intro: string;
  manageUrl: string;
}): Composed {
  const e = c.event;
  const text = [
    `Hei ${c.caseworkerName},`,
    "",
    `${c.intro}: ${c.candidate} er ikke lenger påmeldt ${e.title} ${formatDateLong(e.date)} på ${place(e)}. Plassen er ledig for andre.`,
    "",
    "Kalenderfilen i denne e-posten fjerner avtalen fra kalenderen din.",
    "Gi beskjed til kandidaten hvis hen ikke vet det.",
    "",
    `Se påmeldingene dine: ${c.manageUrl}`,
    "",
  ].join("\n");
  return { subject: `Påmelding avbestilt: ${e.title} ${formatDate(e.date)}`, text };
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
  /** The heading over `interviews` ("Intervjuene dine", or the employers of a Minijobbmesse). */
  listHeading: string;
  /** Shown instead of the list when it is empty. */
  listEmpty: string;
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
    listHeading: `${capitalised(terms(e).theMeetings)} dine`,
    listEmpty: `Ingen ${terms(e).meetings} er booket ennå.`,
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
      ...backupLine(v),
    ],
    bring: [
      "CV-en din, hvis du har en",
      "Briller, høreapparat eller annet du pleier å bruke",
      "Gjerne et spørsmål eller to om jobben",
    ],
    ...whatIfSick(v),
  };
  return { ...inv, text: invitationText(inv) };
}

/** The invitation for a Minijobbmesse: come when the presentations start, then walk freely between the rooms. */
export function composeRegistrationInvitation(v: {
  candidate: string;
  event: OpenRoomEvent;
  caseworker: { name: string; email: string };
  backupCaseworker: string;
  caseworkerJoins: boolean;
}): Invitation {
  const e = v.event;
  const t = openRoomTimes(e);
  const inv: Omit<Invitation, "text"> = {
    title: `Invitasjon til ${e.title}`,
    greeting: `Hei ${v.candidate}!`,
    intro: `Du er invitert til ${e.title}. Arbeidsgiverne forteller først om seg selv og hva de ser etter. Etterpå sitter hver arbeidsgiver i sitt eget rom, og du kan gå fritt inn og ut, stille spørsmål og gi dem CV-en din.`,
    when: `Når: ${formatDateLong(e.date)}. Kom kl. ${t.arrival}.`,
    where: `Hvor: ${place(e)}.`,
    listHeading: "Arbeidsgiverne du kan møte",
    listEmpty: "Arbeidsgiverne er ikke klare ennå. Veilederen din forteller deg hvem som kommer.",
    interviews: e.employers.map((p) => `${employer(p)}${p.roomName ? ` (${p.roomName})` : ""}`),
    duration: `Rommene er åpne kl. ${t.roomsOpen}–${t.roomsClose}. Du bestemmer selv hvor lenge du blir hos hver arbeidsgiver. Det er ingen faste intervjutider.`,
    greeter: [
      "Vi tar imot deg ved inngangen og viser deg hvor du skal.",
      `Veilederen din, ${v.caseworker.name}, møter deg der.`,
      v.caseworkerJoins
        ? `Du har sagt at du vil ha med ${v.caseworker.name} inn i rommene. Du kan ombestemme deg på dagen.`
        : `Du bestemmer selv om ${v.caseworker.name} skal være med inn i rommene.`,
      ...backupLine(v),
    ],
    bring: [
      "CV-en din, gjerne flere utskrifter",
      "Briller, høreapparat eller annet du pleier å bruke",
      "Gjerne et spørsmål eller to til arbeidsgiverne",
    ],
    ...whatIfSick(v),
  };
  return { ...inv, text: invitationText(inv) };
}

/** Both invitations: who comes instead if the veileder cannot. */
const backupLine = (v: { caseworker: { name: string }; backupCaseworker: string }) =>
  v.backupCaseworker
    ? [`Hvis ${v.caseworker.name} ikke kan komme, møter ${v.backupCaseworker} deg i stedet.`]
    : [];

/** Both invitations end the same way: it is fine to be nervous, and whom to tell when you cannot come. */
const whatIfSick = (v: { caseworker: { name: string; email: string } }) => ({
  comfort: "Det er helt vanlig å være nervøs. Du trenger ikke forberede noe spesielt.",
  cancel: `Blir du syk, eller kan du ikke komme? Si fra til ${v.caseworker.name} så fort du kan${
    v.caseworker.email ? ` (${v.caseworker.email})` : ""
  }.`,
});

function invitationText(inv: Omit<Invitation, "text">): string {
  return [
    inv.title,
    "",
    inv.greeting,
    "",
    inv.intro,
    "",
    inv.when,
    inv.where,
    "",
    `${inv.listHeading}:`,
    ...(inv.interviews.length ? inv.interviews.map((l) => `- ${l}`) : [inv.listEmpty]),
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
}
