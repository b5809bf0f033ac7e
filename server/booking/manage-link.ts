// Owns the veileder's manage link: derived with an HMAC (kind "manage"), sent by e-mail, revoked by
// bumping caseworker.manage_link_version, and alive until the follow-up of the veileder's latest event ends.
import { AppError } from "../shared/errors";
import { type LinkEvent, type LinkLife, linkRefusal, manageLinkLife } from "../shared/link-lifetime";
import { linkToken, linkTokenId, verifyLinkToken } from "../shared/tokens";
import type { Caseworker } from "./booking.repo";

type Linked = Pick<Caseworker, "id" | "manageLinkVersion">;

export const manageToken = (secret: string, c: Linked) =>
  linkToken(secret, "manage", c.id, c.manageLinkVersion);

export const manageUrl = (secret: string, baseUrl: string, c: Linked) =>
  `${baseUrl}/v/${manageToken(secret, c)}`;

/** The veileder behind a manage token, or undefined when the token is wrong or was rotated. */
export function caseworkerForToken(
  secret: string,
  token: string,
  load: (id: number) => Caseworker | undefined,
): Caseworker | undefined {
  const id = linkTokenId(token);
  const c = id === null ? undefined : load(id);
  return c && verifyLinkToken(secret, "manage", token, c.id, c.manageLinkVersion) ? c : undefined;
}

export type ManageLookup = {
  load: (id: number) => Caseworker | undefined;
  /** The events the veileder has candidates on. */
  eventsOf: (caseworkerId: number) => LinkEvent[];
};

/** The veileder and how long their link lives, or undefined when the token is wrong or was rotated. */
export function manageLinkFor(
  secret: string,
  token: string,
  lookup: ManageLookup,
  now: Date,
): { caseworker: Caseworker; life: LinkLife } | undefined {
  const c = caseworkerForToken(secret, token, lookup.load);
  return c && { caseworker: c, life: manageLinkLife(lookup.eventsOf(c.id), now) };
}

/** The veileder behind a manage token only while the link still works (a cookie, an API bearer). */
export function liveCaseworkerForToken(
  secret: string,
  token: string,
  lookup: ManageLookup,
  now: Date,
): Caseworker | undefined {
  const found = manageLinkFor(secret, token, lookup, now);
  return found?.life.ok ? found.caseworker : undefined;
}

/** For a link a person opened: 404 when unknown, the Norwegian 410 page when it has run out. */
export function requireLiveCaseworker(
  secret: string,
  token: string,
  lookup: ManageLookup,
  now: Date,
): { caseworker: Caseworker; life: LinkLife } {
  const found = manageLinkFor(secret, token, lookup, now);
  if (!found) throw new AppError(404, "unknown-link", "Lenken er ukjent eller er byttet ut.");
  if (!found.life.ok) throw linkRefusal("manage", found.life);
  return found;
}
