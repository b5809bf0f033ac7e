import { describe, expect, it } from "vitest";
import type { EventFormat } from "../../server/events/formats";
import type { Participation } from "../../server/outcomes/outcomes.rules";
import { barChart, niceTicks, stackedChart } from "../../server/stats/charts";
import { parseCsv, toCsv } from "../../server/stats/csv";
import { checkImport, parseDate, previewByYear } from "../../server/stats/import.rules";
import {
  bestResult,
  cohortDistribution,
  cohortsOf,
  fairCounts,
  interviewHeld,
  ofFormat,
  parseFormatFilter,
  participationByYear,
  percentages,
  selectionCounts,
  selectionResult,
} from "../../server/stats/stats.rules";

const p = (
  personId: number,
  date: string,
  eventKey = `1:${date}`,
  format: EventFormat = "ta-sjansen",
): Participation => ({ personId, date, eventKey, format });

describe("unique candidates and events per year", () => {
  it("counts a person once across interviews and events, in the year they first took part", () => {
    const list = [
      // Person 1: two interviews on one evening (two rows), then two more events the next year.
      p(1, "2014-02-01"),
      p(1, "2014-02-01"),
      p(1, "2015-04-05"),
      p(1, "2015-09-10"),
      // Person 2: first in 2015.
      p(2, "2015-04-05"),
      // Person 3: only 2016.
      p(3, "2016-05-01"),
    ];
    const t = participationByYear(list, []);
    // Once per year beside it: person 1 is among 2015's participants too.
    expect(t.rows).toEqual([
      { year: 2014, candidates: 1, events: 1, participants: 1 },
      { year: 2015, candidates: 1, events: 2, participants: 2 },
      { year: 2016, candidates: 1, events: 1, participants: 1 },
    ]);
    expect(t.total).toEqual({ candidates: 3, events: 4 });
  });

  it("counts held events nobody came to, and one event for several sources on the same key", () => {
    const t = participationByYear(
      [p(1, "2026-12-10")],
      [
        { eventKey: "1:2026-12-10", date: "2026-12-10" },
        { eventKey: "1:2026-09-01", date: "2026-09-01" },
      ],
    );
    expect(t.rows).toEqual([{ year: 2026, candidates: 1, events: 2, participants: 1 }]);
  });

  it("lists empty years between the first and the last", () => {
    const t = participationByYear([p(1, "2013-11-14"), p(2, "2015-02-01")], []);
    expect(t.rows.map((r) => [r.year, r.candidates, r.events])).toEqual([
      [2013, 1, 1],
      [2014, 0, 0],
      [2015, 1, 1],
    ]);
  });

  it("answers an empty table without rows", () => {
    expect(participationByYear([], [])).toEqual({ rows: [], total: { candidates: 0, events: 0 } });
  });
});

describe("every format counted together, each person once; and the filter by format", () => {
  // Person 1: Ta sjansen in March and a Minijobbmesse in May 2026, then a Speedintervju in 2027.
  // Person 2: a Minijobbmesse in 2026 only. Person 3: imported Ta sjansen history in 2025, a Speedintervju in 2026.
  const list = [
    p(1, "2026-03-10", "event:1", "ta-sjansen"),
    p(1, "2026-05-20", "event:2", "minijobbmesse"),
    p(2, "2026-05-20", "event:2", "minijobbmesse"),
    p(1, "2027-02-01", "event:3", "speedintervju"),
    p(3, "2025-11-01", "1:2025-11-01", "ta-sjansen"),
    p(3, "2026-09-15", "event:4", "speedintervju"),
  ];

  it("counts a person who took part in two formats in one year once, and once per year in two years", () => {
    const t = participationByYear(list, []);
    expect(t.rows).toEqual([
      { year: 2025, candidates: 1, events: 1, participants: 1 },
      // Person 1 (two formats) once, person 2, and person 3 who is not new.
      { year: 2026, candidates: 2, events: 3, participants: 3 },
      // Person 1 again: a participant in 2027 too, but not a new candidate.
      { year: 2027, candidates: 0, events: 1, participants: 1 },
    ]);
    expect(t.total).toEqual({ candidates: 3, events: 5 });
  });

  it.each([
    [
      "ta-sjansen",
      [
        [2025, 1, 1, 1],
        [2026, 1, 1, 1],
      ],
      2,
    ],
    ["minijobbmesse", [[2026, 2, 1, 2]], 2],
    // First time at a Speedintervju: person 3 in 2026, person 1 in 2027.
    [
      "speedintervju",
      [
        [2026, 1, 1, 1],
        [2027, 1, 1, 1],
      ],
      2,
    ],
    [
      "all",
      [
        [2025, 1, 1, 1],
        [2026, 2, 3, 3],
        [2027, 0, 1, 1],
      ],
      3,
    ],
  ] as const)("filtered to %s: [year, new, events, participants] %j, %i in all", (format, rows, total) => {
    const t = participationByYear(ofFormat(list, format), []);
    expect(t.rows.map((r) => [r.year, r.candidates, r.events, r.participants])).toEqual(rows);
    expect(t.total.candidates).toBe(total);
  });

  it("keeps each person in the cohort of their very first participation when filtered", () => {
    // Person 3 took part in a Speedintervju in 2026, but their cohort (and status) is 2025's.
    expect([...cohortsOf(list, "speedintervju")]).toEqual([
      [1, 2026],
      [3, 2025],
    ]);
    expect([...cohortsOf(list, "minijobbmesse")]).toEqual([
      [1, 2026],
      [2, 2026],
    ]);
    expect(cohortsOf(list).size).toBe(3);
  });

  it.each([
    [undefined, "all"],
    ["", "all"],
    ["all", "all"],
    ["ta-sjansen", "ta-sjansen"],
    ["speedintervju", "speedintervju"],
    ["minijobbmesse", "minijobbmesse"],
    ["jobbmesse", null],
    [["minijobbmesse"], null],
  ])("reads the format %j as %j", (value, expected) => {
    expect(parseFormatFilter(value)).toBe(expected);
  });
});

