// Owns SQL for regions, offices and rooms.
import type { Db } from "../db/connection";

export type Region = { id: number; name: string };
export type Office = { id: number; regionId: number; name: string; address: string };
export type Room = { id: number; officeId: number; name: string };

export function regionsRepo(db: Db) {
  const s = {
    regions: db.prepare<[], Region>("SELECT id, name FROM region ORDER BY name"),
    region: db.prepare<[number], Region>("SELECT id, name FROM region WHERE id = ?"),
    regionByName: db.prepare<[string], Region>("SELECT id, name FROM region WHERE name = ?"),
    insertRegion: db.prepare("INSERT INTO region (name, created_at) VALUES (?, ?)"),
    offices: db.prepare<[number], Office>(
      "SELECT id, region_id AS regionId, name, address FROM office WHERE region_id = ? ORDER BY name",
    ),
    office: db.prepare<[number], Office>(
      "SELECT id, region_id AS regionId, name, address FROM office WHERE id = ?",
    ),
    officeByName: db.prepare<[number, string], Office>(
      "SELECT id, region_id AS regionId, name, address FROM office WHERE region_id = ? AND name = ?",
    ),
    insertOffice: db.prepare("INSERT INTO office (region_id, name, address) VALUES (?, ?, ?)"),
    rooms: db.prepare<[number], Room>(
      "SELECT id, office_id AS officeId, name FROM room WHERE office_id = ? ORDER BY name",
    ),
    room: db.prepare<[number], Room>("SELECT id, office_id AS officeId, name FROM room WHERE id = ?"),
    roomByName: db.prepare<[number, string], Room>(
      "SELECT id, office_id AS officeId, name FROM room WHERE office_id = ? AND name = ?",
    ),
    insertRoom: db.prepare("INSERT INTO room (office_id, name) VALUES (?, ?)"),
    grantRegion: db.prepare(
      "INSERT INTO coordinator_region (coordinator_id, region_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
    ),
    staffDomains: db.prepare<[number], { staffDomains: string }>(
      "SELECT staff_domains AS staffDomains FROM region WHERE id = ?",
    ),
    setStaffDomains: db.prepare("UPDATE region SET staff_domains = ? WHERE id = ?"),
    renameRegion: db.prepare("UPDATE region SET name = ? WHERE id = ?"),
    updateOffice: db.prepare("UPDATE office SET name = ?, address = ? WHERE id = ?"),
    renameRoom: db.prepare("UPDATE room SET name = ? WHERE id = ?"),
  };
  return {
    regions: () => s.regions.all(),
    region: (id: number) => s.region.get(id),
    regionByName: (name: string) => s.regionByName.get(name),
    insertRegion: (name: string, now: string) => Number(s.insertRegion.run(name, now).lastInsertRowid),
    offices: (regionId: number) => s.offices.all(regionId),
    office: (id: number) => s.office.get(id),
    officeByName: (regionId: number, name: string) => s.officeByName.get(regionId, name),
    insertOffice: (regionId: number, name: string, address: string) =>
      Number(s.insertOffice.run(regionId, name, address).lastInsertRowid),
    rooms: (officeId: number) => s.rooms.all(officeId),
    room: (id: number) => s.room.get(id),
    roomByName: (officeId: number, name: string) => s.roomByName.get(officeId, name),
    insertRoom: (officeId: number, name: string) => Number(s.insertRoom.run(officeId, name).lastInsertRowid),
    grantRegion: (coordinatorId: number, regionId: number) => s.grantRegion.run(coordinatorId, regionId),
    staffDomains: (regionId: number) => s.staffDomains.get(regionId)?.staffDomains,
    setStaffDomains: (regionId: number, domains: string) => s.setStaffDomains.run(domains, regionId),
    renameRegion: (id: number, name: string) => s.renameRegion.run(name, id),
    updateOffice: (id: number, name: string, address: string) => s.updateOffice.run(name, address, id),
    renameRoom: (id: number, name: string) => s.renameRoom.run(name, id),
  };
}
export type RegionsRepo = ReturnType<typeof regionsRepo>;
