// A newcomer's day in the real window (the issue's wording: "a WebDriver
// journey that replays this newcomer's day"), each step typed the way a
// newcomer types it:
//  1. the 2018 letter: Ctrl+N, the date typed "09/24/2018", recipients by
//     typing "USTR" + Enter and "Secretary of Commerce" + Enter; each shows
//     who held the office that day, and the preview greets them both;
//  2. a California Senate seat on 2018-09-24 after the shipped congress
//     roster is imported with its one button: "no holder on record", never
//     "vacant", never "Dear Sir or Madam";
//  3. a joint letter approved, signed, one copy marked sent ("Partly sent,
//     1 of 2"), then the rest (the second copy's dialog starts from the
//     first copy's date, method and confirmation);
//  4. a date that is not one (02/30/2018): the field says why, nothing else
//     breaks, and a real date brings the preview back;
//  5. a template typo ({{markdown bodyx}}): the check names `bodyx`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helpers, openApp } from "./driver.mjs";

const ENTER = "\uE007";
const CTRL = "\uE009";

/** Raw error text that must never reach the window (IPC, serde, JS). */
const RAW_ERROR = /invalid args|invalid type|invalid value|missing field|unknown variant|\[object Object\]|\bundefined\b|\bNaN\b/i;

/** A fresh app on a fresh record; `body(app, ui, x)` runs with it, and the app is closed after. */
async function withApp(body) {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const app = await openApp({ AMICUS_DB: join(dir, "amicus.db") });
  const ui = helpers(app);
  const x = {
    /** Select what the field holds (Ctrl+A) and type `text` over it, as a person does. */
    async retype(css, text) {
      // Modifiers are held to the end of one WebDriver "send keys": Ctrl+A is a call of its own.
      await ui.type(css, `${CTRL}a`);
      await ui.type(css, text);
      const now = await app.run(`return document.querySelector(arguments[0]).value`, css);
      assert.equal(now, text, `typing "${text}" over ${css} leaves just that in the field`);
    },
    /** Type into the field labelled `label…` inside `scope`. */
    async typeIn(scope, label, text) {
      const el = await app.run(
        `const l = [...document.querySelector(arguments[0]).querySelectorAll('label')].find(l => l.textContent.trim().startsWith(arguments[1]));
         return l?.querySelector('input, textarea, select') ?? null;`,
        scope,
        label,
      );
      assert.ok(el, `a field labelled "${label}"`);
      await app.sendKeys(Object.values(el)[0], text);
    },
    /** Ctrl+N from wherever the keyboard is: the compose form opens with the recipient field focused. */
    async newLetter() {
      await ui.type("input[aria-label='Search everything']", `${CTRL}n`);
      await app.waitFor(`return document.querySelector('#compose-title')?.textContent === 'New letter'`, "the compose form (Ctrl+N)");
      await app.waitFor(`return document.activeElement?.name === 'recipient'`, "the recipient field to have the keyboard");
    },
    /** The note under the date field (the day in words, or why it is not a date). */
    dateNote: () =>
      app.run(`const i = document.querySelector('[name=date]');
               return document.getElementById(i.getAttribute('aria-describedby'))?.textContent ?? null;`),
    /** Type `text` in the recipient field, wait for a suggestion that `want` matches to be first, press Enter. */
    async addRecipient(text, want) {
      await ui.type("[name=recipient]", text);
      const first = await app.waitFor(
        `const li = document.querySelector('#recipient-suggestions li[aria-selected=true]');
         return li && new RegExp(${JSON.stringify(want.source)}, ${JSON.stringify(want.flags)}).test(li.textContent) ? li.textContent : null;`,
        `a highlighted suggestion matching ${want} for "${text}"`,
      );
      await ui.type("[name=recipient]", ENTER);
      return first;
    },
    /** All the preview's pages' text once `pattern` is in it. */
    previewWith: (pattern, what) =>
      app.waitFor(
        `const ps = [...document.querySelectorAll('[data-testid=preview-page]')];
         const t = ps.map(p => p.textContent).join('\\n');
         return ps.length && new RegExp(${JSON.stringify(pattern)}).test(t) ? t : null;`,
        what,
      ),
    /** Choose the sample issue (KORUS), which the default template quotes. */
    async chooseKorus() {
      const korus = await app.run(
        `return [...document.querySelector('[name=issue]').options].find(o => o.text.includes('KORUS'))?.value`,
      );
      assert.ok(korus, "the sample KORUS issue is offered");
      await ui.set("[name=issue]", korus);
    },
  };
  try {
    await ui.text("Continued support for the U\\.S\\.–Korea", "the letters list");
    await body(app, ui, x);
  } finally {
    await app.close();
  }
}

