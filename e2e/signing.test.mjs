// Signing in the real window: a letter approved and marked signed is drawn
// with the signer's signature in the live preview (their image is on file),
// and a copy to sign by hand can still be exported; then the signed letter
// goes by e-mail through a real mail server and the sent log shows each
// copy's Message-ID.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { NO_KEYCHAIN, helpers, openApp, run } from "./driver.mjs";

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

/** The test's mail server (scripts/test-smtp-server.py): resolves once it listens. */
function startMailServer(dir) {
  const python = join(ROOT, "target/tools/pyhanko/bin/python");
  const maildir = join(dir, "mail");
  const server = spawn(python, [join(ROOT, "scripts/test-smtp-server.py"), "--maildir", maildir], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolveStart, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /READY (\d+)/.exec(out);
      if (m) resolveStart({ port: Number(m[1]), maildir, stop: () => server.kill("SIGTERM") });
    });
    server.once("exit", (code) => reject(new Error(`the mail server stopped (${code}): ${out}`)));
  });
}

test("approve, sign and send by email: the sent log shows each Message-ID", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  const mail = await startMailServer(dir);
  const app = await (async () => {
    assert.match(run(CLI, ["--db", db, "letters", "copy", "1", "--date", "2017-09-20"]), /drafted letter 2/);
    run(CLI, ["--db", db, "signers", "signature", "1", join(ROOT, "crates/cli/tests/fixtures/signature.png")]);
    run(CLI, ["--db", db, "offices", "edit", "Secretary of Commerce", "--email", "secretary@commerce.example"]);
    run(CLI, ["--db", db, "offices", "edit", "U.S. Trade Representative", "--email", "ambassador@ustr.example"]);
    return openApp({ AMICUS_DB: db, ...NO_KEYCHAIN });
  })();
  const ui = helpers(app);
  try {
    // The mail server, set up in Settings as staff would.
    await ui.nav("Settings");
    await ui.text("Sending email", "the mail settings");
    await ui.set("#mail-title ~ .grid2 input[placeholder='smtp.example.org']", "127.0.0.1");
    await ui.set("#mail-title ~ .grid2 input[inputmode=numeric]", String(mail.port));
    await ui.set("#mail-title ~ .grid2 input[placeholder='trade@example.org']", "trade@lakeshore.example");
    await ui.button("Save mail settings");
    await ui.text("Saved\\.", "the mail settings saved");

    await ui.nav("Letters");
    await ui.text("Continued support for the U.S.–Korea Free Trade Agreement", "the letters list");
    await app.run(`document.querySelector('table[aria-label=Letters] tbody tr button').click()`);
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'Letter 2'`, "letter 2");
    await app.waitFor(`return document.querySelectorAll('.compose-preview svg').length > 0`, "the preview");
    const before = await app.run(previewImages);
    await ui.button("Approve");
    await ui.button("Mark signed");
    await ui.text("Letter signed\\.", "the notice");
    await app.waitFor(`${previewImages} > ${before}`, "the signature in the preview");

    await ui.button("Send all by email…");
    await ui.text("ambassador@ustr\\.example", "who gets the copies");
    await ui.button("Send 2 messages");
    await ui.text("All 2 copies were sent and recorded\\.", "the outcome");
    const ids = await app.run(`return [...document.querySelectorAll('ul[aria-label="What was sent"] li .muted')]
      .map((e) => e.textContent.replace(/^ — /, ''))`);
    assert.equal(ids.length, 2, JSON.stringify(ids));
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "sent-by-email.png"), await app.screenshot());
    await ui.button("Close");

    // What the server received carries the same Message-IDs.
    const received = [1, 2].map((n) => readFileSync(join(mail.maildir, `${n}.eml`), "utf8"));
    for (const id of ids) assert.ok(received.some((m) => m.includes(`Message-ID: ${id}`)), id);

    await ui.nav("Sent log");
    for (const id of ids) await ui.text(id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), `${id} in the sent log`);
    writeFileSync(join(shots, "sent-log-email.png"), await app.screenshot());
  } finally {
    await app.close();
    mail.stop();
  }
});
