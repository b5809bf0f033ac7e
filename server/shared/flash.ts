// Owns the short success message shown once on the page an action redirects to.
// Only known codes map to text, so nobody can put their own words on our pages.
import type { NextFunction, Request, Response } from "express";

export const FLASH_MESSAGES = {
  lagret: "Endringene er lagret.",
  opprettet: "Opprettet.",
  "region-opprettet": "Regionen er opprettet.",
  "kontor-opprettet": "Kontoret er opprettet.",
  "rom-opprettet": "Samtalerommet er lagt til.",
  "nytt-navn": "Det nye navnet er lagret.",
  "arrangement-opprettet": "Arrangementet er opprettet.",
  "arrangement-lagret": "Arrangementet er lagret.",
  "arrangement-slettet": "Utkastet er slettet.",
  "arrangement-kopiert": "Arrangementet er kopiert. Sjekk virksomhetene og åpne det for booking.",
  "serie-planlagt": "Serien er planlagt som utkast.",
  "status-endret": "Statusen er endret.",
  "lenke-byttet": "Den nye lenken er laget. Den gamle virker ikke lenger.",
  "lenke-varslet": "Den nye bookinglenken er sendt til mottakerne av markeds-e-posten.",
  "virksomhet-lagt-til": "Virksomheten er lagt til på arrangementet.",
  "virksomhet-lagret": "Virksomheten er lagret.",
  "virksomhet-fjernet": "Virksomheten er fjernet fra arrangementet.",
  "virksomhet-registrert": "Virksomheten er lagt inn i registeret.",
  "booking-avlyst": "Intervjuet er avbestilt, og tidspunktet er ledig igjen.",
  "booking-flyttet": "Intervjuet er flyttet.",
  "booking-lagt-til": "Intervjuet er booket.",
  "venteliste-forlatt": "Kandidaten er tatt av ventelisten.",
  "pamelding-avbestilt": "Påmeldingen er avbestilt, og plassen er ledig igjen.",
} as const;
export type FlashCode = keyof typeof FLASH_MESSAGES;

const COOKIE = "flash";

/**
 * Redirects (303) and shows the message once on the page it lands on. The code travels in a short-lived
 * cookie rather than the URL, so links and the redirect targets others rely on stay as they were.
 */
export function redirectWithFlash(res: Response, path: string, code: FlashCode) {
  res.cookie(COOKIE, code, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60_000 });
  res.redirect(303, path);
}

export function flashMessages(req: Request, res: Response, next: NextFunction) {
  const code = req.cookies?.[COOKIE];
  if (req.method === "GET" && typeof code === "string") {
    if (Object.hasOwn(FLASH_MESSAGES, code)) res.locals.flashMessage = FLASH_MESSAGES[code as FlashCode];
    res.clearCookie(COOKIE, { path: "/" });
  }
  next();
}
