// Owns mounting the statistics (page, CSV, history import and the JSON API) into createApp.
import type { Db } from "../db/connection";
import type { OutcomesService } from "../outcomes/outcomes.service";
import type { RegionsService } from "../regions/regions.service";
import type { Clock } from "../shared/time";
import { statsApi } from "./stats.api";
import { statsRoutes } from "./stats.routes";
import { statsService } from "./stats.service";

export function statsFeature(deps: {
  db: Db;
  clock: Clock;
  regions: RegionsService;
  outcomes: OutcomesService;
}) {
  const stats = statsService(deps.db, deps.clock);
  return {
    stats,
    routes: statsRoutes({ stats, regions: deps.regions, outcomes: deps.outcomes }),
    api: statsApi(stats, (id) => deps.regions.listRegions().some((r) => r.id === id)),
  };
}
