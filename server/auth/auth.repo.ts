// Owns SQL for coordinators, sessions, setup links and API tokens.
import type { Db } from "../db/connection";

export type Coordinator = { id: number; email: string; name: string };
export type CoordinatorWithHash = Coordinator & { passwordHash: string };

export function authRepo(db: Db) {
  const s = {
    countCoordinators: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM coordinator"),
    coordinatorByEmail: db.prepare<[string], CoordinatorWithHash>(
      "SELECT id, email, name, password_hash AS passwordHash FROM coordinator WHERE email = ?",
    ),
    insertCoordinator: db.prepare(
      "INSERT INTO coordinator (email, name, password_hash, created_at) VALUES (@email, @name, @passwordHash, @now)",
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
    sessionCoordinator: db.prepare<[string, string], Coordinator>(
      `SELECT c.id, c.email, c.name FROM session s JOIN coordinator c ON c.id = s.coordinator_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    deleteSession: db.prepare("DELETE FROM session WHERE token_hash = ?"),
    // Only if unchanged since it was read: a password change in between wins over the upgrade.
    updatePasswordHash: db.prepare(
      "UPDATE coordinator SET password_hash = ? WHERE id = ? AND password_hash = ?",
    ),
    deleteExpiredSessions: db.prepare("DELETE FROM session WHERE expires_at <= ?"),
    insertApiToken: db.prepare(
      "INSERT INTO api_token (name, token_hash, coordinator_id, created_at) VALUES (?, ?, ?, ?)",
    ),
    apiTokenByHash: db.prepare<[string], { id: number; name: string; coordinatorId: number | null }>(
      "SELECT id, name, coordinator_id AS coordinatorId FROM api_token WHERE token_hash = ? AND revoked_at IS NULL",
    ),
    listApiTokens: db.prepare<[], { id: number; name: string; createdAt: string; revokedAt: string | null }>(
      "SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt FROM api_token ORDER BY id",
    ),
    revokeApiToken: db.prepare("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
  };
  return {
    countCoordinators: () => s.countCoordinators.get()?.n ?? 0,
    coordinatorByEmail: (email: string) => s.coordinatorByEmail.get(email),
    insertCoordinator: (c: { email: string; name: string; passwordHash: string; now: string }) =>
      Number(s.insertCoordinator.run(c).lastInsertRowid),
    insertSetup: (t: { tokenHash: string; email: string | null; name: string | null; expiresAt: string }) =>
      s.insertSetup.run(t),
    setupByHash: (hash: string) => s.setupByHash.get(hash),
    useSetup: (id: number, now: string) => s.useSetup.run(now, id).changes === 1,
    insertSession: (hash: string, coordinatorId: number, now: string, expiresAt: string) =>
      s.insertSession.run(hash, coordinatorId, now, expiresAt),
    sessionCoordinator: (hash: string, now: string) => s.sessionCoordinator.get(hash, now),
    deleteSession: (hash: string) => s.deleteSession.run(hash),
    updatePasswordHash: (id: number, old: string, next: string) =>
      s.updatePasswordHash.run(next, id, old).changes === 1,
    deleteExpiredSessions: (now: string) => s.deleteExpiredSessions.run(now),
    insertApiToken: (name: string, hash: string, coordinatorId: number | null, now: string) =>
      Number(s.insertApiToken.run(name, hash, coordinatorId, now).lastInsertRowid),
    apiTokenByHash: (hash: string) => s.apiTokenByHash.get(hash),
    listApiTokens: () => s.listApiTokens.all(),
    revokeApiToken: (id: number, now: string) => s.revokeApiToken.run(now, id).changes === 1,
  };
}
export type AuthRepo = ReturnType<typeof authRepo>;
