// A zero-dependency WebDriver client for the real Amicus window:
// tauri-driver (port 4444) proxies to WebKitWebDriver, which drives the app.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(import.meta.dirname, "..");
/** The app under test; `make bench` points it at the release build. */
export const APP = process.env.AMICUS_APP ? resolve(ROOT, process.env.AMICUS_APP) : join(ROOT, "target", "debug", "amicus-desktop");
/**
 * For `openApp`: no session bus, so no system keychain. The app keeps a
 * password for the session only, and a test never reaches the user's own
 * keychain (Amicus does not look for the Secret Service without a bus).
 */
export const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: undefined };

/** A TCP port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Each session gets its own pair of free ports, so a WebKitWebDriver still
// shutting down from the previous test can never answer the next one, and
// two windows (two colleagues on one team record) can be open at once.

function driverPath() {
  const local = join(homedir(), ".cargo", "bin", "tauri-driver");
  if (existsSync(local)) return local;
  return "tauri-driver";
}

async function requestAt(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A stuck WebDriver call fails the test instead of hanging CI.
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/**
 * The processes whose environment holds `marker`: the app (and anything
 * else) started for one session, wherever WebKitWebDriver left it.
 */
function processesMarked(marker) {
  const pids = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker)) pids.push(Number(pid));
    } catch {
      // gone already, or not ours to read
    }
  }
  return pids;
}

/**
 * Stop what a session started and is still running: WebKitWebDriver may
 * leave the app behind when the session ends, and a process left over
 * would keep CI waiting (SIGTERM, then SIGKILL after five seconds).
 */
async function stopMarked(marker) {
  let left = processesMarked(marker);
  for (const pid of left) {
    try { process.kill(pid, "SIGTERM"); } catch { /* already gone */ }
  }
  const end = Date.now() + 5_000;
  while ((left = processesMarked(marker)).length && Date.now() < end) await sleep(100);
  for (const pid of left) {
    try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ }
  }
}

/** Start tauri-driver with `env` for the app, and open a session on the app. */
export async function openApp(env = {}) {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run 'make app-test-hooks' first`);
  const port = await freePort();
  const native = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const request = (method, path, body) => requestAt(base, method, path, body);
  // Every process of this session carries the marker in its environment, so
  // `close` finds the app even when WebKitWebDriver left it running. The
  // driver's output goes to a file, not the test runner's pipes: a process
  // left holding those would keep the runner waiting for their end.
  const marker = `AMICUS_E2E_SESSION=${process.pid}-${port}`;
  const logPath = join(tmpdir(), `amicus-tauri-driver-${process.pid}-${port}.log`);
  const log = openSync(logPath, "a");
  const driver = spawn(driverPath(), ["--port", String(port), "--native-port", String(native)], {
    env: { ...process.env, ...env, AMICUS_E2E_SESSION: marker.split("=")[1] },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await request("GET", "/status");
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`tauri-driver did not start: ${e} (its output: ${logPath})`);
      await sleep(200);
    }
  }
  const session = await request("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP } } },
  });
  const id = session.sessionId;
  const s = `/session/${id}`;
  return {
    async run(script, ...args) {
      return request("POST", `${s}/execute/sync`, { script, args });
    },
    /** Poll `script` until it returns a truthy value. */
    async waitFor(script, what, timeout = 20_000) {
      const end = Date.now() + timeout;
      let last = null;
      for (;;) {
        try {
          // The page may still be loading (or reloading): retry until the deadline.
          const v = await this.run(script);
          if (v) return v;
        } catch (e) {
          last = e;
        }
        if (Date.now() > end) {
          // Say what the window showed: the failure is then readable from the log.
          const seen = await this.run("return document.body.innerText").catch(() => "");
          throw new Error(
            `timed out waiting for ${what}${last ? `: ${last}` : ""}\n--- the window showed:\n${String(seen).slice(-1500)}`,
          );
        }
        await sleep(150);
      }
    },
    async element(css) {
      const el = await request("POST", `${s}/element`, { using: "css selector", value: css });
      return Object.values(el)[0];
    },
    async click(css) {
      const ref = await this.element(css);
      await request("POST", `${s}/element/${ref}/click`, {});
    },
    /** Resize (and move) the window: WebDriver's Set Window Rect; answers the rect it got. */
    async windowRect(rect) {
      return rect ? request("POST", `${s}/window/rect`, rect) : request("GET", `${s}/window/rect`);
    },
    async sendKeys(ref, text) {
      await request("POST", `${s}/element/${ref}/value`, { text });
    },
    async screenshot() {
      await sleep(500); // frames can be stale right after a change
      // WebKit answers a screenshot after the next frame it presents. With
      // compositing off (as the app runs) a page with nothing changing
      // presents none under Xvfb, and the request never returns; so keep a
      // one-pixel corner mark, invisible in the image, changing meanwhile.
      await this.run(`
        const mark = document.createElement('div');
        mark.id = 'e2e-frame-nudge';
        mark.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
        document.body.append(mark);
        let n = 0;
        (function tick() {
          if (!mark.isConnected) return;
          mark.style.background = n++ % 2 ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)';
          requestAnimationFrame(tick);
        })();`);
      try {
        return Buffer.from(await request("GET", `${s}/screenshot`), "base64");
      } finally {
        await this.run(`document.getElementById('e2e-frame-nudge')?.remove()`);
      }
    },
    async close() {
      try {
        await request("DELETE", s);
      } finally {
        // SIGTERM lets tauri-driver stop its WebKitWebDriver child too.
        if (driver.exitCode === null && driver.signalCode === null) {
          const exited = new Promise((r) => driver.once("exit", r));
          driver.kill("SIGTERM");
          await exited;
        }
        await stopMarked(marker);
      }
    },
  };
}

export function run(cmd, args) {
  return execFileSync(cmd, args, { encoding: "utf8" });
}

/** Helpers over a session for the app's screens. */
export function helpers(app) {
  const h = {
    /** Type into the element matching `css` (WebDriver keystrokes; "\uE007" is Enter). */
    async type(css, text) {
      const el = await app.element(css);
      await app.sendKeys(el, text);
    },
    /** Set an input or select the way a user's choice would (for date inputs and selects). */
    async set(css, value) {
      await app.run(
        `const el = document.querySelector(arguments[0]);
         if (!el) throw new Error('no element ' + arguments[0]);
         const proto = el.tagName === 'SELECT' ? HTMLSelectElement.prototype
           : el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
         Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
         el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));`,
        css,
        value,
      );
    },
    /** Click the button whose text is `text` (inside `scope`, default the document). */
    async button(text, scope = "document") {
      await app.waitFor(
        `const b = [...${scope}.querySelectorAll('button')].find(b => b.textContent.trim() === ${JSON.stringify(text)} && !b.disabled);
         if (!b) return false; b.click(); return true;`,
        `the "${text}" button`,
      );
    },
    /** Wait until the page's text matches `pattern` (a RegExp source). */
    async text(pattern, what) {
      return app.waitFor(
        `const t = document.body.innerText; return new RegExp(${JSON.stringify(pattern)}).test(t) ? t : null;`,
        what ?? pattern,
      );
    },
    async nav(label) {
      await h.button(label, "document.querySelector('nav')");
    },
  };
  return h;
}
