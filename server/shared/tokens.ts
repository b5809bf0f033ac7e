// Owns secrets and tokens: random tokens stored hashed, and HMAC-derived capability links.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** 32 random bytes, base64url: 256 bits, unguessable. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** The server secret lives in DATA_DIR so nothing secret sits in the database. */
export function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "secret.key");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Write to a temporary file and rename, so a crash never leaves an empty key behind.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  // A short key would let anyone forge every link and CSRF token.
  if (secret.length < 32) {
    throw new Error(
      `${file} is shorter than 32 characters; delete it to make a new one (every link changes).`,
    );
  }
  return secret;
}

export type LinkKind = "booking" | "host" | "board" | "employer" | "manage";

/**
 * A capability token that can be shown again: "<id>.<mac>" where mac = HMAC(secret, kind:id:vN).
 * Revoke by bumping the entity's version; the old mac no longer matches.
 */
export function linkToken(secret: string, kind: LinkKind, id: number, version: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${kind}:${id}:v${version}`).digest("base64url");
  return `${id}.${mac}`;
}

/** The id a link token claims; the caller must still call verifyLinkToken with the entity's version. */
export function linkTokenId(token: string): number | null {
  const m = /^(\d{1,12})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? Number(m[1]) : null;
}

export function verifyLinkToken(
  secret: string,
  kind: LinkKind,
  token: string,
  id: number,
  version: number,
): boolean {
  const expected = Buffer.from(linkToken(secret, kind, id, version));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
