// The Speedintervju's selection rules as tables: who may decide and when, the form's values, the optimistic
// version, and the order of the course list.
import { describe, expect, it } from "vitest";
import {
  checkSelectionAllowed,
  checkSelectionInput,
  checkSelectionVersion,
  courseList,
  MAX_SELECTION_NOTE,
  type SelectionActor,
  type SelectionFacts,
  selectionText,
} from "../../server/outcomes/selection.rules";

// 10 December 2026, Oslo: the interview with panel 1 starts 09:00 (08:00Z), with panel 2 at 09:20 (08:20Z).
const facts = (over: Partial<SelectionFacts> = {}): SelectionFacts => ({
  outcome: "selection",
  eventDate: "2026-12-10",
  interviews: [{ participationId: 1, startsAt: "2026-12-10T08:00:00.000Z", noShow: false }],
  ...over,
});
const panel = (participationId: number): SelectionActor => ({ kind: "panel", participationId });
const coordinator: SelectionActor = { kind: "coordinator" };

describe("who may record a candidate's course decision, and when", () => {
  it.each([
    ["the panel, when the interview has started", panel(1), facts(), "2026-12-10T08:00:00Z", null],
    ["the panel, later the same day", panel(1), facts(), "2026-12-10T15:00:00Z", null],
    ["the panel, days later", panel(1), facts(), "2026-12-20T10:00:00Z", null],
    ["the panel, a minute before the interview", panel(1), facts(), "2026-12-10T07:59:00Z", "too-early"],
    ["the panel, the day before", panel(1), facts(), "2026-12-09T12:00:00Z", "too-early"],
    [
      "another panel, which did not interview the candidate",
      panel(2),
      facts(),
      "2026-12-10T12:00:00Z",
      "no-interview",
    ],
    [
      "the panel, for a candidate who did not come",
      panel(1),
      facts({ interviews: [{ participationId: 1, startsAt: "2026-12-10T08:00:00.000Z", noShow: true }] }),
      "2026-12-10T12:00:00Z",
      "no-show",
    ],
    [
      "the second panel of a candidate with two interviews, once its own has started",
      panel(2),
      facts({
        interviews: [
          { participationId: 1, startsAt: "2026-12-10T08:00:00.000Z", noShow: false },
          { participationId: 2, startsAt: "2026-12-10T08:20:00.000Z", noShow: false },
        ],
      }),
      "2026-12-10T08:10:00Z",
      "too-early",
    ],
    [
      "a coordinator, on the event's day (before the interview)",
      coordinator,
      facts(),
      "2026-12-09T23:30:00Z",
      null,
    ],
    ["a coordinator, the evening before (Oslo)", coordinator, facts(), "2026-12-09T22:30:00Z", "too-early"],
    ["a coordinator, after the event", coordinator, facts(), "2027-01-05T09:00:00Z", null],
    [
      "a coordinator, for a no-show (to correct the record)",
      coordinator,
      facts({ interviews: [{ participationId: 1, startsAt: "2026-12-10T08:00:00.000Z", noShow: true }] }),
      "2026-12-10T12:00:00Z",
      null,
    ],
    [
      "a coordinator, for a candidate with no interview",
      coordinator,
      facts({ interviews: [] }),
      "2026-12-10T12:00:00Z",
      "no-interview",
    ],
    [
      "a veileder, never",
      { kind: "caseworker" } as SelectionActor,
      facts(),
      "2026-12-10T12:00:00Z",
      "not-allowed",
    ],
    [
      "anyone, on a Ta sjansen",
      panel(1),
      facts({ outcome: "offer" }),
      "2026-12-10T12:00:00Z",
      "not-selection-format",
    ],
    [
      "a coordinator, on a Minijobbmesse",
      coordinator,
      facts({ outcome: "meet-again" }),
      "2026-12-10T12:00:00Z",
      "not-selection-format",
    ],
  ])("%s", (_name, who, f, now, refusal) => {
    const d = checkSelectionAllowed(who, f, new Date(now));
    if (refusal === null) expect(d).toEqual({ ok: true });
    else {
      expect(d).toMatchObject({ ok: false, reason: refusal });
      // Every refusal says why in Norwegian.
      expect(d.ok ? "" : d.message).toMatch(/[a-zæøå]{3}/);
    }
  });

  it("names the interview's start when the panel is too early", () => {
    const d = checkSelectionAllowed(panel(1), facts(), new Date("2026-12-10T07:00:00Z"));
    expect(d.ok ? "" : d.message).toContain("09:00");
  });
});

