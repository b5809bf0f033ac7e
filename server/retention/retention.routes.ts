// Owns the coordinator's privacy page for one candidate: download everything held about them (JSON), and erase
// it on request after a confirmation.
import { type Request, type Response, Router } from "express";
import { inRegion } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { BookingService } from "../booking/booking.service";
import type { EventsService } from "../events/events.service";
import { AppError, type FieldErrors } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { formatDate } from "../shared/time";
import type { RetentionService } from "./retention.service";

export function retentionRoutes(deps: {
  retention: RetentionService;
  booking: BookingService;
  events: EventsService;
  clock: () => Date;
}) {
  const { retention, booking, events, clock } = deps;
  const r = Router();
  r.use("/candidates/:id/personvern", requireCoordinator, inRegion("candidate"));

  function page(req: Request, res: Response, status = 200, errors: FieldErrors = {}) {
    const c = booking.getCandidate(Number(req.params.id));
    const e = events.get(c.eventId);
    res
      .status(status)
      .set("Cache-Control", "no-store")
      .render("retention/candidate", {
        title: `Personvern – ${c.displayName}`,
        candidate: { id: c.id, displayName: c.displayName },
        e: { id: e.id, title: e.title, dateText: formatDate(e.date) },
        months: retention.months,
        erased: req.query.slettet !== undefined,
        errors,
        breadcrumbs: [
          { href: "/events", label: "Arrangementer" },
          { href: `/events/${e.id}/bookings`, label: formatDate(e.date) },
          { href: `/candidates/${c.id}/oppfolging`, label: c.displayName },
        ],
      });
  }

  r.get("/candidates/:id/personvern", (req, res) => page(req, res));

  r.get("/candidates/:id/personvern/eksport.json", (req, res) => {
    const data = retention.exportCandidate(Number(req.params.id));
    res
      .set("Cache-Control", "no-store")
      .attachment(`kandidat-${Number(req.params.id)}.json`)
      .json({ exportedAt: clock().toISOString(), ...data });
  });

  r.post("/candidates/:id/personvern/slett", (req, res) => {
    if (req.body.confirm !== "ja") {
      return page(req, res, 422, {
        confirm: "Kryss av for at kandidaten (eller veilederen på kandidatens vegne) har bedt om sletting",
      });
    }
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) throw new AppError(404, "not-found", "Fant ikke kandidaten");
    try {
      retention.eraseCandidate(res.locals.actor ?? "coordinator:unknown", id, clock());
    } catch (err) {
      return page(req, res, 409, refusalErrors(err));
    }
    res.redirect(303, `/candidates/${id}/personvern?slettet`);
  });

  return r;
}
