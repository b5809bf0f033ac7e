import { describe, expect, it } from "vitest";
import { seedDemo } from "../../server/demo/seed";
import { makeApp, TEST_SECRET } from "../helpers";
import { BASE_URL, servicesFor } from "../mail/mail-helpers";

/** The lines of the region's real e-mail for 5 April 2018 (DESIGN.md, issue 5). */
const REAL_LINES = [
  "Vaskebedrift AS, kantine – Ingen ledige intervjutidspunkter",
  "Gjenbruksbedrift AS, renovasjonsanlegg – 1 ledig intervjutidspunkt",
  "Sykehuset, med.avd., servicemed.arb. (ikke u/20 år) – 1 ledig intervjutidspunkt",
  "Overnattingsstedet AS, kjøkken og resepsjon – 1 ledig intervjutidspunkt",
  "Bamsebjørn barnehage – 3 ledige intervjutidspunkter",
];

function demo() {
  // Monday-morning clock on the event's day: 08:00 Oslo (CEST) on 5 April 2018.
  const t = makeApp({ now: "2018-04-05T06:00:00Z" });
  const { eventId } = seedDemo(t.db, TEST_SECRET, BASE_URL, "2018-04-05");
  const mail = servicesFor(t);
  const event = t.events.get(eventId);
  return { t, mail, event };
}

describe("the demo digest", () => {
  it("lists the employers line by line exactly as the region's real e-mail, under a headline of 6 free slots", () => {
    const { mail, event } = demo();
    const d = mail.digest.render(event.regionId);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const lines = d.text.split("\n");
    const start = lines.indexOf("Følgende virksomheter er per i dag påmeldt arrangementet:") + 2;
    expect(lines.slice(start, start + REAL_LINES.length)).toEqual(REAL_LINES);
    expect(lines[start + REAL_LINES.length]).toBe("");
    expect(lines).toContain(
      "Neste Ta sjansen er 5. april 2018 på NAV Hamar. Det er nå 6 ledige intervjutidspunkter.",
    );
    expect(d.subject).toBe(
      "Markedsinformasjon Hedmarken: Ta sjansen 5. april 2018 – 6 ledige intervjutidspunkter",
    );
  });

  it("adds an employer's free-text requirements to its line, beside the age limit, in text and HTML", () => {
    const { mail, event, t } = demo();
    const [vask, , sykehus] = t.events.detail(event.id).participations;
    const restrict = t.db.prepare("UPDATE participation SET restrictions = ? WHERE id = ?");
    restrict.run("førerkort", sykehus.id);
    restrict.run("  må tåle\nsterk lukt ", vask.id);
    const d = mail.digest.render(event.regionId);
    if (!d.ok) throw new Error(d.message);
    expect(d.text).toContain(
      "\nSykehuset, med.avd., servicemed.arb. (ikke u/20 år; førerkort) – 1 ledig intervjutidspunkt\n",
    );
    expect(d.text).toContain(
      "\nVaskebedrift AS, kantine (må tåle sterk lukt) – Ingen ledige intervjutidspunkter\n",
    );
    expect(d.html).toContain(
      "<li>Sykehuset, med.avd., servicemed.arb. (ikke u/20 år; førerkort) – <strong>1 ledig intervjutidspunkt</strong></li>",
    );
    // The other demo lines stay as they were.
    expect(d.text).toContain(`\n${REAL_LINES[4]}\n`);
  });

  it("carries the eligibility sentence, the booking link and the task-description link", () => {
    const { mail, event, t } = demo();
    const d = mail.digest.render(event.regionId);
    if (!d.ok) throw new Error(d.message);
    const booking = t.events.links(event).booking;
    const lines = d.text.split("\n");
    const i = lines.findIndex((l) =>
      l.startsWith("Dersom DU har en bruker som har spesielt tilpasset innsatsbehov"),
    );
    expect(lines[i]).toContain("sykmeldt uten arbeidsgiver");
    expect(lines[i + 1]).toBe(booking);
    expect(lines).toContain(`${booking}/oppgaver`);
  });

  it("renders the same lines in the HTML version, escaped, with links", () => {
    const { mail, event, t } = demo();
    const d = mail.digest.render(event.regionId);
    if (!d.ok) throw new Error(d.message);
    const items = [...d.html.matchAll(/<li>(.*?) – <strong>(.*?)<\/strong><\/li>/g)].map(
      (m) => `${m[1]} – ${m[2]}`,
    );
    expect(items.map((s) => s.replace(/&#39;/g, "'"))).toEqual(REAL_LINES);
    expect(d.html).toContain("Det er nå 6 ledige intervjutidspunkter.");
    expect(d.html).toContain(`<a href="${t.events.links(event).booking}">`);
    expect(d.html).toMatch(/^<!doctype html>/);
  });

  it("adds the suggestion line with the coordinator's address and the market news when set", () => {
    const { mail, event } = demo();
    mail.digest.saveSettings(
      event.regionId,
      {
        contactName: "Kari Nordmann",
        contactEmail: "kari.nordmann@nav.no",
        marketNews:
          "Alle arbeidspraksiser er registrert i Arena.\n\nNy rutine for kontakt med arbeidsgivere.",
        autoSend: true,
        weekday: 1,
        sendTime: "08:00",
        reminderDaysBefore: 2,
        reminderTime: "08:00",
      },
      ["alle@nav.no"],
    );
    const d = mail.digest.render(event.regionId);
    if (!d.ok) throw new Error(d.message);
    expect(d.text).toContain(
      "Dersom DU har forslag til virksomheter vi kan invitere til å delta på Ta sjansen, send en e-post til Kari Nordmann (kari.nordmann@nav.no).",
    );
    expect(d.text).toContain(
      "Annen markedsinformasjon\n\nAlle arbeidspraksiser er registrert i Arena.\n\nNy rutine",
    );
    expect(d.html).toContain("<p>Ny rutine for kontakt med arbeidsgivere.</p>");
  });

  it("says so, and offers nothing to send, when the region has no upcoming open event", () => {
    const { mail, event, t } = demo();
    t.clock.set("2018-04-05T14:00:00Z"); // the booking deadline (15:30 Oslo) has passed
    const d = mail.digest.render(event.regionId);
    expect(d).toMatchObject({ ok: false, reason: "no-upcoming-event" });
    if (d.ok) return;
    expect(d.message).toContain("Region Hedmarken har ingen kommende arrangementer");
  });
});
