// Owns the veileder's booking page (behind the event's booking link), the manage page, and the coordinator's booking views.
import { type Request, type Response, Router } from "express";
import { inRegion, mayRegion } from "../auth/access";
import { cookieName, requireCoordinator } from "../auth/middleware";
import type { Db } from "../db/connection";
import { type EventRow, freeSeats } from "../events/events.repo";
import type { EventDetail, EventsService } from "../events/events.service";
import { seatsText } from "../events/events.view";
import { formatOf } from "../events/formats";
import { eventForToken } from "../events/links";
import type { ManageOutcomes } from "../outcomes/feature";
import type { RegionsService } from "../regions/regions.service";
import { AppError, type FieldErrors } from "../shared/errors";
import { redirectWithFlash } from "../shared/flash";
import { assertLinkAlive, cookieMaxAge, linkLife } from "../shared/link-lifetime";
import { refusalErrors } from "../shared/render";
import { formatDate, formatInstant, formatTime, osloDate } from "../shared/time";
import { randomToken } from "../shared/tokens";
import { parseInput } from "../shared/validation";
import type { Caseworker } from "./booking.repo";
import { type Actor, arrivalTime, closedNotice, type SlotFacts, slotFull } from "./booking.rules";
import { BookingForm, ELIGIBILITY, nestForm } from "./booking.schemas";
import type { BookingService } from "./booking.service";
import {
  actorLabel,
  auditLine,
  bookingLine,
  bookingPageView,
  slotTargetLabel,
  waitlistLine,
} from "./booking.view";
import { confirmIdentity } from "./identity";
import { emailInStaffDomains, staffDomainMessage } from "./identity.rules";
import {
  liveCaseworkerForToken,
  type ManageLookup,
  manageToken,
  manageUrl,
  requireLiveCaseworker,
} from "./manage-link";
import { publicBookingLimits } from "./public-limits";
import { registrationLine, registrationPageView, timesOf } from "./registration.view";

const VELEDER = "veileder";
const MANAGE = "manage";
const YEAR = 365 * 24 * 3600_000;

/** The booking page asks for times first, then the candidate, then the veileder: the summary follows. */
function inPageOrder(errors: FieldErrors): FieldErrors {
  const rank = (k: string) =>
    k.startsWith("caseworker.") ? 2 : k.startsWith("candidate.") ? 1 : k === "_form" ? 3 : 0;
  return Object.fromEntries(Object.entries(errors).sort((a, b) => rank(a[0]) - rank(b[0])));
}

/** Coming events first, the next one on top; then past events, the latest first. */
const nextFirst =
  (today: string) =>
  (a: { date: string }, b: { date: string }): number => {
    const aPast = a.date < today;
    const bPast = b.date < today;
    if (aPast !== bPast) return aPast ? 1 : -1;
    return aPast ? b.date.localeCompare(a.date) : a.date.localeCompare(b.date);
  };

const slotOption = (s: SlotFacts) => ({ value: s.id, label: slotTargetLabel(s) });

