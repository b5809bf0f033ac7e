// Owns the veileder's manage link: derived with an HMAC (kind "manage"), sent by e-mail, revoked by
// bumping caseworker.manage_link_version.
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
