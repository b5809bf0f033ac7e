// Owns the coordinator's pages for events, participations and the slot grid.
import { type Request, type Response, Router } from "express";
import { inRegion, mayRegion, outsideRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { EmployersService } from "../employers/employers.service";
import { RoomInput } from "../regions/regions.schemas";
import type { RegionsService } from "../regions/regions.service";
import { type FieldErrors, invalidInput } from "../shared/errors";
import { redirectWithFlash } from "../shared/flash";
import { refusalErrors } from "../shared/render";
import { parseInput } from "../shared/validation";
import { nextStatuses, OFFER_TYPES, STATUS_LABELS } from "./events.rules";
import { CopyInput, EventInput, ParticipationInput, SeriesInput, StatusInput } from "./events.schemas";
import type { EventsService } from "./events.service";
import { eventDetailView, eventFormValues, eventSummaryView } from "./events.view";
import { formatOf, formatOptions, isEventFormat, panelText } from "./formats";

/** Page additions other features provide for the event page (explicit dependencies, not res.locals). */
export type EventPageExtras = {
  /** Each participation's employer link, by participation id (the after-event feature owns those links). */
  participationLinks?: (eventId: number) => Record<number, string>;
  /** The region's markeds-e-post: how many it reaches and a warning when the weekly send reaches nobody. */
  digestHealth?: (regionId: number) => { recipientCount: number; alert: string | null };
  /** Sends the new booking link to the region's markeds-e-post recipients; returns how many. */
  linkNotice?: { recipientCount: (regionId: number) => number; send: (eventId: number) => number };
};

const LINK_LABELS = { booking: "bookinglenken", host: "hovmesterlenken", board: "romtavlelenken" } as const;

export function eventsRoutes(
  events: EventsService,
  regions: RegionsService,
  employers: EmployersService,
  extras: EventPageExtras = {},
) {
  const r = Router();
  r.use(["/events", "/participations"], requireCoordinator);
  r.use("/events/:id", inRegion("event"));
  r.use("/participations/:id", inRegion("participation"));
  const id = (req: Request, key = "id") => Number(req.params[key]);

  /** An event is placed only at an office in a region the coordinator reaches. */
  const checkOffice = (res: Response, officeId: number) => {
    const office = regions.repo.office(officeId);
    if (office && !mayRegion(res, office.regionId)) throw outsideRegion();
  };

  const officeOptions = (res: Response) =>
    regions
      .overview(regionFilter(res))
      .flatMap((g) => g.offices.map((o) => ({ value: o.id, label: `${o.name} (${g.name})` })));

  function eventForm(
    res: Response,
    title: string,
    action: string,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
  ) {
    const offices = officeOptions(res);
    // A region with one office: nothing to choose.
    const preselected = offices.length === 1 && !values.officeId ? { officeId: offices[0].value } : {};
    const format = formatOf(isEventFormat(values.format) ? values.format : "ta-sjansen");
    res.status(Object.keys(errors).length ? 422 : 200).render("events/form", {
      title,
      action,
      format,
      // A new event may still switch format (the form reloads with that format's defaults); a saved one keeps it.
      formatChoices: action === "/events" ? formatOptions() : [],
      officeOptions: [{ value: "", label: "Velg kontor" }, ...offices],
      values: { ...values, ...preselected },
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
      digest: extras.digestHealth?.(d.event.regionId) ?? null,
      regionId: d.event.regionId,
      nextStatuses: nextStatuses(d.event.status).map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      errors,
      breadcrumbs: [{ href: "/events", label: "Arrangementer" }],
    });
  }

  r.get("/", (_req, res) => res.redirect(303, res.locals.coordinator ? "/events" : "/login"));

  r.get("/events", (_req, res) => {
    const mine = regionFilter(res);
    res.render("events/index", {
      title: "Arrangementer",
      events: events
        .list()
        .filter((e) => mine === null || mine.includes(e.regionId))
        .map(eventSummaryView),
    });
  });

  // The format is chosen first (a link per format), so the form opens with that format's own defaults.
  r.get("/events/new", (req, res) => {
    const format = formatOf(isEventFormat(req.query.format) ? req.query.format : "ta-sjansen");
    eventForm(res, `Nytt arrangement: ${format.label}`, "/events", {
      format: format.code,
      title: format.defaults.title,
      date: events.suggestedDate(),
      interviewStart: format.defaults.interviewStart,
      interviewEnd: format.defaults.interviewEnd,
      slotMinutes: format.defaults.slotMinutes,
      gapMinutes: 0,
      maxInterviews: format.defaults.maxInterviews,
      capacity: format.defaults.capacity ?? "",
      programme: format.defaults.programme.map((i) => `${i.time} ${i.label}`).join("\n"),
    });
  });

  r.post("/events", (req, res) => {
    const parsed = parseInput(EventInput, req.body);
    if (!parsed.ok) return eventForm(res, "Nytt arrangement", "/events", req.body, parsed.errors);
    checkOffice(res, parsed.data.officeId);
    try {
      const newId = events.create(parsed.data);
      redirectWithFlash(res, `/events/${newId}`, "arrangement-opprettet");
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
    checkOffice(res, parsed.data.officeId);
    try {
      events.update(e.id, parsed.data);
      redirectWithFlash(res, `/events/${e.id}`, "arrangement-lagret");
    } catch (err) {
      eventForm(res, `Endre ${e.title}`, `/events/${e.id}`, req.body, refusalErrors(err));
    }
  });

  r.post("/events/:id/status", (req, res) => {
    const parsed = parseInput(StatusInput, req.body);
    if (!parsed.ok) return eventPage(res, id(req), 422, parsed.errors);
    try {
      events.setStatus(id(req), parsed.data.status);
      redirectWithFlash(res, `/events/${id(req)}`, "status-endret");
    } catch (err) {
      eventPage(res, id(req), 409, refusalErrors(err));
    }
  });

  const linkKind = (req: Request) => {
    const kind = req.params.kind;
    return kind === "booking" || kind === "host" || kind === "board" ? kind : null;
  };

  // «Lag ny lenke» asks first: the old link stops working, also in every e-mail already sent.
  function rotateConfirm(res: Response, eventId: number, kind: "booking" | "host" | "board") {
    const e = events.get(eventId);
    const recipients = extras.linkNotice?.recipientCount(e.regionId) ?? 0;
    const consequences =
      kind === "booking"
        ? [
            "Den gamle bookinglenken slutter å virke med en gang – også lenken i markeds-e-poster og varsler som allerede er sendt.",
            "Veiledere som har bookinger, beholder dem og når dem fortsatt fra «Mine bookinger».",
            "Neste markeds-e-post har den nye lenken.",
          ]
        : [
            `Den gamle ${LINK_LABELS[kind]} slutter å virke med en gang, også på skjermer der den er åpen.`,
            "Du må åpne den nye lenken på nettbrettet eller skjermen.",
          ];
    res.render("confirm", {
      title: `Lag ny ${LINK_LABELS[kind]}`,
      heading: `Lag ny ${LINK_LABELS[kind]} for ${e.title}`,
      consequences,
      action: `/events/${e.id}/links/${kind}/rotate`,
      confirmLabel: "Ja, lag ny lenke",
      cancelHref: `/events/${e.id}#lenker`,
      checkbox:
        kind === "booking" && recipients > 0
          ? {
              name: "notify",
              label: `Send en kort e-post med den nye lenken til mottakerne av markeds-e-posten (${recipients} mottakere)`,
              checked: true,
            }
          : null,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: eventSummaryView(e).dateText },
      ],
    });
  }

  r.get("/events/:id/links/:kind/rotate", (req, res) => {
    const kind = linkKind(req);
    if (!kind) return eventPage(res, id(req), 422, { _form: "Ukjent lenke" });
    rotateConfirm(res, id(req), kind);
  });

  r.post("/events/:id/links/:kind/rotate", (req, res) => {
    const kind = linkKind(req);
    if (!kind) return eventPage(res, id(req), 422, { _form: "Ukjent lenke" });
    if (req.body.confirmed !== "yes") return rotateConfirm(res, id(req), kind);
    events.rotateLink(id(req), kind);
    const notify = kind === "booking" && req.body.notify === "on" && extras.linkNotice;
    if (notify) notify.send(id(req));
    redirectWithFlash(res, `/events/${id(req)}#lenker`, notify ? "lenke-varslet" : "lenke-byttet");
  });

  function deleteConfirm(res: Response, eventId: number) {
    const e = events.get(eventId);
    const d = events.detail(eventId);
    res.render("confirm", {
      title: `Slett ${e.title}`,
      heading: `Slett utkastet ${e.title} ${eventSummaryView(e).dateText}`,
      consequences: [
        formatOf(e.format).hasSlots
          ? "Arrangementet slettes for godt, med program og intervjutidspunkter."
          : "Arrangementet slettes for godt, med program og rom.",
        d.participations.length
          ? `${d.participations.length} virksomhet${d.participations.length === 1 ? "" : "er"} tas av arrangementet (de blir stående i registeret).`
          : "Det har ingen virksomheter.",
      ],
      action: `/events/${e.id}/delete`,
      confirmLabel: "Ja, slett utkastet",
      cancelHref: `/events/${e.id}`,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: eventSummaryView(e).dateText },
      ],
    });
  }

  r.get("/events/:id/delete", (req, res) => deleteConfirm(res, id(req)));

  r.post("/events/:id/delete", (req, res) => {
    if (req.body.confirmed !== "yes") return deleteConfirm(res, id(req));
    try {
      events.deleteDraft(id(req));
    } catch (err) {
      return eventPage(res, id(req), 409, refusalErrors(err));
    }
    redirectWithFlash(res, "/events", "arrangement-slettet");
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
      redirectWithFlash(res, `/events/${events.copy(id(req), parsed.data.date)}`, "arrangement-kopiert");
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
      redirectWithFlash(res, "/events", "serie-planlagt");
    } catch (err) {
      copyPage(res, id(req), req.body, refusalErrors(err));
    }
  });

  // ---- participations ----

  /** A room typed on the participation form is created on the event's office (or found, if it exists). */
  function newRoom(eventId: number, name: unknown): number | undefined {
    const trimmed = typeof name === "string" ? name.trim() : "";
    if (!trimmed) return undefined;
    const parsed = parseInput(RoomInput, { name: trimmed });
    if (!parsed.ok) throw invalidInput({ newRoomName: parsed.errors.name ?? "Ugyldig navn på rommet" });
    const e = events.get(eventId);
    return (
      regions.repo.roomByName(e.officeId, parsed.data.name)?.id ?? regions.createRoom(e.officeId, parsed.data)
    );
  }

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
    const format = formatOf(e.format);
    res.status(Object.keys(errors).length ? 422 : 200).render("events/participation-form", {
      title: participationId ? "Endre virksomhet på arrangementet" : "Legg til virksomhet",
      action,
      format,
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
      values: {
        ...values,
        offerTypes: [values.offerTypes ?? []].flat(),
        panel: Array.isArray(values.panel) ? panelText(values.panel) : (values.panel ?? ""),
      },
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
      slotCapacity: 1,
    }),
  );

  r.post("/events/:id/participations", (req, res) => {
    const action = `/events/${id(req)}/participations`;
    const parsed = parseInput(ParticipationInput, req.body);
    if (!parsed.ok) return participationForm(res, id(req), action, req.body, parsed.errors);
    try {
      const roomId = newRoom(id(req), req.body.newRoomName) ?? parsed.data.roomId;
      events.addParticipation(id(req), { ...parsed.data, roomId });
      redirectWithFlash(res, `/events/${id(req)}#virksomheter`, "virksomhet-lagt-til");
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
      const roomId = newRoom(p.eventId, req.body.newRoomName) ?? parsed.data.roomId;
      events.updateParticipation(p.id, { ...parsed.data, roomId });
      redirectWithFlash(res, `/events/${p.eventId}#virksomheter`, "virksomhet-lagret");
    } catch (err) {
      participationForm(res, p.eventId, `/participations/${p.id}`, req.body, refusalErrors(err), p.id);
    }
  });

  r.get("/participations/:id/delete", (req, res) => {
    const p = events.participation(id(req));
    const e = events.get(p.eventId);
    // Bookings, not slots: a group slot holds several.
    const booked = p.slots.reduce((n, s) => n + s.taken, 0);
    res.render("confirm", {
      title: `Fjern ${p.employerName}`,
      heading: `Fjern ${p.employerName} fra ${e.title} ${eventSummaryView(e).dateText}`,
      consequences: formatOf(e.format).hasSlots
        ? [
            `Intervjutidspunktene til ${p.employerName} slettes, og virksomheten forsvinner fra bookingsiden og markeds-e-posten.`,
            booked
              ? `Den har ${booked} booket${booked === 1 ? "" : "e"} intervju${booked === 1 ? "" : "er"}: de må avbestilles eller flyttes først.`
              : "Ingen intervjuer er booket.",
            "Virksomheten blir stående i registeret.",
          ]
        : [
            `${p.employerName} forsvinner fra påmeldingssiden og markeds-e-posten, og rommet blir ledig.`,
            "En virksomhet som har hatt besøk på messen, kan ikke fjernes.",
            "Virksomheten blir stående i registeret.",
          ],
      action: `/participations/${p.id}/delete`,
      confirmLabel: "Ja, fjern virksomheten",
      cancelHref: `/participations/${p.id}/edit`,
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: eventSummaryView(e).dateText },
      ],
    });
  });

  r.post("/participations/:id/delete", (req, res) => {
    const p = events.participation(id(req));
    try {
      events.removeParticipation(p.id);
      redirectWithFlash(res, `/events/${p.eventId}#virksomheter`, "virksomhet-fjernet");
    } catch (err) {
      eventPage(res, p.eventId, 409, refusalErrors(err));
    }
  });

  return r;
}
