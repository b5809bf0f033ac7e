// Owns the JSON API for regions, events and participations (same services as the pages).
import { type Request, Router } from "express";
import type { z } from "zod";
import { inRegion, mayRegion, outsideRegion, regionFilter } from "../auth/access";
import type { RegionsService } from "../regions/regions.service";
import { AppError, invalidInput } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { type EventRow, freeSeats } from "./events.repo";
import {
  EventApiInput,
  type EventOutput,
  type EventSummaryOutput,
  ParticipationInput,
  type ParticipationOutput,
} from "./events.schemas";
import type { EventDetail, EventsService, ParticipationDetail } from "./events.service";

export function participationJson(p: ParticipationDetail): z.output<typeof ParticipationOutput> {
  return {
    id: p.id,
    eventId: p.eventId,
    employer: { id: p.employerId, name: p.employerName },
    department: p.department,
    tasks: p.tasks,
    training: p.training,
    prerequisites: p.prerequisites,
    minAge: p.minAge,
    restrictions: p.restrictions,
    offerTypes: p.offerTypes,
    interviewCount: p.interviewCount,
    room: p.roomId ? { id: p.roomId, name: p.roomName ?? "" } : null,
    slotCapacity: p.slotCapacity,
    panel: p.panel,
    freeSlots: p.freeSlots,
    slots: p.slots.map((s) => ({
      id: s.id,
      start: s.startsAt,
      end: s.endsAt,
      // "booked" stays the word for a slot nobody else can take, so one-to-one clients read group slots right.
      status: freeSeats(s) > 0 ? "free" : "booked",
      seats: s.seats,
      taken: s.taken,
    })),
  };
}

/** What the event list and an event's own document share. */
function eventSummaryJson(
  e: EventRow,
  venue: { officeId: number; name: string; address: string },
  freeSlots: number,
): z.output<typeof EventSummaryOutput> {
  return {
    id: e.id,
    regionId: e.regionId,
    title: e.title,
    date: e.date,
    status: e.status,
    format: e.format,
    capacity: e.capacity,
    venue,
    freeSlots,
  };
}

export function eventJson(
  d: EventDetail,
  links?: { booking: string; host: string; board: string },
): z.output<typeof EventOutput> {
  const e = d.event;
  return {
    ...eventSummaryJson(e, d.venue, d.freeSlots),
    interviewStart: e.interviewStart,
    interviewEnd: e.interviewEnd,
    slotMinutes: e.slotMinutes,
    gapMinutes: e.gapMinutes,
    maxInterviewsPerCandidate: e.maxInterviews,
    pepTalkGap: e.pepTalkGap,
    hideNamesOnBoard: e.hideNamesOnBoard,
    bookingDeadline: e.bookingDeadline,
    programme: d.programme,
    participations: d.participations.map(participationJson),
    ...(links ? { links } : {}),
  };
}

function body<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = parseInput(schema, req.body ?? {});
  if (!parsed.ok) throw invalidInput(parsed.errors);
  return parsed.data;
}

const idParam = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw new AppError(404, "not-found", "Ukjent id");
  return n;
};

/** Mounted behind requireApiCoordinator: every caller here is a coordinator. */
export function eventsApi(events: EventsService, regions: RegionsService) {
  const r = Router();
  r.use("/events/:id", inRegion("event"));
  r.use("/participations/:id", inRegion("participation"));

  r.get("/regions", (_req, res) => {
    res.json(
      regions.overview(regionFilter(res)).map((g) => ({
        id: g.id,
        name: g.name,
        offices: g.offices.map((o) => ({
          id: o.id,
          name: o.name,
          address: o.address,
          rooms: o.rooms.map((x) => ({ id: x.id, name: x.name })),
        })),
      })),
    );
  });

  r.get("/events", (_req, res) => {
    const mine = regionFilter(res);
    res.json(
      events
        .list()
        .filter((e) => mine === null || mine.includes(e.regionId))
        .map((e) =>
          eventSummaryJson(
            e,
            {
              officeId: e.officeId,
              name: e.officeName,
              address: regions.repo.office(e.officeId)?.address ?? "",
            },
            e.freeSlots,
          ),
        ),
    );
  });

  r.post("/events", (req, res) => {
    const input = body(EventApiInput, req);
    const office = regions.repo.office(input.officeId);
    if (office && !mayRegion(res, office.regionId)) throw outsideRegion();
    const id = events.create(input);
    const d = events.detail(id);
    res
      .status(201)
      .location(`/api/v1/events/${id}`)
      .json(eventJson(d, events.links(d.event)));
  });

  r.get("/events/:id", (req, res) => {
    const d = events.detail(idParam(req));
    res.json(eventJson(d, events.links(d.event)));
  });

  r.post("/events/:id/participations", (req, res) => {
    const pid = events.addParticipation(idParam(req), body(ParticipationInput, req));
    res
      .status(201)
      .location(`/api/v1/participations/${pid}`)
      .json(participationJson(events.participation(pid)));
  });

  r.get("/participations/:id", (req, res) => {
    res.json(participationJson(events.participation(idParam(req))));
  });

  return r;
}
