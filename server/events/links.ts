// Owns the event's capability links (booking, host, board): derived, shown again, revoked by a version bump.
import { linkToken, linkTokenId, verifyLinkToken } from "../shared/tokens";
import type { EventRow } from "./events.repo";

export type EventLinkKind = "booking" | "host" | "board";
export const LINK_PATHS: Record<EventLinkKind, string> = { booking: "/b", host: "/host", board: "/board" };

const versionOf = (e: EventRow, kind: EventLinkKind) =>
  kind === "booking" ? e.bookingLinkVersion : kind === "host" ? e.hostLinkVersion : e.boardLinkVersion;

export function eventLinks(secret: string, baseUrl: string, e: EventRow) {
  const url = (kind: EventLinkKind) =>
    `${baseUrl}${LINK_PATHS[kind]}/${linkToken(secret, kind, e.id, versionOf(e, kind))}`;
  return { booking: url("booking"), host: url("host"), board: url("board") };
}

/** The event behind a link token, or undefined when the token is wrong or was rotated. */
export function eventForToken(
  secret: string,
  kind: EventLinkKind,
  token: string,
  load: (id: number) => EventRow | undefined,
): EventRow | undefined {
  const id = linkTokenId(token);
  if (id === null) return undefined;
  const e = load(id);
  if (!e) return undefined;
  return verifyLinkToken(secret, kind, token, e.id, versionOf(e, kind)) ? e : undefined;
}
