// Owns the statistics JSON API: GET /stats/participation (mounted behind requireApiCoordinator).
import { Router } from "express";
import type { z } from "zod";
import { AppError } from "../shared/errors";
import type { StatsParticipationOutput } from "./stats.schemas";
import type { StatsService } from "./stats.service";

export function statsApi(stats: StatsService, regionExists: (id: number) => boolean) {
  const r = Router();
  r.get("/stats/participation", (req, res) => {
    let regionId: number | null = null;
    if (req.query.regionId !== undefined) {
      regionId = Number(req.query.regionId);
      if (!Number.isInteger(regionId) || !regionExists(regionId))
        throw new AppError(404, "not-found", "Ukjent region");
    }
    const t = stats.participation(regionId);
    const body: z.output<typeof StatsParticipationOutput> = {
      rows: t.rows.map((row) => ({ year: row.year, candidates: row.candidates, events: row.events })),
      total: t.total,
    };
    res.json(body);
  });
  return r;
}
