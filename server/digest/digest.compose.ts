// Owns the words of the weekly markeds-e-post: a model of its parts and the plain-text version (pure, no I/O).
import { registrationTimes } from "../booking/registration.rules";
import { employerLine, eventFreeText, freeSeatsText, freeSlotsText } from "../events/events.view";
import { formatOf, type PanelMember, panelNames } from "../events/formats";
import { formatDate, formatDateLong, formatInstant } from "../shared/time";

export type DigestEventInput = {
  id: number;
  title: string;
  date: string;
  interviewStart: string;
  interviewEnd: string;
  bookingDeadline: string;
  venue: { name: string; address: string };
  freeSlots: number;
  participations: {
    employerName: string;
    department: string;
    minAge: number | null;
    restrictions: string;
    /** Free seats (a group slot counts each seat). */
    freeSlots: number;
    /** Candidates per slot; above 1 the line speaks of seats in group interviews. */
    slotCapacity?: number;
    /** A Speedintervju's interview panel, named in the list. */
    panel?: PanelMember[];
    roomName?: string | null;
  }[];
  bookingUrl: string;
  tasksUrl: string;
  /** The event's format (Ta sjansen when absent): a Minijobbmesse counts places left, not interview slots. */
  format?: string;
  /** A Minijobbmesse's candidates come when the programme starts (the presentations), before the rooms open. */
  programme?: { time: string; label: string }[];
};

export type DigestInput = {
  regionName: string;
  /** Already chosen with upcomingDigestEvents. */
  events: DigestEventInput[];
  contact: { name: string; email: string };
  marketNews: string;
};

export type DigestEventPart = {
  headline: string;
  details: string;
  listIntro: string;
  lines: { name: string; free: string; text: string }[];
  eligibility: string;
  bookingUrl: string;
  tasksIntro: string;
  tasksUrl: string;
};

export type DigestModel = {
  subject: string;
  title: string;
  events: DigestEventPart[];
  suggestion: string | null;
  marketNews: string[];
  footer: string;
};

export type DigestResult =
  | { ok: true; model: DigestModel }
  | { ok: false; reason: "no-upcoming-event"; message: string };

const eligibility = (meeting: string) =>
  `Dersom DU har en bruker som har spesielt tilpasset innsatsbehov eller som er sykmeldt uten arbeidsgiver, og som trenger arbeidstreningsplass i ordinær virksomhet, følg denne lenken for å booke ${meeting}:`;
export const ELIGIBILITY_SENTENCE = eligibility("intervju");

/** The same invitation for an event without slots (Minijobbmesse): veiledere register attendance there. */
export const REGISTRATION_SENTENCE =
  "Dersom DU har en ung bruker som ønsker jobb, og som vil møte arbeidsgiverne og levere CV-en sin, følg denne lenken for å melde på kandidaten (ingen faste intervjutider):";

/** What the digest says per format: free interview slots, or a Minijobbmesse's places left. */
function formatWords(e: Pick<DigestEventInput, "format">) {
  const f = formatOf(e.format);
  return {
    hasSlots: f.hasSlots,
    free: (n: number) => (f.hasSlots ? freeSlotsText(n) : f.terms.free(n)),
    eligibility: f.hasSlots ? eligibility(f.terms.meeting) : REGISTRATION_SENTENCE,
  };
}

const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

type Listed = { employerName: string; department: string; minAge: number | null; restrictions: string };

/**
 * The employer as veiledere read it: events.view's line, with the participation's free-text requirements in the
 * same parentheses as the age limit ("Sykehuset, med.avd. (ikke u/20 år; førerkort)"). Without them, unchanged.
 */
function listedLine(p: Listed): string {
  const restrictions = p.restrictions.replace(/\s+/g, " ").trim();
  if (!restrictions) return employerLine(p);
  const limits = [p.minAge ? `ikke u/${p.minAge} år` : "", restrictions].filter(Boolean).join("; ");
  return `${employerLine({ ...p, minAge: null })} (${limits})`;
}

function eventPart(e: DigestEventInput, first: boolean): DigestEventPart {
  const terms = formatOf(e.format).terms;
  const where = e.venue.address ? `${e.venue.name}, ${e.venue.address}` : e.venue.name;
  const words = formatWords(e);
  const times = registrationTimes(e.programme ?? [], { start: e.interviewStart, end: e.interviewEnd });
  return {
    headline: `${first ? "Neste" : "Deretter:"} ${e.title} ${first ? "er " : ""}${formatDate(e.date)} på ${e.venue.name}. Det er nå ${lcFirst(
      eventFreeText(
        e.format ?? "ta-sjansen",
        e.freeSlots,
        e.participations.map((p) => p.slotCapacity ?? 1),
      ),
    )}.`,
    details: words.hasSlots
      ? `Tid og sted: ${formatDateLong(e.date)} kl. ${e.interviewStart}–${e.interviewEnd}, ${where}. Bookingfrist: ${formatInstant(e.bookingDeadline)}.`
      : `Tid og sted: ${formatDateLong(e.date)}, ${where}. Arbeidsgiverne presenterer seg fra kl. ${times.arrival}, og rommene er åpne kl. ${times.roomsOpen}–${times.roomsClose}. Påmeldingsfrist: ${formatInstant(e.bookingDeadline)}.`,
    listIntro: e.participations.length ? terms.hostsListed : "Ingen virksomheter er påmeldt ennå.",
    lines: e.participations.map((p) => {
      const panel = panelNames(p.panel ?? []);
      const name = panel ? `${listedLine(p)} – intervjupanel: ${panel}` : listedLine(p);
      // A Minijobbmesse has no interview slots per employer: its rooms are open to every candidate, so the
      // line names the room instead.
      const free = words.hasSlots ? freeSeatsText(p.freeSlots, p.slotCapacity) : (p.roomName ?? "");
      return { name, free, text: free ? `${name} – ${free}` : name };
    }),
    eligibility: words.eligibility,
    bookingUrl: e.bookingUrl,
    tasksIntro: "Mer om arbeidsoppgavene hos hver virksomhet finner du her:",
    tasksUrl: e.tasksUrl,
  };
}

