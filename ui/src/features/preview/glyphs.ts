// The glyph outlines every live-preview page draws with, defined once per
// window. Pages arrive as SVG that `<use href="#ag0-42">`s these paths, so
// an edit sends only the pages that changed and never an outline twice.
// Ids depend only on the app's fonts, which do not change while it runs.
import type { GlyphDef } from "../../ipc";

const SVG = "http://www.w3.org/2000/svg";
const known = new Set<string>();
let defs: SVGDefsElement | null = null;

function holder(): SVGDefsElement {
  if (defs?.isConnected) return defs;
  // A fresh document (tests) or a removed holder: start again.
  known.clear();
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("width", "0");
  svg.setAttribute("height", "0");
  svg.setAttribute("style", "position:absolute;width:0;height:0;overflow:hidden");
  svg.id = "amicus-glyphs";
  defs = document.createElementNS(SVG, "defs");
  svg.appendChild(defs);
  document.body.appendChild(svg);
  return defs;
}

/** The ids of the outlines defined so far (what a preview request says it has). */
export function knownGlyphs(): string[] {
  holder();
  return [...known];
}

/** Define outlines not defined yet; pages using them can then be shown. */
export function defineGlyphs(glyphs: GlyphDef[]) {
  if (glyphs.length === 0) return;
  const into = holder();
  const fragment = document.createDocumentFragment();
  for (const g of glyphs) {
    if (known.has(g.id)) continue;
    const path = document.createElementNS(SVG, "path");
    path.id = g.id;
    path.setAttribute("d", g.d);
    fragment.appendChild(path);
    known.add(g.id);
  }
  into.appendChild(fragment);
}
