// The installed package's desktop app (AMICUS_APP=/usr/bin/amicus-desktop),
// started as a staff member would, with nothing but a fresh home folder:
// it makes its record in ~/.local/share/amicus and shows the sample letter.
// Run by scripts/package-test.sh after `apt-get install ./amicus_*.deb`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { APP, helpers, openApp } from "../e2e/driver.mjs";

test("the installed app opens on its letters list", async () => {
  assert.ok(APP.startsWith("/usr/"), `AMICUS_APP should be the installed app, not ${APP}`);
  const home = process.env.HOME;
  const app = await openApp({});
  const ui = helpers(app);
  try {
    const shown = await ui.text("Continued support for the U\\.S\\.–Korea", "the sample letter in the list");
    assert.match(shown, /Letters/);
    assert.ok(existsSync(join(home, ".local", "share", "amicus", "amicus.db")), "the record is in the data folder");
  } finally {
    await app.close();
  }
});
