// What we did on KORUS, in the real window (issue 32): Positions → the
// issue's page for 2017 shows the staff contact, the position timeline, the
// paragraph the newsletter prints, the three charts and the sample's
// letter with each copy; the paragraph is copied; the board report is
// exported, and its PDF reads as the page does (pdftotext) and is looked at
// as PNG (e2e/out/board-report-1.png).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");
const CTRL = "\uE009";
const PARAGRAPH =
  "The Chamber reaffirmed its support for the U.S.–Korea Free Trade Agreement (KORUS) in a letter sent September 5, 2017 to the Secretary of Commerce and the U.S. Trade Representative.";

test("an issue's page: contact, timeline, paragraph, charts, letters; the board report exported", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const out = join(dir, "out");
  mkdirSync(out);
  mkdirSync(shots, { recursive: true });
  const app = await openApp({ AMICUS_DB: join(dir, "amicus.db"), AMICUS_EXPORT_PATH: out });
  const ui = helpers(app);
  try {
    await ui.nav("Positions");
    await ui.button("Open the issue's page");
    await ui.text("Position paragraph", "the issue's page");
    // The year of the sample's letter.
    for (const [name, day] of [
      ["from", "2017-01-01"],
      ["to", "2017-12-31"],
    ]) {
      await ui.type(`input[name=${name}]`, `${CTRL}a`);
      await ui.type(`input[name=${name}]`, day);
    }
    await ui.text("From January 1, 2017 to December 31, 2017", "the range typed");
    const page = await ui.text(PARAGRAPH.replace(/[.()]/g, "\\$&"), "the paragraph");
    assert.match(page, /Staff contact: none named/);
    const timeline = await app.run(
      `return [...document.querySelectorAll('ol.timeline li strong')].map(s => s.textContent)`,
    );
    assert.deepEqual(timeline, ["Version 1: support", "Version 2: support"]);
    const charts = await app.run(
      `return [...document.querySelectorAll('figure.chart .bar-chart')].map(s => s.getAttribute('aria-label'))`,
    );
    assert.equal(charts.length, 3);
    assert.equal(charts[0], "Letters and copies per month. Sep 17: 1 letter, 2 copies");
    assert.match(charts[1], /Executive: 0 of 2 replied; no replies/);
    assert.match(charts[2], /No owner: 2 overdue, 0 due/);
    // uPlot has drawn the month chart: September's bar, a mail copy under an
    // e-mail copy, in the methods' colours.
    const painted = await app.waitFor(
      `const c = document.querySelector('figure.chart .bar-chart canvas');
       if (!c || !c.width) return null;
       const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
       let mail = 0, email = 0;
       for (let i = 0; i < d.length; i += 4) {
         if (d[i] === 0x29 && d[i + 1] === 0x54 && d[i + 2] === 0x8c) mail++;
         if (d[i] === 0x59 && d[i + 1] === 0x9e && d[i + 2] === 0xcc) email++;
       }
       return mail > 50 && email > 50 ? { mail, email } : null;`,
      "the month chart drawn",
    );
    assert.ok(painted.mail > 50 && painted.email > 50, JSON.stringify(painted));
    assert.equal(await app.run(`return document.querySelectorAll('figure.chart canvas').length`), 3);
    const copies = await app.run(
      `return [...document.querySelectorAll('table[aria-label="Copies of letter 1"] tbody tr')].map(r => r.innerText)`,
    );
    assert.equal(copies.length, 2);
    assert.match(copies[0], /Secretary of Commerce — Wilbur Ross/);
    assert.match(copies[0], /October 5, 2017 — overdue/);
    writeFileSync(join(shots, "issue-page.png"), await app.screenshot());

    // A real click (a person's gesture: the clipboard asks for one).
    await app.click("section[aria-labelledby=paragraph-title] .actions button:first-child");
    await ui.text("The paragraph is on the clipboard as plain text.", "the copy said");
    const pasted = await app.run(`return navigator.clipboard.readText().catch(e => 'refused: ' + e)`);
    if (!String(pasted).startsWith("refused")) assert.equal(pasted, PARAGRAPH);

    await ui.button("Export board report…");
    // The report's issues: this one, chosen.
    const chosen = await app.waitFor(
      `const f = document.querySelector('form.report-issues');
       return f && [...f.querySelectorAll('label')].filter(l => l.querySelector('input').checked).map(l => l.textContent)`,
      "the report's issues",
    );
    assert.deepEqual(chosen, ["U.S.–Korea Free Trade Agreement (KORUS)"]);
    await ui.button("Export…", "document.querySelector('form.report-issues')");
    const said = await ui.text("Saved the board report \\(2 pages\\)", "the export said");
    assert.match(said, /board-report\.csv and .*board-report\.xlsx/);
    const pdf = join(out, "board-report.pdf");
    assert.ok(existsSync(pdf) && existsSync(join(out, "board-report.csv")) && existsSync(join(out, "board-report.xlsx")));
    const text = run("pdftotext", [pdf, "-"]).replace(/\s+/g, " ");
    assert.ok(text.includes(PARAGRAPH), text);
    assert.ok(text.includes("0 of 2 replied; no replies"), text);
    run("pdftoppm", ["-r", "60", "-png", pdf, join(shots, "board-report")]);

    // The paragraph's wording, changed in the window: a misspelt field is
    // refused and what was typed stays; then the organization's short name.
    await ui.button("Change the wording…");
    await app.waitFor(`return document.querySelector('form.wording textarea')`, "the wording's form");
    await ui.set("form.wording textarea[name=template]", "{{Organisation}} wrote.");
    await ui.button("Save", "document.querySelector('form.wording')");
    await ui.text("Not saved", "the template refused");
    assert.equal(await app.run(`return document.querySelector('form.wording textarea').value`), "{{Organisation}} wrote.");
    await ui.button("Cancel", "document.querySelector('form.wording')");
    await ui.button("Change the wording…");
    await app.waitFor(`return document.querySelector('form.wording input[name=short_name]')`, "the wording's form");
    await ui.type("form.wording input[name=short_name]", `${CTRL}a`);
    await ui.type("form.wording input[name=short_name]", "the Council");
    await ui.button("Save", "document.querySelector('form.wording')");
    await ui.text("The Council reaffirmed its support", "the paragraph in the new wording");
  } finally {
    await app.close();
  }
});