export function composeDigest(input: DigestInput): DigestResult {
  if (!input.events.length) {
    return {
      ok: false,
      reason: "no-upcoming-event",
      message: `Region ${input.regionName} har ingen kommende arrangementer som er åpne for booking. Markeds-e-posten sendes ikke.`,
    };
  }
  const first = input.events[0];
  const { name, email } = input.contact;
  const who = email ? (name ? `${name} (${email})` : email) : "";
  return {
    ok: true,
    model: {
      subject: `Markedsinformasjon ${input.regionName}: ${first.title} ${formatDate(first.date)} – ${lcFirst(formatWords(first).free(first.freeSlots))}`,
      title: `Markedsinformasjon region ${input.regionName}`,
      events: input.events.map((e, i) => eventPart(e, i === 0)),
      suggestion: who
        ? `Dersom DU har forslag til virksomheter vi kan invitere til å delta på ${first.title}, send en e-post til ${who}.`
        : null,
      marketNews: input.marketNews
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      footer: `Du får denne e-posten fordi du står på mottakerlisten for markeds-e-posten i region ${input.regionName}.`,
    },
  };
}

/** The plain-text version; the HTML version (views/digest/email.ejs) renders the same model. */
export function digestText(m: DigestModel): string {
  const out: string[] = [m.title, ""];
  for (const e of m.events) {
    out.push(e.headline, e.details, "", e.listIntro, "");
    if (e.lines.length) out.push(...e.lines.map((l) => l.text), "");
    out.push(e.eligibility, e.bookingUrl, "", e.tasksIntro, e.tasksUrl, "");
  }
  if (m.suggestion) out.push(m.suggestion, "");
  if (m.marketNews.length) {
    out.push("Annen markedsinformasjon", "");
    for (const p of m.marketNews) out.push(p, "");
  }
  out.push("-- ", m.footer, "");
  return out.join("\n");
}

export type NewEmployerInput = {
  regionName: string;
  event: Omit<DigestEventInput, "participations" | "freeSlots">;
  employers: {
    employerName: string;
    department: string;
    minAge: number | null;
    restrictions: string;
    freeSlots: number;
    slotCapacity?: number;
    tasks: string;
  }[];
  /** Places left on a Minijobbmesse (its employers have no slots of their own). */
  freeSlots?: number;
};

/** The short notice that new employers have joined an event: the words veiledere act on, nothing else. */
export function composeNewEmployers(n: NewEmployerInput): { subject: string; text: string } {
  const e = n.event;
  const lines = [
    `Ny${n.employers.length === 1 ? "" : "e"} virksomhet${n.employers.length === 1 ? "" : "er"} på ${e.title} ${formatDate(e.date)} på ${e.venue.name}:`,
    "",
  ];
  const words = formatWords(e);
  for (const p of n.employers) {
    lines.push(
      words.hasSlots ? `${listedLine(p)} – ${freeSeatsText(p.freeSlots, p.slotCapacity)}` : listedLine(p),
    );
    if (p.tasks) lines.push(`  Arbeidsoppgaver: ${p.tasks.replace(/\s+/g, " ").slice(0, 300)}`);
  }
  if (!words.hasSlots && n.freeSlots !== undefined) lines.push("", `Det er nå ${words.free(n.freeSlots)}.`);
  lines.push(
    "",
    words.eligibility,
    e.bookingUrl,
    "",
    "Mer om arbeidsoppgavene hos hver virksomhet finner du her:",
    e.tasksUrl,
    "",
    "-- ",
    `Du får denne e-posten fordi du står på mottakerlisten for markeds-e-posten i region ${n.regionName}.`,
    "",
  );
  // One name and a count: the subject stays short however many employers were ticked.
  const [first, ...more] = n.employers.map((p) => p.employerName);
  const subject = more.length
    ? `Nye virksomheter på ${e.title} ${formatDate(e.date)}: ${first} og ${more.length} til`
    : `Ny virksomhet på ${e.title} ${formatDate(e.date)}: ${first}`;
  return { subject, text: lines.join("\n") };
}
