// Owns the employer register: one entry per employer per region, reused across events.
import type { Db } from "../db/connection";
import { regionsRepo } from "../regions/regions.repo";
import { AppError, type FieldErrors, notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { employersRepo } from "./employers.repo";
import type { EmployerInput } from "./employers.schemas";

export function employersService(db: Db, clock: Clock) {
  const repo = employersRepo(db);
  const regions = regionsRepo(db);

  function checkUnique(input: EmployerInput, exceptId?: number) {
    if (!regions.region(input.regionId)) {
      throw new AppError(422, "invalid-input", "Ukjent region", { regionId: "Velg en region fra listen" });
    }
    const errors: FieldErrors = {};
    const same = repo.byName(input.regionId, input.name);
    if (same && same.id !== exceptId) {
      errors.name = `${same.name} finnes allerede i registeret. Bruk den som finnes.`;
    }
    const sameOrg = input.orgNumber ? repo.byOrgNumber(input.regionId, input.orgNumber) : undefined;
    if (sameOrg && sameOrg.id !== exceptId) {
      errors.orgNumber = `Organisasjonsnummeret er allerede registrert på «${sameOrg.name}». Bruk den som finnes.`;
    }
    if (Object.keys(errors).length) throw new AppError(409, "employer-exists", "Virksomheten finnes", errors);
  }

  /** The employer a refused form collides with, for a link to it. */
  function duplicateOf(
    input: { regionId?: unknown; name?: unknown; orgNumber?: unknown },
    exceptId?: number,
  ) {
    const regionId = Number(input.regionId);
    const orgNumber = String(input.orgNumber ?? "").replace(/\s/g, "");
    const hit =
      (orgNumber ? repo.byOrgNumber(regionId, orgNumber) : undefined) ??
      repo.byName(regionId, String(input.name ?? "").trim());
    return hit && hit.id !== exceptId ? { id: hit.id, name: hit.name } : null;
  }

  return {
    duplicateOf,
    list: (regionId?: number) => repo.list(regionId),
    get(id: number) {
      const e = repo.get(id);
      if (!e) throw notFound("Fant ikke virksomheten");
      return e;
    },
    create(input: EmployerInput) {
      return db.transaction(() => {
        checkUnique(input);
        return repo.insert(input, clock().toISOString());
      })();
    },
    update(id: number, input: EmployerInput) {
      db.transaction(() => {
        this.get(id);
        checkUnique(input, id);
        repo.update(id, input);
      })();
    },
  };
}
export type EmployersService = ReturnType<typeof employersService>;
