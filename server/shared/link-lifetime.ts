// Owns how long each capability link lives: a pure rule of the event's date, its status and `now`, and the
// Norwegian answer a visitor gets when a link has run out (or has not opened yet).
import { DateTime } from "luxon";
import { AppError } from "./errors";
import { formatDateLong, ZONE } from "./time";

export type LifetimeKind = "booking" | "host" | "board" | "employer" | "manage";

/** Employers give feedback and offers through their link until this many days after the event. */
export const EMPLOYER_LINK_DAYS_AFTER = 30;
/**
 * The follow-up period, and with it the veileder's manage link, ends this many months after the event: the
 * twelve-month status may be recorded from twelve months after (outcomes.rules STATUS_AFTER_MONTHS), and the
 * status round gets a quarter more.
 */
export const FOLLOW_UP_MONTHS = 15;

export type LinkEvent = { date: string; status: string };

/** From when and until when (UTC instants; `until` exclusive) a link works; null is open-ended. */
export type LinkWindow = { from: string | null; until: string | null };

/** Midnight in Oslo at the start of the given calendar date, as a UTC instant (DST-safe). */
const osloMidnight = (date: DateTime) => date.startOf("day").toUTC().toISO() as string;

export function linkWindow(kind: LifetimeKind, eventDate: string): LinkWindow {
  const day = DateTime.fromISO(eventDate, { zone: ZONE });
  switch (kind) {
    case "host":
    case "board":
      // From the start of the day before to the end of the day after (Oslo days).
      return { from: osloMidnight(day.minus({ days: 1 })), until: osloMidnight(day.plus({ days: 2 })) };
    case "employer":
      return { from: null, until: osloMidnight(day.plus({ days: EMPLOYER_LINK_DAYS_AFTER + 1 })) };
    case "manage":
      return { from: null, until: osloMidnight(day.plus({ months: FOLLOW_UP_MONTHS }).plus({ days: 1 })) };
    case "booking":
      // The booking link closes with the event's deadline (a booking rule); only archiving ends it.
      return { from: null, until: null };
  }
}

export type LinkLife =
  | { ok: true; until: string | null }
  | { ok: false; reason: "archived" }
  | { ok: false; reason: "not-yet"; from: string }
  | { ok: false; reason: "expired"; until: string };

/** Whether a link of this kind to this event works at `now`. Every link of an archived event stops. */
export function linkLife(kind: LifetimeKind, event: LinkEvent, now: Date): LinkLife {
  if (event.status === "archived") return { ok: false, reason: "archived" };
  const { from, until } = linkWindow(kind, event.date);
  const at = now.toISOString();
  if (from && at < from) return { ok: false, reason: "not-yet", from };
  if (until && at >= until) return { ok: false, reason: "expired", until };
  return { ok: true, until };
}

/**
 * The manage link belongs to a veileder, not to one event: it works while any of their events' follow-up is
 * still running, and until the last of them ends.
 */
export function manageLinkLife(events: LinkEvent[], now: Date): LinkLife {
  const lives = events.map((e) => linkLife("manage", e, now));
  const alive = lives.filter((l): l is { ok: true; until: string | null } => l.ok);
  if (alive.length) {
    const untils = alive.map((l) => l.until);
    return { ok: true, until: untils.includes(null) ? null : ((untils as string[]).sort().at(-1) ?? null) };
  }
  const expired = lives.filter(
    (l): l is { ok: false; reason: "expired"; until: string } => !l.ok && l.reason === "expired",
  );
  if (expired.length)
    return {
      ok: false,
      reason: "expired",
      until: expired
        .map((l) => l.until)
        .sort()
        .at(-1) as string,
    };
  return { ok: false, reason: "archived" };
}

/** Milliseconds a cookie that carries the link may live: no longer than the link itself. */
export function cookieMaxAge(life: LinkLife, now: Date, cap: number): number {
  if (!life.ok) return 0;
  if (!life.until) return cap;
  return Math.max(0, Math.min(cap, new Date(life.until).getTime() - now.getTime()));
}

const WHAT: Record<LifetimeKind, string> = {
  booking: "Bookinglenken",
  host: "Lenken til hovmestersiden",
  board: "Lenken til romtavla",
  employer: "Lenken til tilbakemeldingen",
  manage: "Lenken til «Mine bookinger»",
};

const WHOM: Record<LifetimeKind, string> = {
  booking: "Trenger du noe fra arrangementet, kontakt markedskoordinatoren i regionen.",
  host: "Trenger du hovmestersiden likevel, be markedskoordinatoren om tilgang.",
  board: "Trenger du romtavla likevel, be markedskoordinatoren om tilgang.",
  employer:
    "Har dere mer å melde om kandidatene, ta kontakt med NAV-kontakten deres eller markedskoordinatoren i NAV.",
  manage:
    "Trenger du å se eller endre noe, kontakt markedskoordinatoren i regionen. Booker du en ny kandidat, får du en ny lenke på e-post.",
};

/** The last day a link worked, for messages ("til og med …"). */
const lastDay = (until: string) =>
  formatDateLong(DateTime.fromISO(until, { zone: "utc" }).setZone(ZONE).minus({ days: 1 }).toISODate() ?? "");

/** The Norwegian answer for a link that does not work (now): 410 Gone when it has ended, 403 before it opens. */
export function linkRefusal(kind: LifetimeKind, life: Exclude<LinkLife, { ok: true }>): AppError {
  const what = WHAT[kind];
  switch (life.reason) {
    case "archived":
      return new AppError(
        410,
        "link-expired",
        `${what} virker ikke lenger, fordi arrangementet er arkivert. ${WHOM[kind]}`,
      );
    case "expired": {
      const rule =
        kind === "host" || kind === "board"
          ? "gjaldt fra dagen før til dagen etter arrangementet"
          : kind === "employer"
            ? `gjaldt til ${EMPLOYER_LINK_DAYS_AFTER} dager etter arrangementet`
            : "gjaldt til oppfølgingen etter arrangementet var over";
      return new AppError(
        410,
        "link-expired",
        `${what} ${rule}, til og med ${lastDay(life.until)}, og er utløpt. ${WHOM[kind]}`,
      );
    }
    case "not-yet": {
      const firstDay = formatDateLong(
        DateTime.fromISO(life.from, { zone: "utc" }).setZone(ZONE).toISODate() ?? "",
      );
      return new AppError(
        403,
        "link-not-yet",
        `${what} virker fra ${firstDay}, dagen før arrangementet. Kom tilbake da. ${WHOM[kind]}`,
      );
    }
  }
}

/** Throws the Norwegian refusal unless the link works at `now`. */
export function assertLinkAlive(kind: LifetimeKind, event: LinkEvent, now: Date): void {
  const life = linkLife(kind, event, now);
  if (!life.ok) throw linkRefusal(kind, life);
}
