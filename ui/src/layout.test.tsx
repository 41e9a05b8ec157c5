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

  it("puts a toast over the foot of the navigation column, a warning styled as one, with no blurred shadow", () => {
    windowWidth(1024);
    const shell = made(`<div class="shell"><nav class="sidebar"></nav><div class="notice toast">Draft saved.</div><div class="toast warn">Saved. No holder…</div></div>`);
    const toast = style(shell, ".notice.toast");
    expect(toast.position).toBe("fixed");
    expect(toast.left).toBe("12px");
    expect(toast.bottom).toBe("16px");
    // Within the navigation column (190 px): no field of a form, no part of the preview, under it.
    expect(parseFloat(toast.left) + parseFloat(toast.width)).toBeLessThanOrEqual(parseFloat(style(shell, ".sidebar").width) - 12);
    expect(toast.overflowWrap).toBe("anywhere");
    // A blur radius of 0: WebKitGTK re-blurs shadows on the CPU.
    expect(toast.boxShadow).toMatch(/^0 2px 0 /);
    const warn = style(shell, ".toast.warn");
    expect(warn.borderLeftColor).not.toBe(toast.borderLeftColor);
    expect(warn.color).not.toBe(toast.color);
  });

  it("puts a dialog's backdrop above everything, the toast included", () => {
    windowWidth(1920);
    const page = made(`<div><div class="backdrop"><div class="dialog"></div></div><div class="toast">x</div><ul class="search-results"></ul></div>`);
    expect(style(page, ".backdrop").position).toBe("fixed");
    const z = Number(style(page, ".backdrop").zIndex);
    expect(z).toBeGreaterThan(Number(style(page, ".toast").zIndex));
    expect(z).toBeGreaterThan(Number(style(page, ".search-results").zIndex));
  });

  it("scrolls a tall dialog's body, its title and buttons in view, the page behind held still", () => {
    windowWidth(1024);
    const page = made(
      `<div class="shell"><div class="backdrop"><div class="dialog"><h2>Add an official</h2><div class="dialog-body"><form><label>Name<input></label><div class="actions"><button>Add</button></div></form><div class="actions"><button>Close</button></div></div></div></div></div>`,
    );
    expect(style(page, ".dialog").display).toBe("flex");
    expect(style(page, ".dialog").flexDirection).toBe("column");
    expect(style(page, ".dialog").overflow).toBe("hidden");
    expect(style(page, ".dialog").maxHeight).toBe("828px"); // 92vh of 900
    expect(style(page, ".dialog > h2").flexShrink).toBe("0");
    expect(style(page, ".dialog-body").overflowY).toBe("auto");
    expect(style(page, ".dialog-body").minHeight).toMatch(/^0(px)?$/);
    for (const actions of page.querySelectorAll<HTMLElement>(".dialog-body .actions")) {
      expect(getComputedStyle(actions).position).toBe("sticky");
      expect(getComputedStyle(actions).bottom).toMatch(/^0(px)?$/);
      expect(getComputedStyle(actions).backgroundColor).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    }
    // The page's scrolling columns scroll until a dialog is open (Dialog.tsx marks the page).
    const columns = `<main class="content"><section class="compose"><div class="compose-form"></div><div class="compose-preview"></div></section></main>`;
    expect(style(made(columns), ".content").overflow).toBe("auto");
    document.documentElement.classList.add("dialog-open");
    try {
      const held = made(columns);
      for (const column of [".content", ".compose-form", ".compose-preview"]) {
        expect(style(held, column).overflow).toBe("hidden");
      }
    } finally {
      document.documentElement.classList.remove("dialog-open");
    }
  });

  it("draws each of the letter's copies as a block that fits the form, its actions wrapping below, nothing scrolling sideways", () => {
    windowWidth(1100);
    const copies = made(
      `<div><fieldset class="copies"><table class="copy-table"><thead class="visually-hidden"><tr><th>Recipient</th></tr></thead><tbody><tr class="copy"><td class="copy-who"><strong>Robert E. Lighthizer</strong><div class="copy-status">Sent, no reply yet</div></td><td class="copy-sent">Sent <span class="nowrap">September 5, 2018</span></td><td class="copy-reply"></td><td class="copy-contacts"><ul class="contacts"><li><span class="nowrap">October 1, 2018</span> call with Jane Roe: Left a message.</li></ul></td><td class="copy-actions"><div class="row-actions"><button class="small">Reassign…</button><button class="small">Log call…</button></div></td></tr></tbody></table></fieldset></div>`,
    );
    for (const part of ["table", "tbody", "tr.copy", "td.copy-who", "td.copy-sent"]) {
      expect(style(copies, part).display, part).toBe("block");
    }
    // No part of the copies scrolls sideways.
    for (const el of copies.querySelectorAll("*")) {
      expect(getComputedStyle(el).overflowX).not.toBe("auto");
    }
    // A copy's facts wrap at words, a date kept whole; a part with nothing to say takes no room.
    expect(style(copies, "td.copy-sent").whiteSpace).not.toBe("nowrap");
    expect(style(copies, "td.copy-sent .nowrap").whiteSpace).toBe("nowrap");
    expect(style(copies, "td.copy-reply").display).toBe("none");
    // The actions wrap onto as many lines as they need, each button whole.
    expect(style(copies, "td.copy-actions").display).toBe("flex");
    expect(style(copies, "td.copy-actions").flexWrap).toBe("wrap");
    expect(style(copies, ".row-actions").display).toBe("contents");
    expect(style(copies, "td.copy-actions button").whiteSpace).toBe("nowrap");
    // A logged call reads as a line of text (fieldset li is otherwise a flex row, a word a line).
    expect(style(copies, ".contacts li").display).toBe("list-item");
  });

  it("spaces the Add a group dialog: the committee field clear of the kinds above it and of the checkbox below", () => {
    const dialog = made(
      `<div class="dialog"><div class="radios group-kind" role="radiogroup"><label><input type="radio">A committee</label></div><div class="group-committee"><div class="search-select"><div class="picker-row"><label class="grow">Committee<input role="combobox"></label></div></div><label class="check"><input type="checkbox">Only the chair and the ranking member</label></div></div>`,
    );
    expect(style(dialog, ".radios").marginBottom).toBe("12px");
    expect(style(dialog, ".search-select").marginBottom).toBe("10px");
  });

  it("stacks Issue and Position on a narrower form, side by side on a wide one", () => {
    const fields = `<div class="compose-form"><div class="grid2"><label>Template</label><label>Date</label></div><div class="grid2 stack-narrow"><label>Issue</label><label>Position</label></div></div>`;
    for (const width of [1024, 1440]) {
      windowWidth(width);
      const form = made(fields);
      expect(style(form, ".stack-narrow").gridTemplateColumns, `${width}`).toBe("minmax(0, 1fr)");
      expect(style(form, ".grid2").gridTemplateColumns).toBe("minmax(0, 1fr) minmax(0, 1fr)");
    }
    windowWidth(1920);
    expect(style(made(fields), ".stack-narrow").gridTemplateColumns).toBe("minmax(0, 1fr) minmax(0, 1fr)");
  });

  it("gives a text field and a select in one row the same height (Add recipient, As)", () => {
    windowWidth(1024);
    const row = made(`<div class="picker-row"><label class="grow">Add recipient<input></label><label>As<select></select></label></div>`);
    expect(style(row, "input").height).toBe("34px");
    expect(style(row, "select").height).toBe("34px");
  });

  it("never wraps a status chip", () => {
    windowWidth(1920);
    expect(style(made(`<span class="chip chip-partly">Partly sent, 1 of 3</span>`), ".chip").whiteSpace).toBe("nowrap");
  });

  it("fits the letters' filters in one row at 1024 px, with no room kept under the dates", () => {
    windowWidth(1024);
    const filters = made(
      `<div class="filters"><label class="search">Search<input type="search"></label><label>Status<select></select></label><label>Issue<select></select></label>` +
        `<div class="date-field quiet"><label>From<input></label><p class="date-words"></p></div><div class="date-field quiet"><label>To<input></label><p class="date-words"></p></div></div>`,
    );
    const px = (v: string, font = 14) => (v.endsWith("em") ? parseFloat(v) * font : parseFloat(v));
    const row = getComputedStyle(filters);
    const search = style(filters, "label.search");
    const status = style(filters, "label:nth-of-type(2)");
    const issue = style(filters, "select");
    const date = style(filters, ".date-field");
    expect(search.flexShrink).toBe("1");
    expect(date.flexShrink).toBe("0");
    // The content column at 1024 px: the window less the navigation (190) and the screen's padding (2 × 24).
    const widest = px(search.flexBasis) + px(status.minWidth) + px(issue.maxWidth) + 2 * px(date.width) + 4 * px(row.columnGap || row.gap);
    expect(widest).toBeLessThanOrEqual(1024 - 190 - 48);
    // The day in words (shown only when there is something to say) keeps no room under the row.
    expect(row.paddingBottom === "" || row.paddingBottom === "0px").toBe(true);
    expect(style(filters, ".date-words").position).toBe("absolute");
    expect(style(filters, ".date-words").display).toBe("none");
  });

  it("balances the sent log's columns: the letter takes what is left, an office two lines, no date wraps", () => {
    windowWidth(1024);
    const log = made(
      `<table class="table sent-log"><tr><th class="letter">Letter</th><th class="recipient">Recipient</th><th class="sent">Sent</th><th class="date">Follow up</th></tr>` +
        `<tr><td class="letter"><button class="link">Continued support</button><div class="muted nowrap">September 5, 2017</div></td><td class="recipient">Robert E. Lighthizer<div class="muted">United States Trade Representative</div></td><td class="sent"><span class="nowrap">September 5, 2017</span></td><td class="date">October 5, 2017<div class="row-actions"><button class="small">Snooze…</button><button class="small">Assign…</button><button class="small">Log call…</button></div></td></tr></table>`,
    );
    // Narrow enough at 1024 px that a copy's follow-up actions stay on one line beside it.
    expect(style(log, "td.letter").width).toBe("26%");
    expect(style(log, "td.letter .link").display).toBe("inline-block");
    expect(style(log, "td.letter .link").minWidth).toBe("120px");
    expect(style(log, "td.letter .nowrap").whiteSpace).toBe("nowrap");
    expect(style(log, "td.recipient").width).toBe("");
    expect(style(log, "td.recipient .muted").minWidth).toBe("110px");
    expect(style(log, ".row-actions").flexWrap).toBe("nowrap");
    expect(style(log, "th.sent").whiteSpace).toBe("nowrap");
    expect(style(log, "td.sent .nowrap").whiteSpace).toBe("nowrap");
    expect(style(log, "td.date").whiteSpace).toBe("nowrap");
  });

  it("uses the window's width alike on every screen, from the left; Settings stops sooner", () => {
    windowWidth(1920);
    const screens = made(`<div><section class="screen"></section><section class="screen wide"></section><section class="screen narrow"></section></div>`);
    expect(style(screens, ".screen").maxWidth).toBe("1680px");
    expect(style(screens, ".screen.wide").maxWidth).toBe("1680px");
    expect(style(screens, ".screen.narrow").maxWidth).toBe("1040px");
    for (const s of [".screen", ".screen.narrow"]) expect(style(screens, s).marginLeft).not.toBe("auto");
  });

  it("lets the template's box grow with the window beside its preview", () => {
    windowWidth(1920);
    const editor = made(`<div class="template-editor"><div class="compose-form wide"><header class="screen-head"></header><label>Template</label><div class="code"></div><div class="actions"></div></div><div class="compose-preview"></div></div>`);
    expect(style(editor, ".compose-form").display).toBe("flex");
    expect(style(editor, ".compose-form").flexDirection).toBe("column");
    expect(style(editor, ".code").flexGrow).toBe("1");
    expect(style(editor, ".actions").flexGrow).toBe("0");
  });

  it("puts a search hit's kind in a column of its own, the title wrapping beside it", () => {
    windowWidth(1024);
    const hits = made(`<ul class="search-results"><li><button><span class="kind">letter</span> <span class="hit"><span class="title">Continued support</span><span class="snippet">To Wilbur Ross</span></span></button></li></ul>`);
    expect(style(hits, "button").display).toBe("grid");
    expect(style(hits, "button").gridTemplateColumns).toBe("72px minmax(0, 1fr)");
    expect(style(hits, ".snippet").paddingLeft).not.toBe("68px");
  });
  it("lays the connection's banners over the foot of the content area, taking no room and covering no heading", () => {
    windowWidth(1024);
    const main = made(
      `<div class="main"><header class="topbar"></header><div class="connection-banners"><div class="banner" role="alert">The team record's server cannot be reached.</div><div class="banner-back" role="status"><p class="notice">Connected to the team record again</p></div></div><main class="content"></main></div>`,
    );
    const layer = style(main, ".connection-banners");
    expect(layer.position).toBe("relative");
    expect(layer.height).toBe("0px");
    // Over the screen, under a menu (the search's hits, a picker's suggestions) and the dialogs.
    expect(Number(layer.zIndex)).toBeGreaterThan(0);
    expect(Number(layer.zIndex)).toBeLessThan(5);
    for (const css of [".banner", ".banner-back .notice"]) {
      const box = style(main, css);
      expect(box.position, css).toBe("fixed");
      expect(box.bottom, css).toBe("16px");
      expect(box.top, css).toBe("");
      expect(box.left, css).toBe("calc(50% + 95px)");
      expect(box.maxWidth, css).toBe("calc(100% - 190px - 48px)");
    }
    // Readable: the banner's own colours, on a box of its own.
    expect(style(main, ".banner").backgroundColor).not.toBe("");
    expect(style(main, ".banner").borderTopStyle).toBe("solid");
  });
  it("right-aligns a table's numbers in a narrow column (the letters' No.)", () => {
    windowWidth(1920);
    const table = made(`<table class="table"><tr><th class="num">No.</th><th>Subject</th></tr><tr><td class="num">12</td><td>Continued support</td></tr></table>`);
    for (const css of ["th.num", "td.num"]) {
      expect(style(table, css).textAlign, css).toBe("right");
      expect(style(table, css).whiteSpace, css).toBe("nowrap");
      expect(style(table, css).width, css).toBe("1%");
    }
    expect(style(table, "td.num").fontVariantNumeric).toBe("tabular-nums");
  });
});
