import { describe, expect, it } from 'vitest';
import { rateLimitCounters } from '../src/modules/limits/schema.js';
import { sweepRateLimits } from '../src/modules/limits/store.js';
import { buildApp } from '../src/server/app.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { Client, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('rate limits shared by every process, on %s', (kind) => {
  const p = usePlatform(kind, { env: { LOGIN_RATE_LIMIT: '3' } });

  it('counts sign-in tries on two processes and after a restart together; a new window starts afresh', async () => {
    const clock = fixedClock('2026-12-07T10:00:00+01:00');
    const restore = setPlatformClock(clock);
    const second = await buildApp(p.config, p.database);
    try {
      const wrong = (app: typeof p.app) =>
        new Client(app, 'fr').post('/api/auth/login', {
          email: 'fatima@example.fr',
          password: 'not her password',
        });
      expect((await wrong(p.app)).statusCode).toBe(401);
      expect((await wrong(second)).statusCode).toBe(401);
      expect((await wrong(p.app)).statusCode).toBe(401);
      // the fourth try, on either process, is refused
      const refused = await wrong(second);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(/\d/);
      // a process started afresh on the same database knows it too
      await second.close();
      const restarted = await buildApp(p.config, p.database);
      expect((await wrong(restarted)).statusCode).toBe(429);
      await restarted.close();
      // fifteen minutes later the window has ended: tries count from one again, and old counters are swept
      clock.advance(15 * 60_000 + 1);
      expect(await sweepRateLimits(p.database.db)).toBeGreaterThan(0);
      expect((await wrong(p.app)).statusCode).toBe(401);
      expect((await p.database.db.select().from(rateLimitCounters)).length).toBeGreaterThan(0);
    } finally {
      restore();
      await second.close().catch(() => {});
    }
  });
});
