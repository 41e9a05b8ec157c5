// The layout rules of styles.css that findings in the real window were
// about, checked with the style sheet applied at a wide and a narrow window.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";

beforeAll(() => {
  const style = document.createElement("style");
  style.textContent = readFileSync("src/styles.css", "utf8");
  document.head.appendChild(style);
});

/** The window's size (happy-dom's), before the elements are made. */
function windowWidth(width: number) {
  (window as unknown as { happyDOM: { setViewport: (v: { width: number; height: number }) => void } }).happyDOM.setViewport({
    width,
    height: 900,
  });
}

/** `html` put in the document; its first element. */
function made(html: string): HTMLElement {
  const box = document.createElement("div");
  box.innerHTML = html;
  document.body.appendChild(box);
  return box.firstElementChild as HTMLElement;
}

const style = (root: HTMLElement, css: string) => getComputedStyle(root.querySelector(css) ?? root);

describe("layout", () => {
  it("lets the letter form grow with the window beside its preview, and stacks them on a narrow one", () => {
    const compose = `<section class="compose"><div class="compose-form"><div class="grid2"><label>Position<select></select></label></div></div><div class="compose-preview"></div></section>`;
    for (const width of [1920, 1024]) {
      windowWidth(width);
      const root = made(compose);
      expect(getComputedStyle(root).display).toBe("grid");
      expect(getComputedStyle(root).gridTemplateColumns).toBe("minmax(340px, 1fr) minmax(340px, 1fr)");
      // No fixed width: the form takes its share of the window.
      expect(style(root, ".compose-form").width).not.toMatch(/px$/);
      // A long option cannot push its column (and the form) sideways.
      expect(style(root, ".grid2").gridTemplateColumns).toBe("minmax(0, 1fr) minmax(0, 1fr)");
      expect(style(root, ".grid2 > label").minWidth).toBe("0");
      // WebKitGTK counts a select's cut-off text as overflow of the form: it must not.
      expect(style(root, "select").contain).toBe("paint");
    }
    windowWidth(800);
    const narrow = made(compose);
    expect(getComputedStyle(narrow).gridTemplateColumns).toBe("minmax(0, 1fr)");
  });

  it("shows the chosen row's details beside the list, kept in view; above it on a narrow window", () => {
    const list = `<div class="master-detail open"><div class="master"></div><div class="detail"></div></div>`;
    windowWidth(1920);
    const wide = made(list);
    expect(getComputedStyle(wide).gridTemplateColumns).toBe("minmax(0, 1fr) minmax(340px, 440px)");
    expect(style(wide, ".detail").position).toBe("sticky");
    expect(style(wide, ".detail").overflow).toBe("auto");
    windowWidth(800);
    const narrow = made(list);
    expect(getComputedStyle(narrow).gridTemplateColumns).toBe("minmax(0, 1fr)");
    expect(style(narrow, ".detail").order).toBe("-1");
  });

  it("never wraps a date in a table's date columns", () => {
    windowWidth(1920);
    const table = made(`<table class="table"><tr><th class="date">Letter date</th><td class="date">September 5, 2017</td></tr></table>`);
    expect(style(table, "td.date").whiteSpace).toBe("nowrap");
    expect(style(table, "th.date").whiteSpace).toBe("nowrap");
  });

  it("wraps the template editor's long lines, and its numbered lines behind them alike", () => {
    windowWidth(1920);
    const code = made(`<div class="code"><div class="code-lines"><div class="code-line"><span class="ln">1</span><span class="lt">x</span></div></div><textarea></textarea></div>`);
    expect(style(code, "textarea").whiteSpace).toBe("pre-wrap");
    expect(style(code, ".lt").whiteSpace).toBe("pre-wrap");
    expect(style(code, ".lt").visibility).toBe("hidden");
  });
});
