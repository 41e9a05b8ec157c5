import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** One series of bars: a value per category. */
export interface Bars {
  label: string;
  color: string;
  values: number[];
}

/** A round top for a chart's scale: 1, 2, 5, 10, 20, 50, … */
export function niceMax(v: number): number {
  for (let step = 1; ; step *= 10) for (const m of [1, 2, 5]) if (v <= step * m) return Math.max(step * m, 1);
}

/**
 * What is drawn, series by series, back to front: stacked series become
 * running totals (the tallest drawn first, so each shorter one covers the
 * bottom of the one behind it); overlaid series are drawn as given.
 */
export function drawnSeries(series: Bars[], stacked: boolean): Bars[] {
  if (!stacked) return series;
  const n = series[0]?.values.length ?? 0;
  let running = new Array<number>(n).fill(0);
  const totals = series.map((s) => {
    running = running.map((v, i) => v + (s.values[i] ?? 0));
    return { ...s, values: running };
  });
  return totals.reverse();
}

/**
 * uPlot formats numbers in `navigator.language` as it loads. Under a POSIX
 * locale (LANG=C) WebKitGTK reports "C", which Intl refuses, and the chart
 * module would fail to load: the window's numbers are then American English,
 * as its dates are.
 */
function sayableLanguage() {
  try {
    new Intl.NumberFormat(navigator.language);
  } catch {
    Object.defineProperty(navigator, "language", { value: "en-US", configurable: true });
  }
}

const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

let canvas: boolean | null = null;
const canDraw = () => (canvas ??= document.createElement("canvas").getContext("2d") !== null);

/**
 * A bar chart drawn by uPlot (loaded with the first chart shown): a bar per
 * category, `stacked` or drawn over each other, a number written above a bar
 * where `above` has one. `label` says the chart's numbers to a reader who
 * cannot see it; the canvas itself is hidden from them.
 */
export function BarChart({
  categories,
  series,
  stacked = false,
  above,
  height = 170,
  label,
}: {
  categories: string[];
  series: Bars[];
  stacked?: boolean;
  above?: (number | null)[];
  height?: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  // Redrawn when what it shows changes, not on every render.
  const shown = JSON.stringify([categories, series, stacked, above, height]);
  useEffect(() => {
    const el = box.current;
    // Without a canvas to draw on (a test's DOM), the chart's numbers are
    // still said beside it: its label and the notes the page writes.
    if (!el || !canDraw()) return;
    let plot: uPlot | null = null;
    let gone = false;
    let watch: ResizeObserver | null = null;
    const drawn = drawnSeries(series, stacked);
    const tops = drawn[0]?.values ?? [];
    const xs = categories.map((_, i) => i);
    sayableLanguage();
    import("uplot")
      .then(({ default: UPlot }) => {
        if (gone) return;
        const bars = UPlot.paths.bars?.({ size: [0.6, 36], gap: 2 });
        const opts: uPlot.Options = {
          width: Math.max(el.clientWidth, 320),
          height,
          legend: { show: false },
          cursor: { show: false },
          scales: {
            x: { time: false, range: [-0.5, Math.max(categories.length, 1) - 0.5] },
            y: { range: (_u, _min, max) => [0, niceMax(Math.max(max, 0))] },
          },
          axes: [
            {
              splits: () => xs,
              // As many labels as fit, about 56 px apart: every k-th.
              values: (u, splits) => {
                const every = Math.max(1, Math.ceil((splits.length * 56) / Math.max(u.bbox.width / devicePixelRatio, 1)));
                return splits.map((i) => (i % every === 0 ? (categories[i] ?? "") : ""));
              },
              grid: { show: false },
              size: 28,
            },
            // Counts: whole numbers on the scale.
            { size: 40, grid: { stroke: "#e3e8ee", width: 1 }, ticks: { show: false }, incrs: COUNT_STEPS },
          ],
          series: [
            {},
            ...drawn.map((s) => ({
              label: s.label,
              fill: s.color,
              stroke: s.color,
              width: 0,
              points: { show: false },
              paths: bars,
            })),
          ],
          hooks: {
            draw: [
              (u: uPlot) => {
                if (!above) return;
                const ctx = u.ctx;
                ctx.save();
                ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
                ctx.textAlign = "center";
                ctx.fillStyle = "#222";
                above.forEach((n, i) => {
                  if (n === null || n === 0) return;
                  const x = u.valToPos(i, "x", true);
                  const y = u.valToPos(tops[i] ?? 0, "y", true) - 4 * devicePixelRatio;
                  ctx.fillText(String(n), x, y);
                });
                ctx.restore();
              },
            ],
          },
        };
        plot = new UPlot(opts, [xs, ...drawn.map((s) => s.values)], el);
        watch = new ResizeObserver(() => {
          if (plot && el.clientWidth > 0) plot.setSize({ width: Math.max(el.clientWidth, 320), height });
        });
        watch.observe(el);
      })
      .catch((e: unknown) => console.error("The chart could not be drawn:", e));
    return () => {
      gone = true;
      watch?.disconnect();
      plot?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);
  return <div ref={box} className="bar-chart" role="img" aria-label={label} />;
}
