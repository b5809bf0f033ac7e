// Owns what differs between the event formats a region runs: Ta sjansen, Speedintervju and Minijobbmesse.
// Every page, mail and rule that speaks differently per format asks this module, so adding a format is one entry.

export const EVENT_FORMATS = ["ta-sjansen", "speedintervju", "minijobbmesse"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export type FormatProfile = {
  code: EventFormat;
  /** The name coordinators and veiledere know it by. */
  label: string;
  /** One sentence for the format choice on the event form. */
  description: string;
  /** Slot-based formats book candidates into interview slots; a Minijobbmesse registers attendance. */
  hasSlots: boolean;
  /** Who sits in a room: an employer interviewing, a NAV panel interviewing, or an employer receiving visitors. */
  roomHost: "employer" | "panel" | "open-room";
  /** What a veileder's candidate gets out of the day, as recorded afterwards. */
  outcome: "offer" | "selection" | "meet-again";
  defaults: {
    title: string;
    interviewStart: string;
    interviewEnd: string;
    slotMinutes: number;
    maxInterviews: number;
    /** Places for a Minijobbmesse (registrations), null for slot-based formats. */
    capacity: number | null;
    /** The programme a new event starts with ("HH:MM label"). */
    programme: { time: string; label: string }[];
  };
  /** Words that change per format (bokmål). */
  terms: {
    /** "intervju" / "speedintervju" / "besøk" — one meeting in a room. */
    meeting: string;
    meetings: string;
    /** Who the candidates meet, as a column heading: "Virksomhet", "Intervjupanel", "Virksomhet". */
    host: string;
    /** The event window's label on forms and sheets. */
    window: string;
    /** "3 ledige intervjuer" / "3 ledige plasser" / "3 plasser igjen". */
    free: (n: number) => string;
    /** Definite forms: "intervjuet" / "speedintervjuet" / "besøket"; "intervjuene" / … */
    theMeeting: string;
    theMeetings: string;
    /** What the candidate's invitation invites to: "jobbintervju" / "speedintervju" / "minijobbmesse". */
    invitedTo: string;
    /** Whom the candidate meets, for the invitation ("arbeidsgivere som vil bli kjent med deg"). */
    whoYouMeet: string;
    /** Who the veileder books with, as the booking page and the markeds-e-post list them. */
    hostsListed: string;
  };
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const FORMATS: Record<EventFormat, FormatProfile> = {
  "ta-sjansen": {
    code: "ta-sjansen",
    label: "Ta sjansen",
    description: "Arbeidsgivere intervjuer kandidater i faste tider, hver i sitt samtalerom.",
    hasSlots: true,
    roomHost: "employer",
    outcome: "offer",
    defaults: {
      title: "Ta sjansen",
      interviewStart: "15:30",
      interviewEnd: "17:30",
      slotMinutes: 30,
      maxInterviews: 2,
      capacity: null,
      programme: [
        {
          time: "14:30",
          label: "Informasjonsmøte for ansatte (markedskoordinatorer, IA-rådgivere, veiledere)",
        },
        {
          time: "15:00",
          label: "Arbeidsgiverne kommer, mat og informasjon fra NAV og hjelpemiddelsentralen",
        },
        { time: "15:30", label: "Kandidatene kommer, hovmester tar imot" },
        { time: "15:30", label: "Intervjuer (ca. 30 minutter) til 17:30" },
      ],
    },
    terms: {
      meeting: "intervju",
      meetings: "intervjuer",
      host: "Virksomhet",
      window: "Intervjuer",
      free: (n) =>
        n === 0
          ? "Ingen ledige intervjutidspunkter"
          : plural(n, "ledig intervjutidspunkt", "ledige intervjutidspunkter"),
      theMeeting: "intervjuet",
      theMeetings: "intervjuene",
      invitedTo: "jobbintervju",
      whoYouMeet: "arbeidsgivere som vil bli kjent med deg",
      hostsListed: "Følgende virksomheter er per i dag påmeldt arrangementet:",
    },
  },
  speedintervju: {
    code: "speedintervju",
    label: "Speedintervju",
    description:
      "Korte intervjuer ledet av et panel av NAV-ansatte; panelet velger ut kandidater til et kurs (valgt, reserve, ikke valgt).",
    hasSlots: true,
    roomHost: "panel",
    outcome: "selection",
    defaults: {
      title: "Speedintervju",
      interviewStart: "09:00",
      interviewEnd: "12:00",
      slotMinutes: 20,
      maxInterviews: 1,
      capacity: null,
      programme: [
        { time: "08:30", label: "Intervjupanelene møtes og går gjennom kandidatlistene" },
        { time: "09:00", label: "Speedintervjuer (ca. 20 minutter), to NAV-ansatte i hvert panel" },
        { time: "12:00", label: "Panelene setter valgt / reserve / ikke valgt" },
      ],
    },
    terms: {
      meeting: "speedintervju",
      meetings: "speedintervjuer",
      host: "Intervjupanel",
      window: "Speedintervjuer",
      free: (n) =>
        n === 0
          ? "Ingen ledige intervjutidspunkter"
          : plural(n, "ledig intervjutidspunkt", "ledige intervjutidspunkter"),
      theMeeting: "speedintervjuet",
      theMeetings: "speedintervjuene",
      invitedTo: "speedintervju",
      whoYouMeet:
        "et intervjupanel fra NAV som vil bli kjent med deg. Panelet velger ut deltakere til et kurs før arbeidstrening",
      hostsListed: "Følgende intervjupaneler er satt opp:",
    },
  },
  minijobbmesse: {
    code: "minijobbmesse",
    label: "Minijobbmesse",
    description:
      "Arbeidsgiverne presenterer seg, og så går kandidatene fritt inn og ut av rommene deres. Påmelding uten tidspunkter.",
    hasSlots: false,
    roomHost: "open-room",
    outcome: "meet-again",
    defaults: {
      title: "Minijobbmesse",
      interviewStart: "12:00",
      interviewEnd: "14:00",
      slotMinutes: 30,
      maxInterviews: 1,
      capacity: 20,
      programme: [
        { time: "11:00", label: "Velkommen, kandidatene registreres ved inngangen" },
        { time: "11:00", label: "Arbeidsgiverne presenterer seg (ca. 20 minutter hver)" },
        { time: "12:00", label: "Åpne rom: gå fritt inn og ut med CV-en din" },
      ],
    },
    terms: {
      meeting: "besøk",
      meetings: "besøk",
      host: "Virksomhet",
      window: "Åpne rom",
      free: (n) => (n === 0 ? "Ingen plasser igjen" : plural(n, "plass igjen", "plasser igjen")),
      theMeeting: "besøket",
      theMeetings: "besøkene",
      invitedTo: "minijobbmesse",
      whoYouMeet: "arbeidsgivere som forteller om seg selv og svarer på spørsmålene dine",
      hostsListed: "Følgende virksomheter er per i dag påmeldt arrangementet:",
    },
  },
};

export function formatOf(code: string | null | undefined): FormatProfile {
  return FORMATS[(code ?? "ta-sjansen") as EventFormat] ?? FORMATS["ta-sjansen"];
}

export const isEventFormat = (v: unknown): v is EventFormat =>
  typeof v === "string" && (EVENT_FORMATS as readonly string[]).includes(v);

/** The choice list for the event form. */
export const formatOptions = () =>
  EVENT_FORMATS.map((code) => ({
    value: code,
    label: FORMATS[code].label,
    description: FORMATS[code].description,
  }));

export type PanelMember = { name: string; role: string };

/**
 * Panel members as typed on the participation form: one per line, "Name – role" (a dash, comma or parenthesis
 * separates the role). Returns the members or the first line that cannot be read.
 */
export function parsePanel(textValue: string): { members: PanelMember[]; error?: string } {
  const members: PanelMember[] = [];
  const lines = textValue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    // "Name (role)", or "Name – role" / "Name, role"; a hyphen inside a name ("Anne-Lise") is not a separator.
    const bracketed = /^(.*?)\s*\((.*)\)$/.exec(line);
    const [name, role] = bracketed
      ? [bracketed[1], bracketed[2]]
      : (() => {
          const at = /\s[–-]\s?|\s?–\s|,/.exec(line);
          return at ? [line.slice(0, at.index), line.slice(at.index + at[0].length)] : [line, ""];
        })();
    const cleanName = name.trim();
    if (cleanName.length < 2 || cleanName.length > 100) {
      return {
        members,
        error: `Linje ${i + 1}: skriv navnet først, for eksempel «Kari Nordmann – arbeidslivscoach»`,
      };
    }
    members.push({ name: cleanName, role: role.trim().slice(0, 100) });
  }
  return { members };
}

/** The panel as a participation row stores it (JSON); nobody when it cannot be read. */
export function panelFromJson(json: string | null | undefined): PanelMember[] {
  try {
    const v = JSON.parse(json ?? "[]");
    return Array.isArray(v)
      ? v
          .filter((m) => m && typeof m.name === "string")
          .map((m) => ({ name: m.name, role: String(m.role ?? "") }))
      : [];
  } catch {
    return [];
  }
}

export const panelText = (members: PanelMember[]) =>
  members.map((m) => (m.role ? `${m.name} – ${m.role}` : m.name)).join("\n");

/** "Kari Nordmann (arbeidslivscoach) og Ola Hansen (kontaktperson)". */
export function panelNames(members: PanelMember[]): string {
  const names = members.map((m) => (m.role ? `${m.name} (${m.role})` : m.name));
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} og ${names[names.length - 1]}`;
}

/** The least number of NAV staff in a Speedintervju panel ("it is good that we are two"). */
export const MIN_PANEL = 2;
