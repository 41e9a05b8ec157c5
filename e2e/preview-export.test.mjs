// The first window: the sample letter's preview, and "Export PDF…" writing a
// valid PDF (the save dialog is bypassed with AMICUS_EXPORT_PATH).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp, run } from "./driver.mjs";

test("preview shows the letter and export writes a valid PDF", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const out = join(dir, "exported.pdf");
  // A fresh database per run: the app creates it with the sample record.
  const app = await openApp({ AMICUS_EXPORT_PATH: out, AMICUS_DB: join(dir, "amicus.db") });
  try {
    const text = await app.waitFor(
      `const p = document.querySelectorAll('[data-testid="preview-page"]');
       return p.length >= 2 ? document.querySelector('.pages').textContent : null;`,
      "two preview pages",
    );
    assert.match(text, /Dear Secretary Ross and Ambassador Lighthizer:/);
    assert.match(text, /Page 2 of 2/);

    const shot = await app.screenshot();
    const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "preview.png"), shot);

    await app.click("button.primary");
    const status = await app.waitFor(
      `const s = document.querySelector('[role=status]').textContent; return s.includes('Saved') || s.includes('failed') ? s : null;`,
      "the export to finish",
    );
    assert.equal(status, `Saved to ${out}`);
    assert.ok(existsSync(out));
    assert.equal(readFileSync(out).subarray(0, 5).toString(), "%PDF-");
    assert.match(run("qpdf", ["--check", out]), /No syntax or stream encoding errors/);
    assert.match(run("pdfinfo", [out]), /Pages:\s+2/);
    assert.match(run("pdftotext", [out, "-"]), /Dear Secretary Ross and Ambassador Lighthizer:/);
    // The app opened (and so created) its database with the sample record.
    assert.ok(existsSync(join(dir, "amicus.db")), "the app creates its database on first run");
  } finally {
    await app.close();
  }
});
