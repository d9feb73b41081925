import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { DatabaseUnreachable, openPlatform } from '../src/server/platform.js';
import { signedIn, startTestPlatform } from './support/platform.js';

const start = (env: Record<string, string>) =>
  openPlatform(loadConfig({ LOG_LEVEL: 'silent', WORKER: 'false', DATABASE_WAIT_SECONDS: '1', ...env })).then(
    () => null,
    (err: unknown) => err as Error,
  );

describe('when the database is out of reach', () => {
  it('a start names the cause in one line, without the password, after waiting', async () => {
    const err = await start({ DATABASE_URL: 'postgres://jisr:S3cret-Pa55@127.0.0.1:1/jisr' });
    expect(err).toBeInstanceOf(DatabaseUnreachable);
    expect(err!.message).toMatch(/^Cannot start: the database server refused the connection/);
    expect(err!.message).toContain('postgres://jisr:***@127.0.0.1:1/jisr');
    expect(err!.message).not.toContain('S3cret-Pa55');
    expect(err!.message.split('\n')).toHaveLength(1);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('names an unknown database', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/jisr_no_such_database';
    const err = await start({ DATABASE_URL: url.toString() });
    expect(err).toBeInstanceOf(DatabaseUnreachable);
    expect(err!.message).toContain('the database named in DATABASE_URL does not exist');
  });

  it('/api/ready answers 503 with or without a session cookie; /api/health still 200', async () => {
    const p = await startTestPlatform('pglite', { demo: true });
    const staff = await signedIn(p.app, 'chef@aml.demo');
    expect((await staff.get('/api/ready')).statusCode).toBe(200);
    await p.database.close();
    const anonymous = await p.app.inject('/api/ready');
    expect(anonymous.statusCode).toBe(503);
    expect(anonymous.json()).toMatchObject({ status: 'unavailable' });
    const withCookie = await staff.get('/api/ready');
    expect(withCookie.statusCode).toBe(503);
    expect((await staff.get('/api/health')).statusCode).toBe(200);
    await p.app.close();
  });
});