test("the 2018 letter, typed: each recipient shows who held the office that day, and the preview greets both", async () => {
  await withApp(async (app, ui, x) => {
    await x.newLetter();
    await x.retype("[name=date]", "09/24/2018");
    assert.equal(await x.dateNote(), "Monday, September 24, 2018", "the date field reads the day back in words");

    const ustr = await x.addRecipient("USTR", /Trade Representative/);
    assert.match(ustr, /office/, "USTR's first suggestion is the office");
    await x.addRecipient("Secretary of Commerce", /^Secretary of Commerce/);
    // The field is emptied for the next one.
    assert.equal(await app.run(`return document.querySelector('[name=recipient]').value`), "");
    // When the field is left the date reads one way.
    assert.equal(await app.run(`return document.querySelector('[name=date]').value`), "2018-09-24");

    const chosen = await app.waitFor(
      `const r = [...document.querySelectorAll('fieldset.recipients ol li > span')].map(s => s.textContent);
       return r.length === 2 && /Lighthizer/.test(r[0]) && /Ross/.test(r[1]) ? r : null;`,
      "both recipients resolved on 2018-09-24",
    );
    assert.match(chosen[0], /^Robert E\. Lighthizer \((U\.S\.|United States) Trade Representative\)$/);
    assert.match(chosen[1], /^Wilbur Ross \(Secretary of Commerce\)$/);

    await x.chooseKorus();
    await ui.type("[name=subject]", "Modernizing KORUS");
    await ui.type("[name=body]", "Our members export to Korea and ask you to keep the agreement's gains.");
    const page = await x.previewWith("Dear [^:\\n]*:", "the preview's salutation");
    const salutation = page.match(/Dear [^:\n]*:/)[0];
    // A joint letter greets its addressees in the order they are listed
    // (USTR was added first), each by title and family name.
    assert.equal(salutation, "Dear Ambassador Lighthizer and Secretary Ross:");
    assert.match(page, /September 24, 2018/);
    assert.match(page, /Robert E\. Lighthizer/);
    assert.match(page, /Wilbur Ross/);
    assert.doesNotMatch(await app.run("return document.body.innerText"), RAW_ERROR);
  });
});

// The shipped roster holds every member since 2017, so California's Senate
// seats are held on that date; Michigan's 13th district was vacant from
// John Conyers's resignation (December 2017) to November 2018.
test("the seat of Michigan's 13th district on 2018-09-24 after the shipped congress import: no holder on record, never 'vacant' or 'Sir or Madam'", async (t) => {
  await withApp(async (app, ui, x) => {
    await ui.nav("Officials");
    await ui.button("Import…");
    await ui.button("Review the congress roster shipped with Amicus…");
    const review = await ui.text("The import would make these changes", "the dry-run summary");
    assert.match(review, /Officials: \d+ added/);
    await ui.button("Apply import");
    const done = await ui.text("Imported:", "the import");
    assert.match(done, /Officials: [1-9]\d* added/);
    await ui.button("Done");

    await x.newLetter();
    await x.retype("[name=date]", "09/24/2018");
    const seat = await x.addRecipient("Representative, MI-13", /^U\.S\. Representative, MI-13/);
    assert.match(seat, /office/);
    const [chosen] = await app.waitFor(
      `const r = [...document.querySelectorAll('fieldset.recipients ol li > span')].map(s => s.textContent);
       return r.length === 1 && /\\(/.test(r[0]) ? r : null;`,
      "the seat as resolved on 2018-09-24",
    );
    assert.match(chosen, /^U\.S\. Representative, MI-13 \(no holder on record\)$/);
    const warning = await ui.text("No holder of the office of", "the warning about the seat");
    assert.match(warning, /No holder of the office of U\.S\. Representative, MI-13 is on record for September 24, 2018/);

    await x.chooseKorus();
    await ui.type("[name=subject]", "The Senate and KORUS");
    await ui.type("[name=body]", "We write about the agreement.");
    const page = await x.previewWith("Dear [^:\\n]*:", "the preview's salutation");
    const salutation = page.match(/Dear [^:\n]*:/)[0];
    const shown = await app.run("return document.body.innerText");
    t.diagnostic(`the seat's salutation: ${salutation}`);
    assert.doesNotMatch(shown, /vacant/i, "the window never calls the seat vacant");
    assert.doesNotMatch(page, /vacant/i, "the letter never calls the seat vacant");
    assert.doesNotMatch(page, /Dear Sir or Madam/, `the preview salutes an office with no holder on record: it reads "${salutation}"`);
    assert.doesNotMatch(shown, /Dear Sir or Madam/);
    assert.doesNotMatch(shown, RAW_ERROR);
  });
});

