// A real OpenID Connect / OAuth 2.0 provider for Amicus's mailbox sign-in
// tests: `oidc-provider` (a certified implementation, from npm, installed by
// scripts/setup.sh under target/tools/oidc-provider), issuing real tokens.
//
// It prints "READY <port>" once it listens on 127.0.0.1 and runs until stdin
// closes. Clients:
//   amicus-desktop  a native public client (PKCE, loopback redirect on any
//                   port, refresh tokens): what Amicus signs in as;
//   mail-server     a confidential client the test mail server and the API
//                   stand-ins introspect tokens with;
//   other-app       a confidential client with client credentials, whose
//                   tokens are meant for someone else (the wrong audience).
// Its sign-in and consent pages are oidc-provider's development interactions
// (any login and password); the account's e-mail is its login. An account
// whose login starts with "short" gets access tokens that last 2 seconds.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const lib = path.join(here, '..', 'target', 'tools', 'oidc-provider', 'node_modules', 'oidc-provider', 'lib', 'index.js');
const { default: Provider } = await import(pathToFileURL(lib).href);

// Listen first so the issuer can name the port.
import http from 'node:http';
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'amicus-desktop',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    {
      client_id: 'mail-server',
      client_secret: 'mail-server-secret',
      grant_types: [],
      redirect_uris: [],
      response_types: [],
    },
    {
      client_id: 'other-app',
      client_secret: 'other-app-secret',
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
  ],
  features: {
    devInteractions: { enabled: true },
    introspection: { enabled: true, allowedPolicy: async () => true },
    revocation: { enabled: true, allowedPolicy: async () => true },
    clientCredentials: { enabled: true },
  },
  pkce: { required: () => true },
  scopes: ['openid', 'offline_access', 'email'],
  claims: { openid: ['sub'], email: ['email'] },
  conformIdTokenClaims: false,
  findAccount: async (ctx, id) => ({
    accountId: id,
    async claims() { return { sub: id, email: id }; },
  }),
  ttl: {
    AccessToken: (ctx, token) => (String(token.accountId || '').startsWith('short') ? 2 : 3600),
    ClientCredentials: 600,
    RefreshToken: 24 * 3600,
  },
  cookies: { keys: ['amicus-test-cookie-key'] },
});
provider.proxy = false;
server.on('request', provider.callback());

process.stdout.write(`READY ${port}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
