// Owns account life: setup links, sign-in, sessions and API tokens.
import type { Db } from "../db/connection";
import { AppError } from "../shared/errors";
import type { Clock } from "../shared/time";
import { randomToken, sha256 } from "../shared/tokens";
import { authRepo, type Coordinator } from "./auth.repo";
import { dummyHash, hashPassword, needsRehash, SCRYPT_N, verifyPassword } from "./passwords";

export const SESSION_HOURS = 12;
export const SETUP_LINK_HOURS = 24;

/** `scryptN` is the password-hash cost; only tests lower it. */
export function authService(db: Db, clock: Clock, opts: { scryptN?: number } = {}) {
  const scryptN = opts.scryptN ?? SCRYPT_N;
  const repo = authRepo(db);
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
        return repo.insertCoordinator({ ...input, passwordHash: hash, now: now() });
      })();
    },

    async signIn(email: string, password: string): Promise<string | null> {
      const c = repo.coordinatorByEmail(email);
      const ok = await verifyPassword(password, c?.passwordHash ?? dummyHash(scryptN));
      if (!c || !ok) return null;
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

    signOut: (sessionToken: string) => repo.deleteSession(sha256(sessionToken)),

    /** Returns the plain token once; only its hash is kept. */
    createApiToken(name: string, coordinatorId: number | null): { id: number; token: string } {
      const token = `ts_${randomToken()}`;
      const id = repo.insertApiToken(name, sha256(token), coordinatorId, now());
      return { id, token };
    },

    apiTokenByValue: (token: string) => repo.apiTokenByHash(sha256(token)),
    listApiTokens: () => repo.listApiTokens(),
    revokeApiToken: (id: number) => repo.revokeApiToken(id, now()),
  };
}
export type AuthService = ReturnType<typeof authService>;
