// Screenshots of every screen at two window sizes, for looking at them:
//   env -u WEBKIT_DISABLE_DMABUF_RENDERER xvfb-run -a -s "-screen 0 1920x1080x24" node e2e/shots.mjs [dir]
// (default dir /tmp/amicus-shots). The window is resized with WebDriver's
// Set Window Rect (window.resizeTo works too under Xvfb, with no window
// manager). A fresh record, with the shipped congress roster imported, so the
// Officials and Offices screens have people. Beside each PNG it prints what
// a screenshot cannot show: whether anything scrolls sideways, and how much
// of the screen is below the fold.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helpers, openApp } from "./driver.mjs";

const OUT = process.argv[2] ?? "/tmp/amicus-shots";
const SIZES = [
  [1024, 700],
  [1920, 1080],
];

/** Elements that are wider than their box and scroll (or are cut) sideways. */
const MEASURE = `
  const doc = document.scrollingElement;
  const sideways = [...document.querySelectorAll('body *')]
    .filter(e => { const s = getComputedStyle(e); return e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && /auto|scroll/.test(s.overflowX); })
    .map(e => (e.className && typeof e.className === 'string' ? e.tagName.toLowerCase() + '.' + e.className.split(' ').join('.') : e.tagName.toLowerCase()) + ' ' + e.clientWidth + '<' + e.scrollWidth);
  const cut = [...document.querySelectorAll('button, label, th, td, h1, h2, .chip')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden')
    .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.trim().slice(0, 40));
  const content = document.querySelector('.content');
  return {
    window: innerWidth + 'x' + innerHeight,
    pageSideways: doc.scrollWidth > doc.clientWidth,
    sideways,
    cut,
    contentBelowFold: content ? content.scrollHeight - content.clientHeight : null,
  };`;

const dir = mkdtempSync(join(tmpdir(), "amicus-shots-"));
const app = await openApp({ AMICUS_DB: join(dir, "amicus.db") });
const ui = helpers(app);
/** Click the first element matching `css` whose text starts with `text`. */
const click = (css, text) =>
  app.waitFor(
    `const e = [...document.querySelectorAll(${JSON.stringify(css)})].find(e => e.textContent.trim().startsWith(${JSON.stringify(text)}));
     if (!e) return false; e.click(); return true;`,
    `${css} "${text}"`,
  );
