/**
 * Files that were stuck before Jisr: a paper file registered late keeps the day it was first filed. Its
 * deadline counts from that day (a file from 2019 is overdue at once and the deadline watch escalates it),
 * and overseers list it with its true age.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { legacyDueDate, moroccanMidnight } from '../src/modules/cases/legacy.js';
import { runRetention } from '../src/modules/cases/retention.js';
import { caseEvents, cases } from '../src/modules/cases/schema.js';
import { runDeadlineWatch } from '../src/modules/workflow/deadline-watch.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { type Client, signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

type StalledItem = {
  id: string;
  ageDays: number;
  filedAt: string;
  legacyReference: string | null;
  idleDays: number;
};

describe.each(testDatabases())('paper files registered late on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat } = useIdsByCode(p);
  // every instant is pinned: Monday 2 November 2026, Morocco at UTC+1
  const NOW = '2026-11-02T10:00:00+01:00';
  const clock = fixedClock(NOW);
  let restore: () => void = () => {};
  let fatima: Client;
  let deadlineDays: number;
  beforeAll(async () => {
    restore = setPlatformClock(clock);
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    deadlineDays = (await fatima.get('/api/categories'))
      .json()
      .items.find((c: { id: string }) => c.id === cat['complaint-autre']).deadlineDays;
  });
  afterAll(() => restore());

  const filing = (legacy: unknown) => ({
    institutionId: inst.AML,
    categoryId: cat['complaint-autre'],
    subject: 'Dossier de raccordement déposé en 2019',
    description: 'J’ai déposé ce dossier au guichet en 2019 et je n’ai jamais reçu de réponse.',
    replyChannels: ['email'],
    legacy,
  });
  const caseCount = async () => (await p.database.db.select({ id: cases.id }).from(cases)).length;
  let legacyId: string;

  it('files a paper file from 2019: due from its first day, overdue at once, shown with its reference', async () => {
    const res = await fatima.post(
      '/api/cases',
      filing({ reference: 'AML/RAC/2019/0457', filedOn: '2019-03-12', service: 'Service technique' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    legacyId = res.json().id;
    const due = legacyDueDate('2019-03-12', deadlineDays);
    expect(res.json().dueAt).toBe(due.toISOString());

    const seen = (await fatima.get(`/api/cases/${legacyId}`)).json();
    expect(seen.overdue).toBe(true);
    expect(seen.legacy).toEqual({
      reference: 'AML/RAC/2019/0457',
      filedOn: '2019-03-12',
      service: 'Service technique',
    });
    // filed in Jisr today: the creation date is today, the paper's date is kept apart
    expect(seen.createdAt).toBe(new Date(NOW).toISOString());

    const chef = await signedIn(p.app, 'chef@aml.demo');
    const staffView = (await chef.get(`/api/cases/${legacyId}`)).json();
    expect(staffView.legacy.reference).toBe('AML/RAC/2019/0457');
    const submitted = staffView.timeline.find((e: { type: string }) => e.type === 'submitted');
    expect(submitted.data.legacy).toEqual({
      reference: 'AML/RAC/2019/0457',
      filedOn: '2019-03-12',
      service: 'Service technique',
    });
    // its receipt says when it was registered, and when and under which reference it was first filed
    const pdf = await fatima.post(`/api/cases/${legacyId}/receipt.pdf`, {
      accessCode: res.json().accessCode,
    });
    expect(pdf.statusCode).toBe(200);
    const dir = await mkdtemp(path.join(tmpdir(), 'jisr-legacy-'));
    await writeFile(path.join(dir, 'r.pdf'), pdf.rawPayload);
    const { stdout: text } = await promisify(execFile)('pdftotext', [path.join(dir, 'r.pdf'), '-']);
    await rm(dir, { recursive: true, force: true });
    expect(text.replace(/\s+/g, ' ')).toContain(
      t('fr', 'mail.receipt.legacy', {
        today: '2 novembre 2026',
        filedOn: '12 mars 2019',
        reference: 'AML/RAC/2019/0457',
      }).replace(/\s+/g, ' '),
    );
    // a file born in Jisr has none
    const fresh = await fatima.post('/api/cases', { ...filing(undefined), subject: 'Nouvelle demande' });
    expect((await fatima.get(`/api/cases/${fresh.json().id}`)).json().legacy).toBeNull();
  });

  it('is escalated by the deadline watch like any overdue file, with no special code', async () => {
    const steps = await runDeadlineWatch(p.database.db, new Date(NOW), 'http://x');
    const mine = steps.filter((s) => s.caseId === legacyId).map((s) => s.kind);
    expect(mine).toContain('escalation_supervisor');
    const events = await p.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, legacyId));
    expect(events.filter((e) => e.type === 'escalated').map((e) => e.data.level)).toContain(1);
  });

  it('is listed to overseers and supervisors with its true age, oldest first day first', async () => {
    const expectedAge = Math.floor((Date.parse(NOW) - moroccanMidnight('2019-03-12').getTime()) / 86_400_000);
    expect(expectedAge).toBeGreaterThan(7 * 365);
    for (const [email, url] of [
      ['province@piam.demo', '/api/stalled?only=legacy'],
      ['region@souss.demo', '/api/stalled?only=legacy'],
      ['national@interieur.demo', '/api/stalled?only=legacy'],
      ['chef@aml.demo', `/api/institutions/${inst.AML}/stalled?only=legacy`],
    ] as const) {
      const res = await (await signedIn(p.app, email)).get(url);
      expect(res.statusCode, `${email} ${res.body}`).toBe(200);
      const items = res.json().items as StalledItem[];
      // only paper files, whatever their idleness (this one was touched just now)
      expect(items.map((i) => i.id)).toEqual([legacyId]);
      expect(items[0]).toMatchObject({
        legacyReference: 'AML/RAC/2019/0457',
        ageDays: expectedAge,
        filedAt: moroccanMidnight('2019-03-12').toISOString(),
      });
    }
    // the default view (no action for N days) still misses a file registered today
    const idle = (await (await signedIn(p.app, 'province@piam.demo')).get('/api/stalled?days=1')).json();
    expect(idle.items.map((i: StalledItem) => i.id)).not.toContain(legacyId);
    const some = idle.items[0] as StalledItem | undefined;
    if (some) expect(some.legacyReference).toBeNull();
  });

  it('is not shown to another body’s staff, agents, citizens or a stranger; unknown views are refused', async () => {
    const other = await signedIn(p.app, 'chef@aubm.demo');
    const theirs = (await other.get('/api/stalled?only=legacy')).json().items as StalledItem[];
    expect(theirs.map((i) => i.id)).not.toContain(legacyId);
    expect((await other.get(`/api/institutions/${inst.AML}/stalled?only=legacy`)).statusCode).toBe(403);
    expect((await other.get(`/api/cases/${legacyId}`)).statusCode).toBe(404);
    for (const email of ['etatcivil@aml.demo', 'fatima@example.fr'])
      expect((await (await signedIn(p.app, email)).get('/api/stalled?only=legacy')).statusCode, email).toBe(
        403,
      );
    expect(
      (await (await signedIn(p.app, 'youssef@example.es')).get(`/api/cases/${legacyId}`)).statusCode,
    ).toBe(404);
    expect((await p.app.inject({ method: 'GET', url: '/api/stalled?only=legacy' })).statusCode).toBe(401);
    const chef = await signedIn(p.app, 'chef@aml.demo');
    expect((await chef.get('/api/stalled?only=everything')).statusCode).toBe(422);
  });

  it('refuses a date in the future, before 1990 or not a date, and a missing reference, filing nothing', async () => {
    const before = await caseCount();
    const cases_: [unknown, string, string][] = [
      [
        { reference: 'X-1', filedOn: '2026-11-03' },
        '/body/legacy/filedOn',
        t('fr', 'validation.legacy_future'),
      ],
      [
        { reference: 'X-1', filedOn: '1985-06-01' },
        '/body/legacy/filedOn',
        t('fr', 'validation.legacy_too_old', { floor: '1990-01-01' }),
      ],
      [{ reference: 'X-1', filedOn: '2019-02-30' }, '/body/legacy/filedOn', t('fr', 'validation.date')],
      [{ filedOn: '2019-03-12' }, '/body/legacy/reference', ''],
      [{ reference: '   ', filedOn: '2019-03-12' }, '/body/legacy/reference', ''],
    ];
    for (const [legacy, pointer, message] of cases_) {
      const res = await fatima.post('/api/cases', filing(legacy));
      expect(res.statusCode, JSON.stringify(legacy)).toBe(422);
      const errors = res.json().errors as { pointer: string; message: string }[];
      const found = errors.find((e) => e.pointer === pointer);
      expect(found, `${JSON.stringify(legacy)} ${res.body}`).toBeDefined();
      if (message) expect(found!.message).toBe(message);
      else expect(found!.message.length).toBeGreaterThan(0);
    }
    // today (in Morocco) is accepted; the problem is in the person's language
    const ar = await signedIn(p.app, 'youssef@example.es', 'ar');
    const future = await ar.post('/api/cases', filing({ reference: 'X-1', filedOn: '2027-01-01' }));
    expect(future.json().errors[0].message).toBe(t('ar', 'validation.legacy_future'));
    expect(await caseCount()).toBe(before);
    const today = await fatima.post('/api/cases', filing({ reference: 'X-2', filedOn: '2026-11-02' }));
    expect(today.statusCode, today.body).toBe(201);
  });

  it('is registered by the desk on a person’s behalf; a desk of another body may not', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const person = (
      await desk.post(`/api/institutions/${inst.AML}/desk/people`, {
        givenNameLatin: 'Brahim',
        familyNameLatin: 'Ait Ali',
        countryOfResidence: 'FR',
        preferredLanguage: 'fr',
      })
    ).json();
    const registration = {
      personId: person.id,
      categoryId: cat['complaint-autre'],
      subject: 'Réclamation déposée en 2021',
      description: 'Réclamation déposée au bureau d’ordre en 2021, restée sans réponse depuis.',
      intakeChannel: 'desk',
      replyChannels: ['post'],
      language: 'fr',
      visitorName: 'Brahim Ait Ali',
      legacy: { reference: 'BO-2021-112', filedOn: '2021-06-15' },
    };
    const made = await desk.post(`/api/institutions/${inst.AML}/desk/cases`, registration);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().dueAt).toBe(legacyDueDate('2021-06-15', deadlineDays).toISOString());
    const seen = (await desk.get(`/api/cases/${made.json().id}`)).json();
    expect(seen).toMatchObject({
      overdue: true,
      legacy: { reference: 'BO-2021-112', filedOn: '2021-06-15', service: null },
    });
    const [row] = await p.database.db.select().from(cases).where(eq(cases.id, made.json().id));
    expect(row!.originallyFiledAt!.toISOString()).toBe(moroccanMidnight('2021-06-15').toISOString());
    // the legacy list, oldest first: 2019 before 2021
    const list = (await desk.get(`/api/institutions/${inst.AML}/stalled?only=legacy`)).statusCode;
    expect(list).toBe(403); // the desk is no watcher
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const items = (await chef.get(`/api/institutions/${inst.AML}/stalled?only=legacy`)).json()
      .items as StalledItem[];
    expect(items.map((i) => i.legacyReference)).toEqual(['AML/RAC/2019/0457', 'BO-2021-112', 'X-2']);
    // the queue filters on them too
    const queue = (await chef.get(`/api/cases?institutionId=${inst.AML}&legacy=true&limit=100`)).json();
    expect(queue.items.map((c: { legacy: { reference: string } }) => c.legacy.reference).sort()).toEqual([
      'AML/RAC/2019/0457',
      'BO-2021-112',
      'X-2',
    ]);
    // a desk of another body cannot register one here
    const otherDesk = await signedIn(p.app, 'guichet@aubm.demo');
    const refused = await otherDesk.post(`/api/institutions/${inst.AML}/desk/cases`, registration);
    expect(refused.statusCode).toBe(403);
  });

  it('loses its reference and service when its retention period runs out, keeping the paper day for figures', async () => {
    const [x2] = await p.database.db.select().from(cases).where(eq(cases.legacyReference, 'X-2'));
    await p.database.db
      .update(cases)
      .set({ state: 'withdrawn', closedAt: new Date('2020-01-01T00:00:00Z') })
      .where(eq(cases.id, x2!.id));
    await runRetention(p.database.db, {
      files: p.app.deps.files,
      defaultMonths: p.config.RETENTION_MONTHS,
      now: new Date(NOW),
    });
    const [after] = await p.database.db.select().from(cases).where(eq(cases.id, x2!.id));
    expect(after!.anonymisedAt).not.toBeNull();
    expect(after).toMatchObject({ legacyReference: null, legacyService: null });
    expect(after!.originallyFiledAt).toEqual(x2!.originallyFiledAt);
    const events = await p.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, x2!.id));
    expect(events.find((e) => e.type === 'submitted')!.data.legacy).toBeUndefined();
  });
});
