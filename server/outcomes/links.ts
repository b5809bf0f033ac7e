// Owns the employer's link per participation: derived with an HMAC (kind "employer"), shown again on the event
// page, revoked by bumping participation.employer_link_version.
import { linkToken, linkTokenId, verifyLinkToken } from "../shared/tokens";

export const EMPLOYER_LINK_PATH = "/a";

export type LinkedParticipation = { id: number; employerLinkVersion: number };

export const employerToken = (secret: string, p: LinkedParticipation) =>
  linkToken(secret, "employer", p.id, p.employerLinkVersion);

export const employerUrl = (secret: string, baseUrl: string, p: LinkedParticipation) =>
  `${baseUrl}${EMPLOYER_LINK_PATH}/${employerToken(secret, p)}`;

/** The participation behind a link token, or undefined when the token is wrong or was rotated. */
export function participationForToken<P extends LinkedParticipation>(
  secret: string,
  token: string,
  load: (id: number) => P | undefined,
): P | undefined {
  const id = linkTokenId(token);
  if (id === null) return undefined;
  const p = load(id);
  if (!p) return undefined;
  return verifyLinkToken(secret, "employer", token, p.id, p.employerLinkVersion) ? p : undefined;
}