test("a joint letter: one copy marked sent reads 'Partly sent, 1 of 2', then the rest are marked sent", async (t) => {
  await withApp(async (app, ui, x) => {
    await x.newLetter();
    await x.retype("[name=date]", "09/24/2018");
    await x.addRecipient("USTR", /Trade Representative/);
    await x.addRecipient("Secretary of Commerce", /^Secretary of Commerce/);
    assert.equal(await app.run(`return document.querySelector('input[name=mode]:checked')?.parentElement.textContent`), "One joint letter");
    await x.chooseKorus();
    await ui.type("[name=subject]", "Two copies");
    await ui.type("[name=body]", "One letter to two offices.");
    await x.previewWith("Dear ", "the preview");

    await ui.button("Save draft");
    await app.waitFor(`return /^Letter \\d+$/.test(document.querySelector('#compose-title')?.textContent)`, "the saved letter's number");
    await ui.button("Approve");
    await app.waitFor(`return document.querySelector('.screen-head .chip')?.textContent === 'Approved'`, "the Approved status");
    await ui.button("Mark signed");
    await app.waitFor(`return document.querySelector('.screen-head .chip')?.textContent === 'Signed'`, "the Signed status");

    const copies = `document.querySelector('fieldset.copies')`;
    const rows = await app.waitFor(
      `const rs = [...(${copies}?.querySelectorAll('tbody tr') ?? [])]; return rs.length === 2 ? rs.map(r => r.textContent) : null;`,
      "two copies, one per recipient",
    );
    assert.match(rows.join(" | "), /Lighthizer/);
    assert.match(rows.join(" | "), /Ross/);

    // The first copy: by email on the 25th, with a receipt number.
    // The window itself never scrolls: only its panes do (a stray
    // positioned element once made it scroll into blank space).
    assert.equal(
      await app.run(`const s = document.scrollingElement; return s.scrollHeight - s.clientHeight;`),
      0,
      "the window does not scroll with a letter's copies open",
    );
    await ui.button("Mark sent…", copies);
    await app.waitFor(`return document.querySelector('[role=dialog] input[name=sent_on]')?.value === '2018-09-24'`, "the mark-sent dialog, from the letter's date");
    await x.retype("[role=dialog] input[name=sent_on]", "09/25/2018");
    await ui.set("[role=dialog] select", "email");
    await x.typeIn("[role=dialog]", "Confirmation", "RCPT-0924");
    await ui.button("Mark sent", "document.querySelector('[role=dialog]')");
    await app.waitFor(`return !document.querySelector('[role=dialog]')`, "the dialog to close");
    const partly = await app.waitFor(
      `const c = document.querySelector('.screen-head .chip')?.textContent; return c && c !== 'Signed' ? c : null;`,
      "the status after one copy",
    );
    assert.equal(partly, "Partly sent, 1 of 2");

    // Then "mark all sent": the rest go the same way, the dialog starting from the first copy.
    await ui.button("Mark all sent…", copies);
    const start = await app.waitFor(
      `const d = document.querySelector('[role=dialog]'); if (!d) return null;
       return { on: d.querySelector('input[name=sent_on]').value, how: d.querySelector('select').value,
                confirmation: [...d.querySelectorAll('input:not([name])')].map(i => i.value).join('|') };`,
      "the mark-all-sent dialog",
    );
    assert.deepEqual(start, { on: "2018-09-25", how: "email", confirmation: "RCPT-0924" }, "the rest start from the first copy");
    await ui.button("Mark sent", "document.querySelector('[role=dialog]')");
    await app.waitFor(`return !document.querySelector('[role=dialog]')`, "the dialog to close");
    await app.waitFor(`return document.querySelector('.screen-head .chip')?.textContent === 'Sent'`, "the Sent status");
    const after = await app.run(`return [...${copies}.querySelectorAll('tbody tr')].map(r => r.textContent)`);
    for (const r of after) assert.match(r, /September 25, 2018 by email/);

    await ui.nav("Sent log");
    const log = await app.waitFor(
      `const rs = [...document.querySelectorAll('table[aria-label="Sent log"] tbody tr')].filter(r => r.textContent.includes('Two copies'));
       return rs.length === 2 ? rs.map(r => r.textContent) : null;`,
      "both copies in the sent log",
    );
    for (const r of log) assert.match(r, /September 25, 2018, Email.*RCPT-0924/);
  });
});

