// Owns the geometry of the server-rendered SVG charts (templates only draw what this computes). Every chart has
// a title and a description for screen readers, and the page shows a data table beside it.

export type Bar = { label: string; value: number };

/**
 * Whole-number ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ, at least 1) from 0 to the lowest top at or above `max`,
 * with four to six steps.
 */
export function niceTicks(max: number): { step: number; count: number } {
  let best = { step: 1, count: 4, top: Number.POSITIVE_INFINITY };
  for (const count of [4, 5, 6]) {
    const raw = Math.max(max, 1) / count;
    const pow = 10 ** Math.floor(Math.log10(raw));
    let step = ([1, 2, 2.5, 5, 10].find((x) => x * pow >= raw) ?? 10) * pow;
    step = Math.max(1, Number.isInteger(step) ? step : Math.ceil(step));
    if (step * count < best.top) best = { step, count, top: step * count };
  }
  return { step: best.step, count: best.count };
}

/** Vertical bars with a value above each bar and a labelled y axis. */
export function barChart(opts: {
  id: string;
  title: string;
  desc: string;
  bars: Bar[];
  width?: number;
  height?: number;
}) {
  const width = opts.width ?? 560;
  const height = opts.height ?? 280;
  const plot = { x: 48, y: 24, w: width - 64, h: height - 64 };
  const { step, count: tickCount } = niceTicks(Math.max(0, ...opts.bars.map((b) => b.value)));
  const max = step * tickCount;
  const slot = opts.bars.length ? plot.w / opts.bars.length : plot.w;
  const barW = Math.max(8, Math.min(56, slot * 0.6));
  const scale = (v: number) => (v / max) * plot.h;
  return {
    id: opts.id,
    title: opts.title,
    desc: opts.desc,
    width,
    height,
    plot,
    baseline: plot.y + plot.h,
    ticks: Array.from({ length: tickCount + 1 }, (_, i) => {
      const value = (max / tickCount) * i;
      return {
        y: plot.y + plot.h - scale(value),
        label: Number.isInteger(value) ? String(value) : value.toFixed(1),
      };
    }),
    bars: opts.bars.map((b, i) => {
      const h = scale(b.value);
      const cx = plot.x + slot * i + slot / 2;
      return {
        ...b,
        x: cx - barW / 2,
        y: plot.y + plot.h - h,
        w: barW,
        h,
        cx,
        valueY: plot.y + plot.h - h - 6,
        labelY: plot.y + plot.h + 18,
      };
    }),
  };
}
export type BarChart = ReturnType<typeof barChart>;

export type Segment = { key: string; label: string; count: number };

/** Horizontal bars that each fill 100 %, one per row (a cohort), split into segments by share. */
export function stackedChart(opts: {
  id: string;
  title: string;
  desc: string;
  rows: { label: string; segments: Segment[] }[];
  colors: Record<string, string>;
  width?: number;
}) {
  const width = opts.width ?? 560;
  const rowH = 28;
  const gap = 12;
  const plot = { x: 56, y: 12, w: width - 88 };
  const height = plot.y + opts.rows.length * (rowH + gap) + 28;
  return {
    id: opts.id,
    title: opts.title,
    desc: opts.desc,
    width,
    height,
    plot,
    ticks: [0, 25, 50, 75, 100].map((p) => ({ x: plot.x + (plot.w * p) / 100, label: `${p} %` })),
    axisY: plot.y + opts.rows.length * (rowH + gap),
    rows: opts.rows.map((r, i) => {
      const total = r.segments.reduce((n, s) => n + s.count, 0);
      const y = plot.y + i * (rowH + gap);
      let x = plot.x;
      return {
        label: r.label,
        y,
        h: rowH,
        labelY: y + rowH / 2 + 5,
        segments: r.segments
          .filter((s) => s.count > 0)
          .map((s) => {
            const w = total ? (plot.w * s.count) / total : 0;
            const seg = { ...s, x, w, color: opts.colors[s.key] ?? "#6a6a6a" };
            x += w;
            return seg;
          }),
      };
    }),
  };
}
export type StackedChart = ReturnType<typeof stackedChart>;

/** Distinct colours for the status categories; "none" (no status recorded) is grey. */
export const STATUS_COLORS: Record<string, string> = {
  "in-work": "#06893a",
  disabled: "#634689",
  "not-registered": "#c77300",
  measure: "#0067c5",
  registered: "#66a3e0",
  "changed-group": "#005b82",
  "unemployment-benefit": "#a32a8c",
  clarified: "#7f8900",
  none: "#c6c2bf",
};
