// Owns the coordinator's status register pages: the people of a cohort year and each person's dated snapshots.
import { type Request, type Response, Router } from "express";
import { inRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { RegionsService } from "../regions/regions.service";
import { AppError, type FieldErrors } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { formatDate, osloDate } from "../shared/time";
import { parseInput } from "../shared/validation";
import { STATUS_CATEGORIES } from "./outcomes.rules";
import { StatusForm } from "./outcomes.schemas";
import { statusLine, statusOptions } from "./outcomes.view";
import type { StatusService } from "./status.service";

export function statusRoutes(deps: { status: StatusService; regions: RegionsService; clock: () => Date }) {
  const { status, regions, clock } = deps;
  const r = Router();
  r.use("/status", requireCoordinator);
  r.use("/status/persons/:id", inRegion("person"));

  r.get("/status", (req, res) => {
    // Only the coordinator's regions; another region's id falls back to the first of them.
    const all = regions.overview(regionFilter(res));
    const regionId = Number(req.query.region) || all[0]?.id || 0;
    const region = all.find((x) => x.id === regionId);
    const years = region ? status.years(region.id) : [];
    const year = Number(req.query.year) || years[0] || 0;
    const rows = region && year ? status.register(region.id, year) : [];
    res.render("outcomes/status", {
      title: "Statusregister",
      regionOptions: all.map((x) => ({ value: x.id, label: x.name })),
      yearOptions: years.map((y) => ({ value: y, label: String(y) })),
      regionId,
      year,
      rows: rows.map((x) => ({
        personId: x.person.id,
        who: x.name ?? x.person.personKey,
        source: x.person.source === "import" ? "Importert" : "Ta sjansen",
        firstText: formatDate(x.firstDate),
        latest: x.latest ? statusLine(x.latest) : null,
      })),
      withStatus: rows.filter((x) => x.latest).length,
      breadcrumbs: [{ href: "/stats", label: "Statistikk" }],
    });
  });

  function personPage(
    req: Request,
    res: Response,
    opts: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {},
  ) {
    const o = status.overview(Number(req.params.id));
    // A person from the tool is shown by the candidate's name; an imported one by the region's key.
    const name = status.persons.personCandidates(o.person.id).at(-1)?.displayName ?? o.person.personKey;
    res.status(opts.status ?? 200).render("outcomes/person", {
      title: `Status for ${name}`,
      name,
      person: o.person,
      participations: o.participations.map((p) => ({ ...p, dateText: formatDate(p.date) })),
      tookPart: o.firstDate !== null,
      cohortYear: o.cohortYear,
      earliestText: o.earliestStatus ? formatDate(o.earliestStatus) : null,
      snapshots: o.snapshots.map(statusLine),
      statusOptions: [{ value: "", label: "Velg status" }, ...statusOptions],
      values: opts.values ?? { asOf: osloDate(clock()) },
      errors: opts.errors ?? {},
      flash: req.query.lagret !== undefined ? "Statusen er registrert." : null,
      categories: STATUS_CATEGORIES,
      breadcrumbs: [
        { href: "/stats", label: "Statistikk" },
        {
          href: `/status?region=${o.person.regionId}${o.cohortYear ? `&year=${o.cohortYear}` : ""}`,
          label: "Statusregister",
        },
      ],
    });
  }

  r.get("/status/persons/:id", (req, res) => personPage(req, res));

  r.post("/status/persons/:id", (req, res) => {
    const parsed = parseInput(StatusForm, req.body);
    if (!parsed.ok) return personPage(req, res, { status: 422, errors: parsed.errors, values: req.body });
    try {
      status.record(`coordinator:${res.locals.coordinator?.id}`, Number(req.params.id), parsed.data);
    } catch (err) {
      const errors = refusalErrors(err);
      return personPage(req, res, {
        status: err instanceof AppError && err.status === 409 ? 409 : 422,
        errors,
        values: req.body,
      });
    }
    res.redirect(303, `/status/persons/${Number(req.params.id)}?lagret`);
  });

  return r;
}
