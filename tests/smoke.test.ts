import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestPlatform, type TestPlatform, testDatabases } from './support/platform.js';

describe.each(testDatabases())('smoke on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
  });
  afterAll(() => p?.close());

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
});
