import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../src/modules/cases/schema.js';
import { signedIn, startTestPlatform, type TestPlatform, testDatabases } from './support/platform.js';

describe.each(testDatabases())('oversight figures on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
  });
  afterAll(() => p?.close());

  it('shows each overseer the bodies of their territory with open and overdue cases, and nobody else', async () => {
    const province = await signedIn(p.app, 'province@piam.demo');
    const before = (await province.get('/api/oversight')).json();
    const codes = before.institutions.map((i: { code: string }) => i.code).sort();
    expect(codes).toEqual(['AML', 'PIAM']);
    const aml = before.institutions.find((i: { code: string }) => i.code === 'AML');
    // the demo holds six open AML cases (submitted, acknowledged, in progress, awaiting, pending approval, reopened)
    expect(aml.open).toBe(6);
    // one of them goes overdue: it shows in the province's figures
    const [one] = await p.database.db.select().from(cases).where(eq(cases.state, 'in_progress')).limit(1);
    await p.database.db
      .update(cases)
      .set({ dueAt: new Date(Date.now() - 86_400_000) })
      .where(eq(cases.id, one!.id));
    const after = (await province.get('/api/oversight')).json();
    expect(after.institutions.find((i: { code: string }) => i.code === 'AML').overdue).toBe(aml.overdue + 1);
    expect(after.oldest.length).toBeGreaterThan(0);
    const region = (await (await signedIn(p.app, 'region@souss.demo')).get('/api/oversight')).json();
    expect(region.institutions.map((i: { code: string }) => i.code).sort()).toEqual(['AML', 'MDSM', 'PIAM']);
    const nation = (await (await signedIn(p.app, 'national@interieur.demo')).get('/api/oversight')).json();
    expect(nation.institutions.length).toBe(7);
    expect((await (await signedIn(p.app, 'fatima@example.fr')).get('/api/oversight')).statusCode).toBe(403);
    expect((await (await signedIn(p.app, 'etatcivil@aml.demo')).get('/api/oversight')).statusCode).toBe(403);
    const chief = (await (await signedIn(p.app, 'chef@aml.demo')).get('/api/oversight')).json();
    expect(chief.institutions.map((i: { code: string }) => i.code)).toEqual(['AML']);
  });
});
