// The main journey in the real app: a new letter from the support template
// to the Secretary of Commerce and the U.S. Trade Representative dated
// 2017-09-05, the live preview's joint salutation, export (a valid PDF),
// approve, sign, mark sent by mail, and the sent log showing it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");
async function shoot(app, name) {
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, `${name}.png`), await app.screenshot());
}

test("write, export, sign and send a letter; it shows in the sent log", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const out = join(dir, "korus.pdf");
  const app = await openApp({ AMICUS_EXPORT_PATH: out, AMICUS_DB: join(dir, "amicus.db") });
  const ui = helpers(app);
  try {
    // The letters list, with the sample letter (the app made its database).
    await ui.text("Continued support for the U.S.–Korea Free Trade Agreement", "the sample letter in the list");
    assert.ok(existsSync(join(dir, "amicus.db")), "the app creates its database on first run");
    await shoot(app, "letters");

    await ui.button("New letter", "document.querySelector('nav')");
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the compose form");
    const template = await app.run(`return document.querySelector('[name=template]').value`);
    assert.equal(template, "joint-support");
    await ui.set("[name=date]", "2017-09-05");
    const korus = await app.run(`return [...document.querySelector('[name=issue]').options].find(o => o.text.includes('KORUS')).value`);
    await ui.set("[name=issue]", korus);
    await ui.type("[name=recipient]", "Secretary of Commerce\uE007");
    await ui.type("[name=recipient]", "U.S. Trade Representative\uE007");
    await ui.type("[name=subject]", "Modernizing KORUS");
    await ui.type("[name=body]", "Our members export to Korea and ask you to keep the agreement's gains.");

    const page = await app.waitFor(
      `const p = document.querySelector('.compose-preview .pages'); return p && p.textContent.includes('Dear Secretary Ross and Ambassador Lighthizer:') ? p.textContent : null;`,
      "the live preview's joint salutation",
    );
    assert.match(page, /Wilbur Ross/);
    assert.match(page, /Robert E\. Lighthizer/);
    assert.match(page, /September 5, 2017/);
    await shoot(app, "compose");

    await ui.button("Export PDF…");
    const saved = await ui.text(`Saved to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "the export");
    assert.ok(saved);
    assert.match(run("qpdf", ["--check", out]), /No syntax or stream encoding errors/);
    const text = run("pdftotext", [out, "-"]);
    assert.match(text, /Dear Secretary Ross and Ambassador Lighthizer:/);
    assert.match(text, /Modernizing KORUS/);

    await ui.button("Approve");
    await ui.button("Mark signed");
    await ui.button("Mark sent…");
    await app.waitFor(`return document.querySelector('[role=dialog] input[name=sent_on]')?.value === '2017-09-05'`, "the mark-sent dialog");
    const method = await app.run(`return document.querySelector('[role=dialog] select').value`);
    assert.equal(method, "mail");
    await ui.button("Mark sent", "document.querySelector('[role=dialog]')");
    await app.waitFor(`return !document.querySelector('[role=dialog]')`, "the dialog to close");

    await ui.nav("Sent log");
    const log = await app.waitFor(
      `const rows = [...document.querySelectorAll('table[aria-label="Sent log"] tbody tr')];
       const r = rows.find(r => r.textContent.includes('Modernizing KORUS') && r.textContent.includes('Wilbur Ross'));
       return r ? r.textContent : null;`,
      "the letter in the sent log",
    );
    assert.match(log, /September 5, 2017, Mail/);
    await shoot(app, "sent-log");

    await ui.nav("Positions");
    await ui.text("Version 2");
    await shoot(app, "positions");
    await ui.nav("Settings");
    await ui.text("Schema version");
    await shoot(app, "settings");

    // A template copied from the built-in letter of support: a mistake is
    // reported at its line; fixed, the sample letter lays out with it.
    await ui.nav("Templates");
    await app.waitFor(
      `const b = [...document.querySelectorAll('button')].find(b => b.textContent === 'Copy to edit…'); if (!b) return false; b.click(); return true;`,
      "a built-in template to copy",
    );
    await ui.text("No problems: the sample letter lays out.", "the copied template's check");
    await ui.type("[name=source]", "{{#if subject}}");
    const problem = await ui.text("Line \\d+", "the problem at its line");
    assert.match(problem, /Line \d+, column \d+/);
    await shoot(app, "templates");
  } finally {
    await app.close();
  }
});
