// Owns deciding what a coordinator may see and change: the regions a session or API token reaches, whether it may
// write, and the region every coordinator-facing resource (event, employer, office, …) belongs to. Routes and the
// API enforce it with `inRegion` on their paths and `regionFilter` on their lists; nothing else decides.
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/connection";
import { AppError } from "../shared/errors";
import type { ApiTokenRow, Coordinator } from "./auth.repo";

export type ResourceKind =
  | "region"
  | "office"
  | "room"
  | "event"
  | "participation"
  | "employer"
  | "candidate"
  | "person"
  | "booking"
  | "mail";

export type Access = {
  /** For the audit log: "coordinator:3" or "api-token:2". */
  actor: string;
  coordinatorId: number | null;
  admin: boolean;
  /** The regions reached; null means every region. */
  regionIds: number[] | null;
  write: boolean;
  /** Whether this caller may reach the resource; undefined when no such resource exists. */
  allows(kind: ResourceKind, id: number): boolean | undefined;
};

declare global {
  namespace Express {
    interface Locals {
      access?: Access;
    }
  }
}

const REGION_OF: Record<ResourceKind, string> = {
  region: "SELECT id AS regionId FROM region WHERE id = ?",
  office: "SELECT region_id AS regionId FROM office WHERE id = ?",
  room: "SELECT o.region_id AS regionId FROM room r JOIN office o ON o.id = r.office_id WHERE r.id = ?",
  event: "SELECT region_id AS regionId FROM event WHERE id = ?",
  participation:
    "SELECT e.region_id AS regionId FROM participation p JOIN event e ON e.id = p.event_id WHERE p.id = ?",
  employer: "SELECT region_id AS regionId FROM employer WHERE id = ?",
  candidate:
    "SELECT e.region_id AS regionId FROM candidate c JOIN event e ON e.id = c.event_id WHERE c.id = ?",
  person: "SELECT region_id AS regionId FROM person WHERE id = ?",
  booking:
    "SELECT e.region_id AS regionId FROM booking b JOIN candidate c ON c.id = b.candidate_id JOIN event e ON e.id = c.event_id WHERE b.id = ?",
  // A mail whose key names no region (none today) is for admins only.
  mail: "SELECT region_id AS regionId FROM mail_outbox_scope WHERE mail_id = ?",
};

export const allowsRegion = (a: Pick<Access, "regionIds">, regionId: number) =>
  a.regionIds === null || a.regionIds.includes(regionId);

export function accessPolicy(db: Db) {
  const stmts = Object.fromEntries(
    Object.entries(REGION_OF).map(([k, sql]) => [k, db.prepare<[number], { regionId: number | null }>(sql)]),
  ) as Record<ResourceKind, ReturnType<typeof db.prepare<[number], { regionId: number | null }>>>;
  const regionIdsOf = db.prepare<[number], { regionId: number }>(
    "SELECT region_id AS regionId FROM coordinator_region WHERE coordinator_id = ? ORDER BY region_id",
  );

  /** The region a resource belongs to: undefined when it does not exist, null when it belongs to none. */
  const regionOf = (kind: ResourceKind, id: number): number | null | undefined => {
    const row = stmts[kind].get(id);
    return row ? row.regionId : undefined;
  };

  function make(base: Omit<Access, "allows">): Access {
    return {
      ...base,
      allows(kind, id) {
        const r = regionOf(kind, id);
        if (r === undefined) return undefined;
        if (r === null) return base.regionIds === null;
        return allowsRegion(base, r);
      },
    };
  }

  const coordinatorRegions = (c: Pick<Coordinator, "id" | "isAdmin">) =>
    c.isAdmin ? null : regionIdsOf.all(c.id).map((r) => r.regionId);

  return {
    regionOf,
    forCoordinator: (c: Coordinator): Access =>
      make({
        actor: `coordinator:${c.id}`,
        coordinatorId: c.id,
        admin: c.isAdmin,
        regionIds: coordinatorRegions(c),
        write: true,
      }),
    /** A token reaches its own region (or all), and never more than its owner reaches today. */
    forToken(t: ApiTokenRow, owner: Coordinator | undefined): Access {
      const ownerRegions = owner ? coordinatorRegions(owner) : null;
      let regionIds: number[] | null;
      if (t.regionId === null) regionIds = ownerRegions;
      else regionIds = ownerRegions === null || ownerRegions.includes(t.regionId) ? [t.regionId] : [];
      return make({
        actor: `api-token:${t.id}`,
        coordinatorId: owner?.id ?? null,
        admin: false,
        regionIds,
        write: t.scope === "read-write",
      });
    },
  };
}
export type AccessPolicy = ReturnType<typeof accessPolicy>;

const positiveInt = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * Guards a path whose `param` names a resource of `kind`: a coordinator outside its region is refused (403). A
 * missing caller is left to requireCoordinator / requireApiCoordinator, which run first; a non-numeric or unknown
 * id is left to the route's own 404.
 */
export function inRegion(kind: ResourceKind, param = "id") {
  return (req: Request, res: Response, next: NextFunction) => {
    const access = res.locals.access;
    if (!access) return next(new AppError(401, "unauthenticated", "Du må logge inn"));
    const id = positiveInt(req.params[param]);
    if (id === null) return next();
    if (access.allows(kind, id) === false) return next(outsideRegion());
    next();
  };
}

export const outsideRegion = () =>
  new AppError(403, "outside-region", "Du har ikke tilgang til denne regionen. Spør en administrator.");

/** The regions a list may show the caller (null: all), for pages and API lists. */
export function regionFilter(res: Response): number[] | null {
  const a = res.locals.access;
  if (!a) throw new AppError(401, "unauthenticated", "Du må logge inn");
  return a.regionIds;
}

/** Whether the caller reaches this region; for ids that arrive in a form or a query rather than the path. */
export function mayRegion(res: Response, regionId: number): boolean {
  const a = res.locals.access;
  return Boolean(a && allowsRegion(a, regionId));
}
