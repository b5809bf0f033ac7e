// Owns the pure rules of a veileder's identity: which e-mail domains a region's staff book from.

export const DEFAULT_STAFF_DOMAINS = ["nav.no"];

/** "nav.no, Trondheim.kommune.no" → ["nav.no", "trondheim.kommune.no"]; empty means the default. */
export function parseStaffDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  return domains.length ? domains : DEFAULT_STAFF_DOMAINS;
}

/** The address's domain is one of the staff domains, or a subdomain of one (ola@hamar.nav.no for nav.no). */
export function emailInStaffDomains(email: string, domains: string[]): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

export const staffDomainMessage = (domains: string[]) =>
  `Bruk jobbadressen din (som slutter på ${domains.map((d) => `@${d}`).join(" eller ")}). Bookingen og lenken til «Mine bookinger» sendes dit.`;
