// Two colleagues, two windows, one team record on PostgreSQL (the throwaway
// server of scripts/with-postgres.sh). Dana (drafter) copies the KORUS
// letter as a new draft; Avery (approver) sees it appear in her letters list
// without reloading, opens it and approves it; Dana's open letter then says
// "approved by avery", also without reloading. Dana's own Approve is
// unavailable, and says who may.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { NO_KEYCHAIN, helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "target", "debug", "amicus");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");

let made = null;
/** The team record both tests use (made once: the logins are the cluster's). */
function teamRecord() {
  made ??= makeTeamRecord();
  return made;
}

function makeTeamRecord() {
  const server = process.env.AMICUS_TEST_PG;
  const dir = process.env.AMICUS_TEST_PG_DIR;
  const bin = process.env.AMICUS_TEST_PG_BIN;
  assert.ok(server && dir && bin, "run under scripts/with-postgres.sh (make e2e does)");
  const name = `amicus_e2e_${process.pid}`;
  run(join(bin, "psql"), [`${server} dbname=postgres`, "-qc", `CREATE DATABASE ${name}`]);
  const url = (user) => `postgres://${user}@/${name}?host=${dir}`;
  const admin = url("postgres");
  run(CLI, ["--db", admin, "team", "init"]);
  // The team starts from one person's record: the sample, with the KORUS letter.
  const alone = join(mkdtempSync(join(tmpdir(), "amicus-e2e-")), "alone.db");
  run(CLI, ["--db", alone, "letters", "list"]);
  run(CLI, ["--db", admin, "team", "import", alone]);
  run(CLI, ["--db", admin, "team", "user", "add", "dana", "--role", "drafter"]);
  run(CLI, ["--db", admin, "team", "user", "add", "avery", "--role", "approver"]);
  return url;
}

/** A window signed in as `user` (its own config folder: no saved team record). */
function windowFor(url, user) {
  const config = mkdtempSync(join(tmpdir(), `amicus-e2e-${user}-`));
  return openApp({ AMICUS_DB: url(user), XDG_CONFIG_HOME: config, ...NO_KEYCHAIN });
}

const draftRows = `return [...document.querySelectorAll('table[aria-label="Letters"] tbody tr')]
  .filter(r => /draft/i.test(r.textContent)).length`;

test("a drafter's letter appears in the approver's window, and her approval in his", async () => {
  const url = teamRecord();
  const dana = await windowFor(url, "dana");
  let avery = null;
  try {
    const d = helpers(dana);
    await dana.waitFor(`return document.querySelector('[data-testid="session-badge"]')?.textContent.includes('dana')`, "Dana's session badge");
    avery = await windowFor(url, "avery");
    await avery.waitFor(`return document.querySelector('[data-testid="session-badge"]')?.textContent.includes('avery')`, "Avery's session badge");
    await avery.waitFor(`return document.querySelector('table[aria-label="Letters"]')`, "Avery's letters list");
    assert.equal(await avery.run(draftRows), 0, "no draft yet");

    // Dana brings the 2017 letter up to date as a new draft.
    await dana.waitFor(`return document.querySelector('table[aria-label="Letters"] tbody tr')`, "Dana's letters list");
    await dana.run(`document.querySelector('table[aria-label="Letters"] tbody tr button.link').click()`);
    await d.button("Copy as new letter");
    await dana.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the copy");
    await d.button("Save draft");
    await dana.waitFor(`return /^Letter \\d+$/.test(document.querySelector('#compose-title')?.textContent)`, "the saved draft");
    const id = await dana.run(`return document.querySelector('#compose-title').textContent.replace('Letter ', '')`);
    await dana.waitFor(`return document.querySelector('[data-testid="letter-steps"]')?.textContent.includes('Drafted by dana')`, "who drafted it");

    // Dana may not approve: the button says so (the server would refuse it).
    const why = await dana.waitFor(
      `const b = document.querySelector('[data-testid="approve"]'); return b && b.disabled ? b.title : null;`,
      "Dana's Approve to be unavailable",
    );
    assert.match(why, /Only an approver may approve/);

    // Avery's list shows the new draft by itself (no reload), and she approves it.
    await avery.waitFor(draftRows.replace("return", "return") + " === 1", "the draft in Avery's list", 10_000);
    await avery.run(`[...document.querySelectorAll('table[aria-label="Letters"] tbody tr')].find(r => /draft/i.test(r.textContent)).querySelector('button.link').click()`);
    await avery.waitFor(`return document.querySelector('#compose-title')?.textContent === 'Letter ${id}'`, "the draft opened");
    await avery.waitFor(`const b = document.querySelector('[data-testid="approve"]'); if (!b || b.disabled) return false; b.click(); return true;`, "the Approve button");
    await avery.waitFor(`return document.querySelector('[data-testid="letter-steps"]')?.textContent.includes('approved by avery')`, "Avery's approval");

    // Dana's window, still on the letter, shows it without reloading.
    const steps = await dana.waitFor(
      `const t = document.querySelector('[data-testid="letter-steps"]')?.textContent; return t && t.includes('approved by avery') ? t : null;`,
      "'approved by avery' in Dana's window",
      10_000,
    );
    assert.match(steps, /Drafted by dana on .*approved by avery on /);
    mkdirSync(shots, { recursive: true });
    await dana.run(`document.querySelector('#compose-title').scrollIntoView()`);
    writeFileSync(join(shots, "team-approved.png"), await dana.screenshot());
    const shown = run(CLI, ["--db", url("dana"), "letters", "show", id]);
    assert.match(shown, /approved +by avery/);
  } finally {
    if (avery) await avery.close();
    await dana.close();
  }
});

