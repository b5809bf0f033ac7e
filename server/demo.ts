// `npm run demo [-- --date YYYY-MM-DD] [--full]`: loads the example event with a Speedintervju a week before and a
// Minijobbmesse the same day (or, with --full, a full-size day with 8 rooms and 20 candidates) and starts the
// server, printing its links.
import { parseArgs } from "node:util";
import { seedDemoFormats } from "./demo/formats";
import { seedFullDay } from "./demo/full-day";
import { seedDemo } from "./demo/seed";
import { start } from "./main";
import { isValidIsoDate, osloDate } from "./shared/time";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { date: { type: "string" }, full: { type: "boolean" } },
});
const date = values.date ?? osloDate(new Date());
if (!isValidIsoDate(date)) {
  console.error(`Ugyldig dato «${date}». Bruk ÅÅÅÅ-MM-DD, for eksempel --date 2018-04-05.`);
  process.exit(2);
}

start((ctx, baseUrl) => {
  const { db, secret } = ctx.deps;
  const { eventId, created } = values.full
    ? seedFullDay(db, secret, baseUrl, date)
    : seedDemo(db, secret, baseUrl, date);
  // The small demo also has one event of each newer format.
  // Whether the Minijobbmesse's day has come (check-ins, visits) is asked of the app's clock.
  const formats = values.full
    ? null
    : seedDemoFormats(db, secret, baseUrl, date, { today: osloDate(ctx.clock()) });
  const event = ctx.events.get(eventId);
  const links = ctx.events.links(event);
  console.log(
    created
      ? `\nDemo-arrangementet er lagt inn (${date}).`
      : `\nDemo-arrangementet (${date}) fantes fra før.`,
  );
  if (!ctx.auth.hasCoordinators() || created) {
    const link = ctx.auth.createSetupLink({ email: "demo@nav.no", name: "Demo Koordinator" });
    console.log(
      `Logg inn som demo-koordinator (velg passord, lenken kan brukes én gang):\n  ${baseUrl}${link}`,
    );
  } else {
    console.log(`Logg inn: ${baseUrl}/login`);
  }
  console.log(`Arrangementet:  ${baseUrl}/events/${eventId}`);
  console.log(`Booking:        ${links.booking}`);
  console.log(`Hovmester:      ${links.host}`);
  console.log(`Romtavle:       ${links.board}\n`);
  if (formats) {
    const speed = ctx.events.get(formats.speedintervju);
    const fair = ctx.events.get(formats.minijobbmesse);
    const fairLinks = ctx.events.links(fair);
    console.log(`Speedintervju (${speed.date}, gjennomført): ${baseUrl}/events/${speed.id}`);
    console.log(`Minijobbmesse (${fair.date}):  ${baseUrl}/events/${fair.id}`);
    console.log(`  Påmelding:    ${fairLinks.booking}`);
    console.log(`  Hovmester:    ${fairLinks.host}`);
    console.log(`  Romtavle:     ${fairLinks.board}`);
    console.log(`Statistikk:     ${baseUrl}/stats\n`);
  }
}, false);