export function bookingRoutes(deps: {
  booking: BookingService;
  events: EventsService;
  regions: RegionsService;
  secret: string;
  baseUrl: string;
  secureCookies: boolean;
  /** What the after-event feature adds to the manage page (feedback, follow-up), per veileder. */
  manageOutcomes?: (caseworkerId: number) => ManageOutcomes;
  clock: () => Date;
  db: Db;
  limits?: { perClient: number; perLink: number };
}) {
  const { booking, events, regions, secret, baseUrl, clock } = deps;
  const clockNow = clock;
  const r = Router();
  const VELEDER_COOKIE = cookieName(VELEDER, { secure: deps.secureCookies });
  const MANAGE_COOKIE = cookieName(MANAGE, { secure: deps.secureCookies });
  const cookieOpts = {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: deps.secureCookies,
    path: "/",
    maxAge: YEAR,
  };

  const manageLookup: ManageLookup = { load: booking.caseworker, eventsOf: booking.repo.caseworkerEvents };

  function eventFromLink(req: Request): EventRow {
    const e = eventForToken(secret, "booking", String(req.params.token), (id) => events.repo.get(id));
    if (!e)
      throw new AppError(
        404,
        "unknown-link",
        "Lenken er ukjent eller er byttet ut. Bruk lenken i siste markeds-e-post.",
      );
    assertLinkAlive("booking", e, clock());
    return e;
  }

  /** A coordinator acts as one (e.g. after the deadline) only on events in their regions; elsewhere as a veileder. */
  function actorFor(res: Response, e: EventRow): Actor {
    const c = res.locals.coordinator && mayRegion(res, e.regionId) ? res.locals.coordinator : undefined;
    return c
      ? { kind: "coordinator", id: `coordinator:${c.id}` }
      : { kind: "caseworker", id: "caseworker:new" };
  }

  function rememberedCaseworker(req: Request) {
    try {
      const v = JSON.parse(req.cookies?.[VELEDER_COOKIE] ?? "{}");
      return { name: String(v.name ?? ""), email: String(v.email ?? ""), officeId: String(v.officeId ?? "") };
    } catch {
      return { name: "", email: "", officeId: "" };
    }
  }

  function bookingPage(
    req: Request,
    res: Response,
    e: EventRow,
    opts: {
      status?: number;
      values?: Record<string, unknown>;
      errors?: FieldErrors;
      proposal?: string;
      /** A refusal that points somewhere useful, e.g. the candidate who is already registered. */
      notice?: { text: string; href?: string; linkText?: string };
      refused?: { slotId: number; participationId: number; time: string; message: string };
    } = {},
  ) {
    const closed = res.locals.coordinator
      ? null
      : closedNotice(e, clockNow(), formatInstant(e.bookingDeadline));
    if (closed) return closedPage(req, res, e, closed, opts.status);
    const d = events.detail(e.id);
    // Never from the cache: Back after a booking fetches the page again instead of showing old ticks.
    res.set("Cache-Control", "no-store");
    const remembered = rememberedCaseworker(req);
    const values = opts.values ?? {
      "caseworker.name": remembered.name,
      "caseworker.email": remembered.email,
      "caseworker.officeId": remembered.officeId,
    };
    const checked = (name: string) => [values[name] ?? []].flat().map(String);
    // A format without slots (Minijobbmesse) registers attendance: its own page, the same candidate and veileder.
    const page = d.format.hasSlots
      ? {
          view: "booking/book",
          title: `Book kandidat – ${e.title} ${formatDate(e.date)}`,
          e: bookingPageView(d),
        }
      : {
          view: "booking/register",
          title: `Meld på kandidat – ${e.title} ${formatDate(e.date)}`,
          e: registrationPageView(d),
        };
    res.status(opts.status ?? 200).render(page.view, {
      title: page.title,
      e: page.e,
      token: req.params.token,
      values,
      checkedSlots: checked("slotIds"),
      checkedWaitlists: checked("waitlistParticipationIds"),
      checkedPropose: checked("participationIds"),
      errors: inPageOrder(opts.errors ?? {}),
      proposal: opts.proposal,
      notice: opts.notice,
      refused: opts.refused ?? null,
      requestKey:
        typeof values.requestKey === "string" && values.requestKey ? values.requestKey : randomToken(),
      officeOptions: [
        { value: "", label: "Velg kontor" },
        ...regions.repo.offices(e.regionId).map((o) => ({ value: o.id, label: o.name })),
      ],
      eligibilityOptions: [
        { value: "", label: "Velg" },
        ...Object.entries(ELIGIBILITY).map(([value, label]) => ({ value, label })),
      ],
      asCoordinator: Boolean(res.locals.coordinator && mayRegion(res, e.regionId)),
    });
  }

  /** Booking is over or not open: say so first, and point to what the veileder can still do. */
  function closedPage(req: Request, res: Response, e: EventRow, message: string, status = 200) {
    const proven = provenCaseworker(req);
    const hasSlots = formatOf(e.format).hasSlots;
    res.status(status).render("booking/closed", {
      title: `${hasSlots ? "Booking" : "Påmelding"} stengt – ${e.title} ${formatDate(e.date)}`,
      e: { title: e.title, dateText: formatDate(e.date), hasSlots },
      message,
      manageHref: proven ? `/v/${manageToken(secret, proven)}` : null,
    });
  }

  r.get("/b/:token", (req, res) => bookingPage(req, res, eventFromLink(req)));

  /** "Foreslå tider": the same form, re-rendered with the earliest fitting slots ticked. */
  const limits = publicBookingLimits((_req, res) => Boolean(res.locals.coordinator), deps.limits);

  r.post("/b/:token/propose", limits, (req, res) => {
    const e = eventFromLink(req);
    // Nothing to propose where there are no slots: back to the registration form.
    if (!formatOf(e.format).hasSlots) return res.redirect(303, `/b/${req.params.token}`);
    const values = { ...req.body } as Record<string, unknown>;
    const pids = [values.participationIds ?? []].flat().map(Number).filter(Boolean);
    const birthYear = Number(values["candidate.birthYear"]);
    const errors: FieldErrors = {};
    if (!pids.length || pids.length > e.maxInterviews)
      errors.participationIds =
        e.maxInterviews === 1
          ? `Velg én ${formatOf(e.format).roomHost === "panel" ? "intervjupanel" : "virksomhet"} å foreslå tid hos`
          : `Velg én eller ${e.maxInterviews} ${formatOf(e.format).roomHost === "panel" ? "intervjupaneler" : "virksomheter"} å foreslå tider hos`;
    if (!Number.isInteger(birthYear) || birthYear < 1940 || birthYear > 2015)
      errors["candidate.birthYear"] =
        "Fyll inn kandidatens fødselsår først, så tar forslaget hensyn til aldersgrenser";
    if (Object.keys(errors).length) return bookingPage(req, res, e, { status: 422, values, errors });
    const combo = booking.propose(actorFor(res, e), e.id, birthYear, pids);
    if (!combo) {
      return bookingPage(req, res, e, {
        status: 422,
        values,
        errors: {
          participationIds:
            "Fant ingen ledige tidspunkter som passer hos de valgte virksomhetene. Velg andre, eller sett kandidaten på venteliste.",
        },
      });
    }
    const d = events.detail(e.id);
    const name = (pid: number) => d.participations.find((p) => p.id === pid)?.employerName ?? "";
    const proposal = combo
      .map((s) => `${name(s.participationId)} kl. ${formatTime(s.startsAt)}`)
      .join(" og ");
    bookingPage(req, res, e, { values: { ...values, slotIds: combo.map((s) => String(s.id)) }, proposal });
  });

  r.post("/b/:token", limits, (req, res) => {
    const e = eventFromLink(req);
    const closed = res.locals.coordinator
      ? null
      : closedNotice(e, clockNow(), formatInstant(e.bookingDeadline));
    if (closed) return closedPage(req, res, e, closed, 409);
    const parsed = parseInput(BookingForm, nestForm(req.body));
    if (!parsed.ok) return bookingPage(req, res, e, { status: 422, values: req.body, errors: parsed.errors });
    const domains = regions.staffDomains(e.regionId);
    if (!emailInStaffDomains(parsed.data.caseworker.email, domains)) {
      const errors = { "caseworker.email": staffDomainMessage(domains) };
      return bookingPage(req, res, e, { status: 422, values: req.body, errors });
    }
    const actor = actorFor(res, e);
    const hasSlots = formatOf(e.format).hasSlots;
    let result: ReturnType<BookingService["register"]>;
    try {
      // A registration (no slots) needs no choice; a slot or waitlist choice there is refused by the service.
      const form = { ...parsed.data, allowEmpty: !hasSlots };
      result = booking.register(actor, e.id, form, provenCaseworker(req)?.id ?? null);
    } catch (err) {
      const errors = refusalErrors(err);
      const status = err instanceof AppError && err.status === 409 ? 409 : 422;
      // Keep what was typed and every ticked time except the refused one, which the page marks.
      const refusedId = err instanceof AppError ? Number(err.extra?.slotId) || null : null;
      const slot = refusedId ? booking.slotsOf(e.id).find((x) => x.id === refusedId) : undefined;
      const values = {
        ...req.body,
        slotIds: [req.body.slotIds ?? []].flat().filter((id) => Number(id) !== refusedId),
        requestKey: randomToken(),
      };
      const message = errors._form ?? (err instanceof Error ? err.message : "");
      if (err instanceof AppError && err.code === "candidate-exists") {
        const proven = provenCaseworker(req);
        const mine = proven && proven.email.toLowerCase() === parsed.data.caseworker.email.toLowerCase();
        return bookingPage(req, res, e, {
          status,
          values,
          errors,
          notice: {
            text: err.message,
            ...(mine
              ? {
                  href: `/v/${manageToken(secret, proven)}#kandidat-${err.extra?.candidateId}`,
                  linkText: "Åpne «Mine bookinger» for kandidaten",
                }
              : { linkText: "Lenken til «Mine bookinger» står i e-posten du fikk da du booket." }),
          },
        });
      }
      return bookingPage(req, res, e, {
        status,
        values,
        errors:
          errors._form && hasSlots
            ? {
                slotIds: slot ? `${slot.employerName} kl. ${formatTime(slot.startsAt)}: ${message}` : message,
              }
            : errors,
        refused: slot
          ? {
              slotId: slot.id,
              participationId: slot.participationId,
              time: formatTime(slot.startsAt),
              message,
            }
          : undefined,
      });
    }
    const { name, email, officeId } = parsed.data.caseworker;
    res.cookie(VELEDER_COOKIE, JSON.stringify({ name, email, officeId }), cookieOpts);
    const caseworker = booking.caseworker(result.caseworkerId) as Caseworker;
    // The manage link opens all of a veileder's bookings, and anyone with the booking link can type any
    // address: so the link goes by e-mail to that address, and only a browser that already holds it (it
    // opened the link from the e-mail before) is taken straight to the manage page.
    if (provenCaseworker(req)?.id === caseworker.id) {
      return res.redirect(303, `/v/${manageToken(secret, caseworker)}?booket=${result.candidateId}`);
    }
    const mine = booking.forCaseworker(caseworker.id);
    res.set("Cache-Control", "no-store");
    if (!hasSlots) {
      const d = events.detail(e.id);
      return res.render("booking/registered", {
        title: "Påmeldingen er registrert",
        bookAnother: `/b/${req.params.token}`,
        e: { title: e.title, dateText: formatDate(e.date), times: timesOf(d) },
        email: caseworker.email,
        registration: mine.registrations
          .filter((x) => x.candidateId === result.candidateId)
          .map((x) => registrationLine(x, d))[0],
      });
    }
    const booked = mine.bookings.filter((b) => b.candidateId === result.candidateId);
    res.render("booking/confirmation", {
      title: "Bookingen er registrert",
      bookAnother: `/b/${req.params.token}`,
      e: { title: e.title, dateText: formatDate(e.date), terms: formatOf(e.format).terms },
      email: caseworker.email,
      arrival: booked.length
        ? arrivalTime(
            booked.map((b) => b.startsAt),
            e.interviewStart,
          )
        : null,
      bookings: booked.map(bookingLine),
      waitlist: mine.waitlist.filter((w) => w.candidateId === result.candidateId).map(waitlistLine),
    });
  });

  // ---- the veileder's manage page ----

  /** The veileder whose manage link this browser holds (set when they opened it from their e-mail). */
  function provenCaseworker(req: Request): Caseworker | undefined {
    return liveCaseworkerForToken(secret, String(req.cookies?.[MANAGE_COOKIE] ?? ""), manageLookup, clock());
  }

  function caseworkerFromLink(req: Request): Caseworker {
    return requireLiveCaseworker(secret, String(req.params.token), manageLookup, clock()).caseworker;
  }

  function managePage(req: Request, res: Response, c: Caseworker, status = 200, errors: FieldErrors = {}) {
    const mine = booking.forCaseworker(c.id);
    const eventIds = [
      ...new Set([
        ...mine.bookings.map((b) => b.eventId),
        ...mine.waitlist.map((w) => w.eventId),
        ...mine.registrations.map((x) => x.eventId),
      ]),
    ];
    const now = clockNow();
    const today = osloDate(now);
    const groups = eventIds
      .map((id) => events.repo.get(id) as EventRow)
      // An archived event, or one whose follow-up has ended, no longer shows behind the link.
      .filter((e) => linkLife("manage", e, now).ok)
      .sort(nextFirst(today))
      .map((e) => {
        // Past and closed events are shown, not offered for change: the service would refuse anyway.
        const closed = closedNotice(e, now, formatInstant(e.bookingDeadline));
        const free = closed ? [] : booking.slotsOf(e.id).filter((s) => !slotFull(s));
        const bookings = mine.bookings.filter((b) => b.eventId === e.id).map(bookingLine);
        const perCandidate = new Map<number, number>();
        for (const b of bookings) perCandidate.set(b.candidateId, (perCandidate.get(b.candidateId) ?? 0) + 1);
        const hasSlots = formatOf(e.format).hasSlots;
        const mineHere = mine.registrations.filter((x) => x.eventId === e.id);
        const detail = mineHere.length ? events.detail(e.id) : null;
        return {
          id: e.id,
          title: e.title,
          dateText: formatDate(e.date),
          terms: formatOf(e.format).terms,
          closed,
          hasSlots,
          registrations: detail ? mineHere.map((x) => registrationLine(x, detail)) : [],
          bookings,
          waitlist: mine.waitlist.filter((w) => w.eventId === e.id).map(waitlistLine),
          freeOptions: free.map(slotOption),
          // «Book et intervju til» only for candidates below the event's limit.
          canBookMore: [...perCandidate].filter(([, n]) => n < e.maxInterviews).map(([id]) => id),
          bookAnother: !closed && e.status === "open" ? new URL(events.links(e).booking).pathname : null,
        };
      });
    const justBooked = Number(req.query.booket) || null;
    res.status(status).render("booking/manage", {
      title: "Mine bookinger",
      caseworker: c,
      groups,
      notices: mine.notices.map((n) => ({ ...n, when: formatDate(osloDate(n.at)) })),
      justBooked,
      manageUrl: manageUrl(secret, baseUrl, c),
      token: req.params.token,
      errors,
      outcomes: deps.manageOutcomes?.(c.id),
    });
  }

  r.get("/v/:token", (req, res) => {
    const now = clock();
    const { caseworker: c, life } = requireLiveCaseworker(
      secret,
      String(req.params.token),
      manageLookup,
      now,
    );
    // Opening the link that went to the typed address proves it: earlier registrations are now confirmed.
    confirmIdentity(deps.db, booking.repo, c.id, now);
    // Remember the link in this browser, so the next booking from here goes straight to this page; the
    // cookie lives no longer than the link.
    res.cookie(MANAGE_COOKIE, manageToken(secret, c), {
      ...cookieOpts,
      maxAge: cookieMaxAge(life, now, YEAR),
    });
    managePage(req, res, c);
  });

  function ownBooking(c: Caseworker, bookingId: number) {
    const b = booking.booking(bookingId);
    if (!b || b.caseworkerId !== c.id) throw new AppError(404, "not-found", "Fant ikke bookingen");
    return b;
  }
  const caseworkerActor = (c: Caseworker): Actor => ({ kind: "caseworker", id: `caseworker:${c.id}` });

  // «Avbestill» asks first, on a page of its own (works without script).
  r.get("/v/:token/bookings/:id/cancel", (req, res) => {
    const c = caseworkerFromLink(req);
    const b = bookingLine(ownBooking(c, Number(req.params.id)));
    res.set("Cache-Control", "no-store");
    res.render("confirm", {
      title: `Avbestill ${b.displayName} kl. ${b.time}`,
      heading: `Avbestill intervjuet til ${b.displayName}`,
      consequences: [
        `Intervjuet hos ${b.employer} kl. ${b.time} blir avbestilt, og tidspunktet blir ledig for andre.`,
        "Står noen på venteliste hos virksomheten, får den første plassen.",
        "Andre intervjuer kandidaten har, blir stående.",
      ],
      action: `/v/${req.params.token}/bookings/${b.id}/cancel`,
      confirmLabel: "Ja, avbestill",
      cancelHref: `/v/${req.params.token}`,
    });
  });

  r.post("/v/:token/bookings/:id/cancel", (req, res) => {
    const c = caseworkerFromLink(req);
    const b = ownBooking(c, Number(req.params.id));
    try {
      booking.cancel(caseworkerActor(c), b.id);
    } catch (err) {
      return managePage(req, res, c, 409, refusalErrors(err));
    }
    redirectWithFlash(res, `/v/${req.params.token}`, "booking-avlyst");
  });

  function ownRegistration(c: Caseworker, candidateId: number) {
    const x = booking.forCaseworker(c.id).registrations.find((r) => r.candidateId === candidateId);
    if (!x) throw new AppError(404, "not-found", "Fant ikke påmeldingen");
    return x;
  }

  // «Avbestill påmeldingen» (Minijobbmesse) asks first too; the place goes back to the event.
  r.get("/v/:token/registrations/:id/cancel", (req, res) => {
    const c = caseworkerFromLink(req);
    const x = ownRegistration(c, Number(req.params.id));
    const e = events.get(x.eventId);
    res.set("Cache-Control", "no-store");
    res.render("confirm", {
      title: `Avbestill påmeldingen til ${x.displayName}`,
      heading: `Avbestill påmeldingen til ${x.displayName}`,
      consequences: [
        `${x.displayName} blir meldt av ${e.title} ${formatDate(e.date)}, og plassen blir ledig for andre.`,
        "Du får en e-post med en kalenderfil som fjerner avtalen.",
      ],
      action: `/v/${req.params.token}/registrations/${x.candidateId}/cancel`,
      confirmLabel: "Ja, avbestill påmeldingen",
      cancelHref: `/v/${req.params.token}`,
    });
  });

  r.post("/v/:token/registrations/:id/cancel", (req, res) => {
    const c = caseworkerFromLink(req);
    const x = ownRegistration(c, Number(req.params.id));
    try {
      booking.cancelRegistration(caseworkerActor(c), x.candidateId);
    } catch (err) {
      return managePage(req, res, c, 409, refusalErrors(err));
    }
    // The manage link lives by the veileder's candidates: with their last one gone, back to the event's form.
    const stillLinked = booking.repo.caseworkerEvents(c.id).length > 0;
    const to = stillLinked
      ? `/v/${req.params.token}`
      : new URL(events.links(events.repo.get(x.eventId) as EventRow).booking).pathname;
    redirectWithFlash(res, to, "pamelding-avbestilt");
  });

  r.post("/v/:token/bookings/:id/move", (req, res) => {
    const c = caseworkerFromLink(req);
    const b = ownBooking(c, Number(req.params.id));
    const slotId = Number(req.body.slotId);
    if (!slotId) return managePage(req, res, c, 422, { _form: "Velg et nytt tidspunkt" });
    try {
      booking.move(caseworkerActor(c), b.id, slotId);
    } catch (err) {
      return managePage(req, res, c, 409, refusalErrors(err));
    }
    redirectWithFlash(res, `/v/${req.params.token}`, "booking-flyttet");
  });

  r.post("/v/:token/candidates/:id/book", (req, res) => {
    const c = caseworkerFromLink(req);
    const candidate = booking.getCandidate(Number(req.params.id));
    if (candidate.caseworkerId !== c.id) throw new AppError(404, "not-found", "Fant ikke kandidaten");
    const slotId = Number(req.body.slotId);
    if (!slotId) return managePage(req, res, c, 422, { _form: "Velg et tidspunkt" });
    try {
      booking.book(caseworkerActor(c), candidate.id, slotId);
    } catch (err) {
      return managePage(req, res, c, 409, refusalErrors(err));
    }
    redirectWithFlash(res, `/v/${req.params.token}`, "booking-lagt-til");
  });

  r.post("/v/:token/waitlist/:id/leave", (req, res) => {
    const c = caseworkerFromLink(req);
    const w = booking.repo.waitlistEntry(Number(req.params.id));
    if (!w || w.caseworkerId !== c.id)
      throw new AppError(404, "not-found", "Fant ikke plassen på ventelisten");
    booking.leaveWaitlist(caseworkerActor(c), w.id);
    redirectWithFlash(res, `/v/${req.params.token}`, "venteliste-forlatt");
  });

  // ---- coordinator ----

  const COORDINATOR_PATHS = [
    "/events/:id/bookings",
    "/events/:id/registrations",
    "/events/:id/caseworkers",
    "/events/:id/audit",
  ];
  r.use(COORDINATOR_PATHS, requireCoordinator);
  r.use(COORDINATOR_PATHS, inRegion("event"));

  /** A Minijobbmesse's registrations: who comes, through which veileder, and the places left. */
  function registrationsPage(res: Response, d: EventDetail, status: number, errors: FieldErrors) {
    const e = d.event;
    const rows = booking.eventRegistrations(e.id).map((x) => registrationLine(x, d));
    res.status(status).render("booking/coordinator-registrations", {
      title: `Påmeldinger – ${e.title} ${formatDate(e.date)}`,
      e: { id: e.id, title: e.title, dateText: formatDate(e.date) },
      bookingLink: events.links(e).booking,
      placesText: `${d.registered} av ${d.capacity} plasser tatt – ${d.format.terms.free(d.freeSlots)}`,
      times: timesOf(d),
      rows,
      manageLinks: Object.fromEntries(
        [...new Set(rows.map((x) => x.caseworkerId))].map((id) => [
          id,
          manageUrl(secret, baseUrl, booking.caseworker(id) as Caseworker),
        ]),
      ),
      errors,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: formatDate(e.date) },
      ],
    });
  }

  function coordinatorPage(req: Request, res: Response, status = 200, errors: FieldErrors = {}) {
    const e = events.get(Number(req.params.id));
    const d = events.detail(e.id);
    if (!d.format.hasSlots) return registrationsPage(res, d, status, errors);
    const all = booking.eventBookings(e.id).map(bookingLine);
    const free = booking.slotsOf(e.id).filter((s) => !slotFull(s));
    res.status(status).render("booking/coordinator", {
      title: `Bookinger – ${e.title} ${formatDate(e.date)}`,
      e: { id: e.id, title: e.title, dateText: formatDate(e.date) },
      bookingLink: events.links(e).booking,
      byEmployer: d.participations.map((p) => ({
        id: p.id,
        name: p.department ? `${p.employerName}, ${p.department}` : p.employerName,
        // One row per booked candidate (a group slot has several), and one for the seats still free.
        rows: p.slots.flatMap((s) => {
          const time = `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`;
          const rows = all
            .filter((b) => b.slotId === s.id)
            .map((b) => ({ slot: s, time, booking: b, free: "" }));
          const free =
            freeSeats(s) > 0 ? [{ slot: s, time, booking: undefined, free: seatsText(s) || "ledig" }] : [];
          return [...rows, ...free];
        }),
      })),
      byTime: all,
      waitlist: booking.eventWaitlist(e.id).map(waitlistLine),
      freeOptions: free.map(slotOption),
      manageLinks: Object.fromEntries(
        [...new Set(all.map((b) => b.caseworkerId))].map((id) => [
          id,
          manageUrl(secret, baseUrl, booking.caseworker(id) as Caseworker),
        ]),
      ),
      errors,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: formatDate(e.date) },
      ],
    });
  }

  const coordinatorActor = (res: Response): Actor => ({
    kind: "coordinator",
    id: `coordinator:${res.locals.coordinator?.id}`,
  });

  r.get("/events/:id/bookings", (req, res) => coordinatorPage(req, res));

  r.get("/events/:id/bookings/:bid/cancel", (req, res) => {
    const raw = booking.booking(Number(req.params.bid));
    if (!raw || raw.eventId !== Number(req.params.id))
      throw new AppError(404, "not-found", "Fant ikke bookingen");
    const b = bookingLine(raw);
    res.render("confirm", {
      title: `Avbestill ${b.displayName} kl. ${b.time}`,
      heading: `Avbestill intervjuet til ${b.displayName}`,
      consequences: [
        `Intervjuet hos ${b.employer} kl. ${b.time} blir avbestilt, og tidspunktet blir ledig.`,
        "Står noen på venteliste hos virksomheten, får den første plassen.",
        `Veilederen (${b.caseworkerName}) ser endringen under «Mine bookinger».`,
      ],
      action: `/events/${req.params.id}/bookings/${b.id}/cancel`,
      confirmLabel: "Ja, avbestill",
      cancelHref: `/events/${req.params.id}/bookings`,
    });
  });

  r.post("/events/:id/bookings/:bid/cancel", (req, res) => {
    const b = booking.booking(Number(req.params.bid));
    if (!b || b.eventId !== Number(req.params.id))
      throw new AppError(404, "not-found", "Fant ikke bookingen");
    try {
      booking.cancel(coordinatorActor(res), b.id);
    } catch (err) {
      return coordinatorPage(req, res, 409, refusalErrors(err));
    }
    redirectWithFlash(res, `/events/${req.params.id}/bookings`, "booking-avlyst");
  });

  r.post("/events/:id/bookings/:bid/move", (req, res) => {
    const b = booking.booking(Number(req.params.bid));
    if (!b || b.eventId !== Number(req.params.id))
      throw new AppError(404, "not-found", "Fant ikke bookingen");
    const slotId = Number(req.body.slotId);
    if (!slotId) return coordinatorPage(req, res, 422, { _form: "Velg et nytt tidspunkt" });
    try {
      booking.move(coordinatorActor(res), b.id, slotId);
    } catch (err) {
      return coordinatorPage(req, res, 409, refusalErrors(err));
    }
    redirectWithFlash(res, `/events/${req.params.id}/bookings`, "booking-flyttet");
  });

  function eventRegistration(req: Request) {
    const x = booking.repo.registration(Number(req.params.cid));
    if (!x || x.eventId !== Number(req.params.id))
      throw new AppError(404, "not-found", "Fant ikke påmeldingen");
    return x;
  }

  r.get("/events/:id/registrations/:cid/cancel", (req, res) => {
    const x = eventRegistration(req);
    const e = events.get(x.eventId);
    res.render("confirm", {
      title: `Avbestill påmeldingen til ${x.displayName}`,
      heading: `Avbestill påmeldingen til ${x.displayName}`,
      consequences: [
        `${x.displayName} blir meldt av ${e.title} ${formatDate(e.date)}, og plassen blir ledig for andre.`,
        `Veilederen (${x.caseworkerName}) får en e-post om det.`,
      ],
      action: `/events/${req.params.id}/registrations/${x.candidateId}/cancel`,
      confirmLabel: "Ja, avbestill påmeldingen",
      cancelHref: `/events/${req.params.id}/bookings`,
    });
  });

  r.post("/events/:id/registrations/:cid/cancel", (req, res) => {
    const x = eventRegistration(req);
    try {
      booking.cancelRegistration(coordinatorActor(res), x.candidateId);
    } catch (err) {
      return coordinatorPage(req, res, 409, refusalErrors(err));
    }
    redirectWithFlash(res, `/events/${req.params.id}/bookings`, "pamelding-avbestilt");
  });

  /** A veileder's manage link has leaked or they lost it: a new one (sent by the next e-mail) replaces it. */
  r.post("/events/:id/caseworkers/:cid/rotate-link", (req, res) => {
    const c = booking.caseworker(Number(req.params.cid));
    // Only a veileder who has a candidate on this event (and so in this coordinator's region).
    const eventId = Number(req.params.id);
    const mine = c ? booking.forCaseworker(c.id) : undefined;
    if (
      !c ||
      !mine ||
      ![...mine.bookings, ...mine.waitlist, ...mine.registrations].some((x) => x.eventId === eventId)
    )
      throw new AppError(404, "not-found", "Fant ikke veilederen");
    booking.rotateManageLink(c.id);
    res.redirect(303, `/events/${req.params.id}/bookings`);
  });

  r.get("/events/:id/audit", (req, res) => {
    const e = events.get(Number(req.params.id));
    res.render("booking/audit", {
      title: `Endringslogg – ${e.title} ${formatDate(e.date)}`,
      e: { id: e.id, title: e.title, dateText: formatDate(e.date), hasSlots: formatOf(e.format).hasSlots },
      entries: booking.auditLog(e.id).map((a) => ({
        ...auditLine(a),
        actor: actorLabel(a.actor, (id) => booking.caseworker(id)?.name),
      })),
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: formatDate(e.date) },
      ],
    });
  });

  return r;
}
