import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { signedIn, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('smoke on %s', (kind) => {
  const p = usePlatform(kind);

  it('answers health and readiness with the database driver', async () => {
    expect((await p.app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    expect((await p.app.inject('/api/ready')).json()).toEqual({ status: 'ready', database: kind });
  });

  it('lets a demo citizen list her own cases', async () => {
    const c = await signedIn(p.app, 'fatima@example.fr');
    const res = await c.get('/api/cases');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
  });

  it('lists every demo account in the README, overseers included', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const demo = await p.database.db
      .select({ email: accounts.email })
      .from(accounts)
      .where(eq(accounts.isDemo, true));
    expect(demo.length).toBeGreaterThan(20);
    expect(demo.map((a) => a.email).filter((e) => !readme.includes(`\`${e}\``))).toEqual([]);
  });
});
