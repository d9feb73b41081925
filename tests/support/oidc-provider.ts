import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export type TestPerson = Record<string, string | boolean>;

/**
 * A real OpenID provider (the `oidc-provider` package) on a free port of this machine, with one confidential
 * client that must use PKCE, and a set of people by subject. Its sign-in page is the package's development
 * page (any login, any password; the login is the subject); consent is given at once.
 */
export async function startOidcProvider(opts: {
  clientId?: string;
  clientSecret?: string;
  redirectUris: () => string[];
  people: Record<string, TestPerson>;
}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = opts.clientId ?? 'jisr';
  const clientSecret = opts.clientSecret ?? 'a client secret for the tests only';
  const client = {
    client_id: clientId,
    client_secret: clientSecret,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    clients: [],
    jwks: { keys: [{ ...key, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['cookie key for the tests only'] },
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'birthdate'],
      phone: ['phone_number'],
    },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, sub) =>
      opts.people[sub] ? { accountId: sub, claims: () => ({ sub, ...opts.people[sub] }) } : undefined,
    // consent is given at once: the test is about the relying party
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile phone');
      await grant.save();
      return grant;
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'text/plain';
      ctx.body = `provider error: ${out.error}: ${out.error_description ?? ''}`;
    },
  };
  // made at the first request: the relying party's address (its callback) may be known only by then
  let handler: ReturnType<Provider['callback']> | null = null;
  server.on('request', (req, res) => {
    handler ??= new Provider(issuer, {
      ...configuration,
      clients: [{ ...client, redirect_uris: opts.redirectUris() }],
    }).callback();
    handler(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TestProvider = Awaited<ReturnType<typeof startOidcProvider>>;

/**
 * What a browser does at the provider, with fetch: follows its redirects with its cookies, signs in on its
 * page as `subject`, and stops at the first address outside the provider (the relying party's callback),
 * which it returns. With `abort`, the person declines on the sign-in page instead.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  subject: string,
  opts: { abort?: boolean } = {},
): Promise<URL> {
  const jar = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      continue;
    }
    const page = await res.text();
    if (res.status !== 200 || !page.includes('name="login"'))
      throw new Error(`provider answered ${res.status}: ${page.slice(0, 300)}`);
    // the person declines: the page's "cancel" link
    if (opts.abort) url = new URL(`${url.pathname}/abort`, url);
    else body = new URLSearchParams({ prompt: 'login', login: subject, password: 'any' });
  }
  throw new Error('too many redirects at the provider');
}
