// Live-preview benchmark, run by `make bench` under Xvfb against the release
// build: keystroke-to-painted latency in the real window, p50 and p95 over
// 50 edits, for the KORUS sample letter and a 30-paragraph letter, and the
// bytes each answer carried across the IPC.
//
// Each edit is one WebDriver keystroke at the end of the body. The page
// records when each keystroke's input event fired (a capturing listener
// installed here) and, for each preview answer, when its request was sent
// and when the answer was painted (two animation frames after React
// committed it; the UI pushes these to window.__amicusPreviewMarks when the
// array exists). A keystroke's latency is the time until the first answer
// whose request was sent after it was painted. The marks are in the UI only
// when it is built with its test hooks (AMICUS_TEST_HOOKS=1), as `make bench` does.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(import.meta.dirname, "..");
process.env.AMICUS_APP ??= "target/release/amicus-desktop";
const CLI = resolve(ROOT, process.env.AMICUS_CLI ?? "target/release/amicus");
const EDITS = Number(process.env.EDITS ?? 50);
const { openApp, helpers } = await import("../e2e/driver.mjs");

const dir = mkdtempSync(join(tmpdir(), "amicus-bench-preview-"));
const db = join(dir, "amicus.db");
const cli = (...args) => execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8" });
const sample = JSON.parse(readFileSync(join(ROOT, "templates/samples/korus-2017.json"), "utf8"));
const draft = (subject, body) => {
  const file = join(dir, `${subject.length}.md`);
  writeFileSync(file, body);
  cli("letters", "new", "--date", "2017-09-05", "--to", "Secretary of Commerce", "--to", "USTR",
    "--issue", "KORUS", "--subject", subject, "--body-file", file);
};
const korus = "KORUS sample letter, as a draft";
draft(korus, sample.body);
const paragraph = "Our members export machinery, beef, wine and services to Korea. The agreement " +
  "removed tariffs that once kept them out, and their sales have grown every year since it took effect.";
const long = "Thirty paragraphs";
draft(long, Array.from({ length: 30 }, (_, i) => `${i + 1}. ${paragraph}`).join("\n\n"));

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function measure(app, h, subject) {
  await h.nav("Letters");
  await app.waitFor(
    `const row = [...document.querySelectorAll('tr.clickable')].find(e => e.textContent.includes(${JSON.stringify(subject)}));
     if (!row) return false; row.click(); return true;`,
    `the letter "${subject}" in the list`,
  );
  await app.waitFor(`return document.querySelectorAll('[data-testid=preview-page] svg').length > 0`, "the preview");
  const pages = await app.run(`return document.querySelectorAll('[data-testid=preview-page]').length`);
  await app.run(`
    window.__amicusPreviewMarks = [];
    window.__benchInputs = [];
    if (!window.__benchListening) {
      window.__benchListening = true;
      document.addEventListener('input', () => window.__benchInputs.push(performance.now()), true);
    }`);
  const body = await app.element("textarea[name=body]");
  for (let i = 0; i < EDITS; i++) {
    await app.sendKeys(body, i % 2 ? "a" : "z");
    // Wait for this keystroke's answer to be painted, then pause as a typist would.
    await app.waitFor(`return window.__amicusPreviewMarks.length > 0 &&
      window.__amicusPreviewMarks.at(-1).sentAt >= window.__benchInputs.at(-1)`, `the preview after edit ${i + 1}`, 10_000);
    await sleep(150);
  }
  const { inputs, marks } = await app.run(`return { inputs: window.__benchInputs, marks: window.__amicusPreviewMarks }`);
  const latencies = inputs.map((t) => {
    const m = marks.find((m) => m.sentAt >= t);
    return m ? m.paintedAt - t : NaN;
  }).filter((x) => !Number.isNaN(x));
  const bytes = marks.map((m) => m.bytes);
  const med = (f) => pct(marks.map(f), 50).toFixed(0);
  const where = `layout and IPC ${med((m) => m.answeredAt - m.sentAt)} ms, React ${med((m) => m.committedAt - m.answeredAt)} ms (of which the canvas ${med((m) => m.glyphPaintMs)} ms), ` +
    `paint ${med((m) => m.paintedAt - m.committedAt)} ms; pages redrawn per answer ${med((m) => m.redrawn)}`;
  console.log(
    `${subject} (${pages} page${pages === 1 ? "" : "s"}): keystroke to painted p50 ${pct(latencies, 50).toFixed(0)} ms, ` +
      `p95 ${pct(latencies, 95).toFixed(0)} ms over ${latencies.length} edits; ` +
      `bytes per answer p50 ${pct(bytes, 50)} (max ${Math.max(...bytes)})\n  median per answer: ${where}`,
  );
  // Let the draft's autosave (1.5 s after typing stops) finish before leaving it.
  await sleep(2500);
}

const app = await openApp({ AMICUS_DB: db });
try {
  const h = helpers(app);
  await measure(app, h, korus);
  await measure(app, h, long);
} finally {
  await app.close();
}
