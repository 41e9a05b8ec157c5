// A draft deleted and restored in the real window (issue 30, item 3): asked
// first, gone from the list with "Draft deleted · Undo", undone; deleted
// again and restored from Letters, Deleted letters. The history tells each.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "target", "debug", "amicus");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");

test("a draft is deleted, undone, deleted again and restored", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  const listed = `return [...document.querySelectorAll('table[aria-label=Letters] td')].some(td => td.textContent.includes('Zucchini tariffs'))`;
  const deleteIt = async (id) => {
    await ui.button("Delete draft…");
    const said = await app.waitFor(`return document.querySelector('[role=dialog]')?.textContent`, "the confirm dialog");
    assert.match(said, new RegExp(`Letter ${id}, “Zucchini tariffs” leaves the Letters list`));
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "delete-draft-confirm.png"), await app.screenshot());
    await ui.button("Delete draft", "document.querySelector('[role=dialog]')");
    await app.waitFor(`return document.querySelector('#letters-title')`, "the letters list after deleting");
    await app.waitFor(`return !(${listed.replace("return ", "")}) && document.querySelector('table[aria-label=Letters]')`, "the draft gone from the list");
  };
  try {
    await ui.text("Continued support for the U.S.–Korea Free Trade Agreement", "the sample letter in the list");
    await ui.button("New letter", "document.querySelector('nav')");
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the compose form");
    await ui.type("[name=recipient]", "Secretary of Commerce\uE007");
    await ui.type("[name=subject]", "Zucchini tariffs");
    await ui.type("[name=body]", "We write about zucchini.");
    await ui.button("Save draft");
    const id = await app.waitFor(
      `const m = /^Letter (\\d+)$/.exec(document.querySelector('#compose-title')?.textContent ?? ''); return m ? m[1] : null`,
      "the saved draft",
    );

    // Deleted, then undone from the toast: the draft opens again, as it was.
    await deleteIt(id);
    await ui.text("Draft deleted: Letter \\d+, “Zucchini tariffs”", "the undo toast");
    writeFileSync(join(shots, "draft-deleted.png"), await app.screenshot());
    await ui.button("Undo");
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'Letter ${id}'`, "the draft open again");
    await app.waitFor(`return document.querySelector('[name=subject]')?.value === 'Zucchini tariffs'`, "its subject");
    await app.waitFor(`return !document.querySelector('[data-testid=deleted-note]') || null`, "no deleted note on the draft");

    // Deleted again, and restored from Letters, Deleted letters.
    await deleteIt(id);
    await ui.button("Deleted letters");
    await app.waitFor(
      `return [...document.querySelectorAll('table[aria-label="Deleted letters"] tr')].some(r => r.textContent.includes('Zucchini tariffs'))`,
      "the draft among the deleted letters",
    );
    writeFileSync(join(shots, "deleted-letters.png"), await app.screenshot());
    // Opened from there, it says it is deleted, and is not saved as it is.
    await ui.button("Zucchini tariffs", "document.querySelector('table[aria-label=\"Deleted letters\"]')");
    await ui.text("This draft was deleted on ", "the deleted draft opened");
    assert.equal(await app.run(`return [...document.querySelectorAll('button')].some(b => b.textContent === 'Save draft')`), false);
    writeFileSync(join(shots, "deleted-draft-opened.png"), await app.screenshot());
    await ui.nav("Letters");
    await ui.button("Deleted letters");
    await app.click(`button[aria-label="Restore letter ${id}"]`);
    await ui.text(`Letter ${id}, “Zucchini tariffs” restored\\.`, "the restore said");
    await ui.button("Back to letters");
    await app.waitFor(listed, "the draft back in the list");

    const shown = run(CLI, ["--db", db, "letters", "show", id]);
    const kinds = [...shown.matchAll(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}(\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(kinds, ["created", "deleted", "restored", "deleted", "restored"], shown);
    assert.doesNotMatch(shown, /deleted: /);
  } finally {
    await app.close();
  }
});
