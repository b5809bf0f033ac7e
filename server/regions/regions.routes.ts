// Owns the coordinator's pages for regions, offices and samtalerom.
import { type Request, type Response, Router } from "express";
import type { z } from "zod";
import { inRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { FieldErrors } from "../shared/errors";
import { refusalErrors } from "../shared/render";
import { parseInput } from "../shared/validation";
import { OfficeInput, RegionInput, RoomInput, StaffDomainsInput } from "./regions.schemas";
import type { RegionsService } from "./regions.service";

export function regionsRoutes(regions: RegionsService) {
  const r = Router();
  r.use("/regions", requireCoordinator);
  r.use("/regions/:id", inRegion("region"));
  r.use("/regions/offices/:officeId", inRegion("office", "officeId"));

  // One page holds all the forms; errors and input are kept for the form that failed.
  const page = (
    res: Response,
    form?: string,
    errors: FieldErrors = {},
    values: Record<string, unknown> = {},
  ) =>
    res.status(form ? 422 : 200).render("regions/index", {
      title: "Regioner og kontorer",
      regions: regions.overview(regionFilter(res)),
      form,
      errors,
      values,
    });

  function submit<S extends z.ZodType>(
    form: string,
    schema: S,
    save: (data: z.output<S>, res: Response) => unknown,
  ) {
    return (req: Request, res: Response) => {
      const parsed = parseInput(schema, req.body);
      if (!parsed.ok) return page(res, form, parsed.errors, req.body);
      try {
        save(parsed.data, res);
      } catch (err) {
        return page(res, form, refusalErrors(err), req.body);
      }
      res.redirect(303, "/regions");
    };
  }

  r.get("/regions", (_req, res) => page(res));
  r.post(
    "/regions",
    // A coordinator who creates a region gets access to it.
    submit("region", RegionInput, (d, res) =>
      regions.createRegion(d, { grantTo: res.locals.access?.admin ? null : res.locals.coordinator?.id }),
    ),
  );
  r.post("/regions/:id/offices", (req, res) =>
    submit(`office-${req.params.id}`, OfficeInput, (d) => regions.createOffice(Number(req.params.id), d))(
      req,
      res,
    ),
  );
  r.post("/regions/:id/staff-domains", (req, res) =>
    submit(`domains-${req.params.id}`, StaffDomainsInput, (d) => {
      regions.getRegion(Number(req.params.id));
      regions.setStaffDomains(Number(req.params.id), d.staffDomains);
    })(req, res),
  );
  r.post("/regions/offices/:officeId/rooms", (req, res) =>
    submit(`room-${req.params.officeId}`, RoomInput, (d) =>
      regions.createRoom(Number(req.params.officeId), d),
    )(req, res),
  );
  return r;
}
