import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

/**
 * Hostile values for every field of every route, from the OpenAPI document: whatever arrives, the answer is
 * never a 5xx (a 4xx problem+json instead), signed out, as a citizen and as an institution administrator.
 */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
};
type Operation = {
  parameters?: { name: string; in: 'path' | 'query'; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '+275760-09-13',
    '9999-12-31',
    '10000-01-01',
    '0000-00-00',
    '2026-02-30',
    '-1',
    '2147483648',
    '99999999999999999999',
    '1e400',
    'NaN',
    "' or 1=1 --",
    '%00',
    '../../etc/passwd',
    '‮evil',
    '00000000-0000-0000-0000-000000000000',
    'AML-2026-000001',
    'ABCDE-FGHJK',
    '',
    ' ',
    '{}',
    '[]',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ minLength: 5000, maxLength: 6000 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const DEEP_JSON = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
const anyValue = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant({ a: deep(100) }),
);

function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return anyValue;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' && schema.properties) {
    const props = Object.fromEntries(
      Object.entries(schema.properties).map(([k, s]) => [
        k,
        fc.option(valueFor(s, depth + 1), { nil: undefined }),
      ]),
    );
    return fc.oneof({ weight: 4, arbitrary: fc.record(props) }, { weight: 1, arbitrary: anyValue });
  }
  if (type === 'array')
    return fc.oneof(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }), anyValue);
  if (type === 'string')
    return fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: anyValue });
  if (type === 'integer' || type === 'number')
    return fc.oneof({ weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: anyValue });
  return anyValue;
}

/** Percent-encoding that also sends lone surrogates (as their WTF-8 bytes), as a hostile client can. */
const encodePath = (s: string) =>
  s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (c) => {
    const u = c.charCodeAt(0);
    if (c.length === 1 && u >= 0xd800 && u <= 0xdfff)
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    return encodeURIComponent(c);
  });

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

function routes(app: FastifyInstance) {
  const doc = (
    app as unknown as { swagger(): { paths: Record<string, Record<string, Operation>> } }
  ).swagger();
  const out: { method: string; path: string; op: Operation }[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) out.push({ method, path, op });
  return out;
}

const REQUESTS = Number(process.env.HOSTILE_REQUESTS) || 10_000;

