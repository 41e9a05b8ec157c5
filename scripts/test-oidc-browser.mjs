// The "system browser" of Amicus's mailbox sign-in tests: given the
// authorization URL Amicus opened, it does what a person does in a browser
// at the test provider (scripts/test-oidc-provider.mjs): follows the
// redirects with cookies, signs in on the login page, allows on the consent
// page, and is sent back to Amicus's loopback address, whose page it prints.
//
//   node test-oidc-browser.mjs URL [--login EMAIL] [--deny] [--close]
//
// --close: the person closes the browser on the login page (nothing more is
// sent). --deny: the person refuses on the consent page (an abort).
const [, , start, ...args] = process.argv;
const flag = (name) => args.includes(name);
const value = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const login = value('--login', 'ann@wachamber.example');

const jar = new Map();
function keepCookies(res) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const val = pair.slice(i + 1).trim();
    if (val === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name); else jar.set(name, val);
  }
}
const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

async function go(url, init = {}) {
  let res;
  try {
    res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers || {}), cookie: cookieHeader() },
    });
  } catch (e) {
    process.stderr.write(`${init.method || 'GET'} ${url} failed: ${e.cause || e}\n`);
    process.exit(4);
  }
  keepCookies(res);
  return res;
}

let url = start;
let res = await go(url);
for (let steps = 0; steps < 20; steps += 1) {
  if (res.status >= 300 && res.status < 400) {
    url = new URL(res.headers.get('location'), url).href;
    res = await go(url);
    continue;
  }
  const html = await res.text();
  if (new URL(url).pathname === '/' && !url.startsWith(new URL(start).origin)) {
    // Back at Amicus's loopback address: its page is the end.
    process.stdout.write(`${res.status} ${html}\n`);
    process.exit(0);
  }
  const form = html.match(/<form[^>]*action="([^"]+)"[^>]*method="post"/i);
  if (!form) {
    process.stderr.write(`no form at ${url} (${res.status}):\n${html}\n`);
    process.exit(2);
  }
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) {
    fields.set(m[1], m[2]);
  }
  const prompt = fields.get('prompt');
  if (prompt === 'login') {
    if (flag('--close')) {
      process.stdout.write('closed the browser on the login page\n');
      process.exit(0);
    }
    fields.set('login', login);
    fields.set('password', 'any');
  }
  let action = new URL(form[1].replace(/&amp;/g, '&'), url).href;
  if (prompt === 'consent' && flag('--deny')) {
    action = `${action.replace(/\/$/, '')}/abort`;
    url = action;
    res = await go(action);
    continue;
  }
  url = action;
  res = await go(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
}
process.stderr.write(`too many steps, at ${url}\n`);
process.exit(3);
