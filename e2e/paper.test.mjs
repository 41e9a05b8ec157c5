// On paper and in Word, in the real window (issue 29): the organization's
// letterhead file chosen in Settings lies beneath the live preview; the
// letter exported as PDF (the file's own words on it) and as a Word
// document (the file's page a picture in it); printed to the test's own
// printer (CUPS with cups-pdf), which prints the letter; and a sheet of
// address labels for a committee letter, one label for each member.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { helpers, openApp, run } from "./driver.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = process.env.AMICUS_CLI ? resolve(ROOT, process.env.AMICUS_CLI) : join(ROOT, "target", "debug", "amicus");
const PRINT_SERVER = join(ROOT, "target", "debug", "test-print-server");
const shots = process.env.SCREENSHOT_DIR ?? join(import.meta.dirname, "out");

/**
 * A one-page US Letter letterhead as a brand team's PDF would be: a navy
 * band across the head with the organization's name in white Helvetica.
 */
function letterheadPdf(path) {
  const content = "0.08 0.16 0.43 rg 0 702 612 90 re f\nBT /Helv 16 Tf 1 1 1 rg 60 742 Td (Lakeshore Letterhead Test) Tj ET\n";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /Helv 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.7\n";
  const offsets = objects.map((body, k) => {
    const at = pdf.length;
    pdf += `${k + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) pdf += `${String(at).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(path, pdf, "latin1");
  return path;
}

/** The test's print server (testkit's, through its small program). */
async function startPrintServer() {
  const child = spawn(PRINT_SERVER, [], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const env = /^CUPS_SERVER=(.+)$/.exec(first.value ?? "");
  if (!env) throw new Error(`the print server did not start: ${first.value}`);
  return {
    socket: env[1],
    /** The PDFs the printer wrote, once `count` jobs are finished. */
    async printed(count) {
      child.stdin.write(`printed ${count}\n`);
      const files = [];
      for (;;) {
        const { value, done } = await lines.next();
        if (done || value === "end") return files;
        files.push(value);
      }
    },
    stop() {
      child.stdin.end();
      return new Promise((r) => child.once("exit", r));
    },
  };
}

const tool = (cmd, args) => execFileSync(cmd, args, { encoding: "utf8" });
const pdfText = (pdf) => tool("pdftotext", [pdf, "-"]).replace(/\s+/g, " ");
const pdfPages = (pdf) => Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [pdf]))[1]);
/** Page `page` of `pdf` as RGB pixels at 36 dpi: { width, height, data }. */
function pixels(pdf, page) {
  const ppm = execFileSync("pdftoppm", ["-r", "36", "-f", String(page), "-l", String(page), pdf]);
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"));
  return { width: Number(head[1]), height: Number(head[2]), data: ppm.subarray(head[0].length) };
}
const navy = ([r, g, b]) => r < 60 && g < 80 && b > 80 && b < 150;
const dark = ([r, g, b]) => r < 160 && g < 160 && b < 160;
/** The share of the pixels in a box (fractions of the page) that pass `test`. */
function share({ width, height, data }, top, bottom, left, right, test) {
  let hits = 0;
  let all = 0;
  for (let y = Math.floor(top * height); y < Math.floor(bottom * height); y++) {
    for (let x = Math.floor(left * width); x < Math.floor(right * width); x++) {
      const at = (y * width + x) * 3;
      all += 1;
      if (test([data[at], data[at + 1], data[at + 2]])) hits += 1;
    }
  }
  return hits / all;
}

/** The files of `ext` in `dir` not among `seen`. */
const newFiles = (dir, ext, seen) => readdirSync(dir).filter((f) => f.endsWith(ext) && !seen.includes(f));
/** The first new file of `ext` in `dir`, once the window has written it. */
async function written(dir, ext, seen = []) {
  for (let k = 0; k < 150; k++) {
    const found = newFiles(dir, ext, seen)[0];
    if (found) return join(dir, found);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${ext} file was written in ${dir}`);
}

/** Open the letter whose subject is `subject` from the Letters list. */
async function openLetter(app, ui, subject) {
  await ui.nav("Letters");
  await ui.text(subject, `"${subject}" in the letters list`);
  await app.run(
    `const row = [...document.querySelectorAll('table[aria-label=Letters] tbody tr')].find(r => r.textContent.includes(arguments[0]));
     row.querySelector('button').click();`,
    subject,
  );
  await app.waitFor(`return /^Letter \\d+$/.test(document.querySelector('#compose-title')?.textContent ?? '')`, "the letter");
  await app.waitFor(`return document.querySelectorAll('.compose-preview svg').length > 0`, "the preview");
}

test("a letterhead file in the preview, the PDF and Word; printed; labels for a committee", async () => {
  const dir = mkdtempSync(join(tmpdir(), "amicus-e2e-"));
  const db = join(dir, "amicus.db");
  const out = join(dir, "out");
  mkdirSync(out);
  mkdirSync(shots, { recursive: true });
  const head = letterheadPdf(join(dir, "chamber-letterhead.pdf"));
  // Letter 2: the KORUS letter again; letter 3: one copy to each member of
  // the Senate Finance Committee.
  run(CLI, ["--db", db, "letters", "copy", "1", "--date", "2017-09-20"]);
  run(CLI, ["--db", db, "import", "congress", "--as-of", "2026-06-15"]);
  const body = join(dir, "body.txt");
  writeFileSync(body, "We ask the Committee to support the agreement.");
  run(CLI, [
    "--db", db, "letters", "new", "--per-recipient", "--to-group", "SSFI", "--date", "2026-06-20",
    "--subject", "Trade agreements before the Committee", "--issue", "KORUS", "--body-file", body,
  ]);
  const members = JSON.parse(run(CLI, ["--db", db, "--json", "letters", "show", "3"])).detail.recipients.length;
  assert.ok(members > 20, `${members} copies`);

  const printer = await startPrintServer();
  const app = await openApp({
    AMICUS_DB: db,
    AMICUS_OPEN_PATH: [head].join(delimiter),
    AMICUS_EXPORT_PATH: out,
    CUPS_SERVER: printer.socket,
  });
  const ui = helpers(app);
  try {
    // Settings → Letterhead file → Use a letterhead file…
    await ui.text("Continued support for the U.S.–Korea Free Trade Agreement", "the letters list");
    await ui.nav("Settings");
    await ui.button("Use a letterhead file…");
    await ui.text("Using chamber-letterhead\\.pdf \\(one page, on the first page only, US Letter\\)", "the file in use");
    await app.run(`document.querySelector('.letterhead-file').scrollIntoView({ block: 'center' })`);
    writeFileSync(join(shots, "settings-letterhead-file.png"), await app.screenshot());

    // The preview draws the file's page beneath page 1, and not the
    // letterhead composed from the organization's name and address.
    await openLetter(app, ui, "Continued support for the U.S.–Korea Free Trade Agreement");
    await app.waitFor(
      `const g = document.querySelector('.compose-preview [data-testid=preview-page] g.letterhead-file');
       return g && g.getAttribute('aria-label')?.includes('chamber-letterhead.pdf') && g.querySelector('image') ? true : null`,
      "the letterhead file in the preview",
    );
    writeFileSync(join(shots, "preview-letterhead-file.png"), await app.screenshot());

    // Export PDF…: the file's words on page 1, the letter's after them.
    await ui.button("Export PDF…");
    await ui.text("Saved to .*\\.pdf", "the PDF's notice");
    const exported = await written(out, ".pdf");
    const text = pdfText(exported);
    assert.match(text, /^\s*Lakeshore Letterhead Test .*September 20, 2017 .*Dear Secretary Ross and Ambassador Lighthizer:/);

    // Word document…: the file's page is the picture in page 1's header.
    await ui.button("Word document…");
    await ui.text("Saved to .*\\.docx", "the Word document's notice");
    const docx = await written(out, ".docx");
    const parts = JSON.parse(
      tool("python3", [
        "-c",
        `import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
print(json.dumps({"media": [n for n in names if n.startswith("word/media/") and not n.endswith("/")],
  "headers": "".join(z.read(n).decode() for n in names if n.startswith("word/header")),
  "document": z.read("word/document.xml").decode()}))`,
        docx,
      ]),
    );
    assert.equal(parts.media.length, 1, `one picture, the letterhead's page: ${parts.media}`);
    assert.match(parts.headers, /behindDoc="1"/, "the picture lies behind the text");
    assert.match(parts.document, /Dear Secretary Ross and Ambassador Lighthizer:/);

    // Print… (Ctrl+P): the test printer is the computer's default.
    await ui.button("Print…");
    await app.waitFor(
      `const s = document.querySelector('[role=dialog] select'); return s && [...s.options].some(o => o.value === 'AmicusPDF') ? true : null`,
      "the test printer in the Print dialog",
    );
    writeFileSync(join(shots, "print-dialog.png"), await app.screenshot());
    await ui.button("Print", "document.querySelector('[role=dialog]')");
    await ui.text("Printed 1 copy on AmicusPDF\\.", "the notice");
    const [printed] = await printer.printed(1);
    assert.equal(pdfPages(printed), pdfPages(exported), "the printer printed every page");
    // What came out of the printer (cups-pdf prints through Ghostscript,
    // whose fonts carry no text to extract): the letterhead's navy band at
    // the head of page 1, and the letter's dark text below it.
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", printed, join(shots, "printed-page")]);
    const page = pixels(printed, 1);
    assert.ok(share(page, 0, 0.1, 0.02, 0.98, navy) > 0.8, "the letterhead's band on the printed page");
    assert.ok(share(page, 0.2, 0.9, 0.1, 0.9, dark) > 0.01, "the letter's text on the printed page");
    assert.match(run(CLI, ["--db", db, "letters", "show", "2"]), /printed/);

    // Envelopes & labels… on the committee letter: Avery 5160, a label for
    // each member, in the letter's order.
    await openLetter(app, ui, "Trade agreements before the Committee");
    // Each copy can be seen: the chair's first, greeted by his title.
    const copies = `return document.querySelector('.copy-picker select')`;
    await app.waitFor(copies, "the copy picker");
    const first = await app.run(`return document.querySelector('.copy-picker select').selectedOptions[0].text`);
    assert.equal(first, `1 of ${members}: Chairman Crapo`);
    await app.run(`document.querySelector('.copy-picker [aria-label="Next copy"]').click()`);
    await app.waitFor(
      `const p = document.querySelector('.compose-preview .pages'); return p && /Dear Ranking Member Wyden:/.test(p.textContent) ? true : null`,
      "the second copy in the preview",
    );
    writeFileSync(join(shots, "preview-second-copy.png"), await app.screenshot());
    const before = readdirSync(out);
    await ui.button("Envelopes & labels…");
    await app.run(
      `[...document.querySelectorAll('[role=dialog] label')].find(l => l.textContent.includes('Avery 5160')).querySelector('input').click()`,
    );
    await ui.button("Save PDF…", "document.querySelector('[role=dialog]')");
    await ui.text(`Saved ${members} labels to`, "the labels' notice");
    const labels = await written(out, ".pdf", before);
    assert.equal(pdfPages(labels), Math.ceil(members / 30), "30 labels a sheet");
    const onLabels = pdfText(labels);
    assert.match(onLabels, /The Honorable Mike Crapo/);
    assert.match(onLabels, /The Honorable Ron Wyden/);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", labels, join(shots, "labels-5160")]);
    writeFileSync(join(shots, "labels-notice.png"), await app.screenshot());
  } finally {
    await app.close();
    await printer.stop();
  }
});
