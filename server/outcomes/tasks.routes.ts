// Owns the employer's page behind its link for editing tasks, training and requirements until the booking deadline.
import { type Request, type Response, Router } from "express";
import { ParticipationInput } from "../events/events.schemas";
import { AppError, type FieldErrors } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { formatDate, formatInstant } from "../shared/time";
import { parseInput } from "../shared/validation";
import { participationForToken } from "./links";
import type { OutcomesService } from "./outcomes.service";
import { employerOf } from "./outcomes.view";
import { EDITABLE_FIELDS } from "./tasks.rules";
import type { EmployerTasksService } from "./tasks.service";

const TaskForm = ParticipationInput.pick({
  tasks: true,
  training: true,
  prerequisites: true,
  restrictions: true,
});

export function employerTasksRoutes(deps: {
  outcomes: OutcomesService;
  tasks: EmployerTasksService;
  secret: string;
}) {
  const { outcomes, tasks, secret } = deps;
  const r = Router();

  function fromLink(req: Request) {
    const p = participationForToken(secret, String(req.params.token), (id) => outcomes.linkParticipation(id));
    if (!p)
      throw new AppError(
        404,
        "unknown-link",
        "Lenken er ukjent eller er byttet ut. Spør markedskoordinatoren om ny lenke.",
      );
    return p;
  }

  function page(
    req: Request,
    res: Response,
    opts: { status?: number; values?: unknown; errors?: FieldErrors } = {},
  ) {
    const p = fromLink(req);
    const { texts, decision } = tasks.current(p.id);
    res.status(opts.status ?? 200).render("outcomes/employer-tasks", {
      title: `Arbeidsoppgaver – ${employerOf(p)}`,
      p: { employer: employerOf(p), eventTitle: p.eventTitle, dateText: formatDate(p.eventDate) },
      base: `/a/${req.params.token}`,
      editable: decision.ok,
      closedMessage: decision.ok ? null : decision.message,
      values: opts.values ?? texts,
      errors: opts.errors ?? {},
      labels: EDITABLE_FIELDS,
      flash:
        req.query.lagret !== undefined
          ? "Beskrivelsen er lagret. Veilederne ser den nye teksten med en gang."
          : null,
    });
  }

  r.get("/a/:token/oppgaver", (req, res) => page(req, res));

  r.post("/a/:token/oppgaver", (req, res) => {
    const p = fromLink(req);
    const parsed = parseInput(TaskForm, req.body);
    if (!parsed.ok) return page(req, res, { status: 422, values: req.body, errors: parsed.errors });
    try {
      tasks.save(p.id, parsed.data);
    } catch (err) {
      const status = err instanceof AppError && err.status === 409 ? 409 : 422;
      return page(req, res, { status, values: req.body, errors: refusalErrors(err) });
    }
    res.redirect(303, `/a/${req.params.token}/oppgaver?lagret`);
  });

  return r;
}

/** The coordinator's list of what the employer changed, newest first, with times in Oslo. */
export function changeList(tasks: EmployerTasksService, participationId: number) {
  return tasks.changes(participationId).map((c) => ({
    when: formatInstant(c.changedAt),
    changes: c.changes.map((x) => ({ label: EDITABLE_FIELDS[x.field], before: x.before, after: x.after })),
  }));
}
