// Owns SQL for the employer register.
import type { Db } from "../db/connection";
import type { Employer, EmployerInput } from "./employers.schemas";

const COLUMNS = `id, region_id AS regionId, name, org_number AS orgNumber, sector, industry, size,
  ia_agreement AS iaAgreement, contact_name AS contactName, contact_phone AS contactPhone,
  contact_email AS contactEmail, nav_owner AS navOwner`;

type Row = Omit<Employer, "iaAgreement"> & { iaAgreement: number };
const toEmployer = (r: Row | undefined): Employer | undefined =>
  r ? { ...r, iaAgreement: r.iaAgreement === 1 } : undefined;

export function employersRepo(db: Db) {
  const s = {
    list: db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM employer WHERE region_id = ? ORDER BY name`),
    listAll: db.prepare<[], Row>(`SELECT ${COLUMNS} FROM employer ORDER BY name`),
    get: db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM employer WHERE id = ?`),
    byName: db.prepare<[number, string], Row>(
      `SELECT ${COLUMNS} FROM employer WHERE region_id = ? AND name = ?`,
    ),
    byOrgNumber: db.prepare<[number, string], Row>(
      `SELECT ${COLUMNS} FROM employer WHERE region_id = ? AND org_number = ? ORDER BY id LIMIT 1`,
    ),
    insert:
      db.prepare(`INSERT INTO employer (region_id, name, org_number, sector, industry, size, ia_agreement,
      contact_name, contact_phone, contact_email, nav_owner, created_at)
      VALUES (@regionId, @name, @orgNumber, @sector, @industry, @size, @iaAgreement,
      @contactName, @contactPhone, @contactEmail, @navOwner, @now)`),
    update: db.prepare(`UPDATE employer SET region_id = @regionId, name = @name, org_number = @orgNumber,
      sector = @sector, industry = @industry, size = @size, ia_agreement = @iaAgreement,
      contact_name = @contactName, contact_phone = @contactPhone, contact_email = @contactEmail,
      nav_owner = @navOwner WHERE id = @id`),
  };
  const params = (e: EmployerInput) => ({
    ...e,
    orgNumber: e.orgNumber ?? null,
    iaAgreement: e.iaAgreement ? 1 : 0,
  });
  return {
    list: (regionId?: number) =>
      (regionId ? s.list.all(regionId) : s.listAll.all()).map((r) => toEmployer(r) as Employer),
    get: (id: number) => toEmployer(s.get.get(id)),
    byName: (regionId: number, name: string) => toEmployer(s.byName.get(regionId, name)),
    byOrgNumber: (regionId: number, orgNumber: string) => toEmployer(s.byOrgNumber.get(regionId, orgNumber)),
    insert: (e: EmployerInput, now: string) => Number(s.insert.run({ ...params(e), now }).lastInsertRowid),
    update: (id: number, e: EmployerInput) => s.update.run({ ...params(e), id }),
  };
}
