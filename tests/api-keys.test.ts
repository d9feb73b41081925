/**
 * API keys: a body's administrator makes one (shown once, kept hashed), lists them with their last use,
 * revokes one at once; another system reads the body's cases with it (scope `cases:read`), and nothing else:
 * no other body's cases, no route outside its scopes, not after revocation, not past its rate.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '../src/modules/api-keys/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

describe.each(testDatabases())('API keys on %s', (kind) => {
  const p = usePlatform(kind, { env: { API_KEY_RATE_LIMIT: '40' } });
  const { inst } = useIdsByCode(p);

  const feed = (key: string, query = '', header: 'bearer' | 'x-api-key' = 'bearer') =>
    p.app.inject({
      method: 'GET',
      url: `/api/integration/cases${query}`,
      headers: header === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key },
    });

  async function makeKey(scopes: string[], label = 'Bureau d’ordre') {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const res = await admin.post(`/api/institutions/${inst.AML}/api-keys`, { label, scopes });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { key: { id: string; prefix: string }; secret: string };
  }

  it('is made by the body’s administrator only, shown once and kept as a hash', async () => {
    const made = await makeKey(['cases:read']);
    expect(made.secret).toMatch(/^jisr_[a-z2-9]{8}_[a-z2-9]{32}$/);
    expect(made.secret.startsWith(made.key.prefix)).toBe(true);
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const list = await admin.get(`/api/institutions/${inst.AML}/api-keys`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(made.secret);
    expect(list.json().items[0]).toMatchObject({
      id: made.key.id,
      label: 'Bureau d’ordre',
      scopes: ['cases:read'],
    });
    const [row] = await p.database.db.select().from(apiKeys).where(eq(apiKeys.id, made.key.id));
    expect(JSON.stringify(row)).not.toContain(made.secret.slice(14));
    // who may not: a supervisor of the body, another body's administrator, a citizen, nobody signed in
    const body = { label: 'x', scopes: ['cases:read'] };
    for (const [email, status] of [
      ['chef@aml.demo', 403],
      ['admin@aubm.demo', 403],
      ['fatima@example.fr', 403],
    ] as const) {
      const who = await signedIn(p.app, email);
      expect((await who.post(`/api/institutions/${inst.AML}/api-keys`, body)).statusCode).toBe(status);
      expect((await who.get(`/api/institutions/${inst.AML}/api-keys`)).statusCode).toBe(status);
    }
    const anonymous = await p.app.inject({ method: 'GET', url: `/api/institutions/${inst.AML}/api-keys` });
    expect(anonymous.statusCode).toBe(401);
    // bad input: no scope, an unknown scope, an empty label; nothing is made
    const before = (await admin.get(`/api/institutions/${inst.AML}/api-keys`)).json().items.length;
    for (const bad of [
      { label: 'x', scopes: [] },
      { label: 'x', scopes: ['everything'] },
      { label: '', scopes: ['cases:read'] },
    ]) {
      const res = await admin.post(`/api/institutions/${inst.AML}/api-keys`, bad);
      expect(res.statusCode).toBe(422);
    }
    expect((await admin.get(`/api/institutions/${inst.AML}/api-keys`)).json().items.length).toBe(before);
  });

  it('reads its body’s cases, every one once, page by page, and is dated and audited on each use', async () => {
    const { key, secret } = await makeKey(['cases:read']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await feed(secret, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as {
        items: { trackingNumber: string; updatedAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((c) => c.trackingNumber));
      cursor = page.nextCursor;
    } while (cursor);
    const own = await p.database.db.select().from(cases).where(eq(cases.institutionId, inst.AML!));
    expect(seen.sort()).toEqual(own.map((c) => c.trackingNumber).sort());
    expect(new Set(seen).size).toBe(seen.length);
    // the same key in the other header
    expect((await feed(secret, '?limit=1', 'x-api-key')).statusCode).toBe(200);
    // from a point in time
    const latest = own.map((c) => c.updatedAt.getTime()).sort((a, b) => b - a)[0]!;
    const since = await feed(secret, `?updatedSince=${encodeURIComponent(new Date(latest).toISOString())}`);
    expect(since.json().items.length).toBeGreaterThan(0);
    expect(since.json().items.length).toBeLessThan(own.length);
    expect((await feed(secret, '?updatedSince=yesterday')).statusCode).toBe(422);
    expect((await feed(secret, '?cursor=nonsense')).statusCode).toBe(400);
    const uses = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'api_key.use'), eq(auditLog.entityId, key.id)));
    expect(uses.length).toBeGreaterThanOrEqual(4);
    expect(uses[0]!.data).toMatchObject({
      prefix: key.prefix,
      scope: 'cases:read',
      route: '/api/integration/cases',
    });
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const listed = (await admin.get(`/api/institutions/${inst.AML}/api-keys`)).json().items;
    expect(listed.find((k: { id: string }) => k.id === key.id).lastUsedAt).not.toBeNull();
  });

  it('is refused when unknown, mistyped, without the scope, over its rate or revoked', async () => {
    const { key, secret } = await makeKey(['cases:read']);
    const figuresOnly = await makeKey(['figures:read']);
    const code = (res: { json(): { type: string } }) => res.json().type.split('/').pop();
    const none = await p.app.inject({ method: 'GET', url: '/api/integration/cases' });
    expect(none.statusCode).toBe(401);
    expect(code(none)).toBe('api-key-invalid');
    const typo = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect((await feed(typo)).statusCode).toBe(401);
    expect((await feed('jisr_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')).statusCode).toBe(401);
    expect((await feed('not a key at all')).statusCode).toBe(401);
    const scope = await feed(figuresOnly.secret);
    expect(scope.statusCode).toBe(403);
    expect(code(scope)).toBe('api-key-scope');
    // a session cookie is no key
    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect((await chief.get('/api/integration/cases')).statusCode).toBe(401);
    // the rate, per key (this platform allows 40 a minute): the 41st is refused, another key is not
    let last = 0;
    for (let i = 0; i < 41; i++) last = (await feed(secret, '?limit=1')).statusCode;
    expect(last).toBe(429);
    const other = await makeKey(['cases:read']);
    expect((await feed(other.secret, '?limit=1')).statusCode).toBe(200);
    // revoked: refused at once; revoking again is a conflict; another body's administrator cannot
    expect(
      (
        await (
          await signedIn(p.app, 'admin@aubm.demo')
        ).post(`/api/institutions/${inst.AML}/api-keys/${other.key.id}/revoke`, {})
      ).statusCode,
    ).toBe(403);
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const revoked = await admin.post(`/api/institutions/${inst.AML}/api-keys/${other.key.id}/revoke`, {});
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await feed(other.secret, '?limit=1')).statusCode).toBe(401);
    const again = await admin.post(`/api/institutions/${inst.AML}/api-keys/${other.key.id}/revoke`, {});
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('api-key-revoked');
    // a key of AML revoked under another body's address: not found there
    const aubmAdmin = await signedIn(p.app, 'admin@aubm.demo');
    expect(
      (await aubmAdmin.post(`/api/institutions/${inst.AUBM}/api-keys/${key.id}/revoke`, {})).statusCode,
    ).toBe(404);
    const audits = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, other.key.id), eq(auditLog.action, 'api_key.revoke')));
    expect(audits).toHaveLength(1);
  });
});
