// Signing in the real window: a letter approved and marked signed is drawn
// with the signer's signature in the live preview (their image is on file),
// and a copy to sign by hand can still be exported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "target", "debug", "amicus");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");

const previewImages = `return document.querySelectorAll('.compose-preview svg image').length`;

test("approve and sign a letter: the preview draws the signer's signature", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  // A later letter on KORUS (a copy of the sample), and the signer's image on file.
  assert.match(run(CLI, ["--db", db, "letters", "copy", "1", "--date", "2017-09-20"]), /drafted letter 2/);
  run(CLI, ["--db", db, "signers", "signature", "1", join(ROOT, "crates/cli/tests/fixtures/signature.png")]);

  const app = await openApp({ AMICUS_DB: db });
  const ui = helpers(app);
  try {
    await ui.text("Continued support for the U.S.–Korea Free Trade Agreement", "the letters list");
    // Newest first: the copy dated 2017-09-20.
    await app.run(`document.querySelector('table[aria-label=Letters] tbody tr button').click()`);
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'Letter 2'`, "letter 2");
    await app.waitFor(`return document.querySelectorAll('.compose-preview svg').length > 0`, "the preview");
    const before = await app.run(previewImages);

    await ui.button("Approve");
    await ui.button("Mark signed");
    await ui.text("Letter signed\\.", "the notice");
    await app.waitFor(`${previewImages} > ${before}`, "the signature in the preview");
    await ui.text("Export to sign by hand", "the copy to sign by hand");

    mkdirSync(shots, { recursive: true });
    // The signature block on the last page, in view.
    await app.run(`const pages = document.querySelectorAll('.compose-preview [data-testid=preview-page]');
      pages[pages.length - 1]?.scrollIntoView({ block: 'end' });`);
    writeFileSync(join(shots, "signed-letter.png"), await app.screenshot());
  } finally {
    await app.close();
  }
});
