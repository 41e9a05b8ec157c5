// The live preview's pages. Each page is its overlay (the white sheet,
// rules, images and an invisible text layer for selection and screen
// readers, as SVG) under a canvas the glyphs are painted on: a canvas
// paints a page of text in a few milliseconds and is then just pixels,
// where thousands of SVG glyph elements took WebKit ~150 ms to build and
// paint on every edit. Glyph positions and outlines are the layout's own,
// so the page is the PDF's.
import { memo, useLayoutEffect, useRef, useSyncExternalStore } from "react";
import type { PageDrawing } from "../../ipc";
import { glyphOutline } from "./glyphs";
import type { PageStore } from "./livePreview";

/** Paint `drawing`'s glyphs on `canvas`, sized to its box at the screen's pixel density. */
export function paintGlyphs(canvas: HTMLCanvasElement, drawing: PageDrawing) {
  const css = canvas.clientWidth;
  if (css === 0) return;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(css * ratio);
  const height = Math.round((css * ratio * drawing.height) / drawing.width);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const started = performance.now();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const k = width / drawing.width;
  for (const line of drawing.lines) {
    ctx.fillStyle = line.color;
    const s = k * line.scale;
    const g = line.glyphs;
    for (let i = 0; i + 2 < g.length; i += 3) {
      const outline = glyphOutline(g[i] ?? -1);
      if (!outline) continue;
      ctx.setTransform(s, 0, 0, -s, k * (g[i + 1] ?? 0), k * (g[i + 2] ?? 0));
      ctx.fill(outline);
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (__TEST_HOOKS__ && window.__amicusPreviewMarks) window.__amicusGlyphPaintMs = performance.now() - started;
}

declare global {
  interface Window {
    /** For `make bench`: how long the last page's glyphs took to paint on the canvas. */
    __amicusGlyphPaintMs?: number;
  }
}

/** One page; a page whose drawing did not change is neither re-rendered nor repainted. */
const Page = memo(function Page({ drawing, n, of }: { drawing: PageDrawing; n: number; of: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const c = canvas.current;
    if (!c) return;
    paintGlyphs(c, drawing);
    // A new width (the window or the column resized) needs a sharper or smaller bitmap.
    if (typeof ResizeObserver === "undefined") return;
    let width = c.clientWidth;
    const watch = new ResizeObserver(() => {
      if (c.clientWidth !== width) {
        width = c.clientWidth;
        paintGlyphs(c, drawing);
      }
    });
    watch.observe(c);
    return () => watch.disconnect();
  }, [drawing]);
  return (
    <div className="page live" data-testid="preview-page" aria-label={`Page ${n} of ${of}`}>
      <div className="overlay" dangerouslySetInnerHTML={{ __html: drawing.overlay }} />
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
});

/** The pages in `store`, as it changes; a new version re-renders only these. */
export function LivePages({ store }: { store: PageStore }) {
  const { pages, busy } = useSyncExternalStore(store.subscribe, store.get);
  // The benchmark's marks: when the answer they belong to reached the screen.
  useLayoutEffect(() => {
    if (!__TEST_HOOKS__) return;
    const marks = window.__amicusPreviewMarks;
    const mark = marks ? store.takeMark() : null;
    if (!marks || !mark) return;
    const committedAt = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        marks.push({ ...mark, committedAt, paintedAt: performance.now(), glyphPaintMs: window.__amicusGlyphPaintMs ?? 0 }),
      ),
    );
  }, [pages, store]);
  return (
    <div className="pages" aria-label="Letter preview" aria-busy={busy}>
      {pages.map((p, i) => (
        <Page key={i} drawing={p.drawing} n={i + 1} of={pages.length} />
      ))}
    </div>
  );
}
