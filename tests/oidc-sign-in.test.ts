import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DEMO_CITIZENS } from '../src/demo/people.js';
import { shiftProviderClock } from '../src/modules/accounts/oidc.js';
import { accountIdentities, accounts } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { signInAtProvider, startOidcProvider } from './support/oidc-provider.js';
import { Client, fixture, testDatabases, usePlatform } from './support/platform.js';

const PUBLIC_URL = 'https://jisr.test';
const callbackOf = (id: string) => `${PUBLIC_URL}/auth/oidc/${id}/callback`;
const people = {
  amal: {
    email: 'amal.idrissi@example.be',
    email_verified: true,
    given_name: 'Amal',
    family_name: 'Idrissi',
    birthdate: '1990-05-02',
  },
  nadia: { email: 'nadia@example.de', email_verified: true, given_name: 'Nadia', family_name: 'Tazi' },
  // the provider gives the address of an account that exists here and is not linked to this person
  impostor: { email: DEMO_CITIZENS.fatima.email, email_verified: true, given_name: 'Fatima' },
  'fatima-at-provider': { email: 'f.elhassani@example.fr', email_verified: true },
  // a provider that gives no e-mail address
  'nadia-no-email': { given_name: 'Nadia' },
};

describe.each(testDatabases())('sign-in with an identity provider on %s', (kind) => {
  const provider = fixture(
    'the identity provider',
    () => startOidcProvider({ redirectUris: () => [callbackOf('local')], people }),
    (s) => s.close(),
  );
  // another provider that knows the same client: its answers must not be taken for the first one's
  const other = fixture(
    'another identity provider',
    () => startOidcProvider({ redirectUris: () => [callbackOf('local')], people }),
    (s) => s.close(),
  );
  const p = usePlatform(kind, () => ({
    env: {
      PUBLIC_URL,
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'local',
          label: { ar: 'المزوّد المحلي', fr: 'Fournisseur local', en: 'Local provider' },
          issuer: provider().issuer,
          clientId: provider().clientId,
          clientSecret: provider().clientSecret,
          country: 'BE',
        },
      ]),
    },
  }));

  const cookieOf = (res: LightMyRequestResponse, name: string) =>
    res.cookies.find((c) => c.name === name && c.value)?.value;

  /** GET /auth/oidc/local/start, as a browser: the provider's address and the flow's cookie. */
  async function start(query = '', session?: string) {
    const res = await p.app.inject({
      method: 'GET',
      url: `/auth/oidc/local/start${query}`,
      headers: session ? { cookie: `jisr_session=${session}` } : {},
    });
    expect(res.statusCode, res.body).toBe(303);
    const flow = cookieOf(res, 'jisr_oidc');
    expect(flow).toBeTruthy();
    return { url: res.headers.location as string, flow: flow! };
  }

  /** The provider's answer delivered to the callback, with the flow's cookie (and a session if any). */
  async function callback(at: URL, flow: string | null, session?: string) {
    const cookies = [flow && `jisr_oidc=${flow}`, session && `jisr_session=${session}`].filter(Boolean);
    expect(at.origin + at.pathname).toBe(callbackOf('local'));
    return p.app.inject({
      method: 'GET',
      url: at.pathname + at.search,
      headers: { cookie: cookies.join('; '), 'accept-language': 'fr' },
    });
  }

  const accountsCount = async () =>
    (await p.database.db.select({ n: sql<number>`count(*)::int` }).from(accounts))[0]!.n;
  const failures = async (reason: string) =>
    p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.oidc_failed'), sql`${auditLog.data}->>'reason' = ${reason}`));

  /** Checks a refusal: back on the sign-in page with the reason, no session, nothing created, audited. */
  async function expectRefused(res: LightMyRequestResponse, reason: string, before: number) {
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/signin\\?oidcError=${reason}(&|$)`));
    expect(cookieOf(res, 'jisr_session')).toBeUndefined();
    expect(await accountsCount()).toBe(before);
    expect(await failures(reason)).toHaveLength(1);
  }

  it('lists the providers for the sign-in page, in each language', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(res.json()).toEqual([
      { id: 'local', label: { ar: 'المزوّد المحلي', fr: 'Fournisseur local', en: 'Local provider' } },
    ]);
  });

  it('opens a new account linked to the provider’s person on the first sign-in, then finds it again', async () => {
    const before = await accountsCount();
    const { url, flow } = await start('?next=/cases/new');
    const request = new URL(url);
    expect(request.origin).toBe(provider().issuer);
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(request.searchParams.get('state')).toBeTruthy();
    expect(request.searchParams.get('nonce')).toBeTruthy();
    expect(request.searchParams.get('redirect_uri')).toBe(callbackOf('local'));

    const res = await callback(await signInAtProvider(url, 'amal'), flow);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/cases/new');
    const session = cookieOf(res, 'jisr_session')!;
    expect(session).toBeTruthy();
    expect(await accountsCount()).toBe(before + 1);

    const me = new Client(p.app);
    me.cookie = `jisr_session=${session}`;
    const who = (await me.get('/api/auth/session')).json();
    expect(who.account).toMatchObject({
      kind: 'citizen',
      displayName: 'Amal Idrissi',
      email: 'amal.idrissi@example.be',
      hasPassword: false,
    });
    const profile = (await me.get('/api/me/profile')).json();
    expect(profile).toMatchObject({
      givenNameLatin: 'Amal',
      familyNameLatin: 'Idrissi',
      birthDate: '1990-05-02',
      countryOfResidence: 'BE',
    });
    const ids = (await me.get('/api/me/identities')).json();
    expect(ids.levels).toEqual({ emailVerified: true, identityProvider: true });
    expect(ids.identities).toEqual([
      expect.objectContaining({
        providerId: 'local',
        label: expect.objectContaining({ fr: 'Fournisseur local' }),
      }),
    ]);
    const [link] = await p.database.db
      .select()
      .from(accountIdentities)
      .where(eq(accountIdentities.subject, 'amal'));
    expect(link).toMatchObject({ issuer: provider().issuer, accountId: who.account.id });

    // the second time: the same account, found by the provider's subject
    const again = await start();
    const res2 = await callback(await signInAtProvider(again.url, 'amal'), again.flow);
    expect(res2.headers.location).toBe('/cases');
    const me2 = new Client(p.app);
    me2.cookie = `jisr_session=${cookieOf(res2, 'jisr_session')}`;
    expect((await me2.get('/api/auth/session')).json().account.id).toBe(who.account.id);
    expect(await accountsCount()).toBe(before + 1);
  });

  it('refuses an ID token whose nonce is not the one this browser was given', async () => {
    const before = await accountsCount();
    const { url, flow } = await start();
    const tampered = new URL(url);
    tampered.searchParams.set('nonce', 'a-nonce-of-another-request');
    const res = await callback(await signInAtProvider(tampered.href, 'nadia'), flow);
    await expectRefused(res, 'nonce', before);
  });

  it('refuses an expired ID token', async () => {
    const before = await accountsCount();
    // the relying party's clock is two hours ahead of the provider's: the token (ten minutes) has expired
    const restore = shiftProviderClock(2 * 3600);
    try {
      const { url, flow } = await start();
      const res = await callback(await signInAtProvider(url, 'nadia'), flow);
      await expectRefused(res, 'expired', before);
    } finally {
      restore();
    }
  });

  it('refuses an answer from another issuer', async () => {
    const before = await accountsCount();
    const { url, flow } = await start();
    // the request is carried to another provider, which signs the person in and answers the callback
    const elsewhere = new URL(url.replace(provider().issuer, other().issuer));
    const answer = await signInAtProvider(elsewhere.href, 'nadia');
    expect(answer.searchParams.get('iss')).toBe(other().issuer);
    await expectRefused(await callback(answer, flow), 'issuer', before);
  });

  it('refuses an answer whose state is not this browser’s, or with no flow at all', async () => {
    const before = await accountsCount();
    const first = await start();
    const second = await start();
    const answer = await signInAtProvider(first.url, 'nadia');
    await expectRefused(await callback(answer, second.flow), 'state', before);
    const none = await callback(answer, null);
    expect(none.headers.location).toBe('/signin?oidcError=state');
    // a changed cookie is no cookie
    const forged = await callback(answer, `${first.flow.slice(0, -4)}0000`);
    expect(forged.headers.location).toBe('/signin?oidcError=state');
    expect(await accountsCount()).toBe(before);
  });

  it('says when the person declined at the provider', async () => {
    const before = await accountsCount();
    const { url, flow } = await start();
    const answer = await signInAtProvider(url, 'nadia', { abort: true });
    expect(answer.searchParams.get('error')).toBe('access_denied');
    await expectRefused(await callback(answer, flow), 'denied', before);
  });

  it('never takes over an existing account by its e-mail address', async () => {
    const before = await accountsCount();
    const { url, flow } = await start();
    const res = await callback(await signInAtProvider(url, 'impostor'), flow);
    await expectRefused(res, 'email_taken', before);
    const [fatima] = await p.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.email, DEMO_CITIZENS.fatima.email));
    expect(
      await p.database.db.select().from(accountIdentities).where(eq(accountIdentities.accountId, fatima!.id)),
    ).toEqual([]);
  });

  it('links a provider from the profile of a signed-in citizen, who then signs in with it, and unlinks it', async () => {
    const fatima = await new Client(p.app).login(DEMO_CITIZENS.fatima.email);
    const session = fatima.cookie!.replace('jisr_session=', '');
    // a link starts only from the portal, which knows the session's CSRF token
    const forged = await p.app.inject({
      method: 'GET',
      url: '/auth/oidc/local/start?link=guess',
      headers: { cookie: fatima.cookie! },
    });
    expect(forged.statusCode).toBe(403);
    const { url, flow } = await start(`?link=${fatima.csrf}`, session);
    const linked = await callback(await signInAtProvider(url, 'fatima-at-provider'), flow, session);
    expect(linked.headers.location).toBe('/me?linked=local');
    const ids = (await fatima.get('/api/me/identities')).json();
    expect(ids.identities).toHaveLength(1);

    const viaProvider = await start();
    const res = await callback(
      await signInAtProvider(viaProvider.url, 'fatima-at-provider'),
      viaProvider.flow,
    );
    const me = new Client(p.app);
    me.cookie = `jisr_session=${cookieOf(res, 'jisr_session')}`;
    expect((await me.get('/api/auth/session')).json().account.email).toBe(DEMO_CITIZENS.fatima.email);

    const gone = await fatima.delete(`/api/me/identities/${ids.identities[0].id}`);
    expect(gone.statusCode).toBe(204);
    expect((await fatima.get('/api/me/identities')).json().identities).toEqual([]);
  });

  it('keeps the only way into an account: a provider-only account cannot unlink its provider', async () => {
    const { url, flow } = await start();
    const res = await callback(await signInAtProvider(url, 'nadia-no-email'), flow);
    expect(res.headers.location).toBe('/cases');
    const me = new Client(p.app, 'fr');
    me.cookie = `jisr_session=${cookieOf(res, 'jisr_session')}`;
    const session = (await me.get('/api/auth/session')).json();
    me.csrf = session.csrfToken;
    const ids = (await me.get('/api/me/identities')).json();
    expect(ids.levels).toEqual({ emailVerified: false, identityProvider: true });
    const refused = await me.delete(`/api/me/identities/${ids.identities[0].id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/seul moyen/);
  });
});
