// Owns the booking JSON API: the booking-link token, a manage token or a coordinator API token as bearer.
import { type Request, Router } from "express";
import type { z } from "zod";
import { type Access, outsideRegion } from "../auth/access";
import type { AuthService } from "../auth/auth.service";
import { bearer } from "../auth/middleware";
import type { EventsService } from "../events/events.service";
import { eventForToken } from "../events/links";
import type { RegionsService } from "../regions/regions.service";
import { AppError, invalidInput } from "../shared/errors";
import { assertLinkAlive } from "../shared/link-lifetime";
import { randomToken } from "../shared/tokens";
import { parseInput } from "../shared/validation";
import type { BookingRow, Caseworker } from "./booking.repo";
import type { Actor } from "./booking.rules";
import { ApiBookInput, ApiRegisterInput, type BookingOutput } from "./booking.schemas";
import type { BookingService } from "./booking.service";
import { emailInStaffDomains, staffDomainMessage } from "./identity.rules";
import { liveCaseworkerForToken } from "./manage-link";
import { publicBookingLimits } from "./public-limits";

type Caller =
  | { kind: "coordinator"; actor: Actor; access: Access }
  | { kind: "booking"; eventId: number }
  | { kind: "manage"; caseworker: Caseworker; actor: Actor };

export function bookingJson(b: BookingRow): z.output<typeof BookingOutput> {
  return {
    id: b.id,
    eventId: b.eventId,
    candidateId: b.candidateId,
    candidate: b.displayName,
    employer: b.employerName,
    department: b.department,
    room: b.roomName,
    slotId: b.slotId,
    start: b.startsAt,
    end: b.endsAt,
  };
}

