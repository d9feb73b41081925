import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { actorOf } from '../src/modules/accounts/service.js';
import { cases } from '../src/modules/cases/schema.js';
import { createCase } from '../src/modules/cases/service.js';
import { TRACKING_PATTERN, yearInMorocco } from '../src/modules/cases/tracking.js';
import { getCategoryByCode } from '../src/modules/catalog/service.js';
import { getInstitutionByCode } from '../src/modules/institutions/service.js';
import { currentTime } from '../src/shared/clock.js';
import { Client, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('tracking numbers on %s', (kind) => {
  const p = usePlatform(kind);

  it('gives 1,000 concurrent case creations 1,000 distinct numbers in sequence', async () => {
    const db = p.database.db;
    const citizen = await actorOf(
      db,
      (await db.select().from(accounts).where(eq(accounts.email, 'khadija@example.be')))[0]!,
    );
    const aubm = (await getInstitutionByCode(db, 'AUBM'))!;
    const cat = (await getCategoryByCode(db, 'complaint-autre'))!;
    const [{ n: before }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.institutionId, aubm.id))) as [{ n: number }];
    const made = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        createCase(
          { db, actor: citizen, requestId: `t${i}`, secret: p.config.secret },
          {
            institutionId: aubm.id,
            categoryId: cat.id,
            subject: `Réclamation ${i}`,
            description: 'Réclamation déposée en parallèle.',
            fields: {},
            replyChannels: ['email'],
            language: 'fr',
            intakeChannel: 'web',
            requesterId: citizen.accountId,
          },
        ),
      ),
    );
    const numbers = made.map((m) => m.case.trackingNumber);
    expect(new Set(numbers).size).toBe(1000);
    for (const n of numbers) expect(n).toMatch(TRACKING_PATTERN);
    const year = yearInMorocco(currentTime());
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(seqs[0]).toBe(before + 1);
    expect(seqs[999]).toBe(before + 1000);
    expect(numbers.every((n) => n.startsWith(`AUBM-${year}-`))).toBe(true);
    // secret codes differ too, and are never the tracking number
    expect(new Set(made.map((m) => m.accessCode)).size).toBe(1000);
  }, 180_000);

  it('lets a person without an account follow the case with number and code, and not with a wrong code', async () => {
    const c = await new Client(p.app, 'ar').login('fatima@example.fr');
    const inst = (await c.get('/api/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'AML');
    const cat = (await c.get('/api/categories'))
      .json()
      .items.find((x: { code: string }) => x.code === 'complaint-accueil');
    const created = await c.post('/api/cases', {
      institutionId: inst.id,
      categoryId: cat.id,
      subject: 'سوء الاستقبال في الشباك',
      description: 'انتظرت ثلاث ساعات دون أن يستقبلني أحد.',
      replyChannels: ['email'],
    });
    expect(created.statusCode).toBe(201);
    const { trackingNumber, accessCode } = created.json();
    const anon = new Client(p.app, 'ar');
    const ok = await anon.post('/api/track', {
      trackingNumber: trackingNumber.toLowerCase(),
      accessCode: accessCode.replace('-', ' '),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      trackingNumber,
      state: 'submitted',
      subject: 'سوء الاستقبال في الشباك',
    });
    expect(ok.json().timeline.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    const bad = await anon.post('/api/track', { trackingNumber, accessCode: 'AAAAA-AAAAA' });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().detail).toBe('لا يوجد ملف يطابق رقم التتبع والرمز.');
  });
});
