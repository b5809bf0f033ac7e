// Owns the statistics JSON API: GET /stats/participation, for one region and one format or all (mounted behind
// requireApiCoordinator).
import { Router } from "express";
import type { z } from "zod";
import { mayRegion, outsideRegion, regionFilter } from "../auth/access";
import { AppError, invalidInput } from "../shared/errors";
import type { RegionScope } from "../shared/scope";
import { parseFormatFilter } from "./stats.rules";
import type { StatsParticipationOutput } from "./stats.schemas";
import type { StatsService } from "./stats.service";

export function statsApi(stats: StatsService, regionExists: (id: number) => boolean) {
  const r = Router();
  r.get("/stats/participation", (req, res) => {
    let regionId: RegionScope = regionFilter(res);
    if (req.query.regionId !== undefined) {
      const id = Number(req.query.regionId);
      if (!Number.isInteger(id) || !regionExists(id)) throw new AppError(404, "not-found", "Ukjent region");
      if (!mayRegion(res, id)) throw outsideRegion();
      regionId = id;
    }
    const format = parseFormatFilter(req.query.format);
    if (format === null) {
      throw invalidInput(
        {
          format: "Ukjent format. Bruk ta-sjansen, speedintervju eller minijobbmesse, eller la det stå tomt.",
        },
        "Ukjent format",
      );
    }
    const t = stats.participation(regionId, format);
    const body: z.output<typeof StatsParticipationOutput> = {
      rows: t.rows.map((row) => ({
        year: row.year,
        candidates: row.candidates,
        events: row.events,
        participants: row.participants,
      })),
      total: t.total,
    };
    res.json(body);
  });
  return r;
}