test("a date that is not one (02/30/2018): the field says why, nothing else breaks", async () => {
  await withApp(async (app, ui, x) => {
    await x.newLetter();
    await x.addRecipient("Secretary of Commerce", /^Secretary of Commerce/);
    await x.retype("[name=date]", "02/30/2018");
    assert.equal(await x.dateNote(), "February 30 isn't a date.");
    assert.equal(await app.run(`return document.querySelector('[name=date]').getAttribute('aria-invalid')`), "true");
    // Leaving the field and saving change nothing about what it says.
    await x.chooseKorus();
    await ui.type("[name=subject]", "A date that is not one");
    await ui.type("[name=body]", "Typed on a day that is not on the calendar.");
    await ui.button("Save draft");
    await ui.text("February 30 isn't a date\\.");
    const shown = await app.run("return document.body.innerText");
    assert.doesNotMatch(shown, RAW_ERROR, "no raw error text in the window");
    assert.match(shown, /Enter the letter's date to see the letter\./, "the preview waits for a date");
    assert.equal(await app.run(`return document.querySelectorAll('[role=alert]').length`), 0, "no error alert besides the field's note");
    assert.equal(await app.run(`return document.querySelector('#compose-title').textContent`), "New letter", "nothing was saved");

    // A real date: the note reads the day, and the letter lays out.
    await x.retype("[name=date]", "02/28/2018");
    assert.equal(await x.dateNote(), "Wednesday, February 28, 2018");
    assert.equal(await app.run(`return document.querySelector('[name=date]').getAttribute('aria-invalid')`), null);
    await x.previewWith("February 28, 2018", "the preview with the corrected date");
    assert.doesNotMatch(await app.run("return document.body.innerText"), RAW_ERROR);
  });
});

test("a template typo ({{markdown bodyx}}): the check names bodyx", async (t) => {
  await withApp(async (app, ui) => {
    await ui.nav("Templates");
    await ui.button("Copy to edit…");
    await ui.text("No problems: the sample letter lays out.", "the copied template's check");
    const source = await app.run(`return document.querySelector('[name=source]').value`);
    const at = source.indexOf("{{markdown body}}");
    assert.ok(at >= 0, "the built-in template prints {{markdown body}}");
    // The caret just after "body", then one stray keystroke.
    const caret = at + "{{markdown body".length;
    await app.run(
      `const t = document.querySelector('[name=source]'); t.focus(); t.setSelectionRange(arguments[0], arguments[0]);`,
      caret,
    );
    await ui.type("[name=source]", "x");
    assert.match(await app.run(`return document.querySelector('[name=source]').value`), /\{\{markdown bodyx\}\}/);
    const problems = await app.waitFor(
      `const t = document.querySelector('#template-problems')?.textContent ?? ''; return t && !/No problems/.test(t) ? t : null;`,
      "the check to report a problem with {{markdown bodyx}}",
      10_000,
    );
    t.diagnostic(`the check says: ${problems}`);
    assert.match(problems, /bodyx/, "the problem names bodyx");
    assert.doesNotMatch(await app.run("return document.body.innerText"), RAW_ERROR);
  });
});
