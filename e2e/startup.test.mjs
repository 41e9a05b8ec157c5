// A record that cannot be opened: the window says so (instead of hanging),
// offers the record's backup, and once it is restored the letters are there.
// The unreadable file is kept beside it, never deleted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");
const CLI = resolve(import.meta.dirname, "..", "target", "debug", "amicus");

test("a damaged record shows why, and restoring its backup brings the letters back", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const good = join(dir, "good.db");
  // A sound record (the sample), kept as this record's backup.
  const made = run(CLI, ["--db", good, "letters", "list"]);
  assert.match(made, /Continued support/);
  const db = join(dir, "amicus.db");
  copyFileSync(good, `${db}.schema-3.bak`);
  writeFileSync(db, "This is not a database: someone saved a letter over it.");

  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  try {
    const shown = await ui.text("Amicus could not open its record", "the start-up failure screen");
    assert.match(shown, /not an Amicus database/);
    assert.match(shown, /amicus\.db/);
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "startup-failed.png"), await app.screenshot());

    await ui.button("Restore amicus.db.schema-3.bak");
    const letters = await ui.text("Continued support for the U\\.S\\.–Korea", "the restored letters");
    assert.match(letters, /Letters/);
    assert.equal(
      readFileSync(`${db}.unreadable-1`, "utf8"),
      "This is not a database: someone saved a letter over it.",
      "the unreadable file is kept",
    );
    assert.ok(existsSync(db));
  } finally {
    await app.close();
  }
});
