// Owns account life: setup links, sign-in, sessions and API tokens.
import type { Db } from "../db/connection";
import { AppError } from "../shared/errors";
import type { Clock } from "../shared/time";
import { randomToken, sha256 } from "../shared/tokens";
import { accessPolicy } from "./access";
import { authRepo, type Coordinator, type TokenScope } from "./auth.repo";
import { dummyHash, hashPassword, needsRehash, SCRYPT_N, verifyPassword } from "./passwords";

export const SESSION_HOURS = 12;
export const SETUP_LINK_HOURS = 24;
export const API_TOKEN_DAYS = 90;

export type ApiTokenOptions = { scope?: TokenScope; regionId?: number | null; days?: number };

/** `scryptN` is the password-hash cost; only tests lower it. */
export function authService(db: Db, clock: Clock, opts: { scryptN?: number } = {}) {
  const scryptN = opts.scryptN ?? SCRYPT_N;
  const repo = authRepo(db);
  const policy = accessPolicy(db);
  const now = () => clock().toISOString();
  const hoursFromNow = (h: number) => new Date(clock().getTime() + h * 3600_000).toISOString();

  return {
    hasCoordinators: () => repo.countCoordinators() > 0,

    /** A one-time link (path part) for creating a coordinator account; the token is stored hashed. */
    createSetupLink(invite: { email?: string; name?: string } = {}): string {
      const token = randomToken();
      repo.insertSetup({
        tokenHash: sha256(token),
        email: invite.email ?? null,
        name: invite.name ?? null,
        expiresAt: hoursFromNow(SETUP_LINK_HOURS),
      });
      return `/setup/${token}`;
    },

    /** The setup invitation behind a token, if it is still usable. */
    findSetup(token: string) {
      const row = repo.setupByHash(sha256(token));
      if (!row || row.usedAt || row.expiresAt <= now()) return undefined;
      return row;
    },

    async completeSetup(token: string, input: { email: string; name: string; password: string }) {
      const hash = await hashPassword(input.password, scryptN);
      // Check and use the link in one transaction so a double submit cannot create two accounts.
      return db.transaction(() => {
        const setup = this.findSetup(token);
        if (!setup) throw new AppError(410, "setup-link-expired", "Lenken er brukt eller utløpt.");
        if (repo.coordinatorByEmail(input.email)) {
          throw new AppError(409, "email-taken", "E-postadressen er allerede i bruk", {
            email: "Det finnes allerede en koordinator med denne e-postadressen",
          });
        }
        repo.useSetup(setup.id, now());
        // The first account (the setup link printed at first start) administers every region.
        const isAdmin = repo.countCoordinators() === 0;
        return repo.insertCoordinator({ ...input, passwordHash: hash, now: now(), isAdmin });
      })();
    },

    async signIn(email: string, password: string): Promise<string | null> {
      const c = repo.coordinatorByEmail(email);
      const ok = await verifyPassword(password, c?.passwordHash ?? dummyHash(scryptN));
      if (!c || !ok || c.deactivatedAt) return null;
      // Hashes from before the cost was raised are upgraded now, while we hold the password.
      if (needsRehash(c.passwordHash, scryptN)) {
        repo.updatePasswordHash(c.id, c.passwordHash, await hashPassword(password, scryptN));
      }
      const sessionToken = randomToken();
      repo.deleteExpiredSessions(now());
      repo.insertSession(sha256(sessionToken), c.id, now(), hoursFromNow(SESSION_HOURS));
      return sessionToken;
    },

    sessionCoordinator: (sessionToken: string): Coordinator | undefined =>
      repo.sessionCoordinator(sha256(sessionToken), now()),

    /** What a session may reach, or undefined when it is not (or no longer) valid. */
    sessionAccess(sessionToken: string) {
      const c = repo.sessionCoordinator(sha256(sessionToken), now());
      return c ? { coordinator: c, access: policy.forCoordinator(c) } : undefined;
    },

    /** What an API token may reach, or undefined when it is unknown, revoked, expired or its owner deactivated. */
    tokenAccess(token: string) {
      const row = repo.apiTokenByHash(sha256(token), now());
      if (!row) return undefined;
      const owner = row.coordinatorId === null ? undefined : repo.coordinator(row.coordinatorId);
      return { token: row, access: policy.forToken(row, owner) };
    },

    policy,
    coordinatorByEmail: (email: string) => repo.coordinatorByEmail(email),
    coordinator: (id: number) => repo.coordinator(id),
    regionIds: (coordinatorId: number) => repo.regionIds(coordinatorId),
    assignRegion: (coordinatorId: number, regionId: number) => repo.assignRegion(coordinatorId, regionId),
    unassignRegion: (coordinatorId: number, regionId: number) => repo.unassignRegion(coordinatorId, regionId),
    setAdmin: (coordinatorId: number, admin: boolean) => repo.setAdmin(coordinatorId, admin),
    /** Stops the account: no sign-in, every session ended and every API token revoked, in one transaction. */
    deactivate: (coordinatorId: number) => db.transaction(() => repo.deactivate(coordinatorId, now()))(),

    signOut: (sessionToken: string) => repo.deleteSession(sha256(sessionToken)),

    /**
     * Returns the plain token once; only its hash is kept. Default: read-write, every region the owner reaches,
     * valid for API_TOKEN_DAYS days.
     */
    createApiToken(
      name: string,
      coordinatorId: number | null,
      opts: ApiTokenOptions = {},
    ): { id: number; token: string; expiresAt: string } {
      const token = `ts_${randomToken()}`;
      const expiresAt = hoursFromNow(24 * (opts.days ?? API_TOKEN_DAYS));
      const id = repo.insertApiToken({
        name,
        hash: sha256(token),
        coordinatorId,
        now: now(),
        scope: opts.scope ?? "read-write",
        regionId: opts.regionId ?? null,
        expiresAt,
      });
      return { id, token, expiresAt };
    },

    apiTokenByValue: (token: string) => repo.apiTokenByHash(sha256(token), now()),
    /** Every token for an admin (or the command line: null); otherwise the coordinator's own. */
    listApiTokens: (viewer: Pick<Coordinator, "id" | "isAdmin"> | null = null) =>
      repo
        .listApiTokens()
        .filter((t) => viewer === null || viewer.isAdmin || t.coordinatorId === viewer.id)
        .map((t) => ({ ...t, expired: t.expiresAt <= now() })),
    /** Only the token's owner or an admin (or the command line: null) may revoke it. */
    revokeApiToken(id: number, by: Pick<Coordinator, "id" | "isAdmin"> | null = null): boolean {
      const t = repo.apiToken(id);
      if (!t) return false;
      if (by !== null && !by.isAdmin && t.coordinatorId !== by.id) {
        throw new AppError(
          403,
          "forbidden",
          "Bare eieren av tokenet eller en administrator kan tilbakekalle det",
        );
      }
      return repo.revokeApiToken(id, now());
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
