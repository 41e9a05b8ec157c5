// A staffer's day, round two (issue 30), replayed in the real window: a
// back-dated letter reaches that date's senators at that date's rooms; a
// letter quoting a superseded position waits for a choice before approval;
// "Finance" in the global search leads to the committee and its letters.
// (A draft deleted and restored is e2e/deletion.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = process.env.AMICUS_CLI ?? join(ROOT, "target", "debug", "amicus");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");

/** A record with the shipped congress roster, and a body file for letters. */
function record() {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  run(CLI, ["--db", db, "import", "congress"]);
  const body = join(dir, "body.md");
  writeFileSync(body, "Our members export to Korea, and ask for your support of the agreement.\n");
  return { dir, db, body };
}

const previewText = "document.querySelector('.compose-preview')?.textContent ?? ''";

async function openLetter(app, subject) {
  await app.waitFor(
    `const b = [...document.querySelectorAll('table[aria-label=Letters] tbody tr button')].find((b) => b.textContent.includes(${JSON.stringify(subject)}));
     if (!b) return false; b.click(); return true;`,
    `the letter "${subject}" in the list`,
  );
  await app.waitFor(`return document.querySelectorAll('.compose-preview svg').length > 0`, "the preview");
}

test("a back-dated letter to California's senators goes to that date's senators at that date's rooms", async () => {
  const { db, body } = record();
  assert.match(
    run(CLI, ["--db", db, "letters", "new", "--to-group", "delegation:CA:senate", "--date", "2018-09-24",
      "--subject", "KORUS and California", "--body-file", body, "--issue", "KORUS"]),
    /drafted letter 2/,
  );
  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  try {
    await ui.text("KORUS and California", "the letters list");
    await openLetter(app, "KORUS and California");
    const text = await app.waitFor(`const t = ${previewText}; return t.includes('Feinstein') ? t : null;`, "the 2018 senators in the preview");
    assert.match(text, /The Honorable Dianne Feinstein/);
    assert.match(text, /331 Hart Senate Office Building/);
    assert.match(text, /The Honorable Kamala D\. Harris/);
    assert.doesNotMatch(text, /Padilla|Schiff|B03 Russell/);
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "back-dated-california.png"), await app.screenshot());
  } finally {
    await app.close();
  }
});

test("a draft quoting a superseded position cannot be approved until someone chooses", async () => {
  const { db, body } = record();
  const today = new Date().toISOString().slice(0, 10);
  run(CLI, ["--db", db, "letters", "new", "--to", "Commerce", "--to", "USTR", "--date", today,
    "--subject", "KORUS today", "--body-file", body, "--issue", "KORUS"]);
  // A new version adopted after the draft was written, in force on its date.
  run(CLI, ["--db", db, "issues", "adopt", "KORUS", "--stance", "support", "--statement", "We support the agreement as amended."]);
  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  try {
    await openLetter(app, "KORUS today");
    await ui.text("This letter quotes version 2 of your position; version 3", "the superseded note");
    await ui.text("Choose one before the letter can be approved", "approval waits");
    await app.run(`document.querySelector('[data-testid=approve]').click()`);
    // Refused by Rust in its words; still a draft, Approve still offered.
    await ui.text("use version 3, or keep version 2 on purpose", "the refusal");
    await app.waitFor(`return !!document.querySelector('[data-testid=approve]')`, "still a draft");
    await ui.button("Use version 3");
    await ui.button("Save draft");
    await ui.text("Draft saved", "saved with version 3");
    await app.waitFor(`return !document.querySelector('#position-superseded')`, "the note gone");
    await app.run(`document.querySelector('[data-testid=approve]').click()`);
    await ui.text("Letter approved\\.", "approved once chosen");
  } finally {
    await app.close();
  }
});

test("\"Finance\" in the global search leads to the committee and the letters sent to it", async () => {
  const { db, body } = record();
  const today = new Date().toISOString().slice(0, 10);
  run(CLI, ["--db", db, "letters", "new", "--to-group", "SSFI", "--leaders-only", "--date", today,
    "--subject", "KORUS for the Finance leaders", "--body-file", body, "--issue", "KORUS"]);
  run(CLI, ["--db", db, "letters", "approve", "2"]);
  run(CLI, ["--db", db, "letters", "sign", "2"]);
  run(CLI, ["--db", db, "letters", "send", "2", "--method", "mail", "--record-only"]);
  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  try {
    await ui.text("KORUS for the Finance leaders", "the letters list");
    await app.run(`document.querySelector('input[aria-label="Search everything"]').focus()`);
    await ui.type('input[aria-label="Search everything"]', "Finance");
    await ui.text("Senate Committee on Finance", "the committee among the hits");
    // The arrow keys move through the hits; Enter goes to the one chosen.
    const hits = await app.run(`return [...document.querySelectorAll('ul[aria-label="Search results"] li')].map((li) => li.textContent)`);
    const at = hits.findIndex((h) => /Senate Committee on Finance/.test(h));
    assert.ok(at >= 0, JSON.stringify(hits));
    await ui.type('input[aria-label="Search everything"]', "\uE015".repeat(at) + "\uE007");
    await ui.text("Sent log", "the sent log");
    await ui.text("KORUS for the Finance leaders", "the committee's letter in the sent log");
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "finance-search-to-sent-log.png"), await app.screenshot());
  } finally {
    await app.close();
  }
});
