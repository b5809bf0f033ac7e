// Owns creating regions, offices and rooms, refusing duplicates with a message per field.

import { parseStaffDomains } from "../booking/identity.rules";
import type { Db } from "../db/connection";
import { AppError, notFound } from "../shared/errors";
import type { Clock } from "../shared/time";
import { regionsRepo } from "./regions.repo";

export function regionsService(db: Db, clock: Clock) {
  const repo = regionsRepo(db);
  return {
    repo,
    listRegions: () => repo.regions(),
    /** The e-mail domains the region's veiledere book from (default nav.no). */
    staffDomains: (regionId: number) => parseStaffDomains(repo.staffDomains(regionId) ?? ""),
    setStaffDomains: (regionId: number, text: string) =>
      repo.setStaffDomains(regionId, parseStaffDomains(text).join(", ")),
    /** Every region with its offices and each office's rooms, for pages and pickers. */
    overview: (regionIds: readonly number[] | null = null) =>
      repo
        .regions()
        .filter((r) => regionIds === null || regionIds.includes(r.id))
        .map((r) => ({
          ...r,
          offices: repo.offices(r.id).map((o) => ({ ...o, rooms: repo.rooms(o.id) })),
          staffDomains: parseStaffDomains(repo.staffDomains(r.id) ?? "").join(", "),
        })),
    getRegion(id: number) {
      const r = repo.region(id);
      if (!r) throw notFound("Fant ikke regionen");
      return r;
    },
    /** `grantTo`: the coordinator who creates it, who gets access to it in the same transaction. */
    createRegion(input: { name: string }, opts: { grantTo?: number | null } = {}) {
      return db.transaction(() => {
        if (repo.regionByName(input.name)) {
          throw new AppError(409, "region-exists", "Regionen finnes", {
            name: "Det finnes allerede en region med dette navnet",
          });
        }
        const id = repo.insertRegion(input.name, clock().toISOString());
        if (opts.grantTo) repo.grantRegion(opts.grantTo, id);
        return id;
      })();
    },
    createOffice(regionId: number, input: { name: string; address: string }) {
      this.getRegion(regionId);
      if (repo.officeByName(regionId, input.name)) {
        throw new AppError(409, "office-exists", "Kontoret finnes", {
          name: "Regionen har allerede et kontor med dette navnet",
        });
      }
      return repo.insertOffice(regionId, input.name, input.address);
    },
    createRoom(officeId: number, input: { name: string }) {
      if (!repo.office(officeId)) throw notFound("Fant ikke kontoret");
      if (repo.roomByName(officeId, input.name)) {
        throw new AppError(409, "room-exists", "Rommet finnes", {
          name: "Kontoret har allerede et rom med dette navnet",
        });
      }
      return repo.insertRoom(officeId, input.name);
    },
    // Renames keep the id, so events, bookings and statistics follow the new name.
    renameRegion(id: number, input: { name: string }) {
      this.getRegion(id);
      const other = repo.regionByName(input.name);
      if (other && other.id !== id) {
        throw new AppError(409, "region-exists", "Regionen finnes", {
          name: "Det finnes allerede en region med dette navnet",
        });
      }
      repo.renameRegion(id, input.name);
    },
    updateOffice(id: number, input: { name: string; address: string }) {
      const office = repo.office(id);
      if (!office) throw notFound("Fant ikke kontoret");
      const other = repo.officeByName(office.regionId, input.name);
      if (other && other.id !== id) {
        throw new AppError(409, "office-exists", "Kontoret finnes", {
          name: "Regionen har allerede et kontor med dette navnet",
        });
      }
      repo.updateOffice(id, input.name, input.address);
    },
    renameRoom(id: number, input: { name: string }) {
      const room = repo.room(id);
      if (!room) throw notFound("Fant ikke samtalerommet");
      const other = repo.roomByName(room.officeId, input.name);
      if (other && other.id !== id) {
        throw new AppError(409, "room-exists", "Rommet finnes", {
          name: "Kontoret har allerede et rom med dette navnet",
        });
      }
      repo.renameRoom(id, input.name);
    },
  };
}
export type RegionsService = ReturnType<typeof regionsService>;
