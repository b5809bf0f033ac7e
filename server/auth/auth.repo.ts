// Owns SQL for coordinators, sessions, setup links and API tokens.
import type { Db } from "../db/connection";

export type Coordinator = { id: number; email: string; name: string; isAdmin: boolean };
export type CoordinatorWithHash = Coordinator & { passwordHash: string; deactivatedAt: string | null };
export type TokenScope = "read" | "read-write";
export type ApiTokenRow = {
  id: number;
  name: string;
  coordinatorId: number | null;
  scope: TokenScope;
  regionId: number | null;
  expiresAt: string;
};
export type ApiTokenListRow = ApiTokenRow & {
  createdAt: string;
  revokedAt: string | null;
  ownerName: string | null;
};

type CoordinatorDb = Omit<Coordinator, "isAdmin"> & { isAdmin: number };
const toCoordinator = <T extends CoordinatorDb>(r: T | undefined) =>
  r ? ({ ...r, isAdmin: r.isAdmin === 1 } as Omit<T, "isAdmin"> & { isAdmin: boolean }) : undefined;
const TOKEN = `t.id, t.name, t.coordinator_id AS coordinatorId, t.scope, t.region_id AS regionId, t.expires_at AS expiresAt`;

export function authRepo(db: Db) {
  const s = {
    countCoordinators: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM coordinator"),
    coordinatorByEmail: db.prepare<
      [string],
      CoordinatorDb & { passwordHash: string; deactivatedAt: string | null }
    >(
      `SELECT id, email, name, is_admin AS isAdmin, password_hash AS passwordHash, deactivated_at AS deactivatedAt
       FROM coordinator WHERE email = ?`,
    ),
    coordinator: db.prepare<[number], CoordinatorDb & { deactivatedAt: string | null }>(
      "SELECT id, email, name, is_admin AS isAdmin, deactivated_at AS deactivatedAt FROM coordinator WHERE id = ?",
    ),
    insertCoordinator: db.prepare(
      "INSERT INTO coordinator (email, name, password_hash, created_at, is_admin) VALUES (@email, @name, @passwordHash, @now, @isAdmin)",
    ),
    regionIds: db.prepare<[number], { regionId: number }>(
      "SELECT region_id AS regionId FROM coordinator_region WHERE coordinator_id = ? ORDER BY region_id",
    ),
    assignRegion: db.prepare(
      "INSERT INTO coordinator_region (coordinator_id, region_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
    ),
    unassignRegion: db.prepare("DELETE FROM coordinator_region WHERE coordinator_id = ? AND region_id = ?"),
    setAdmin: db.prepare("UPDATE coordinator SET is_admin = ? WHERE id = ?"),
    deactivate: db.prepare(
      "UPDATE coordinator SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL",
    ),
    deleteSessionsOf: db.prepare("DELETE FROM session WHERE coordinator_id = ?"),
    revokeTokensOf: db.prepare(
      "UPDATE api_token SET revoked_at = ? WHERE coordinator_id = ? AND revoked_at IS NULL",
    ),
    insertSetup: db.prepare(
      "INSERT INTO setup_token (token_hash, email, name, expires_at) VALUES (@tokenHash, @email, @name, @expiresAt)",
    ),
    setupByHash: db.prepare<
      [string],
      { id: number; email: string | null; name: string | null; expiresAt: string; usedAt: string | null }
    >(
      "SELECT id, email, name, expires_at AS expiresAt, used_at AS usedAt FROM setup_token WHERE token_hash = ?",
    ),
    useSetup: db.prepare("UPDATE setup_token SET used_at = ? WHERE id = ? AND used_at IS NULL"),
    insertSession: db.prepare(
      "INSERT INTO session (token_hash, coordinator_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    ),
    sessionCoordinator: db.prepare<[string, string], CoordinatorDb>(
      `SELECT c.id, c.email, c.name, c.is_admin AS isAdmin FROM session s JOIN coordinator c ON c.id = s.coordinator_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND c.deactivated_at IS NULL`,
    ),
    deleteSession: db.prepare("DELETE FROM session WHERE token_hash = ?"),
    // Only if unchanged since it was read: a password change in between wins over the upgrade.
    updatePasswordHash: db.prepare(
      "UPDATE coordinator SET password_hash = ? WHERE id = ? AND password_hash = ?",
    ),
    deleteExpiredSessions: db.prepare("DELETE FROM session WHERE expires_at <= ?"),
    insertApiToken: db.prepare(
      `INSERT INTO api_token (name, token_hash, coordinator_id, created_at, scope, region_id, expires_at)
       VALUES (@name, @hash, @coordinatorId, @now, @scope, @regionId, @expiresAt)`,
    ),
    // A token of a deactivated owner is revoked with it; the join also refuses one that slipped through.
    apiTokenByHash: db.prepare<[string, string], ApiTokenRow>(
      `SELECT ${TOKEN} FROM api_token t LEFT JOIN coordinator c ON c.id = t.coordinator_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND c.deactivated_at IS NULL`,
    ),
    apiToken: db.prepare<[number], ApiTokenRow & { revokedAt: string | null }>(
      `SELECT ${TOKEN}, t.revoked_at AS revokedAt FROM api_token t WHERE t.id = ?`,
    ),
    listApiTokens: db.prepare<[], ApiTokenListRow>(
      `SELECT ${TOKEN}, t.created_at AS createdAt, t.revoked_at AS revokedAt, c.name AS ownerName
       FROM api_token t LEFT JOIN coordinator c ON c.id = t.coordinator_id ORDER BY t.id`,
    ),
    revokeApiToken: db.prepare("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
  };
  return {
    countCoordinators: () => s.countCoordinators.get()?.n ?? 0,
    coordinatorByEmail: (email: string) => toCoordinator(s.coordinatorByEmail.get(email)),
    coordinator: (id: number) => toCoordinator(s.coordinator.get(id)),
    insertCoordinator: (c: {
      email: string;
      name: string;
      passwordHash: string;
      now: string;
      isAdmin: boolean;
    }) => Number(s.insertCoordinator.run({ ...c, isAdmin: c.isAdmin ? 1 : 0 }).lastInsertRowid),
    regionIds: (coordinatorId: number) => s.regionIds.all(coordinatorId).map((r) => r.regionId),
    assignRegion: (coordinatorId: number, regionId: number) =>
      s.assignRegion.run(coordinatorId, regionId).changes === 1,
    unassignRegion: (coordinatorId: number, regionId: number) =>
      s.unassignRegion.run(coordinatorId, regionId).changes === 1,
    setAdmin: (coordinatorId: number, admin: boolean) => s.setAdmin.run(admin ? 1 : 0, coordinatorId),
    /** Ends every session and token of the coordinator; returns how many of each. */
    deactivate(coordinatorId: number, now: string) {
      s.deactivate.run(now, coordinatorId);
      return {
        sessions: s.deleteSessionsOf.run(coordinatorId).changes,
        tokens: s.revokeTokensOf.run(now, coordinatorId).changes,
      };
    },
    insertSetup: (t: { tokenHash: string; email: string | null; name: string | null; expiresAt: string }) =>
      s.insertSetup.run(t),
    setupByHash: (hash: string) => s.setupByHash.get(hash),
    useSetup: (id: number, now: string) => s.useSetup.run(now, id).changes === 1,
    insertSession: (hash: string, coordinatorId: number, now: string, expiresAt: string) =>
      s.insertSession.run(hash, coordinatorId, now, expiresAt),
    sessionCoordinator: (hash: string, now: string): Coordinator | undefined =>
      toCoordinator(s.sessionCoordinator.get(hash, now)),
    deleteSession: (hash: string) => s.deleteSession.run(hash),
    updatePasswordHash: (id: number, old: string, next: string) =>
      s.updatePasswordHash.run(next, id, old).changes === 1,
    deleteExpiredSessions: (now: string) => s.deleteExpiredSessions.run(now),
    insertApiToken: (t: {
      name: string;
      hash: string;
      coordinatorId: number | null;
      now: string;
      scope: TokenScope;
      regionId: number | null;
      expiresAt: string;
    }) => Number(s.insertApiToken.run(t).lastInsertRowid),
    apiTokenByHash: (hash: string, now: string) => s.apiTokenByHash.get(hash, now),
    apiToken: (id: number) => s.apiToken.get(id),
    listApiTokens: () => s.listApiTokens.all(),
    revokeApiToken: (id: number, now: string) => s.revokeApiToken.run(now, id).changes === 1,
  };
}
export type AuthRepo = ReturnType<typeof authRepo>;
