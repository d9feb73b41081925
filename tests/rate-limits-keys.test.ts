import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitCounters } from '../src/modules/limits/schema.js';
import { hiddenAccount, SIGN_IN_WINDOW_MS } from '../src/modules/limits/sign-in.js';
import { sweepRateLimits } from '../src/modules/limits/store.js';
import { buildApp } from '../src/server/app.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform, testDatabases } from './support/platform.js';

/**
 * The Redis server of the Redis-store runs (README: `TEST_REDIS_URL`); `skip` leaves them out. When it
 * cannot be reached, those runs fail: they are never skipped silently.
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const stores = REDIS_URL === 'skip' ? ['database'] : ['database', 'redis'];
const runs = testDatabases().flatMap((kind) => stores.map((store) => [kind, store] as const));

// small limits, so that each is reached quickly and told apart: pair 3, account 9, address 12
const env = { LOGIN_RATE_LIMIT: '3', LOGIN_ACCOUNT_RATE_LIMIT: '9', LOGIN_ADDRESS_RATE_LIMIT: '12' };

const post = (app: FastifyInstance, url: string, from: string, payload: Record<string, string>) =>
  app.inject({ method: 'POST', url, remoteAddress: from, headers: { 'accept-language': 'fr' }, payload });
const login = (app: FastifyInstance, email: string, from: string, password = 'not the password') =>
  post(app, '/api/auth/login', from, { email, password });
const tally = (statuses: number[]) => {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
};

describe.each(runs)('sign-in limits per account and per address, on %s, counted in the %s', (kind, store) => {
  // a prefix of this run's own: the Redis server may hold anything else, and is cleaned of this run only
  const prefix = `jisr-test:${randomUUID()}:`;
  const clock = fixedClock('2026-12-07T10:00:00+01:00');
  let restoreClock = () => {};
  let p: TestPlatform;
  let redis: Redis | null = null;

  beforeAll(async () => {
    restoreClock = setPlatformClock(clock);
    const redisEnv = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
    p = await startTestPlatform(kind, { env: { ...env, ...(store === 'redis' ? redisEnv : {}) } });
    if (store === 'redis') {
      redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
    }
  });
  afterAll(async () => {
    await p?.close();
    if (redis) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    }
    restoreClock();
  });

  it('stops one account tried from 30 addresses at once after the per-account limit', async () => {
    const from = Array.from({ length: 30 }, (_, i) => `198.51.100.${i + 1}`);
    // the same account however it is written
    const res = await Promise.all(
      from.map((ip, i) => login(p.app, i % 2 ? 'YOUSSEF@example.es' : ' youssef@example.es ', ip)),
    );
    expect(tally(res.map((r) => r.statusCode))).toEqual({ 401: 9, 429: 21 });
    const refused = res.find((r) => r.statusCode === 429)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const seconds = Number(refused.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(refused.json()).toMatchObject({ status: 429, type: 'https://jisr.ma/problems/rate-limited' });
    expect(refused.json().detail).toContain(String(seconds));
    // even the right password, from yet another address, waits for the window to end
    expect((await login(p.app, 'youssef@example.es', '198.51.100.200', DEMO_PASSWORD)).statusCode).toBe(429);
    // another account from those addresses is not held up
    expect((await login(p.app, 'fatima@example.fr', from[0]!)).statusCode).toBe(401);
  });

  it('stops one address trying many accounts after the per-address limit, across the routes', async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `sprayed-${i}@example.org`);
    const res = await Promise.all(
      emails.map((email, i) =>
        i % 2
          ? login(p.app, email, '192.0.2.66')
          : post(p.app, '/api/auth/password-reset/request', '192.0.2.66', { email }),
      ),
    );
    expect(res.filter((r) => r.statusCode === 429)).toHaveLength(8);
    expect(res.filter((r) => r.statusCode !== 429).map((r) => r.statusCode)).toEqual(
      expect.arrayContaining([401, 202]),
    );
    expect(Number(res.find((r) => r.statusCode === 429)!.headers['retry-after'])).toBeGreaterThan(0);
    // the same accounts from another address are not held up
    expect((await login(p.app, emails[1]!, '192.0.2.67')).statusCode).toBe(401);
  });

  it('still limits one address on one account, without locking out the account elsewhere', async () => {
    const tries = [];
    for (let i = 0; i < 4; i++)
      tries.push((await login(p.app, 'khadija@example.be', '203.0.113.7')).statusCode);
    expect(tries).toEqual([401, 401, 401, 429]);
    // the family's other address, and the same address on another account, go on
    expect((await login(p.app, 'khadija@example.be', '203.0.113.8')).statusCode).toBe(401);
    expect((await login(p.app, 'unknown@example.org', '203.0.113.7')).statusCode).toBe(401);
    expect((await login(p.app, 'khadija@example.be', '203.0.113.9', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts on a second process on the same store together with the first', async () => {
    const second = await buildApp(p.config, p.database);
    try {
      const statuses = [];
      for (let i = 0; i < 10; i++) {
        const app = i % 2 ? second : p.app;
        statuses.push((await login(app, 'chef@aml.demo', `198.18.0.${i + 1}`)).statusCode);
      }
      expect(statuses).toEqual([...Array(9).fill(401), 429]);
      expect((await login(p.app, 'chef@aml.demo', '198.18.1.1')).statusCode).toBe(429);
      // and the limit on one address of the family holds across both too
      const byOne = [];
      for (let i = 0; i < 4; i++) {
        const app = i % 2 ? second : p.app;
        byOne.push((await login(app, 'etatcivil@aml.demo', '198.18.2.1')).statusCode);
      }
      expect(byOne).toEqual([401, 401, 401, 429]);
    } finally {
      await second.close();
    }
  });

  it('counts the tracking limit (@fastify/rate-limit) in the same store', async () => {
    const res = await post(p.app, '/api/track', '192.0.2.90', {
      trackingNumber: 'JSR-0000-00000',
      accessCode: '000000',
    });
    expect(res.statusCode).toBeLessThan(500);
    const key = 'POST /api/track|192.0.2.90';
    if (redis) {
      expect(await redis.get(`${prefix}${key}`)).toBe('1');
      // nothing counts in the database when Redis does
      expect(await p.database.db.select().from(rateLimitCounters)).toEqual([]);
    } else {
      const rows = await p.database.db.select().from(rateLimitCounters).where(eq(rateLimitCounters.key, key));
      expect(rows.map((r) => r.hits)).toEqual([1]);
    }
  });

  it('keeps an account limited for one fixed window of 15 minutes', async () => {
    const email = 'window@example.org';
    for (let i = 0; i < 9; i++) expect((await login(p.app, email, `198.19.0.${i + 1}`)).statusCode).toBe(401);
    const refused = await login(p.app, email, '198.19.0.100');
    expect(refused.statusCode).toBe(429);
    const seconds = Number(refused.headers['retry-after']);
    if (redis) {
      // Redis ends the window itself: its time to live is the window, and more tries do not lengthen it
      const key = `${prefix}sign-in account|${hiddenAccount(p.config.secret, email)}`;
      const ttl = await redis.pttl(key);
      expect(ttl).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS);
      expect(ttl).toBeGreaterThan(SIGN_IN_WINDOW_MS - 60_000);
      expect(seconds).toBeGreaterThanOrEqual(Math.ceil(ttl / 1000));
      expect(seconds - Math.ceil(ttl / 1000)).toBeLessThanOrEqual(5);
      for (let i = 0; i < 3; i++) await login(p.app, email, `198.19.1.${i + 1}`);
      expect(await redis.pttl(key)).toBeLessThanOrEqual(ttl);
      expect(await redis.get(key)).toBe('13');
    } else {
      // on the platform's clock: the window ends 15 minutes after the first try, then counts start afresh
      expect(seconds).toBe(15 * 60);
      clock.advance(10 * 60_000);
      expect(Number((await login(p.app, email, '198.19.0.101')).headers['retry-after'])).toBe(5 * 60);
      clock.advance(5 * 60_000 + 1);
      expect(await sweepRateLimits(p.database.db)).toBeGreaterThan(0);
      expect((await login(p.app, email, '198.19.0.102')).statusCode).toBe(401);
    }
  });
});
