// Owns the statistics page's view model (tables, charts, texts) and the CSV files with the same numbers.
import { STATUS_LABELS } from "../events/events.rules";
import type { RegionScope } from "../shared/scope";
import { formatDate } from "../shared/time";
import { barChart, STATUS_COLORS, stackedChart } from "./charts";
import { toCsv } from "./csv";
import { RESULTS, type Result, STATUS_COLUMNS } from "./stats.rules";
import type { StatsService } from "./stats.service";

export const RESULT_COLUMNS = Object.entries(RESULTS).map(([key, label]) => ({ key: key as Result, label }));

const span = (years: number[]) =>
  years.length ? (years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : String(years[0])) : "";

export function statsPageModel(stats: StatsService, regionId: RegionScope) {
  const years = stats.participation(regionId);
  // A cohort shows once someone in it has a status: the twelve-month status comes a year after the cohort year.
  const allCohorts = stats.cohorts(regionId);
  const cohorts = allCohorts.filter((c) => c.recorded > 0);
  const waiting = allCohorts.filter((c) => c.recorded === 0).map((c) => c.year);
  const yearSpan = span(years.rows.map((r) => r.year));
  const yearsChart = barChart({
    id: "chart-years",
    title: `Unike kandidater per år${yearSpan ? `, ${yearSpan}` : ""}`,
    desc: years.rows.length
      ? `Stolpediagram. ${years.rows.map((r) => `${r.year}: ${r.candidates}`).join(", ")}. Totalt ${years.total.candidates} kandidater. Tallene står også i tabellen ved siden av.`
      : "Ingen data ennå.",
    bars: years.rows.map((r) => ({ label: String(r.year), value: r.candidates })),
  });
  const cohortChart = stackedChart({
    id: "chart-cohorts",
    title: "Status minst tolv måneder etter deltakelse, per kull",
    desc: cohorts.length
      ? `Liggende stolper, én per kull, delt etter status i prosent. ${cohorts
          .map(
            (c) =>
              `${c.year}: ${c.cells
                .filter((x) => x.count)
                .map((x) => `${x.label} ${x.percent} %`)
                .join(", ")}`,
          )
          .join(". ")}. Tallene står også i tabellen.`
      : "Ingen data ennå.",
    rows: cohorts.map((c) => ({ label: String(c.year), segments: c.cells.map((x) => ({ ...x })) })),
    colors: STATUS_COLORS,
  });
  const events = stats.events(regionId).map((e) => ({
    ...e,
    dateText: formatDate(e.date),
    statusLabel: STATUS_LABELS[e.status as keyof typeof STATUS_LABELS] ?? e.status,
  }));
  const coming = stats.coming(regionId);
  return {
    years,
    yearSpan,
    yearsChart,
    cohorts,
    cohortsWaiting: waiting.length
      ? `${waiting.length === 1 ? "Kull" : "Kullene"} ${waiting.join(", ").replace(/, (\d+)$/, " og $1")} har ingen registrert status ennå.`
      : null,
    cohortChart,
    statusColumns: STATUS_COLUMNS.map((c) => ({ ...c, color: STATUS_COLORS[c.key] })),
    events,
    resultColumns: RESULT_COLUMNS,
    coming: { ...coming, events: coming.events.map((e) => ({ ...e, dateText: formatDate(e.date) })) },
  };
}

export const CSV_FILES = ["participation", "cohorts", "events", "offices", "caseworkers"] as const;
export type CsvFile = (typeof CSV_FILES)[number];

/** The same numbers as the page's tables, one file per table. */
export function statsCsv(stats: StatsService, regionId: RegionScope, file: CsvFile): string {
  if (file === "participation") {
    const t = stats.participation(regionId);
    return toCsv(
      ["År", "Unike kandidater", "Arrangementer"],
      [
        ...t.rows.map((r) => [r.year, r.candidates, r.events]),
        ["Totalt", t.total.candidates, t.total.events],
      ],
    );
  }
  if (file === "cohorts") {
    const rows = stats.cohorts(regionId);
    return toCsv(
      [
        "Kull",
        "Deltakere",
        ...STATUS_COLUMNS.flatMap((c) => [`${c.label} (antall)`, `${c.label} (prosent)`]),
      ],
      rows.map((r) => [r.year, r.total, ...r.cells.flatMap((c) => [c.count, c.percent])]),
    );
  }
  if (file === "events") {
    return toCsv(
      [
        "Dato",
        "Arrangement",
        "Kontor",
        "Status",
        "Intervjutidspunkter",
        "Booket",
        "Gjennomført",
        "Ikke møtt",
        "Tilbud",
        "Tilbud akseptert",
        "Kandidater",
        ...RESULT_COLUMNS.map((c) => `Beste resultat: ${c.label}`),
      ],
      stats
        .events(regionId)
        .map((e) => [
          e.date,
          e.title,
          e.officeName,
          STATUS_LABELS[e.status as keyof typeof STATUS_LABELS] ?? e.status,
          e.slots,
          e.booked,
          e.held,
          e.noShows,
          e.offers,
          e.accepted,
          e.candidates,
          ...RESULT_COLUMNS.map((c) => e.results[c.key]),
        ]),
    );
  }
  const coming = stats.coming(regionId);
  const groups = file === "offices" ? coming.offices : coming.caseworkers;
  return toCsv(
    [
      file === "offices" ? "Kontor" : "Veileder",
      ...coming.events.map((e) => `${e.title} ${e.date}`),
      "Bookinger",
      "Kandidater",
    ],
    groups.map((g) => [g.name, ...g.perEvent, g.bookings, g.candidates]),
  );
}
