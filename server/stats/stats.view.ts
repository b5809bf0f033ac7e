// Owns the statistics page's view model (tables, charts, texts) and the CSV files with the same numbers.
import { STATUS_LABELS } from "../events/events.rules";
import { FORMATS } from "../events/formats";
import type { RegionScope } from "../shared/scope";
import { formatDate } from "../shared/time";
import { barChart, STATUS_COLORS, stackedChart } from "./charts";
import { toCsv } from "./csv";
import {
  type FairCounts,
  type FormatFilter,
  RESULTS,
  type Result,
  SELECTION_RESULTS,
  type SelectionResult,
  STATUS_COLUMNS,
} from "./stats.rules";
import type { StatsService } from "./stats.service";

export const RESULT_COLUMNS = Object.entries(RESULTS).map(([key, label]) => ({ key: key as Result, label }));
export const SELECTION_COLUMNS = Object.entries(SELECTION_RESULTS).map(([key, label]) => ({
  key: key as SelectionResult,
  label,
}));
/** A Minijobbmesse's columns, in the page's and the CSV file's order. */
export const FAIR_COLUMNS: { key: keyof FairCounts; label: string }[] = [
  { key: "registered", label: "Påmeldt" },
  { key: "attended", label: "Møtt (sjekket inn)" },
  { key: "absent", label: "Ikke møtt" },
  { key: "visits", label: "Besøk i rommene" },
  { key: "visitors", label: "Kandidater med besøk" },
  { key: "meetAgain", label: "Vil møte igjen (antall)" },
  { key: "wanted", label: "Kandidater noen vil møte igjen" },
];

/** "Ta sjansen", "Speedintervju" … in a sentence; "alle formater" for all. */
export const formatFilterLabel = (format: FormatFilter) =>
  format === "all" ? "alle formater" : FORMATS[format].label;

const span = (years: number[]) =>
  years.length ? (years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : String(years[0])) : "";

export function statsPageModel(stats: StatsService, regionId: RegionScope, format: FormatFilter = "all") {
  const years = stats.participation(regionId, format);
  // A cohort shows once someone in it has a status: the twelve-month status comes a year after the cohort year.
  const allCohorts = stats.cohorts(regionId, format);
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
  const events = stats.events(regionId, format).map((e) => ({
    ...e,
    dateText: formatDate(e.date),
    statusLabel: STATUS_LABELS[e.status as keyof typeof STATUS_LABELS] ?? e.status,
  }));
  const coming = stats.coming(regionId, format);
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
    // Each format's own results: offers at Ta sjansen, the panel's decision at a Speedintervju, visits and
    // «vil møte igjen» at a Minijobbmesse.
    offerEvents: events.filter((e) => e.format === "ta-sjansen"),
    selectionEvents: events.filter((e) => e.format === "speedintervju"),
    fairEvents: events.filter((e) => e.format === "minijobbmesse"),
    anyEvents: events.length > 0,
    resultColumns: RESULT_COLUMNS,
    selectionColumns: SELECTION_COLUMNS,
    fairColumns: FAIR_COLUMNS,
    coming: { ...coming, events: coming.events.map((e) => ({ ...e, dateText: formatDate(e.date) })) },
  };
}

export const CSV_FILES = ["participation", "cohorts", "events", "offices", "caseworkers"] as const;
export type CsvFile = (typeof CSV_FILES)[number];

/**
 * The same numbers as the page's tables, one file per table, for one format or all. In the events file each
 * format fills its own columns and leaves the others' empty.
 */
export function statsCsv(
  stats: StatsService,
  regionId: RegionScope,
  file: CsvFile,
  format: FormatFilter = "all",
): string {
  if (file === "participation") {
    const t = stats.participation(regionId, format);
    return toCsv(
      ["År", "Unike kandidater", "Arrangementer", "Deltakere i året"],
      [
        ...t.rows.map((r) => [r.year, r.candidates, r.events, r.participants]),
        ["Totalt", t.total.candidates, t.total.events, ""],
      ],
    );
  }
  if (file === "cohorts") {
    const rows = stats.cohorts(regionId, format);
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
        "Format",
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
        ...SELECTION_COLUMNS.map((c) => `Speedintervju: ${c.label}`),
        "Minijobbmesse: Plasser",
        ...FAIR_COLUMNS.map((c) => `Minijobbmesse: ${c.label}`),
      ],
      stats.events(regionId, format).map((e) => {
        // A column that does not belong to the event's format stays empty rather than a misleading 0.
        const slotted = !e.fair;
        const offers = !e.fair && !e.selection;
        const only = (yes: boolean, value: string | number) => (yes ? value : "");
        return [
          e.date,
          e.title,
          e.formatLabel,
          e.officeName,
          STATUS_LABELS[e.status as keyof typeof STATUS_LABELS] ?? e.status,
          ...[e.slots, e.booked, e.held, e.noShows].map((n) => only(slotted, n)),
          ...[e.offers, e.accepted].map((n) => only(offers, n)),
          only(slotted, e.candidates),
          ...RESULT_COLUMNS.map((c) => only(offers, e.results[c.key])),
          ...SELECTION_COLUMNS.map((c) => e.selection?.[c.key] ?? ""),
          e.fair ? (e.capacity ?? "") : "",
          ...FAIR_COLUMNS.map((c) => e.fair?.[c.key] ?? ""),
        ];
      }),
    );
  }
  const coming = stats.coming(regionId, format);
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
