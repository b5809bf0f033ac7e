// Owns password hashing with scrypt (node:crypto): "scrypt$N$r$p$salt$hash", at OWASP's cost by default.
import crypto from "node:crypto";

const KEY_LENGTH = 32;
/** OWASP's scrypt parameters: N=2^17, r=8, p=1 (128 MiB of memory per hash). */
export const SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;

/** scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is too small for N=2^17, so allow twice that. */
const maxmemFor = (N: number, r: number) => 256 * N * r;

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmemFor(N, r) }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes at cost N (tests pass a lower N through the app's deps to stay fast; production uses SCRYPT_N). */
export async function hashPassword(password: string, N = SCRYPT_N): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** A hash made with weaker parameters than today's is replaced on the next successful sign-in. */
export function needsRehash(stored: string, N = SCRYPT_N): boolean {
  const [scheme, n, r, p] = stored.split("$");
  return scheme !== "scrypt" || Number(n) < N || Number(r) !== R || Number(p) !== P;
}

/** A hash to compare against when the e-mail is unknown, at the same cost, so timing does not reveal accounts. */
export const dummyHash = (N = SCRYPT_N) =>
  `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(32).toString("base64")}`;