describe.each(testDatabases())('hostile input on %s', (kind) => {
  const p = usePlatform(kind, { env: { LOGIN_RATE_LIMIT: '100000', TRACK_RATE_LIMIT: '100000' } });

  it(`answers ${REQUESTS} generated hostile requests over every route without a 5xx`, async () => {
    const list = routes(p.app).filter((r) => !r.path.startsWith('/api/dev/'));
    expect(list.length).toBeGreaterThan(100);
    const clients = [
      new Client(p.app, 'fr'),
      await signedIn(p.app, 'fatima@example.fr', 'ar'),
      await signedIn(p.app, 'admin@aml.demo', 'fr'),
    ];
    const request = fc.record({
      route: fc.constantFrom(...list),
      who: fc.integer({ min: 0, max: clients.length - 1 }),
      seed: fc.integer(),
    });
    const failures: string[] = [];
    const statuses = [0, 0, 0, 0, 0, 0];
    await fc.assert(
      fc.asyncProperty(request, fc.context(), async ({ route, who }, ctx) => {
        const sample = <T>(a: fc.Arbitrary<T>) => fc.sample(a, 1)[0] as T;
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const param = route.op.parameters?.find((x) => x.in === 'path' && x.name === name);
          return encodePath(text(sample(valueFor(param?.schema))));
        });
        const query = new URLSearchParams();
        for (const q of route.op.parameters?.filter((x) => x.in === 'query') ?? [])
          if (sample(fc.boolean())) query.set(q.name, text(sample(valueFor(q.schema))));
        const json = route.op.requestBody?.content?.['application/json']?.schema;
        // one body in twenty is JSON nested 5,000 levels deep
        const body =
          route.method === 'get' || route.method === 'delete'
            ? undefined
            : sample(
                fc.oneof(
                  { weight: 19, arbitrary: valueFor(json).map(text) },
                  { weight: 1, arbitrary: fc.constant(DEEP_JSON) },
                ),
              );
        const url = `${path}${query.size ? `?${query}` : ''}`;
        const res = await clients[who]!.request({
          method: route.method.toUpperCase() as 'GET',
          url,
          ...(body === undefined ? {} : { payload: body, headers: { 'content-type': 'application/json' } }),
        });
        statuses[Math.floor(res.statusCode / 100)]! += 1;
        ctx.log(`${route.method.toUpperCase()} ${url.slice(0, 200)} → ${res.statusCode}`);
        if (res.statusCode >= 500)
          failures.push(
            `${route.method.toUpperCase()} ${route.path} ${url.slice(0, 120)} ${(body ?? '').slice(0, 120)} → ${res.statusCode}`,
          );
        // Open311 answers refusals in its specification's own format (a list of errors), the rest of the
        // API as problem+json
        const type = res.headers['content-type']?.toString() ?? '';
        const refusalShape = route.path.startsWith('/open311/')
          ? type.includes('application/problem+json') ||
            (route.path.endsWith('.xml')
              ? /<errors>\s*<error>\s*<code>\d+<\/code>\s*<description>/.test(res.body)
              : Array.isArray(res.json()) && typeof res.json()[0]?.description === 'string')
          : type.includes('application/problem+json');
        if (res.statusCode >= 400 && !refusalShape)
          failures.push(
            `${route.method.toUpperCase()} ${route.path} → ${res.statusCode} not its error format`,
          );
      }),
      { numRuns: REQUESTS, seed: 20261207 },
    );
    expect([...new Set(failures)]).toEqual([]);
    // not all refused at the door: some reached the services and succeeded
    console.log(`hostile requests: ${statuses[2]} 2xx, ${statuses[4]} 4xx, ${statuses[5]} 5xx`);
    expect(statuses[2]).toBeGreaterThan(50);
  }, 600_000);

  it('refuses the hostile values found by hand, each with a translated problem, and keeps nothing of them', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    const expectProblem = (
      res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
      status: number,
    ) => {
      expect(res.statusCode).toBe(status);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      expect((res.json() as { detail: string }).detail).toBeTruthy();
    };
    expectProblem(await fatima.get('/api/territory?q=a%00b'), 422);
    expectProblem(
      await fatima.request({ method: 'PUT', url: '/api/me/drafts/a%00b', payload: { data: {} } }),
      422,
    );
    expectProblem(
      await new Client(p.app, 'fr').post('/api/track', {
        trackingNumber: 'AML-2026\u0000',
        accessCode: 'ABCDE-FGHJK',
      }),
      422,
    );
    // a lone surrogate is refused, and the profile keeps its name
    const before = (await fatima.get('/api/me/profile')).json();
    const surrogate = await fatima.request({
      method: 'PATCH',
      url: '/api/me/profile',
      payload: '{"givenNameLatin":"Fat\\ud800ima"}',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(surrogate, 422);
    expect((surrogate.json() as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe(
      '/body/givenNameLatin',
    );
    expect((await fatima.get('/api/me/profile')).json().givenNameLatin).toBe(before.givenNameLatin);
    // an integer past the database's, JSON nested 5,000 levels deep
    const mine = (await fatima.get('/api/cases')).json().items[0];
    expectProblem(
      await fatima.post(`/api/cases/${mine.id}/actions`, { action: 'withdraw', version: 2 ** 31 }),
      422,
    );
    expectProblem(
      await fatima.request({
        method: 'POST',
        url: `/api/cases/${mine.id}/actions`,
        payload: DEEP_JSON,
        headers: { 'content-type': 'application/json' },
      }),
      422,
    );
    expect((await fatima.get(`/api/cases/${mine.id}`)).json().version).toBe(mine.version);
    // the router's own refusals: a path that is not UTF-8, a parameter 5,000 characters long
    expectProblem(await fatima.get('/api/cases/%ED%A0%80'), 400);
    expectProblem(
      await fatima.post(`/api/cases/${'a'.repeat(5000)}/actions`, { action: 'withdraw', version: 1 }),
      414,
    );
  });

  it('answers headers too large for the server with a problem, over a real connection', async () => {
    await p.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = p.app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, {
      headers: { 'x-big': 'x'.repeat(20_000) },
    });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).status).toBe(431);
  });
});