const settle = () => new Promise((r) => setTimeout(r, 700));
try {
  mkdirSync(OUT, { recursive: true });
  await ui.text("Continued support for the U\\.S\\.–Korea", "the letters list");
  // People to show: the shipped congress roster.
  await ui.nav("Officials");
  await ui.button("Import…");
  await ui.button("Review the congress roster shipped with Amicus…");
  await ui.button("Apply import");
  await ui.text("Imported:", "the import");
  await ui.button("Done");

  for (const [width, height] of SIZES) {
    await app.windowRect({ width, height });
    await settle();
    const size = `${width}x${height}`;
    const shoot = async (name) => {
      await settle();
      writeFileSync(join(OUT, `${size}-${name}.png`), await app.screenshot());
      const m = await app.run(MEASURE);
      console.log(`${size}-${name}.png`, JSON.stringify(m));
    };

    await ui.nav("Letters");
    await ui.text("Continued support for the U\\.S\\.–Korea");
    await shoot("01-letters");

    await click("table[aria-label=Letters] button.link", "Continued support");
    await app.waitFor(`return document.querySelector('[data-testid=preview-page]')`, "the sample letter's preview");
    await shoot("02-compose-sample");

    // A new letter, typed: two offices, the issue, a subject and a body.
    await ui.button("New letter", "document.querySelector('nav')");
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the compose form");
    await ui.type("[name=recipient]", "USTR\uE007");
    await ui.type("[name=recipient]", "Secretary of Commerce\uE007");
    await ui.type("[name=recipient]", "Senator for Cali");
    await shoot("03-compose-suggestions");
    await ui.type("[name=recipient]", "\uE007");
    const korus = await app.run(`return [...document.querySelector('[name=issue]').options].find(o => o.text.includes('KORUS')).value`);
    await ui.set("[name=issue]", korus);
    await ui.type("[name=subject]", "Modernizing KORUS");
    await ui.type("[name=body]", "Our members export to Korea and ask you to keep the agreement's gains.");
    await app.waitFor(`return document.querySelector('[data-testid=preview-page]')?.textContent.includes('Modernizing')`, "the preview");
    await shoot("04-compose-new");
    await ui.type("[name=date]", "\uE009a");
    await ui.type("[name=date]", "02/30/2018");
    await shoot("05-compose-bad-date");
    await ui.type("[name=date]", "\uE009a");
    await ui.type("[name=date]", "09/24/2018");
    await ui.button("Save draft");
    await app.waitFor(`return /^Letter \\d+$/.test(document.querySelector('#compose-title')?.textContent)`, "the saved letter");
    // A seat with no holder on record on the letter's date: approval says what to do.
    await ui.button("Approve");
    await ui.text("before approving", "the refusal to approve");
    await shoot("06-approve-refused");
    await app.run(`document.querySelector('fieldset.recipients ol li:nth-child(3) button').click()`);
    await ui.button("Approve");
    await ui.button("Mark signed");
    await ui.button("Mark sent…", "document.querySelector('fieldset.copies')");
    await app.waitFor(`return document.querySelector('[role=dialog]')`, "the mark-sent dialog");
    await shoot("07-mark-sent-dialog");
    await ui.button("Mark sent", "document.querySelector('[role=dialog]')");
    await app.waitFor(`return !document.querySelector('[role=dialog]')`, "the dialog to close");
    await ui.text("Partly sent, 1 of 2");
    await app.run(`document.querySelector('fieldset.copies').scrollIntoView()`);
    await shoot("08-compose-copies");

    await ui.nav("Sent log");
    await app.waitFor(`return document.querySelector('table[aria-label="Sent log"]')`, "the sent log");
    await shoot("09-sent-log");
    await click("label.check", "Include copies not sent yet");
    await settle();
    await shoot("10-sent-log-unsent");

    await ui.nav("Officials");
    await ui.type(".filters[role=search] input[type=search]", "Padilla");
    await click("table[aria-label=Officials] button.link", "Alex Padilla");
    await app.waitFor(`return document.querySelector('aside.panel.person h2')`, "the person's details");
    await shoot("11-officials-person");

    await ui.button("Offices", "document.querySelector('[role=tablist]')");
    await ui.type("input[placeholder='Title']", "Senator for California");
    await click("table[aria-label=Offices] button.link", "U.S. Senator for California");
    await app.waitFor(`return document.querySelector('[aria-label="Holders"]')`, "the office's holders");
    await shoot("12-offices-office");
    await ui.button("People", "document.querySelector('[role=tablist]')");

    await ui.button("Add official…");
    await app.waitFor(`return document.querySelector('[role=dialog]')`, "the Add official dialog");
    await shoot("13-add-official");
    await ui.button("Cancel", "document.querySelector('[role=dialog]')");

    await ui.nav("Positions");
    await ui.text("Version \\d");
    await shoot("14-positions");

    await ui.nav("Templates");
    await ui.text("Copy to edit…");
    await shoot("15-templates");
    await ui.button("Copy to edit…");
    await ui.text("No problems: the sample letter lays out.");
    await shoot("16-template-editor");
    await ui.button("Close");

    await ui.nav("Settings");
    await ui.text("Schema version");
    await shoot("17-settings");

    await ui.type("input[aria-label='Search everything']", "Ross");
    await app.waitFor(`return document.querySelector('[aria-label="Search results"]')`, "search hits");
    await shoot("18-search");
    await app.run(`const i = document.querySelector("input[aria-label='Search everything']"); Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, ''); i.dispatchEvent(new Event('input', { bubbles: true }));`);
  }
} finally {
  await app.close();
}
