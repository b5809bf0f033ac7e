// Owns the coordinator's pages for regions, offices and samtalerom.
import { type Request, type Response, Router } from "express";
import type { z } from "zod";
import { inRegion, regionFilter } from "../auth/access";
import { requireCoordinator } from "../auth/middleware";
import type { FieldErrors } from "../shared/errors";
import { type FlashCode, redirectWithFlash } from "../shared/flash";
import { refusalErrors } from "../shared/render";
import { parseInput } from "../shared/validation";
import { OfficeInput, RegionInput, RoomInput, StaffDomainsInput } from "./regions.schemas";
import type { RegionsService } from "./regions.service";

/** What the region page shows about the region's markeds-e-post (owned by the digest feature). */
export type DigestHealthLookup = (regionId: number) => { recipientCount: number; alert: string | null };

export function regionsRoutes(regions: RegionsService, digestHealth?: DigestHealthLookup) {
  const r = Router();
  r.use("/regions", requireCoordinator);
  r.use("/regions/:id", inRegion("region"));
  r.use("/regions/offices/:officeId", inRegion("office", "officeId"));
  r.use("/regions/rooms/:roomId", inRegion("room", "roomId"));

  // One page holds all the forms; errors and input are kept for the form that failed.
  const page = (
    res: Response,
    form?: string,
    errors: FieldErrors = {},
    values: Record<string, unknown> = {},
  ) =>
    res.status(form ? 422 : 200).render("regions/index", {
      title: "Regioner og kontorer",
      regions: regions
        .overview(regionFilter(res))
        .map((g) => ({ ...g, digest: digestHealth?.(g.id) ?? null })),
      form,
      errors,
      values,
    });

  function submit<S extends z.ZodType>(
    form: string,
    schema: S,
    save: (data: z.output<S>, res: Response) => unknown,
    done: { flash: FlashCode; anchor?: string },
  ) {
    return (req: Request, res: Response) => {
      const parsed = parseInput(schema, req.body);
      if (!parsed.ok) return page(res, form, parsed.errors, req.body);
      try {
        save(parsed.data, res);
      } catch (err) {
        return page(res, form, refusalErrors(err), req.body);
      }
      redirectWithFlash(res, `/regions${done.anchor ? `#${done.anchor}` : ""}`, done.flash);
    };
  }

  r.get("/regions", (_req, res) => page(res));
  r.post(
    "/regions",
    // A coordinator who creates a region gets access to it.
    submit(
      "region",
      RegionInput,
      (d, res) =>
        regions.createRegion(d, { grantTo: res.locals.access?.admin ? null : res.locals.coordinator?.id }),
      { flash: "region-opprettet" },
    ),
  );
  r.post("/regions/:id/offices", (req, res) =>
    submit(`office-${req.params.id}`, OfficeInput, (d) => regions.createOffice(Number(req.params.id), d), {
      flash: "kontor-opprettet",
      anchor: `region-${req.params.id}`,
    })(req, res),
  );
  r.post("/regions/:id/staff-domains", (req, res) =>
    submit(
      `domains-${req.params.id}`,
      StaffDomainsInput,
      (d) => {
        regions.getRegion(Number(req.params.id));
        regions.setStaffDomains(Number(req.params.id), d.staffDomains);
      },
      { flash: "lagret", anchor: `region-${req.params.id}` },
    )(req, res),
  );
  r.post("/regions/offices/:officeId/rooms", (req, res) =>
    submit(
      `room-${req.params.officeId}`,
      RoomInput,
      (d) => regions.createRoom(Number(req.params.officeId), d),
      { flash: "rom-opprettet", anchor: `office-${req.params.officeId}` },
    )(req, res),
  );
  r.post("/regions/:id/rename", (req, res) =>
    submit(
      `rename-region-${req.params.id}`,
      RegionInput,
      (d) => regions.renameRegion(Number(req.params.id), d),
      {
        flash: "nytt-navn",
        anchor: `region-${req.params.id}`,
      },
    )(req, res),
  );
  r.post("/regions/offices/:officeId/rename", (req, res) =>
    submit(
      `rename-office-${req.params.officeId}`,
      OfficeInput,
      (d) => regions.updateOffice(Number(req.params.officeId), d),
      { flash: "nytt-navn", anchor: `office-${req.params.officeId}` },
    )(req, res),
  );
  r.post("/regions/rooms/:roomId/rename", (req, res) => {
    const room = regions.repo.room(Number(req.params.roomId));
    return submit(
      `rename-room-${req.params.roomId}`,
      RoomInput,
      (d) => regions.renameRoom(Number(req.params.roomId), d),
      { flash: "nytt-navn", anchor: room ? `office-${room.officeId}` : undefined },
    )(req, res);
  });
  return r;
}
