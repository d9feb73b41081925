import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/people.js';
import { loadConfig } from '../src/server/config.js';
import { DemoAccountsInProduction, openPlatform } from '../src/server/platform.js';

const base = { LOG_LEVEL: 'silent', WORKER: 'false', SECRET: 'production-secret-0123456789' };

describe('a production start and the demo data', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-prod-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses SEED_DEMO=true in production, in one line naming the setting', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(
      /SEED_DEMO: the demo .* is never seeded in production/,
    );
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).SEED_DEMO).toBe(true);
  });

  it('starts on an empty database without any demo body or account; the demo password opens nothing', async () => {
    const config = loadConfig({ ...base, NODE_ENV: 'production', DATA_DIR: path.join(dir, 'empty') });
    const platform = await openPlatform(config);
    try {
      expect(platform.demo).toBeNull();
      expect((await platform.app.inject('/api/institutions')).json().items).toEqual([]);
      const login = await platform.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nation@jisr.demo', password: DEMO_PASSWORD },
      });
      expect(login.statusCode).toBe(401);
    } finally {
      await platform.close();
    }
  });

  it('refuses to start in production on a database that holds demo accounts, unless told it is a demonstration server', async () => {
    const dataDir = path.join(dir, 'seeded');
    const dev = await openPlatform(loadConfig({ ...base, NODE_ENV: 'development', DATA_DIR: dataDir }));
    const seeded = dev.demo!.length;
    expect(seeded).toBeGreaterThan(10);
    await dev.close();

    const refused = await openPlatform(
      loadConfig({ ...base, NODE_ENV: 'production', DATA_DIR: dataDir }),
    ).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(DemoAccountsInProduction);
    expect((refused as Error).message).toMatch(/holds \d+ demo account.*ALLOW_DEMO_ACCOUNTS=true/);

    const demo = await openPlatform(
      loadConfig({ ...base, NODE_ENV: 'production', DATA_DIR: dataDir, ALLOW_DEMO_ACCOUNTS: 'true' }),
    );
    try {
      // the override starts it, and seeds nothing more
      expect(demo.demo).toBeNull();
      expect((await demo.app.inject('/api/ready')).statusCode).toBe(200);
    } finally {
      await demo.close();
    }
  });
});