describe("Speedintervju: the panel's decision per candidate", () => {
  it.each([
    [{ decision: "selected", interviewed: true }, "selected"],
    [{ decision: "reserve", interviewed: true }, "reserve"],
    [{ decision: "not-selected", interviewed: true }, "not-selected"],
    // A decision stands even when the host never marked the interview.
    [{ decision: "selected", interviewed: false }, "selected"],
    [{ decision: null, interviewed: true }, "undecided"],
    [{ decision: null, interviewed: false }, "no-show"],
  ] as const)("%j → %s", (c, expected) => {
    expect(selectionResult(c)).toBe(expected);
  });

  it("counts each result", () => {
    expect(selectionCounts(["selected", "selected", "reserve", "no-show"])).toEqual({
      selected: 2,
      reserve: 1,
      "not-selected": 0,
      undecided: 0,
      "no-show": 1,
    });
  });
});

describe("Minijobbmesse: registered, attended, visits and «vil møte igjen»", () => {
  const r = (arrived: boolean, noShow: boolean, visits: number, wantedBy: number) => ({
    arrived,
    noShow,
    visits,
    wantedBy,
  });
  it.each([
    ["nobody registered", [], [0, 0, 0, 0, 0, 0, 0]],
    ["registered, none checked in", [r(false, false, 0, 0), r(false, true, 0, 0)], [2, 0, 2, 0, 0, 0, 0]],
    [
      "three checked in: one visits three rooms and is wanted by two, one visits one room, one none",
      [r(true, false, 3, 2), r(true, false, 1, 0), r(true, false, 0, 0), r(false, false, 0, 0)],
      [4, 3, 1, 4, 2, 2, 1],
    ],
    // Checked in and then marked as not come (the host's correction): not attended.
    ["checked in, then marked not come", [r(true, true, 0, 0)], [1, 0, 1, 0, 0, 0, 0]],
  ] as const)(
    "%s → [registered, attended, absent, visits, visitors, meet again, wanted] %j",
    (_n, list, want) => {
      const c = fairCounts([...list]);
      expect([c.registered, c.attended, c.absent, c.visits, c.visitors, c.meetAgain, c.wanted]).toEqual(want);
    },
  );
});

