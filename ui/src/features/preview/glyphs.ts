// The glyph outlines the live preview paints with, kept once per window.
// A preview answer sends an outline only the first time a page uses it, so
// an edit carries just the changed pages' glyph placements. Ids depend only
// on the app's fonts, which do not change while it runs.
import type { GlyphDef } from "../../ipc";

const outlines = new Map<number, Path2D | string>();

/** The ids of the outlines held so far (what a preview request says it has). */
export function knownGlyphs(): number[] {
  return [...outlines.keys()];
}

/** Keep outlines not held yet. */
export function defineGlyphs(glyphs: GlyphDef[]) {
  for (const g of glyphs) {
    if (outlines.has(g.id)) continue;
    // Where there is no Path2D (tests), the path data is kept as it came.
    outlines.set(g.id, typeof Path2D === "undefined" ? g.d : new Path2D(g.d));
  }
}

/** A held outline, ready to fill. */
export function glyphOutline(id: number): Path2D | undefined {
  const o = outlines.get(id);
  return typeof o === "string" ? undefined : o;
}

/** Forget every outline (for tests that start from a fresh window). */
export function forgetGlyphs() {
  outlines.clear();
}
