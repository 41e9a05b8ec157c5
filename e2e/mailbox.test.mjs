// Sending from the organization's mailbox in the real window: Settings →
// sign in with the organization's OpenID provider (a real one this test
// starts: oidc-provider, scripts/test-oidc-provider.mjs) in the "system
// browser" ($BROWSER: scripts/test-oidc-browser.mjs, which signs in on the
// provider's pages as a person would), then a signed letter to three offices
// goes by e-mail through a mail server that takes only XOAUTH2 bearer tokens
// the provider vouches for, and the sent log shows the three Message-IDs.
// A second session has no browser at all: the window shows the sign-in
// address, and opening it by hand signs in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { NO_KEYCHAIN, helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "target", "debug", "amicus");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");
const PERSON = "ann@wachamber.example";

/** A helper program that prints "READY <port>" once it listens; stopped by closing its stdin. */
function startReady(cmd, args, what) {
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolveStart, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /READY (\d+)/.exec(out);
      if (m) resolveStart({ port: Number(m[1]), stop: () => child.stdin.end() });
    });
    child.once("exit", (code) => reject(new Error(`${what} stopped (${code}): ${out}`)));
  });
}

const startProvider = () => startReady("node", [join(ROOT, "scripts/test-oidc-provider.mjs")], "the OpenID provider");

/** The mail server: AUTH XOAUTH2 only, each token checked with the provider (introspection). */
function startMailServer(maildir, provider) {
  const python = join(ROOT, "target/tools/pyhanko/bin/python");
  const introspection = `http://127.0.0.1:${provider.port}/token/introspection`;
  return startReady(
    python,
    [join(ROOT, "scripts/test-smtp-server.py"), "--maildir", maildir, "--xoauth2", introspection, "--audience", "amicus-desktop"],
    "the mail server",
  );
}

