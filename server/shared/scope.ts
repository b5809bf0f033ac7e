// Owns the region filter lists and statistics take: one region, several (a coordinator's own), or null for all.
export type RegionScope = number | readonly number[] | null;

/** For SQL `(@region IS NULL OR x.region_id IN (SELECT value FROM json_each(@region)))`. */
export const scopeParam = (scope: RegionScope): string | null =>
  scope === null ? null : JSON.stringify(typeof scope === "number" ? [scope] : scope);

export const inScope = (scope: RegionScope, regionId: number): boolean =>
  scope === null || (typeof scope === "number" ? scope === regionId : scope.includes(regionId));