describe("the decision's values", () => {
  const long = "x".repeat(MAX_SELECTION_NOTE + 1);
  it.each([
    ["selected with a note", { decision: "selected", note: "Motivert, god norsk", reserveRank: null }, {}],
    ["a reserve with a rank", { decision: "reserve", note: "", reserveRank: 2 }, {}],
    ["a reserve without a rank", { decision: "reserve", note: "", reserveRank: null }, {}],
    ["not selected", { decision: "not-selected", note: "Ønsker annen oppfølging", reserveRank: null }, {}],
    [
      "a note at the limit",
      { decision: "selected", note: "x".repeat(MAX_SELECTION_NOTE), reserveRank: null },
      {},
    ],
    ["a note over the limit", { decision: "selected", note: long, reserveRank: null }, { note: "1001" }],
    [
      "a rank for a selected candidate",
      { decision: "selected", note: "", reserveRank: 1 },
      { reserveRank: "bare for reserve" },
    ],
    ["rank 0", { decision: "reserve", note: "", reserveRank: 0 }, { reserveRank: "1 til 99" }],
    ["rank 100", { decision: "reserve", note: "", reserveRank: 100 }, { reserveRank: "1 til 99" }],
  ] as const)("%s", (_name, input, expected) => {
    const errors = checkSelectionInput(input);
    expect(Object.keys(errors)).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expect(errors[k]).toContain(v);
  });

  it.each([
    [{ decision: "selected", reserveRank: null }, "Valgt"],
    [{ decision: "reserve", reserveRank: 3 }, "Reserve nr. 3"],
    [{ decision: "reserve", reserveRank: null }, "Reserve"],
    [{ decision: "not-selected", reserveRank: null }, "Ikke valgt"],
  ] as const)("%j reads «%s»", (s, text) => {
    expect(selectionText(s)).toBe(text);
  });
});

describe("two panel members editing at once", () => {
  it.each([
    ["a first decision from an empty form", null, undefined, true],
    ["a first decision with version 0", null, 0, true],
    ["a change of version 2 from a form opened at version 2", { version: 2 }, 2, true],
    ["a form opened before the first decision was saved", { version: 1 }, undefined, false],
    ["a form opened at version 1 after someone saved version 2", { version: 2 }, 1, false],
    ["a form claiming a version not saved yet", { version: 2 }, 3, false],
    ["a decision erased meanwhile is recorded again", null, 4, true],
  ])("%s", (_name, saved, formVersion, ok) => {
    const d = checkSelectionVersion(saved, formVersion);
    expect(d.ok).toBe(ok);
    if (!d.ok) {
      expect(d.reason).toBe("stale-selection");
      expect(d.message).toContain("Allerede endret av noen andre");
    }
  });
});

describe("the course list", () => {
  it("has the selected first, then reserves by rank (unranked last), and never those not selected", () => {
    const rows = [
      { name: "Åse R.", decision: "reserve" as const, reserveRank: null },
      { name: "Per N.", decision: "not-selected" as const, reserveRank: null },
      { name: "Berit S.", decision: "reserve" as const, reserveRank: 2 },
      { name: "Ola V.", decision: "selected" as const, reserveRank: null },
      { name: "Anne V.", decision: "selected" as const, reserveRank: null },
      { name: "Cato R.", decision: "reserve" as const, reserveRank: 1 },
    ];
    expect(courseList(rows).map((r) => r.name)).toEqual([
      "Anne V.",
      "Ola V.",
      "Cato R.",
      "Berit S.",
      "Åse R.",
    ]);
  });
});
