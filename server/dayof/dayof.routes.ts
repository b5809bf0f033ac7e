// Owns the day's pages: the hovmester's tablet, the lobby board, the coordinator's live view and the run sheets.
import { type Request, type Response, Router } from "express";
import { inRegion } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { EventRow } from "../events/events.repo";
import type { EventsService } from "../events/events.service";
import { eventForToken } from "../events/links";
import { AppError } from "../shared/errors";
import { assertLinkAlive } from "../shared/link-lifetime";
import { formatDate } from "../shared/time";
import type { DayofService } from "./dayof.service";

export function dayofRoutes(deps: {
  dayof: DayofService;
  events: EventsService;
  secret: string;
  clock: () => Date;
}) {
  const { dayof, events, secret, clock } = deps;
  const r = Router();

  const fromLink = (req: Request, kind: "host" | "board"): EventRow => {
    const e = eventForToken(secret, kind, String(req.params.token), (id) => events.repo.get(id));
    if (!e)
      throw new AppError(
        404,
        "unknown-link",
        "Lenken er ukjent eller er byttet ut. Spør markedskoordinatoren om ny lenke.",
      );
    assertLinkAlive(kind, e, clock());
    return e;
  };

  const livePage = (
    res: Response,
    view: string,
    e: EventRow,
    role: string,
    token: string,
    audience: "staff" | "board",
  ) =>
    res.render(view, {
      title: `${view.endsWith("board") ? "Romtavle" : "Hovmester"} – ${e.title}`,
      role,
      token,
      eventId: e.id,
      snapshot: dayof.snapshot(e.id, audience),
    });

  r.get("/host/:token", (req, res) =>
    livePage(res, "dayof/host", fromLink(req, "host"), "host", String(req.params.token), "staff"),
  );
  r.get("/board/:token", (req, res) =>
    livePage(res, "dayof/board", fromLink(req, "board"), "board", String(req.params.token), "board"),
  );

  function printPage(res: Response, e: EventRow) {
    const s = dayof.snapshot(e.id, "staff");
    res.render("dayof/print", {
      title: `Kjøreplan – ${e.title} ${s.dateText}`,
      s,
      // The master list in arrival order: by first interview time, then number (the tablet orders by
      // who is due now instead).
      arrivals: [...s.arrivals].sort((a, b) => a.firstAt.localeCompare(b.firstAt) || a.number - b.number),
      // A Minijobbmesse's sheets carry the programme: the presentations come before the rooms open.
      programme: events.repo.programme(e.id),
    });
  }
  r.get("/host/:token/print", (req, res) => printPage(res, fromLink(req, "host")));

  r.use(["/events/:id/day", "/events/:id/print"], requireCoordinator, inRegion("event"));
  r.get("/events/:id/day", (req, res) => {
    const e = events.get(Number(req.params.id));
    res.render("dayof/coordinator", {
      title: `Dagen – ${e.title}`,
      role: "coordinator",
      token: "",
      eventId: e.id,
      snapshot: dayof.snapshot(e.id, "staff"),
      breadcrumbs: [
        { href: "/events", label: "Arrangementer" },
        { href: `/events/${e.id}`, label: formatDate(e.date) },
      ],
    });
  });
  r.get("/events/:id/print", (req, res) => printPage(res, events.get(Number(req.params.id))));
  return r;
}
