// Owns the employer's page behind its link for editing tasks, training and requirements until the booking deadline.
import { type Request, type Response, Router } from "express";
import { ParticipationInput } from "../events/events.schemas";
import { formatOf } from "../events/formats";
import { AppError, type FieldErrors } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { formatDate, formatInstant } from "../shared/time";
import { parseInput } from "../shared/validation";
import { participationFromLink } from "./employer.routes";
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
  clock: () => Date;
}) {
  const { outcomes, tasks, secret, clock } = deps;
  const r = Router();

  /** The employer link's own page, alive as long as the link is (410 after, as its other pages). */
  function fromLink(req: Request) {
    const p = participationFromLink(outcomes, secret, String(req.params.token), clock());
    // A Speedintervju panel's link records the selection; the tasks are the workplace's, kept by the coordinator.
    if (formatOf(p.eventFormat).roomHost === "panel")
      throw new AppError(
        404,
        "not-found",
        "Denne lenken hører til et intervjupanel og har ingen arbeidsoppgaver å endre.",
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
      backLabel: formatOf(p.eventFormat).hasSlots ? "Til tilbakemeldingene" : "Til besøkene i rommet",
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
