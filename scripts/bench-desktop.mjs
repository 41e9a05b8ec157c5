// Desktop benchmarks, run by `make bench` under Xvfb:
//  - cold start: from spawning the app to the letters list on screen and
//    usable (the UI reports it through the `app_ready` command), median of
//    runs, against an empty Tauri window (the same binary, AMICUS_EMPTY_WINDOW)
//    loading an empty page with the same WebKit settings (both run without
//    GPU compositing unless AMICUS_GPU_COMPOSITING is set for both);
//  - idle memory: PSS of the app and every WebKit process it started, after
//    the letters list is up and the app has sat idle, against the same
//    runtime showing an empty page (AMICUS_EMPTY_WINDOW) on this machine.
// Both need the release build with its test hooks (src-tauri/src/hooks.rs),
// which `make bench` makes.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const APP = resolve(import.meta.dirname, "..", process.env.AMICUS_APP ?? "target/release/amicus-desktop");
const RUNS = Number(process.env.RUNS ?? 7);
const IDLE_MS = 5000;

if (!existsSync(APP)) throw new Error(`${APP} is missing (make bench builds it)`);

/** The app's own report: `amicus-ready-ms 655.1 page-ms 170.0 steps: html 17, script 58, …`. */
const reports = [];

/** Start the app; `ready` resolves with the ms until it printed `marker`. */
function start(env, marker = "amicus-ready-ms") {
  const t0 = performance.now();
  const child = spawn(APP, [], { env: { ...process.env, AMICUS_REPORT_READY: "1", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("the app did not report ready in 30 s")), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes(marker)) {
        clearTimeout(timer);
        const line = out.split("\n").find((l) => l.startsWith("amicus-ready-ms"));
        if (line) reports.push(line);
        ok(performance.now() - t0);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!out.includes(marker)) fail(new Error(`the app exited (${code}) before it was ready`));
    });
  });
  return { child, ready };
}

function children(pid) {
  const kids = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  return kids.flatMap((k) => [k, ...children(k)]);
}

/** PSS in MB of a process and all its descendants, with their names. */
function pss(pid) {
  let kb = 0;
  const names = [];
  for (const p of [pid, ...children(pid)]) {
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      names.push(readFileSync(`/proc/${p}/comm`, "utf8").trim());
    } catch {
      // gone
    }
  }
  return { mb: kb / 1024, names };
}

async function stop(child) {
  child.kill("SIGTERM");
  await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
}

async function idleMemory(env, readyWait) {
  const { child, ready } = start(env);
  if (readyWait) await ready;
  else {
    ready.catch(() => undefined); // an empty page never reports ready
    await sleep(3000);
  }
  await sleep(IDLE_MS);
  const m = pss(child.pid);
  await stop(child);
  return m;
}

const dir = mkdtempSync(join(tmpdir(), "amicus-bench-"));
const db = join(dir, "amicus.db");
// First run creates the database with the sample record; the timed runs open it.
{
  const { child, ready } = start({ AMICUS_DB: db, AMICUS_EXIT_WHEN_READY: "1" });
  await ready;
  await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The floor no app can beat here: an empty Tauri window loading an empty page.
const emptyTimes = [];
for (let i = 0; i < RUNS; i++) {
  const { child, ready } = start({ AMICUS_EMPTY_WINDOW: "1" }, "amicus-empty-painted-ms");
  emptyTimes.push(await ready);
  await stop(child);
}
const times = [];
reports.length = 0;
for (let i = 0; i < RUNS; i++) {
  const copy = join(dir, `run-${i}.db`);
  cpSync(db, copy);
  const { child, ready } = start({ AMICUS_DB: copy, AMICUS_EXIT_WHEN_READY: "1" });
  times.push(await ready);
  await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
}
times.sort((a, b) => a - b);
console.log(
  `cold start to an interactive letters list: median ${median(times).toFixed(0)} ms over ${RUNS} runs ` +
    `(min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`,
);
console.log(
  `  an empty Tauri window to its empty page painted, same WebKit settings: median ${median(emptyTimes).toFixed(0)} ms; ` +
    `Amicus adds ${(median(times) - median(emptyTimes)).toFixed(0)} ms, ` +
    `ratio ${(median(times) / median(emptyTimes)).toFixed(2)} (target ≤ 1.25)`,
);

// Where the time went: before the page (process, runtime, webview) and in it.
const pageMs = reports.map((r) => Number(/page-ms ([\d.]+)/.exec(r)?.[1] ?? NaN));
const steps = new Map();
for (const r of reports) {
  for (const part of (r.split("steps: ")[1] ?? "").split(", ")) {
    const m = /^(.*) ([\d.]+)$/.exec(part);
    if (m) steps.set(m[1], [...(steps.get(m[1]) ?? []), Number(m[2])]);
  }
}
const order = [...steps].map(([k, v]) => [k, median(v)]).sort((a, b) => a[1] - b[1]);
console.log(
  `  of which in the page (median): ${median(pageMs).toFixed(0)} ms — ` +
    order.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ") +
    `, list painted ${median(pageMs).toFixed(0)}`,
);

const app = await idleMemory({ AMICUS_DB: db }, true);
const empty = await idleMemory({ AMICUS_EMPTY_WINDOW: "1" }, false);
const ratio = app.mb / empty.mb;
console.log(`idle memory (PSS, ${app.names.join(" + ")}): app ${app.mb.toFixed(0)} MB, empty Tauri window ${empty.mb.toFixed(0)} MB, ratio ${ratio.toFixed(2)} (target ≤ 1.25)`);
