// Owns the coordinator's pages for the employer register.
import { type Response, Router } from "express";
import { inRegion, mayRegion, outsideRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { RegionsService } from "../regions/regions.service";
import type { FieldErrors } from "../shared/errors";
import { redirectWithFlash } from "../shared/flash";
import { refusalErrors } from "../shared/render";
import { parseInput } from "../shared/validation";
import { EmployerInput, SECTORS, SIZES } from "./employers.schemas";
import type { EmployersService } from "./employers.service";

export function employersRoutes(employers: EmployersService, regions: RegionsService) {
  const r = Router();
  r.use("/employers", requireCoordinator);
  r.use("/employers/:id", inRegion("employer"));

  /** The regions this coordinator reaches. */
  const myRegions = (res: Response) => regions.overview(regionFilter(res));
  /** An employer is saved only into a region the coordinator reaches. */
  const checkRegion = (res: Response, regionId: number) => {
    if (!mayRegion(res, regionId)) throw outsideRegion();
  };

  const formVm = (res: Response, title: string, action: string) => ({
    title,
    action,
    regionOptions: myRegions(res).map((g) => ({ value: g.id, label: g.name })),
    sectorOptions: Object.entries(SECTORS).map(([value, label]) => ({ value, label })),
    sizeOptions: [
      { value: "", label: "Ikke oppgitt" },
      ...SIZES.map((s) => ({ value: s, label: `${s} ansatte` })),
    ],
    breadcrumbs: [{ href: "/employers", label: "Virksomheter" }],
  });
  const form = (
    res: Response,
    vm: ReturnType<typeof formVm>,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    duplicate: { id: number; name: string } | null = null,
  ) =>
    res
      .status(Object.keys(errors).length ? 422 : 200)
      .render("employers/form", { ...vm, values, errors, duplicate });

  r.get("/employers", (req, res) => {
    const regionId = Number(req.query.region) || undefined;
    const mine = regionFilter(res);
    const list = employers.list(regionId).filter((e) => mine === null || mine.includes(e.regionId));
    const regionNames = new Map(myRegions(res).map((g) => [g.id, g.name]));
    res.render("employers/index", {
      title: "Virksomheter",
      employers: list.map((e) => ({
        ...e,
        regionName: regionNames.get(e.regionId),
        sectorLabel: SECTORS[e.sector],
      })),
    });
  });

  r.get("/employers/new", (req, res) => {
    const mine = regions.listRegions().filter((g) => res.locals.access?.allows("region", g.id) ?? true);
    // With one region there is nothing to choose.
    const regionId = req.query.region ?? (mine.length === 1 ? mine[0].id : "");
    form(res, formVm(res, "Ny virksomhet", "/employers"), { regionId, sector: "private" });
  });

  r.post("/employers", (req, res) => {
    const vm = formVm(res, "Ny virksomhet", "/employers");
    const parsed = parseInput(EmployerInput, req.body);
    if (!parsed.ok) return form(res, vm, req.body, parsed.errors);
    checkRegion(res, parsed.data.regionId);
    try {
      employers.create(parsed.data);
    } catch (err) {
      return form(res, vm, req.body, refusalErrors(err), employers.duplicateOf(parsed.data));
    }
    redirectWithFlash(res, "/employers", "virksomhet-registrert");
  });

  r.get("/employers/:id/edit", (req, res) => {
    const e = employers.get(Number(req.params.id));
    form(res, formVm(res, `Endre ${e.name}`, `/employers/${e.id}`), { ...e, orgNumber: e.orgNumber ?? "" });
  });

  r.post("/employers/:id", (req, res) => {
    const e = employers.get(Number(req.params.id));
    const vm = formVm(res, `Endre ${e.name}`, `/employers/${e.id}`);
    const parsed = parseInput(EmployerInput, req.body);
    if (!parsed.ok) return form(res, vm, req.body, parsed.errors);
    checkRegion(res, parsed.data.regionId);
    try {
      employers.update(e.id, parsed.data);
    } catch (err) {
      return form(res, vm, req.body, refusalErrors(err), employers.duplicateOf(parsed.data, e.id));
    }
    redirectWithFlash(res, "/employers", "lagret");
  });
  return r;
}
