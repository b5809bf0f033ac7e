// A history like the region's own table for 2013–2018: 11, 104, 46, 48, 56 and 64 new candidates and 1, 7, 4, 5,
// 5 and 5 events, with people who come back in later years and people with two interviews on one evening.

export const REGION_TABLE = [
  { year: 2013, candidates: 11, events: 1 },
  { year: 2014, candidates: 104, events: 7 },
  { year: 2015, candidates: 46, events: 4 },
  { year: 2016, candidates: 48, events: 5 },
  { year: 2017, candidates: 56, events: 5 },
  { year: 2018, candidates: 64, events: 5 },
];

const EMPLOYERS = [
  "Vaskebedrift AS",
  "Gjenbruksbedrift AS",
  "Sykehuset",
  "Overnattingsstedet AS",
  "Bamsebjørn barnehage",
];
const MONTHS = [2, 4, 5, 9, 11, 3, 10];

export function historyCsv(): string {
  const lines = ["dato;personnøkkel;virksomhet"];
  const earlier: string[] = [];
  let next = 1;
  for (const { year, candidates, events } of REGION_TABLE) {
    const dates = Array.from(
      { length: events },
      (_, i) => `${String(10 + i).padStart(2, "0")}.${String(MONTHS[i]).padStart(2, "0")}.${year}`,
    );
    const fresh: string[] = [];
    for (let k = 0; k < candidates; k++) {
      const key = `HM-${String(next++).padStart(4, "0")}`;
      const date = dates[k % events];
      lines.push(`${date};${key};${EMPLOYERS[k % EMPLOYERS.length]}`);
      // Every third person has a second interview the same evening, with another employer.
      if (k % 3 === 0) lines.push(`${date};${key};${EMPLOYERS[(k + 1) % EMPLOYERS.length]}`);
      // Every seventh comes back to another event the same year.
      if (k % 7 === 0 && events > 1)
        lines.push(`${dates[(k + 1) % events]};${key};${EMPLOYERS[(k + 2) % EMPLOYERS.length]}`);
      fresh.push(key);
    }
    // People from earlier years come back; they were counted in their first year.
    earlier.slice(0, 6).forEach((key, i) => {
      lines.push(`${dates[i % events]};${key};${EMPLOYERS[(i + 3) % EMPLOYERS.length]}`);
    });
    earlier.unshift(...fresh.slice(0, 8));
  }
  return `${lines.join("\n")}\n`;
}