/** A $BROWSER that signs in as PERSON on the provider's pages; what it saw goes to `out`. */
function browserScript(dir, out) {
  const path = join(dir, "browser");
  writeFileSync(
    path,
    `#!/bin/sh\nexec node '${join(ROOT, "scripts/test-oidc-browser.mjs")}' "$1" --login '${PERSON}' > '${out}' 2>&1\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

/** Settings → Sending email: the server, the sender, and the organization's OpenID sign-in. */
async function setUpMailbox(app, ui, mailPort, providerPort) {
  await ui.nav("Settings");
  await ui.text("Sending email", "the mail settings");
  await ui.set("#mail-title ~ .grid2 input[placeholder='smtp.example.org']", "127.0.0.1");
  await ui.set("#mail-title ~ .grid2 input[inputmode=numeric]", String(mailPort));
  await ui.set("#mail-title ~ .grid2 input[placeholder='trade@example.org']", "trade@lakeshore.example");
  const byLabel = (label) =>
    `[...document.querySelectorAll('label')].find((l) => l.firstChild?.textContent?.trim() === ${JSON.stringify(label)})?.querySelector('input, select')`;
  const setLabelled = async (label, value) => {
    await app.waitFor(`return !!${byLabel(label)}`, `the "${label}" field`);
    await app.run(`${byLabel(label)}.setAttribute('data-e2e', ${JSON.stringify(label)})`);
    await ui.set(`[data-e2e=${JSON.stringify(label)}]`, value);
  };
  await setLabelled("Sign in with", "oidc");
  await setLabelled("Application (client) ID", "amicus-desktop");
  await setLabelled("Issuer", `http://127.0.0.1:${providerPort}`);
  await ui.button("Save mail settings");
  await ui.text("Saved\\.", "the mail settings saved");
}

test("sign in to the organization's mailbox, then a signed letter to three offices goes through it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  const maildir = join(dir, "mail");
  const provider = await startProvider();
  const mail = await startMailServer(maildir, provider);
  const browserOut = join(dir, "browser.out");
  // A letter on KORUS to three offices, each with an e-mail address on record.
  writeFileSync(join(dir, "body.md"), "The Chamber writes again in support of KORUS.\n");
  assert.match(
    run(CLI, ["--db", db, "letters", "new", "--to", "Commerce", "--to", "USTR", "--to", "Treasury", "--date", "2017-09-20",
      "--subject", "KORUS: a second word", "--body-file", join(dir, "body.md"), "--issue", "KORUS"]),
    /drafted letter 2/,
  );
  run(CLI, ["--db", db, "signers", "signature", "1", join(ROOT, "crates/cli/tests/fixtures/signature.png")]);
  for (const [office, email] of [
    ["Secretary of Commerce", "secretary@commerce.example"],
    ["U.S. Trade Representative", "ambassador@ustr.example"],
    ["Secretary of the Treasury", "secretary@treasury.example"],
  ]) {
    run(CLI, ["--db", db, "offices", "edit", office, "--email", email]);
  }
  const app = await openApp({ AMICUS_DB: db, BROWSER: browserScript(dir, browserOut), ...NO_KEYCHAIN });
  const ui = helpers(app);
  try {
    await setUpMailbox(app, ui, mail.port, provider.port);
    await ui.text("No one is signed in to the mailbox on this computer", "nobody signed in yet");
    await ui.button("Sign in with your organization's account");
    await ui.text(`Signed in as ${PERSON.replace(/\./g, "\\.")}\\.`, "the person signed in");
    // The browser really went through the provider's pages and back.
    assert.match(readFileSync(browserOut, "utf8"), /^200 .*You are signed in to the mailbox/s);
    mkdirSync(shots, { recursive: true });
    await app.run(`document.querySelector('[data-testid=mailbox-sign-in]').scrollIntoView({ block: 'center' })`);
    writeFileSync(join(shots, "mailbox-signed-in.png"), await app.screenshot());

    await ui.nav("Letters");
    await ui.text("KORUS: a second word", "the letters list");
    await app.run(`[...document.querySelectorAll('table[aria-label=Letters] tbody tr button')]
      .find((b) => b.closest('tr').textContent.includes('KORUS: a second word')).click()`);
    await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'Letter 2'`, "letter 2");
    await app.waitFor(`return document.querySelectorAll('.compose-preview svg').length > 0`, "the preview");
    await ui.button("Approve");
    await ui.button("Mark signed");
    await ui.text("Letter signed\\.", "the notice");

    await ui.button("Send all by email…");
    await ui.text("secretary@treasury\\.example", "who gets the copies");
    await ui.button("Send 3 messages");
    await ui.text("All 3 copies were sent and recorded\\.", "the outcome");
    const ids = await app.run(`return [...document.querySelectorAll('ul[aria-label="What was sent"] li .muted')]
      .map((e) => e.textContent.replace(/^ — /, ''))`);
    assert.equal(ids.length, 3, JSON.stringify(ids));
    assert.equal(new Set(ids).size, 3, JSON.stringify(ids));
    await ui.button("Close");

    // The server took each message on the signed-in person's token, and
    // each carries the Message-ID the window shows.
    const received = readdirSync(maildir)
      .filter((f) => f.endsWith(".eml"))
      .map((f) => ({
        eml: readFileSync(join(maildir, f), "utf8"),
        meta: JSON.parse(readFileSync(join(maildir, f.replace(/\.eml$/, ".json")), "utf8")),
      }));
    assert.equal(received.length, 3);
    for (const id of ids) assert.ok(received.some((m) => m.eml.includes(`Message-ID: ${id}`)), id);
    for (const m of received) assert.equal(m.meta.user, PERSON, JSON.stringify(m.meta));

    await ui.nav("Sent log");
    for (const id of ids) await ui.text(id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), `${id} in the sent log`);
    writeFileSync(join(shots, "sent-log-mailbox.png"), await app.screenshot());
  } finally {
    await app.close();
    mail.stop();
    provider.stop();
  }
});

test("with no browser to start, the window shows the sign-in address and opening it by hand signs in", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  const provider = await startProvider();
  const mail = await startMailServer(join(dir, "mail"), provider);
  run(CLI, ["--db", db, "letters", "list"]);
  const app = await openApp({ AMICUS_DB: db, BROWSER: join(dir, "no-such-browser"), ...NO_KEYCHAIN });
  const ui = helpers(app);
  try {
    await setUpMailbox(app, ui, mail.port, provider.port);
    await ui.button("Sign in with your organization's account");
    await ui.text("No web browser could be started", "why no browser opened");
    const url = await app.waitFor(
      `return document.querySelector('input[aria-label="Sign-in address"]')?.value || null`,
      "the sign-in address",
    );
    assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${provider.port}/`));
    mkdirSync(shots, { recursive: true });
    await app.run(`document.querySelector('input[aria-label="Sign-in address"]').scrollIntoView({ block: 'center' })`);
    writeFileSync(join(shots, "mailbox-open-by-hand.png"), await app.screenshot());
    // The person opens it in a browser elsewhere on this computer.
    const browser = spawn("node", [join(ROOT, "scripts/test-oidc-browser.mjs"), url, "--login", PERSON], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const code = await new Promise((r) => browser.once("exit", r));
    assert.equal(code, 0, `the browser ended with ${code}`);
    await ui.text(`Signed in as ${PERSON.replace(/\./g, "\\.")}\\.`, "the person signed in");
    assert.equal(await app.run(`return !!document.querySelector('input[aria-label="Sign-in address"]')`), false);
  } finally {
    await app.close();
    mail.stop();
    provider.stop();
  }
});