describe("cohorts and percentages", () => {
  it("puts a person in the cohort of their first year", () => {
    const cohorts = cohortsOf([p(1, "2015-04-05"), p(1, "2014-11-01"), p(2, "2016-01-10")]);
    expect([...cohorts]).toEqual([
      [1, 2014],
      [2, 2016],
    ]);
  });

  it.each([
    [
      [1, 1, 1],
      [34, 33, 33],
    ],
    [
      [2, 1],
      [67, 33],
    ],
    [
      [0, 0],
      [0, 0],
    ],
    [
      [5, 0, 0],
      [100, 0, 0],
    ],
    [
      [1, 1, 1, 1, 1, 1, 1],
      [15, 15, 14, 14, 14, 14, 14],
    ],
    [
      [27, 6, 9, 58],
      [27, 6, 9, 58],
    ],
  ])("%j → %j (whole percents summing to 100)", (counts, expected) => {
    const pct = percentages(counts);
    expect(pct).toEqual(expected);
    if (counts.some(Boolean)) expect(pct.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("distributes each person's latest status in their cohort, with the people without status as a column", () => {
    const cohorts = new Map([
      [1, 2014],
      [2, 2014],
      [3, 2014],
      [4, 2015],
    ]);
    const rows = cohortDistribution(cohorts, [
      { personId: 1, cohortYear: 2014, status: "in-work" },
      { personId: 2, cohortYear: 2014, status: "measure" },
      // A snapshot filed under another cohort year does not count here.
      { personId: 4, cohortYear: 2016, status: "disabled" },
    ]);
    expect(rows.map((r) => r.year)).toEqual([2014, 2015]);
    const y2014 = Object.fromEntries(rows[0].cells.map((c) => [c.key, [c.count, c.percent]]));
    expect(y2014["in-work"]).toEqual([1, 34]);
    expect(y2014.measure).toEqual([1, 33]);
    expect(y2014.none).toEqual([1, 33]);
    expect(rows[0].total).toBe(3);
    const y2015 = Object.fromEntries(rows[1].cells.map((c) => [c.key, [c.count, c.percent]]));
    expect(y2015.none).toEqual([1, 100]);
    expect(y2015.disabled).toEqual([0, 0]);
  });
});

describe("best result per candidate on an event", () => {
  const i = (o: Partial<Parameters<typeof bestResult>[0][number]>) => ({
    noShow: false,
    assessment: null,
    offer: null,
    ...o,
  });
  it.each([
    [
      "an accepted offer beats an offer",
      [i({ offer: "pending", assessment: "aktuell" }), i({ offer: "accepted", assessment: "aktuell" })],
      "offer-accepted",
    ],
    [
      "a declined offer is still an offer",
      [i({ offer: "declined", assessment: "aktuell" }), i({ assessment: "aktuell" })],
      "offer",
    ],
    ["aktuell beats kanskje", [i({ assessment: "kanskje" }), i({ assessment: "aktuell" })], "aktuell"],
    [
      "kanskje beats ikke aktuell",
      [i({ assessment: "ikke-aktuell" }), i({ assessment: "kanskje" })],
      "kanskje",
    ],
    ["ikke aktuell beats a missing feedback", [i({}), i({ assessment: "ikke-aktuell" })], "ikke-aktuell"],
    ["coming without feedback beats a no-show", [i({ noShow: true }), i({})], "no-feedback"],
    ["all no-shows", [i({ noShow: true }), i({ noShow: true })], "no-show"],
    ["no interviews at all", [], "no-show"],
  ] as const)("%s", (_name, interviews, result) => {
    expect(bestResult([...interviews])).toBe(result);
  });

  it.each([
    [{ stage: "finished", noShow: false, hasFeedback: false, eventHeld: false }, true],
    [{ stage: "scheduled", noShow: false, hasFeedback: true, eventHeld: false }, true],
    [{ stage: "scheduled", noShow: false, hasFeedback: false, eventHeld: true }, true],
    [{ stage: "scheduled", noShow: false, hasFeedback: false, eventHeld: false }, false],
    [{ stage: "no-show", noShow: true, hasFeedback: false, eventHeld: true }, false],
  ])("interview %j held: %s", (x, held) => {
    expect(interviewHeld(x)).toBe(held);
  });
});

describe("CSV", () => {
  it("reads semicolons, commas, quotes and line breaks inside quotes, with line numbers", () => {
    expect(parseCsv('a;b\n1;"x;y"\n\n2;"he said ""hi"""\r\n')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "x;y"] },
      { line: 4, fields: ["2", 'he said "hi"'] },
    ]);
    expect(parseCsv("\uFEFFa,b\n1,2")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
    expect(parseCsv('a;b\n"multi\nline";2\n3;4').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("writes semicolons with a byte-order mark and defuses formulas", () => {
    expect(
      toCsv(
        ["År", "Navn"],
        [
          [2014, "=SUM(A1)"],
          [2015, 'Sa "ja"; takk'],
        ],
      ),
    ).toBe('\uFEFFÅr;Navn\r\n2014;\'=SUM(A1)\r\n2015;"Sa ""ja""; takk"\r\n');
  });
});

describe("checking a history import", () => {
  const ctx = { today: "2019-01-15", existing: new Set<string>() };
  it("accepts both date formats and aliases for the column names", () => {
    const r = checkImport(
      "Arrangementsdato,Nøkkel,Arbeidsgiver\n14.11.2013,HM-1,Vaskebedrift AS\n2014-02-01,HM-1,Sykehuset",
      ctx,
    );
    expect(r.rejected).toEqual([]);
    expect(r.lines).toEqual([
      { line: 2, date: "2013-11-14", personKey: "HM-1", employer: "Vaskebedrift AS" },
      { line: 3, date: "2014-02-01", personKey: "HM-1", employer: "Sykehuset" },
    ]);
    expect(previewByYear(r.lines)).toEqual([
      { year: 2013, lines: 1, persons: 1, dates: 1 },
      { year: 2014, lines: 1, persons: 1, dates: 1 },
    ]);
  });

  it("refuses a file that lacks a column, naming it", () => {
    const r = checkImport("dato;virksomhet\n14.11.2013;Sykehuset", ctx);
    expect(r.lines).toEqual([]);
    expect(r.rejected).toEqual([
      { line: 1, reason: expect.stringContaining("Kolonnen «personnøkkel» mangler") },
    ]);
  });

  it("gives every refused line its reason", () => {
    const text = [
      "dato;personnøkkel;virksomhet;merknad",
      "14.11.2013;HM-1;Vaskebedrift AS;",
      "14.11.2013;HM-1;vaskebedrift  as;",
      "31.02.2014;HM-2;Sykehuset;",
      "14.11.2013;01019012480;Sykehuset;",
      "14.11.2013;HM-3;Sykehuset;ring 010190 12480",
      "14.11.2013;;;",
      "01.02.2020;HM-4;Sykehuset;",
      "14.11.2013;HM-5",
      "14.11.2013;HM-6;Bamsebjørn barnehage;",
    ].join("\n");
    const r = checkImport(text, { ...ctx, existing: new Set(["2013-11-14|HM-6|bamsebjørn barnehage"]) });
    expect(r.lines.map((l) => l.line)).toEqual([2]);
    expect(r.rejected).toEqual([
      { line: 3, reason: "Linjen er lik linje 2" },
      { line: 4, reason: expect.stringContaining("«31.02.2014» er ikke en dato") },
      { line: 5, reason: expect.stringContaining("fødselsnummer") },
      { line: 6, reason: expect.stringContaining("fødselsnummer") },
      { line: 7, reason: "Personnøkkelen mangler. Virksomheten mangler" },
      { line: 8, reason: "Datoen 1. februar 2020 er fram i tid" },
      { line: 9, reason: "Linjen har 2 felt, men trenger minst 3" },
      { line: 10, reason: "Linjen er importert fra før" },
    ]);
  });

  it.each([
    ["123456789012", false],
    ["HM-1234567890123", false],
    ["12345678901234567890", false],
    ["HM-1234567890", true],
    ["12345-678901", true],
    ["HM 12345 678901", true],
  ])("a person key %j: accepted = %s (as the person table's CHECK)", (key, accepted) => {
    const r = checkImport(`dato;personnøkkel;virksomhet\n14.11.2013;${key};Sykehuset`, ctx);
    expect(r.lines.length).toBe(accepted ? 1 : 0);
    expect(r.rejected).toEqual(
      accepted ? [] : [{ line: 2, reason: expect.stringContaining("11 eller flere sifre på rad") }],
    );
  });

  it.each([
    ["2013-11-14", "2013-11-14"],
    ["14.11.2013", "2013-11-14"],
    ["4/2/2015", "2015-02-04"],
    ["14.11.13", null],
    ["2013-02-30", null],
    ["i fjor", null],
  ])("reads the date %j as %j", (v, iso) => {
    expect(parseDate(v)).toBe(iso);
  });
});

describe("charts", () => {
  it("scales bars to a round maximum and puts values above them", () => {
    const c = barChart({
      id: "c",
      title: "t",
      desc: "d",
      bars: [
        { label: "2013", value: 11 },
        { label: "2014", value: 104 },
      ],
    });
    expect(c.ticks.map((t) => t.label)).toEqual(["0", "20", "40", "60", "80", "100", "120"]);
    expect(c.bars[1].h).toBeGreaterThan(c.bars[0].h);
    expect(c.bars[0].y + c.bars[0].h).toBeCloseTo(c.baseline);
    const small = barChart({ id: "c", title: "t", desc: "d", bars: [{ label: "2013", value: 3 }] });
    expect(small.ticks.map((t) => t.label)).toEqual(["0", "1", "2", "3", "4"]);
  });

  it.each([
    [0, 1, 4],
    [3, 1, 4],
    [11, 2, 6],
    [64, 20, 4],
    [104, 20, 6],
    [329, 100, 4],
  ])("puts ticks for a maximum of %i at steps of %d (%i steps)", (max, step, count) => {
    const t = niceTicks(max);
    expect(t).toEqual({ step, count });
    expect(t.step * t.count).toBeGreaterThanOrEqual(max);
  });

  it("fills each stacked row to the full width", () => {
    const c = stackedChart({
      id: "s",
      title: "t",
      desc: "d",
      rows: [
        {
          label: "2014",
          segments: [
            { key: "a", label: "A", count: 1 },
            { key: "b", label: "B", count: 3 },
          ],
        },
      ],
      colors: { a: "#000", b: "#fff" },
    });
    const segs = c.rows[0].segments;
    expect(segs[0].w * 3).toBeCloseTo(segs[1].w);
    expect(segs[1].x + segs[1].w).toBeCloseTo(c.plot.x + c.plot.w);
  });
});
