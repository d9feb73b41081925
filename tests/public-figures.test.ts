import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, caseRatings, cases } from '../src/modules/cases/schema.js';
import { clockStates, openStates } from '../src/modules/cases/state-machine.js';
import { caseCategories } from '../src/modules/catalog/schema.js';
import { institutions } from '../src/modules/institutions/schema.js';
import { publishOpenData } from '../src/modules/public-figures/open-data.js';
import { refreshPublicFigures } from '../src/modules/public-figures/rollup.js';
import { openDataEditions } from '../src/modules/public-figures/schema.js';
import { workingDaysBetween } from '../src/modules/workflow/calendar.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { signedIn, testDatabases, usePlatform, useWorker } from './support/platform.js';

/**
 * The public figures as a journalist reads them, without signing in: cases filed in early 2025 (months the
 * demo leaves empty) at the commune of Aït Melloul and the urban agency of Béni Mellal, with replies,
 * reopenings, escalations and ratings at known dates; the rollup built by the worker's job; then the JSON,
 * the CSV and the open-data files checked against what was filed.
 */
describe.each(testDatabases())('public figures on %s', (kind) => {
  const p = usePlatform(kind);
  const worker = useWorker(p);
  const clock = fixedClock('2025-04-15T10:00:00+01:00');
  let restore: () => void = () => {};
  afterAll(() => restore());
  const get = (url: string, lang = 'fr') =>
    p.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });

  /** January: 12 cases at AML, each answered `i + 1` calendar days later, the last three after their deadline. */
  const january = Array.from({ length: 12 }, (_, i) => {
    const filed = new Date(Date.UTC(2025, 0, 6 + i, 9, 0));
    const replied = new Date(filed.getTime() + (i + 1) * 86_400_000);
    const due = i >= 9 ? new Date(replied.getTime() - 3_600_000) : new Date(replied.getTime() + 3_600_000);
    return { filed, replied, due };
  });
  let fixture: { aml: string; aubm: string; category: { id: string; code: string; nameAr: string } };

  beforeAll(async () => {
    restore = setPlatformClock(clock);
    const db = p.database.db;
    const bodies = await db
      .select({ id: institutions.id, code: institutions.code })
      .from(institutions)
      .where(inArray(institutions.code, ['AML', 'AUBM']));
    const aml = bodies.find((b) => b.code === 'AML')!.id;
    const aubm = bodies.find((b) => b.code === 'AUBM')!.id;
    const [template] = await db.select().from(cases).where(eq(cases.institutionId, aml)).limit(1);
    const [category] = await db
      .select()
      .from(caseCategories)
      .where(eq(caseCategories.id, template!.categoryId));
    fixture = { aml, aubm, category: category! };
    const base = {
      accessCodeHash: template!.accessCodeHash,
      kind: template!.kind,
      categoryId: template!.categoryId,
      subject: 'Dossier de test',
      description: 'Sans objet',
      intakeChannel: 'web' as const,
      replyChannels: template!.replyChannels,
      language: 'fr' as const,
      requesterId: template!.requesterId,
      requesterName: 'Fatima Test',
    };
    const made = await db
      .insert(cases)
      .values([
        ...january.map((c, i) => ({
          ...base,
          institutionId: aml,
          trackingNumber: `FIG-JAN-${i}`,
          state: 'answered' as const,
          createdAt: c.filed,
          updatedAt: c.replied,
          dueAt: c.due,
          closedAt: c.replied,
        })),
        // February: 5 cases at AML, too few to show
        ...Array.from({ length: 5 }, (_, i) => ({
          ...base,
          institutionId: aml,
          trackingNumber: `FIG-FEB-${i}`,
          state: 'in_progress' as const,
          createdAt: new Date(Date.UTC(2025, 1, 10 + i, 9)),
          dueAt: new Date(Date.UTC(2025, 2, 10, 9)),
        })),
        // March: 11 cases at the urban agency of Béni Mellal (another region)
        ...Array.from({ length: 11 }, (_, i) => ({
          ...base,
          institutionId: aubm,
          trackingNumber: `FIG-MAR-${i}`,
          state: 'submitted' as const,
          createdAt: new Date(Date.UTC(2025, 2, 3 + i, 9)),
          dueAt: new Date(Date.UTC(2025, 5, 3, 9)),
        })),
      ])
      .returning({ id: cases.id, trackingNumber: cases.trackingNumber });
    const id = (n: string) => made.find((m) => m.trackingNumber === n)!.id;
    await db.insert(caseEvents).values([
      ...january.map((c, i) => ({
        caseId: id(`FIG-JAN-${i}`),
        type: 'reply_approved',
        createdAt: c.replied,
      })),
      // a second reply after a reopening counts as a reopening, not as a second reply
      { caseId: id('FIG-JAN-0'), type: 'reopened', createdAt: new Date(Date.UTC(2025, 0, 28, 9)) },
      { caseId: id('FIG-JAN-0'), type: 'reply_approved', createdAt: new Date(Date.UTC(2025, 0, 30, 9)) },
      { caseId: id('FIG-JAN-1'), type: 'reopened', createdAt: new Date(Date.UTC(2025, 0, 29, 9)) },
      { caseId: id('FIG-JAN-11'), type: 'escalated', createdAt: new Date(Date.UTC(2025, 0, 17, 9)) },
      // a note is no reply
      { caseId: id('FIG-FEB-0'), type: 'note', createdAt: new Date(Date.UTC(2025, 1, 12, 9)) },
    ]);
    await db.insert(caseRatings).values(
      january.slice(0, 10).map((c, i) => ({
        caseId: id(`FIG-JAN-${i}`),
        score: i < 5 ? 5 : 2,
        createdAt: new Date(c.replied.getTime() + 3_600_000),
      })),
    );
  });

  const expectedDays = january.map((c) => workingDaysBetween(c.filed, c.replied)).sort((a, b) => a - b);
  const expectedMedian = (expectedDays[5]! + expectedDays[6]!) / 2;

  it('builds the rollup in the worker, then shows a body’s months: January in full, February too small to show', async () => {
    await worker.tick();
    const res = await get('/api/public/figures?body=aml&from=2025-01&to=2025-03');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.scope).toMatchObject({ level: 'body', code: 'AML' });
    expect(f.parents.map((x: { code: string }) => x.code)).toEqual([
      'MA',
      '09',
      '09.273',
      expect.any(String),
    ]);
    expect(f.period).toEqual({ from: '2025-01', to: '2025-03' });
    expect(f.minVolume).toBe(10);
    const [jan, feb, mar] = f.months;
    expect(jan).toMatchObject({
      month: '2025-01',
      suppressed: false,
      received: 12,
      replied: 12,
      medianWorkingDaysToReply: expectedMedian,
      shareRepliedOnTime: 0.75,
      reopened: 2,
      escalated: 1,
      ratings: 10,
      averageRating: 3.5,
    });
    expect(feb).toMatchObject({ month: '2025-02', suppressed: true, received: null, replied: null });
    expect(mar).toMatchObject({ month: '2025-03', suppressed: true });
    // over the quarter: 17 received at AML
    expect(f.totals).toMatchObject({ received: 17, replied: 12, reopened: 2, escalated: 1 });
    // by category: the one category filed in
    expect(f.categories).toHaveLength(1);
    expect(f.categories[0]).toMatchObject({ code: fixture.category.code, received: 17 });
  });

  it('adds bodies up to their province, region and the nation, and lists each level’s parts', async () => {
    const province = (await get('/api/public/figures?territory=09.273&from=2025-01&to=2025-03')).json();
    expect(province.scope).toMatchObject({ level: 'prefecture', code: '09.273' });
    expect(province.totals.received).toBe(17);
    const amlPart = province.children.find((c: { code: string }) => c.code === 'AML');
    expect(amlPart).toMatchObject({ level: 'body', received: 17, replied: 12 });

    const nation = (await get('/api/public/figures?from=2025-01&to=2025-03', 'ar')).json();
    expect(nation.scope).toMatchObject({ level: 'nation', code: 'MA', name: { ar: 'المغرب' } });
    expect(nation.totals.received).toBe(28);
    expect(nation.months.map((m: { received: number | null }) => m.received)).toEqual([12, null, 11]);
    expect(nation.children).toHaveLength(12);
    const souss = nation.children.find((c: { code: string }) => c.code === '09');
    expect(souss).toMatchObject({ level: 'region', received: 17 });
    const one = (
      await get(`/api/public/figures?category=${fixture.category.code}&from=2025-01&to=2025-01`)
    ).json();
    expect(one.category.code).toBe(fixture.category.code);
    expect(one.totals.received).toBe(12);
    expect(one.categories).toEqual([]);
  });

  it('counts the cases open now and those past their deadline, as the cases say', async () => {
    const db = p.database.db;
    const now = clock.now();
    const [want] = await db
      .select({
        open: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${inArray(cases.state, [...clockStates])} and ${cases.dueAt} < ${now.toISOString()}))::int`,
      })
      .from(cases)
      .where(and(eq(cases.institutionId, fixture.aml), inArray(cases.state, [...openStates])));
    const f = (await get('/api/public/figures?body=AML')).json();
    expect(f.totals.open).toBe(want!.open);
    expect(f.totals.overdue).toBe(want!.overdue);
    expect(f.asOf).toBe(now.toISOString());
    // the five February cases are past their deadline of 10 March
    expect(want!.overdue).toBeGreaterThanOrEqual(5);
  });

  it('gives a body’s own system its exact figures with a `figures:read` key, small months included; no key, no figures', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const made = await admin.post(`/api/institutions/${fixture.aml}/api-keys`, {
      label: 'Tableau de bord',
      scopes: ['figures:read'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const read = (key: string) =>
      p.app.inject({
        method: 'GET',
        url: '/api/integration/figures?from=2025-01&to=2025-03',
        headers: { authorization: `Bearer ${key}` },
      });
    const own = await read(made.json().secret);
    expect(own.statusCode).toBe(200);
    expect(own.json().scope.code).toBe('AML');
    expect(own.json().minVolume).toBe(0);
    expect(own.json().months[1]).toMatchObject({ month: '2025-02', suppressed: false, received: 5 });
    const other = await admin.post(`/api/institutions/${fixture.aml}/api-keys`, {
      label: 'Flux',
      scopes: ['cases:read'],
    });
    expect((await read(other.json().secret)).statusCode).toBe(403);
    expect((await read('jisr_nothing_here')).statusCode).toBe(401);
  });

  it('tells nothing about a person: no name, number, subject or account in any answer', async () => {
    for (const url of [
      '/api/public/figures?body=AML&from=2025-01&to=2025-03',
      '/api/public/figures?from=2025-01&to=2025-03',
      '/api/public/figures.csv?body=AML&from=2025-01&to=2025-03&by=category',
    ]) {
      const body = (await get(url)).body;
      expect(body).not.toMatch(/Fatima|FIG-|Dossier de test|@/);
    }
  });

  it('downloads the same figures as CSV, by month, by part and by category, names in the reader’s language', async () => {
    const res = await get('/api/public/figures.csv?territory=09.273&from=2025-01&to=2025-03', 'ar');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="jisr-figures-09\.273-2025-01-2025-03-month\.csv"/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'month,scope_type,scope_code,scope_name,category,received,replied,median_working_days_to_reply,share_replied_on_time,reopened,escalated,ratings,average_rating',
    );
    expect(lines[1]).toBe(
      `2025-01,prefecture,09.273,إنزكان آيت ملول,*,12,12,${expectedMedian},0.75,2,1,10,3.5`,
    );
    expect(lines[2]).toBe('2025-02,prefecture,09.273,إنزكان آيت ملول,*,,,,,,,,');
    const parts = (await get('/api/public/figures.csv?territory=09.273&from=2025-01&to=2025-03&by=parts'))
      .body;
    expect(parts).toMatch(/\r\n2025-01\/2025-03,body,AML,[^,]+,\*,17,12,/);
  });

  it('refuses an unknown body, territory or category, a period backwards and a scope given twice, in the reader’s language', async () => {
    const unknown = await get('/api/public/figures?body=NOPE', 'ar');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json().detail).toContain('NOPE');
    expect((await get('/api/public/figures?territory=99.999')).statusCode).toBe(404);
    expect((await get('/api/public/figures?category=nope')).json().detail).toMatch(/Aucune catégorie/);
    const backwards = await get('/api/public/figures?from=2025-03&to=2025-01', 'en');
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().detail).toMatch(/first month/);
    expect((await get('/api/public/figures?from=2020-01&to=2025-12')).statusCode).toBe(422);
    for (const url of ['/api/public/figures?body=AML&territory=09', '/api/public/figures?from=2025-13']) {
      const refused = await get(url);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().type).toMatch(/\/validation$/);
    }
  });

  it('publishes the day’s open-data files with a dictionary and a licence, once a day, smaller cells left out', async () => {
    const index = (await get('/api/public/open-data', 'fr')).json();
    expect(index.licence.name).toMatch(/Licence Ouverte/);
    expect(index.dictionary.map((d: { column: string }) => d.column)).toContain(
      'median_working_days_to_reply',
    );
    expect(index.dictionary.every((d: { description: string }) => d.description.length > 10)).toBe(true);
    const edition = index.editions[0];
    expect(edition.day).toBe('2025-04-15');
    const csvFile = edition.files.find((f: { format: string }) => f.format === 'csv');
    const csv = await get(csvFile.url);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]!.split(',')).toEqual(index.dictionary.map((d: { column: string }) => d.column));
    const amlJanuary = lines.find((l) => l.startsWith('2025-01,body,AML,'));
    expect(amlJanuary).toMatch(new RegExp(`,\\*,12,12,${expectedMedian},0\\.75,2,1,10,3\\.5$`));
    expect(lines.some((l) => l.startsWith('2025-02,body,AML,'))).toBe(false);
    expect(lines).toHaveLength(csvFile.rows + 1);
    const json = (await get('/api/public/open-data/jisr-figures-latest.json')).json();
    expect(json.licence).toMatch(/Licence Ouverte/);
    expect(json.rows).toHaveLength(csvFile.rows);
    expect(json.rows).toContainEqual(
      expect.objectContaining({ month: '2025-01', scope_type: 'nation', category: '*', received: 12 }),
    );
    // a second pass the same day makes no new files
    expect((await publishOpenData(p.database.db, p.app.deps.files, clock.now())).made).toBe(false);
    expect(await p.database.db.select().from(openDataEditions)).toHaveLength(2);
    const missing = await get('/api/public/open-data/jisr-figures-2024-01-01.csv');
    expect(missing.statusCode).toBe(404);
    expect((await get('/api/public/open-data/..%2Fsecret.csv')).statusCode).toBe(404);
  });

  it('recomputes a month when its figures change: a reply added later in January shows after the rollup', async () => {
    const db = p.database.db;
    const [feb0] = await db.select().from(cases).where(eq(cases.trackingNumber, 'FIG-FEB-0'));
    await db
      .insert(caseEvents)
      .values({ caseId: feb0!.id, type: 'rejected', createdAt: new Date(Date.UTC(2025, 2, 20, 9)) });
    await refreshPublicFigures(db, clock.now(), { all: true });
    const f = (await get('/api/public/figures?body=AML&from=2025-03&to=2025-03')).json();
    // one reply in March: under the minimum volume, still not shown on its own
    expect(f.months[0].suppressed).toBe(true);
    const nation = (await get('/api/public/figures?from=2025-01&to=2025-03')).json();
    expect(nation.totals.replied).toBe(13);
  });
});
