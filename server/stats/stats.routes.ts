// Owns the coordinator's statistics page, its CSV files and the history import (dry run, then import).
import { type Request, type Response, Router } from "express";
import { mayRegion, outsideRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { OutcomesService } from "../outcomes/outcomes.service";
import type { RegionsService } from "../regions/regions.service";
import { AppError, type FieldErrors } from "../shared/errors";
import type { RegionScope } from "../shared/scope";
import { formatInstant } from "../shared/time";
import { parseInput } from "../shared/validation";
import { FORMAT_FILTER_OPTIONS, type FormatFilter, parseFormatFilter } from "./stats.rules";
import { ImportForm } from "./stats.schemas";
import type { ImportReport, StatsService } from "./stats.service";
import { CSV_FILES, type CsvFile, formatFilterLabel, statsCsv, statsPageModel } from "./stats.view";

const EXAMPLE =
  "dato;personnøkkel;virksomhet\n14.11.2013;HM-001;Vaskebedrift AS\n14.11.2013;HM-002;Sykehuset";

/** The page's filters as a query string for its CSV links ("" when none). */
const queryOf = (regionId: number | null, format: FormatFilter) => {
  const q = new URLSearchParams();
  if (regionId) q.set("region", String(regionId));
  if (format !== "all") q.set("format", format);
  const text = q.toString();
  return text ? `?${text}` : "";
};

export function statsRoutes(deps: {
  stats: StatsService;
  regions: RegionsService;
  outcomes: OutcomesService;
}) {
  const { stats, regions, outcomes } = deps;
  const r = Router();
  r.use("/stats", requireCoordinator);

  /** The coordinator's regions (every region for an admin). */
  const myRegions = (res: Response) => regions.overview(regionFilter(res));

  /** The region filter: one of the coordinator's regions, or all of them (null: an admin's every region). */
  const regionOf = (req: Request, res: Response): RegionScope => {
    const id = Number(req.query.region);
    if (Number.isInteger(id) && regions.listRegions().some((x) => x.id === id)) {
      if (!mayRegion(res, id)) throw outsideRegion();
      return id;
    }
    return regionFilter(res);
  };

  /** The format filter: one format, or all (an unknown value shows all, like an unknown region). */
  const formatOfQuery = (req: Request): FormatFilter => parseFormatFilter(req.query.format) ?? "all";

  r.get("/stats", (req, res) => {
    const regionId = regionOf(req, res);
    const format = formatOfQuery(req);
    const model = statsPageModel(stats, regionId, format);
    const single = typeof regionId === "number" ? regionId : null;
    const regionName = regions.listRegions().find((x) => x.id === single)?.name;
    res.render("stats/index", {
      title: "Statistikk",
      ...model,
      regionId: single ?? "",
      regionName: regionName ?? (regionId === null ? "alle regioner" : "dine regioner"),
      regionOptions: [
        { value: "", label: regionId === null || single === null ? "Alle regioner" : "Alle dine regioner" },
        ...myRegions(res).map((x) => ({ value: x.id, label: x.name })),
      ],
      format: format === "all" ? "" : format,
      formatName: formatFilterLabel(format),
      formatOptions: FORMAT_FILTER_OPTIONS,
      query: queryOf(single, format),
      overdueCount: outcomes.overdue(regionId).length,
    });
  });

  r.get("/stats/:file.csv", (req, res) => {
    const file = String(req.params.file) as CsvFile;
    if (!CSV_FILES.includes(file)) throw new AppError(404, "not-found", "Fant ikke filen");
    const regionId = regionOf(req, res);
    const format = formatOfQuery(req);
    res
      .type("text/csv; charset=utf-8")
      .attachment(
        `ta-sjansen-${file}${typeof regionId === "number" ? `-region-${regionId}` : ""}${format === "all" ? "" : `-${format}`}.csv`,
      )
      .send(statsCsv(stats, regionId, file, format));
  });

  function importPage(
    res: Response,
    opts: {
      status?: number;
      values?: Record<string, unknown>;
      errors?: FieldErrors;
      report?: ImportReport;
      flash?: string | null;
    } = {},
  ) {
    const all = myRegions(res);
    const values = opts.values ?? { regionId: all.length === 1 ? all[0].id : "", csv: "" };
    const regionId = Number(values.regionId);
    res.status(opts.status ?? 200).render("stats/import", {
      title: "Importer historikk",
      values,
      errors: opts.errors ?? {},
      report: opts.report ?? null,
      mode: values.mode,
      flash: opts.flash ?? null,
      example: EXAMPLE,
      regionOptions: [
        { value: "", label: "Velg region" },
        ...all.map((x) => ({ value: x.id, label: x.name })),
      ],
      imports: all.some((x) => x.id === regionId)
        ? stats.imports(regionId).map((i) => ({ ...i, when: formatInstant(i.importedAt) }))
        : [],
      breadcrumbs: [{ href: "/stats", label: "Statistikk" }],
    });
  }

  r.get("/stats/import", (req, res) => {
    const lines = Number(req.query.importert);
    const regionId = Number(req.query.region);
    importPage(res, {
      values: regionId ? { regionId, csv: "" } : undefined,
      flash: lines > 0 ? `Historikken er importert: ${lines} deltakelser.` : null,
    });
  });

  r.post("/stats/import", (req, res) => {
    // A chosen file wins over the text box; the text box then shows the file's content for fixing.
    if (typeof req.body.csvFile === "string" && req.body.csvFile.trim()) req.body.csv = req.body.csvFile;
    delete req.body.csvFile;
    const parsed = parseInput(ImportForm, req.body);
    if (!parsed.ok) return importPage(res, { status: 422, values: req.body, errors: parsed.errors });
    const { regionId, csv, mode } = parsed.data;
    if (!myRegions(res).some((x) => x.id === regionId)) {
      return importPage(res, {
        status: 422,
        values: req.body,
        errors: { regionId: "Velg en region fra listen" },
      });
    }
    const report =
      mode === "dry-run"
        ? stats.dryRun(regionId, csv)
        : stats.importHistory(`coordinator:${res.locals.coordinator?.id}`, regionId, csv);
    // Refused lines are listed in the report; the summary points at it, and the text stays for fixing.
    const errors: FieldErrors = report.ok
      ? {}
      : {
          csv: `${report.rejected.length} ${report.rejected.length === 1 ? "linje er avvist" : "linjer er avvist"}, så ingenting er importert. Se listen under, rett filen og prøv igjen.`,
        };
    if (report.ok && mode === "import") {
      return res.redirect(303, `/stats/import?region=${regionId}&importert=${report.lines.length}`);
    }
    importPage(res, { status: report.ok ? 200 : 422, values: req.body, errors, report });
  });

  return r;
}
