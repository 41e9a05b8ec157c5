// Groups in the real window: a letter to the Senate Finance Committee's chair
// and ranking member (the committee comes with the congress import), greeted
// as a committee letter is, then copied as a new letter to the whole
// committee, whose members on the new date become its addressees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "target", "debug", "amicus");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");

const preview = (pattern, what) =>
  `const p = document.querySelector('.compose-preview .pages');
   return p && new RegExp(${JSON.stringify(pattern)}).test(p.textContent) ? p.textContent : null;`;

async function addCommittee(app, ui, leadersOnly) {
  await ui.button("Add a group…");
  await app.waitFor(`return document.querySelector('[role=dialog] input[role=combobox]')`, "the group dialog");
  await ui.type("[role=dialog] input[role=combobox]", "Senate Committee on Finance");
  await app.waitFor(`return [...document.querySelectorAll('[role=dialog] [role=option]')].some(o => o.textContent.includes('SSFI'))`, "the committee");
  await app.run(`[...document.querySelectorAll('[role=dialog] [role=option] button')].find(b => b.textContent.includes('SSFI ·')).click()`);
  if (leadersOnly) {
    await app.run(`[...document.querySelectorAll('[role=dialog] label.check')].find(l => l.textContent.includes('chair and the ranking'))
      .querySelector('input').click()`);
  }
  const count = await app.waitFor(
    `const m = /: (\\d+) members?\\./.exec(document.querySelector('[role=dialog]')?.textContent ?? ''); return m ? Number(m[1]) : null;`,
    "the members on the letter's date",
  );
  await ui.button(count === 1 ? "Add 1 recipient" : `Add ${count} recipients`, "document.querySelector('[role=dialog]')");
  await app.waitFor(`return !document.querySelector('[role=dialog]')`, "the dialog to close");
  return count;
}

test("a letter to the Finance Committee's chair and ranking member, copied to the whole committee", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  run(CLI, ["--db", db, "import", "congress", "--as-of", "2026-06-15"]);
  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  try {
    await ui.button("New letter", "document.querySelector('nav')");
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the compose form");
    await ui.set("[name=date]", "2026-06-20");
    const korus = await app.run(`return [...document.querySelector('[name=issue]').options].find(o => o.text.includes('KORUS')).value`);
    await ui.set("[name=issue]", korus);
    const leaders = await addCommittee(app, ui, true);
    assert.equal(leaders, 2);
    await ui.type("[name=subject]", "The U.S.–Korea agreement");
    await ui.type("[name=body]", "We ask the Committee to support the agreement.");
    await app.waitFor(preview("Dear Chairman Crapo and Ranking Member Wyden:"), "the leaders' greeting in the preview");
    await ui.text("Group: Senate Committee on Finance \\(chair and ranking member\\), 2 members", "the group on the letter");
    await ui.button("Save draft");
    await app.waitFor(`return /^Letter \\d+$/.test(document.querySelector('#compose-title')?.textContent)`, "the saved letter");

    await ui.button("Copy as new letter");
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the copy");
    const whole = await addCommittee(app, ui, false);
    assert.ok(whole > 20, `${whole} members`);
    await app.waitFor(
      preview("Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:"),
      "the committee's greeting in the preview",
    );
    const addressees = await app.run(`return document.querySelectorAll('fieldset.recipients ol li').length`);
    assert.equal(addressees, whole, "the two leaders are not added twice");
    // Addressed to the chair and the ranking member by their titles in the
    // committee, not with 27 address blocks.
    const head = await app.waitFor(preview("Ranking Member\\s*Committee on Finance"), "the leaders' address blocks");
    const blocks = head.slice(0, head.indexOf("Dear ")).match(/The Honorable/g) ?? [];
    assert.equal(blocks.length, 2, head.slice(0, head.indexOf("Dear ")));
    assert.match(head, /Mike Crapo\s*Chairman\s*Committee on Finance\s*United States Senate/);
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "committee-letter.png"), await app.screenshot());
    await ui.button("Save draft");
    await app.waitFor(`return /^Letter \\d+$/.test(document.querySelector('#compose-title')?.textContent)`, "the saved copy");
    const id = await app.run(`return document.querySelector('#compose-title').textContent.replace('Letter ', '')`);
    const shown = run(CLI, ["--db", db, "letters", "show", id]);
    assert.match(shown, new RegExp(`group: +Senate Committee on Finance, ${whole} members`));

    // Someone outside the committee added by hand: no group greets them all,
    // so each is greeted by name (the app decides, as for a group).
    await ui.type("[name=recipient]", "Secretary of Commerce\uE007");
    await app.waitFor(`return document.querySelectorAll('fieldset.recipients ol li').length === ${whole + 1}`, "the Secretary added");
    await app.waitFor(
      `const p = document.querySelector('.compose-preview .pages');
       return !document.querySelector('fieldset.recipients .greeting') && p && /Secretary/.test(p.textContent) && !p.textContent.includes('Members of the Committee')`,
      "the committee's greeting gone once someone outside it is addressed",
    );
    // Taken off again by hand: the list is the committee's once more.
    await app.run(`[...document.querySelectorAll('fieldset.recipients ol button')].find(b => /Secretary of Commerce/.test(b.getAttribute('aria-label'))).click()`);
    await app.waitFor(`return document.querySelectorAll('fieldset.recipients ol li').length === ${whole}`, "the Secretary taken off");
  } finally {
    await app.close();
  }
});
