import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestPlatform, type TestPlatform } from './support/platform.js';

// Values a person typed, easy to find in the log: none may appear there.
const MARK = 'Zq7Marker';
const marks = {
  subject: `${MARK}-subject`,
  description: `${MARK}-description ${MARK}-details`,
  email: `${MARK.toLowerCase()}@example.fr`,
};

describe('the log holds no personal data', () => {
  let p: TestPlatform;
  const lines: string[] = [];
  beforeAll(async () => {
    p = await startTestPlatform('pglite', {
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(() => p?.close().catch(() => {}));

  it('writes failed queries and database errors without their values, and still says what failed', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const institutions = (await fatima.get('/api/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    const categories = (await fatima.get('/api/categories')).json().items as { id: string; code: string }[];
    const filing = {
      institutionId: institutions.find((i) => i.code === 'AML')!.id,
      categoryId: categories.find((c) => c.code === 'complaint-autre')!.id,
      subject: marks.subject,
      description: marks.description,
      fields: {},
      replyChannels: ['email'],
      language: 'fr',
    };
    expect((await fatima.post('/api/cases', filing)).statusCode).toBe(201);

    // a database error that quotes the values (a unique key), logged as the platform logs errors
    const failed = await p.database.db
      .execute(
        sql`insert into accounts (kind, email, password_hash, display_name) values ('citizen', ${marks.email}, 'x', ${marks.subject}), ('citizen', ${marks.email}, 'x', ${marks.subject})`,
      )
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failed).toBeInstanceOf(Error);
    expect(JSON.stringify(String((failed as Error).message))).toContain(MARK); // the raw error does hold them
    p.app.log.error({ err: failed }, 'unhandled error');

    // an unhandled failure in the middle of a request: the database goes away under a filing
    await p.database.close();
    const res = await fatima.post('/api/cases', { ...filing, subject: `${marks.subject}-2` });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(MARK);

    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('insert into accounts'); // what failed is still there
    expect(log).toContain('[redacted]');
    expect(log.match(new RegExp(MARK, 'gi')) ?? []).toEqual([]);
  });
});
