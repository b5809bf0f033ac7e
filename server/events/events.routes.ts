// Owns the coordinator's pages for events, participations and the slot grid.
import { type Request, type Response, Router } from "express";
import { requireCoordinator } from "../auth/middleware";
import type { EmployersService } from "../employers/employers.service";
import type { RegionsService } from "../regions/regions.service";
import type { FieldErrors } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { parseInput } from "../shared/validation";
import { DEFAULT_PROGRAMME, nextStatuses, OFFER_TYPES, STATUS_LABELS } from "./events.rules";
import { CopyInput, EventInput, ParticipationInput, SeriesInput, StatusInput } from "./events.schemas";
import type { EventsService } from "./events.service";
import { eventDetailView, eventFormValues, eventSummaryView } from "./events.view";

/** Page additions other features provide for the event page (explicit dependencies, not res.locals). */
export type EventPageExtras = {
  /** Each participation's employer link, by participation id (the after-event feature owns those links). */
  participationLinks?: (eventId: number) => Record<number, string>;
};

export function eventsRoutes(
  events: EventsService,
  regions: RegionsService,
  employers: EmployersService,
  extras: EventPageExtras = {},
) {
  const r = Router();
  r.use(["/events", "/participations"], requireCoordinator);
  const id = (req: Request, key = "id") => Number(req.params[key]);

  const officeOptions = () =>
    regions
      .overview()
      .flatMap((g) => g.offices.map((o) => ({ value: o.id, label: `${o.name} (${g.name})` })));

  function eventForm(
    res: Response,
    title: string,
    action: string,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
  ) {
    res.status(Object.keys(errors).length ? 422 : 200).render("events/form", {
      title,
      action,
      officeOptions: [{ value: "", label: "Velg kontor" }, ...officeOptions()],
      values,
      errors,
      breadcrumbs: [{ href: "/events", label: "Arrangementer" }],
    });
  }

  function eventPage(res: Response, eventId: number, status = 200, errors: FieldErrors = {}) {
    const d = events.detail(eventId);
    res.status(status).render("events/show", {
      title: `${d.event.title} ${eventSummaryView(d.event).dateText}`,
      e: eventDetailView(d),
      links: events.links(d.event),
      employerLinks: extras.participationLinks?.(eventId) ?? {},
      roomConflicts: d.roomConflicts,
      nextStatuses: nextStatuses(d.event.status).map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      errors,
      breadcrumbs: [{ href: "/events", label: "Arrangementer" }],
    });
  }

  r.get("/", (_req, res) => res.redirect(303, res.locals.coordinator ? "/events" : "/login"));

  r.get("/events", (_req, res) => {
    res.render("events/index", { title: "Arrangementer", events: events.list().map(eventSummaryView) });
  });

  r.get("/events/new", (_req, res) =>
    eventForm(res, "Nytt arrangement", "/events", {
      title: "Ta sjansen",
      date: events.suggestedDate(),
      interviewStart: "15:30",
      interviewEnd: "17:30",
      slotMinutes: 30,
      gapMinutes: 0,
      maxInterviews: 2,
      programme: DEFAULT_PROGRAMME.map((i) => `${i.time} ${i.label}`).join("\n"),
    }),
  );

  r.post("/events", (req, res) => {
    const parsed = parseInput(EventInput, req.body);
    if (!parsed.ok) return eventForm(res, "Nytt arrangement", "/events", req.body, parsed.errors);
    try {
      const newId = events.create(parsed.data);
      res.redirect(303, `/events/${newId}`);
    } catch (err) {
      eventForm(res, "Nytt arrangement", "/events", req.body, refusalErrors(err));
    }
  });

  r.get("/events/:id", (req, res) => eventPage(res, id(req)));

  r.get("/events/:id/edit", (req, res) => {
    const d = events.detail(id(req));
    eventForm(res, `Endre ${d.event.title}`, `/events/${d.event.id}`, eventFormValues(d));
  });

  r.post("/events/:id", (req, res) => {
    const e = events.get(id(req));
    const parsed = parseInput(EventInput, req.body);
    if (!parsed.ok) return eventForm(res, `Endre ${e.title}`, `/events/${e.id}`, req.body, parsed.errors);
    try {
      events.update(e.id, parsed.data);
      res.redirect(303, `/events/${e.id}`);
    } catch (err) {
      eventForm(res, `Endre ${e.title}`, `/events/${e.id}`, req.body, refusalErrors(err));
    }
  });

  r.post("/events/:id/status", (req, res) => {
    const parsed = parseInput(StatusInput, req.body);
    if (!parsed.ok) return eventPage(res, id(req), 422, parsed.errors);
    try {
      events.setStatus(id(req), parsed.data.status);
      res.redirect(303, `/events/${id(req)}`);
    } catch (err) {
      eventPage(res, id(req), 409, refusalErrors(err));
    }
  });

  r.post("/events/:id/links/:kind/rotate", (req, res) => {
    const kind = req.params.kind;
    if (kind !== "booking" && kind !== "host" && kind !== "board")
      return eventPage(res, id(req), 422, { _form: "Ukjent lenke" });
    events.rotateLink(id(req), kind);
    res.redirect(303, `/events/${id(req)}#lenker`);
  });

  const copyPage = (
    res: Response,
    eventId: number,
    values: Record<string, unknown> = {},
    errors: FieldErrors = {},
  ) => {
    const e = events.get(eventId);
    res.status(Object.keys(errors).length ? 422 : 200).render("events/copy", {
      title: `Kopier ${e.title}`,
      e: eventSummaryView(e),
      values,
      errors,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: eventSummaryView(e).dateText },
      ],
    });
  };

  r.get("/events/:id/copy", (req, res) => copyPage(res, id(req)));

  r.post("/events/:id/copy", (req, res) => {
    const parsed = parseInput(CopyInput, req.body);
    if (!parsed.ok) return copyPage(res, id(req), req.body, parsed.errors);
    try {
      res.redirect(303, `/events/${events.copy(id(req), parsed.data.date)}`);
    } catch (err) {
      copyPage(res, id(req), req.body, refusalErrors(err));
    }
  });

  r.post("/events/:id/series", (req, res) => {
    const parsed = parseInput(SeriesInput, req.body);
    const prefix = (errs: FieldErrors) =>
      Object.fromEntries(Object.entries(errs).map(([k, v]) => [k.startsWith("dates") ? "dates" : k, v]));
    if (!parsed.ok) return copyPage(res, id(req), req.body, prefix(parsed.errors));
    try {
      events.planSeries(id(req), parsed.data.dates);
      res.redirect(303, "/events");
    } catch (err) {
      copyPage(res, id(req), req.body, refusalErrors(err));
    }
  });

  // ---- participations ----

  function participationForm(
    res: Response,
    eventId: number,
    action: string,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    participationId?: number,
  ) {
    const e = events.get(eventId);
    const office = regions
      .overview()
      .flatMap((g) => g.offices)
      .find((o) => o.id === e.officeId);
    res.status(Object.keys(errors).length ? 422 : 200).render("events/participation-form", {
      title: participationId ? "Endre virksomhet på arrangementet" : "Legg til virksomhet",
      action,
      participationId,
      e: eventSummaryView(e),
      employerOptions: [
        { value: "", label: "Velg virksomhet" },
        ...employers.list(e.regionId).map((x) => ({ value: x.id, label: x.name })),
      ],
      roomOptions: [
        { value: "", label: "Ikke valgt ennå" },
        ...(office?.rooms ?? []).map((x) => ({ value: x.id, label: x.name })),
      ],
      offerTypes: Object.entries(OFFER_TYPES).map(([value, label]) => ({ value, label })),
      values: { ...values, offerTypes: [values.offerTypes ?? []].flat() },
      errors,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: eventSummaryView(e).dateText },
      ],
    });
  }

  r.get("/events/:id/participations/new", (req, res) =>
    participationForm(res, id(req), `/events/${id(req)}/participations`, {
      interviewCount: events.detail(id(req)).capacity || 4,
    }),
  );

  r.post("/events/:id/participations", (req, res) => {
    const action = `/events/${id(req)}/participations`;
    const parsed = parseInput(ParticipationInput, req.body);
    if (!parsed.ok) return participationForm(res, id(req), action, req.body, parsed.errors);
    try {
      events.addParticipation(id(req), parsed.data);
      res.redirect(303, `/events/${id(req)}#virksomheter`);
    } catch (err) {
      participationForm(res, id(req), action, req.body, refusalErrors(err));
    }
  });

  r.get("/participations/:id/edit", (req, res) => {
    const p = events.participation(id(req));
    participationForm(
      res,
      p.eventId,
      `/participations/${p.id}`,
      { ...p, minAge: p.minAge ?? "", roomId: p.roomId ?? "" },
      {},
      p.id,
    );
  });

  r.post("/participations/:id", (req, res) => {
    const p = events.participation(id(req));
    const parsed = parseInput(ParticipationInput, req.body);
    if (!parsed.ok)
      return participationForm(res, p.eventId, `/participations/${p.id}`, req.body, parsed.errors, p.id);
    try {
      events.updateParticipation(p.id, parsed.data);
      res.redirect(303, `/events/${p.eventId}#virksomheter`);
    } catch (err) {
      participationForm(res, p.eventId, `/participations/${p.id}`, req.body, refusalErrors(err), p.id);
    }
  });

  r.post("/participations/:id/delete", (req, res) => {
    const p = events.participation(id(req));
    try {
      events.removeParticipation(p.id);
      res.redirect(303, `/events/${p.eventId}#virksomheter`);
    } catch (err) {
      eventPage(res, p.eventId, 409, refusalErrors(err));
    }
  });

  return r;
}