test("from her own record, a staffer signs in to the team record in Settings, and goes back", async () => {
  teamRecord();
  const own = join(mkdtempSync(join(tmpdir(), "amicus-e2e-own-")), "own.db");
  const config = mkdtempSync(join(tmpdir(), "amicus-e2e-avery-"));
  const app = await openApp({ AMICUS_DB: own, XDG_CONFIG_HOME: config, ...NO_KEYCHAIN });
  try {
    const ui = helpers(app);
    await ui.nav("Settings");
    await app.waitFor(`return document.querySelector('[data-testid="team-server"]')`, "the team record form");
    assert.equal(await app.run(`return document.querySelector('[data-testid="session-badge"]')`), null, "no session on a file");
    // What IT handed out: the server (here the folder of its socket), the
    // database, a login. No keychain on this machine: not remembered.
    await ui.type('[data-testid="team-server"]', process.env.AMICUS_TEST_PG_DIR);
    await ui.set('[data-testid="team-database"]', `amicus_e2e_${process.pid}`);
    await ui.type('[data-testid="team-user"]', "avery");
    await ui.type('[data-testid="team-password"]', "not needed here");
    await app.run(`const c = document.querySelector('[data-testid="team-remember"]'); if (c.checked) c.click();`);
    await app.run(`document.querySelector('[data-testid="team-connect"]').click()`);
    const badge = await app.waitFor(
      `const t = document.querySelector('[data-testid="session-badge"]')?.textContent; return t && t.includes('avery') ? t : null;`,
      "Avery's session badge",
      15_000,
    );
    assert.match(badge, /approver/);
    const session = await app.waitFor(`return document.querySelector('[data-testid="team-session"]')?.textContent`, "the team session line");
    assert.match(session, /You are avery \(.*approver.*\)/);
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "team-settings.png"), await app.screenshot());
    // The team's letters, not the file's: the imported KORUS letter is there
    // either way, so look for the record's name in Settings instead.
    assert.match(session, new RegExp(`amicus_e2e_${process.pid}`));

    await ui.button("Use this computer's own record instead");
    await ui.text("Now working on this computer's own record", "the notice of the switch back");
    await app.waitFor(`return document.querySelector('[data-testid="session-badge"]') === null`, "the badge gone");
    await app.waitFor(`return document.querySelector('[data-testid="team-server"]')`, "the form again");
  } finally {
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "team-settings-last.png"), await app.screenshot());
    await app.close();
  }
});
