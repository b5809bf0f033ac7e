// The admin command line against a real database file: regions, deactivation, scoped tokens and the purge.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authService } from "../../server/auth/auth.service";
import { openDatabase } from "../../server/db/connection";
import { regionsService } from "../../server/regions/regions.service";
import { systemClock } from "../../server/shared/time";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ta-sjansen-admin-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const admin = (...args: string[]) =>
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["server/admin.ts", ...args], {
    // vitest sets BASE_URL="/" for Vite; the CLI needs a real one.
    env: { ...process.env, DATA_DIR: dir, BASE_URL: "http://localhost:3000" },
    encoding: "utf8",
  });

describe("npm run admin", () => {
  it("assigns and unassigns a region, makes scoped tokens, deactivates a coordinator and purges", async () => {
    const db = openDatabase(path.join(dir, "ta-sjansen.db"));
    const auth = authService(db, systemClock);
    const regionId = regionsService(db, systemClock).createRegion({ name: "Hedmarken" });
    const first = auth.createSetupLink().split("/").pop() as string;
    await auth.completeSetup(first, { email: "admin@nav.no", name: "Admin", password: "x".repeat(12) });
    const link = auth.createSetupLink().split("/").pop() as string;
    const kari = await auth.completeSetup(link, {
      email: "kari@nav.no",
      name: "Kari",
      password: "y".repeat(12),
    });
    const session = await auth.signIn("kari@nav.no", "y".repeat(12));
    auth.createApiToken("karis", kari);

    expect(admin("assign-region", "--email", "kari@nav.no", "--region", String(regionId))).toContain(
      "har nå tilgang til Hedmarken",
    );
    expect(auth.regionIds(kari)).toEqual([regionId]);
    admin("unassign-region", "--email", "kari@nav.no", "--region", String(regionId));
    expect(auth.regionIds(kari)).toEqual([]);

    const out = admin(
      "create-token",
      "rapport",
      "--scope",
      "read",
      "--region",
      String(regionId),
      "--days",
      "7",
    );
    const token = out.trim().split("\n").pop() as string;
    const found = auth.tokenAccess(token);
    expect(found?.token).toMatchObject({ scope: "read", regionId, coordinatorId: null });
    expect(found?.access.regionIds).toEqual([regionId]);

    expect(admin("deactivate", "--email", "kari@nav.no")).toContain(
      "1 økter avsluttet, 1 API-tokener tilbakekalt",
    );
    expect(auth.sessionAccess(session as string)).toBeUndefined();

    expect(admin("purge")).toMatch(/retention: purged 0 events older than 15 months/);
    db.close();
  }, 60_000);
});
