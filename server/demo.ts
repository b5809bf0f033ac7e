// `npm run demo [-- --date YYYY-MM-DD] [--full]`: loads the example event (or, with --full, a full-size day
// with 8 rooms and 20 candidates) and starts the server, printing its links.
import { parseArgs } from "node:util";
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
  const { eventId, created } = (values.full ? seedFullDay : seedDemo)(
    ctx.deps.db,
    ctx.deps.secret,
    baseUrl,
    date,
  );
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
}, false);
