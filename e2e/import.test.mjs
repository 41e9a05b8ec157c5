// Import the congress snapshot from the Officials screen (review the summary,
// then apply), then find a named senator by search.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helpers, openApp } from "./driver.mjs";

const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");
const ROSTER = resolve(import.meta.dirname, "..", "data", "congress-legislators");

test("import the congress snapshot, then search finds a senator", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const app = await openApp({ AMICUS_DB: join(dir, "amicus.db") });
  const ui = helpers(app);
  try {
    await ui.text("Letters");
    await ui.nav("Officials");
    await ui.button("Import…");
    await ui.text("Import officials");
    await ui.type("[role=dialog] input", ROSTER);
    await ui.button("Review import…");
    const review = await ui.text("The import would make these changes", "the dry-run summary");
    assert.match(review, /Officials: 968 added, 0 updated/);
    await ui.button("Apply import");
    const done = await ui.text("Imported:", "the import");
    assert.match(done, /Officials: 968 added/);
    await ui.button("Done");

    await ui.type(".filters input", "Padilla");
    const row = await app.waitFor(
      `const r = [...document.querySelectorAll('table[aria-label="Officials"] tbody tr')].find(r => r.textContent.includes('Alex Padilla'));
       return r ? r.textContent : null;`,
      "Alex Padilla in the officials list",
    );
    // Staff don't speak of a seat's class: the seat is California's.
    assert.match(row, /U\.S\. Senator for California/);
    assert.doesNotMatch(row, /class/);
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "officials.png"), await app.screenshot());

    // The offices tab: a Senate seat with its holders.
    await ui.button("Offices", "document.querySelector('[role=tablist]')");
    await ui.type("input[placeholder='Title']", "Senator for California");
    // California's two seats, told apart by who holds each today.
    await app.waitFor(
      `return [...document.querySelectorAll('tbody tr')].some(r => r.textContent.includes('Alex Padilla')) || null`,
      "the seat Alex Padilla holds",
    );
    await app.run(
      `[...document.querySelectorAll('tbody tr')].find(r => r.textContent.includes('Alex Padilla')).querySelector('button, a').click()`,
    );
    const holders = await app.waitFor(
      `const l = document.querySelector('[aria-label="Holders"]'); return l ? l.textContent : null;`,
      "the seat's holders",
    );
    assert.match(holders, /Alex Padilla/);
    writeFileSync(join(shots, "offices.png"), await app.screenshot());

    await ui.type("input[aria-label='Search everything']", "Padilla");
    const hit = await app.waitFor(
      `const l = document.querySelector('[aria-label="Search results"]'); return l && l.textContent.includes('Padilla') ? l.textContent : null;`,
      "a search hit",
    );
    assert.match(hit, /person/);
  } finally {
    await app.close();
  }
});
