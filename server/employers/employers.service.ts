// Owns the employer register: one entry per employer per region, reused across events.
import type { Db } from "../db/connection";
import { regionsRepo } from "../regions/regions.repo";
import { AppError, notFound } from "../shared/errors";
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
    const same = repo.byName(input.regionId, input.name);
    if (same && same.id !== exceptId) {
      throw new AppError(409, "employer-exists", "Virksomheten finnes", {
        name: `${same.name} finnes allerede i registeret. Bruk den som finnes.`,
      });
    }
  }

  return {
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