export function bookingApi(deps: {
  booking: BookingService;
  events: EventsService;
  auth: AuthService;
  secret: string;
  clock: () => Date;
  regions: RegionsService;
  limits?: { perClient: number; perLink: number };
}) {
  const { booking, events, auth, secret, clock, regions } = deps;
  const r = Router();

  function caller(req: Request): Caller {
    const token = bearer(req);
    if (!token) throw new AppError(401, "unauthenticated", "Mangler Authorization: Bearer-token");
    const api = auth.tokenAccess(token);
    if (api) {
      if (!api.access.write && req.method !== "GET")
        throw new AppError(403, "token-read-only", "Tokenet kan bare lese");
      return {
        kind: "coordinator",
        actor: { kind: "coordinator", id: api.access.actor },
        access: api.access,
      };
    }
    const event = eventForToken(secret, "booking", token, (id) => events.repo.get(id));
    if (event) {
      assertLinkAlive("booking", event, clock());
      return { kind: "booking", eventId: event.id };
    }
    const cw = liveCaseworkerForToken(
      secret,
      token,
      { load: booking.caseworker, eventsOf: booking.repo.caseworkerEvents },
      clock(),
    );
    if (cw) {
      return { kind: "manage", caseworker: cw, actor: { kind: "caseworker", id: `caseworker:${cw.id}` } };
    }
    throw new AppError(403, "forbidden", "Ukjent eller utløpt token");
  }

  function body<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
    const parsed = parseInput(schema, req.body ?? {});
    if (!parsed.ok) throw invalidInput(parsed.errors);
    return parsed.data;
  }

  const mine = (caseworkerId: number, candidateId: number) =>
    booking
      .forCaseworker(caseworkerId)
      .bookings.filter((b) => b.candidateId === candidateId)
      .map(bookingJson);

  /** Register a candidate (and optionally book slots) with the event's booking-link token. */
  // API tokens (coordinators) are not limited; booking-link tokens are, per link and per client.
  const limits = publicBookingLimits((req) => {
    const token = bearer(req);
    return Boolean(token && auth.apiTokenByValue(token));
  }, deps.limits);
  r.post("/events/:id/candidates", limits, (req, res) => {
    const who = caller(req);
    const eventId = Number(req.params.id);
    if (who.kind === "manage" || (who.kind === "booking" && who.eventId !== eventId)) {
      throw new AppError(403, "forbidden", "Tokenet gjelder ikke dette arrangementet");
    }
    if (who.kind === "coordinator" && who.access.allows("event", eventId) === false) throw outsideRegion();
    const input = body(ApiRegisterInput, req);
    const domains = regions.staffDomains(events.get(eventId).regionId);
    if (!emailInStaffDomains(input.caseworker.email, domains)) {
      throw invalidInput({ "caseworker.email": staffDomainMessage(domains) });
    }
    const actor: Actor =
      who.kind === "coordinator" ? who.actor : { kind: "caseworker", id: "caseworker:new" };
    const result = booking.register(actor, eventId, {
      caseworker: input.caseworker,
      candidate: input.candidate,
      slotIds: input.slotIds ?? [],
      waitlistParticipationIds: [],
      requestKey: input.requestKey ?? randomToken(),
      allowEmpty: true,
    });
    const cw = booking.caseworker(result.caseworkerId) as Caseworker;
    res.status(result.replay ? 200 : 201).json({
      candidateId: result.candidateId,
      caseworkerId: cw.id,
      bookings: mine(cw.id, result.candidateId),
      // The manage token is never handed out here: it goes by e-mail to the veileder's address.
    });
  });

  /** Book one more slot for a candidate of mine. */
  r.post("/bookings", (req, res) => {
    const who = caller(req);
    if (who.kind === "booking")
      throw new AppError(403, "forbidden", "Bruk manage-tokenet for å booke for en registrert kandidat");
    const input = body(ApiBookInput, req);
    const candidate = booking.getCandidate(input.candidateId);
    if (who.kind === "coordinator" && !who.access.allows("candidate", candidate.id)) throw outsideRegion();
    if (who.kind === "manage" && candidate.caseworkerId !== who.caseworker.id) {
      throw new AppError(404, "not-found", "Fant ikke kandidaten");
    }
    const id = booking.book(who.actor, candidate.id, input.slotId);
    res.status(201).json(bookingJson(booking.booking(id) as BookingRow));
  });

  r.delete("/bookings/:id", (req, res) => {
    const who = caller(req);
    if (who.kind === "booking") throw new AppError(403, "forbidden", "Bruk manage-tokenet for å avbestille");
    const b = booking.booking(Number(req.params.id));
    if (b && who.kind === "coordinator" && !who.access.allows("booking", b.id)) throw outsideRegion();
    if (!b || (who.kind === "manage" && b.caseworkerId !== who.caseworker.id)) {
      throw new AppError(404, "not-found", "Fant ikke bookingen");
    }
    const { promotedCandidateId } = booking.cancel(who.actor, b.id);
    res.json({ id: b.id, cancelled: true, promotedFromWaitlist: promotedCandidateId !== null });
  });

  /** Cancel a registration on an event without slots (Minijobbmesse); the place goes back to the event. */
  r.delete("/registrations/:id", (req, res) => {
    const who = caller(req);
    if (who.kind === "booking")
      throw new AppError(403, "forbidden", "Bruk manage-tokenet for å avbestille en påmelding");
    const x = booking.repo.registration(Number(req.params.id));
    if (x && who.kind === "coordinator" && !who.access.allows("candidate", x.candidateId))
      throw outsideRegion();
    if (!x || (who.kind === "manage" && x.caseworkerId !== who.caseworker.id)) {
      throw new AppError(404, "not-found", "Fant ikke påmeldingen");
    }
    booking.cancelRegistration(who.actor, x.candidateId);
    res.json({ candidateId: x.candidateId, eventId: x.eventId, cancelled: true });
  });

  /** My bookings across events (manage token). */
  r.get("/bookings", (req, res) => {
    const who = caller(req);
    if (who.kind !== "manage")
      throw new AppError(403, "forbidden", "Listen over egne bookinger krever manage-tokenet");
    const m = booking.forCaseworker(who.caseworker.id);
    res.json({
      bookings: m.bookings.map(bookingJson),
      waitlist: m.waitlist.map((w) => ({
        id: w.id,
        eventId: w.eventId,
        candidateId: w.candidateId,
        employer: w.employerName,
      })),
      // Registrations for attendance on events without slots (Minijobbmesse).
      registrations: m.registrations.map((x) => ({
        candidateId: x.candidateId,
        eventId: x.eventId,
        candidate: x.displayName,
      })),
    });
  });

  return r;
}
