import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { runRetention } from '../src/modules/cases/retention.js';
import { caseEvents, caseRatings, cases } from '../src/modules/cases/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { followUpTasks } from '../src/modules/satisfaction/schema.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import {
  type Client,
  fileComplaintAtAml,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

describe.each(testDatabases())('satisfaction that counts on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, dept } = useIdsByCode(p, { departmentsOf: 'AML' });
  const clock = fixedClock('2026-11-16T10:00:00+01:00');
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = setPlatformClock(clock);
  });
  afterAll(() => restore());

  const accountId = async (email: string) =>
    (await p.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email)))[0]!.id;

  /** A case of Fatima's at Aït Melloul, settled by `agent` in `department`, ready to be rated. */
  async function settledCase(fatima: Client, subject: string, agent: string, department: string) {
    const made = await fileComplaintAtAml(fatima, {
      subject,
      description: 'Le lampadaire de la rue est éteint depuis trois semaines, le quartier est dans le noir.',
    });
    await p.database.db
      .update(cases)
      .set({ state: 'closed', closedAt: clock.now(), assigneeId: agent, departmentId: department })
      .where(eq(cases.id, made.id));
    return made;
  }

  it('opens a follow-up for a low rating, tells the supervisors, and lets only a supervisor close it', async () => {
    clock.set('2026-11-16T10:00:00+01:00');
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const agent = await accountId('etatcivil@aml.demo');
    const chefId = await accountId('chef@aml.demo');
    const low = await settledCase(fatima, 'Lampadaire éteint rue 12', agent, dept['civil-status']!);
    const high = await settledCase(fatima, 'Lampadaire éteint rue 14', agent, dept['civil-status']!);

    const rated = await fatima.post(`/api/cases/${low.id}/rating`, {
      score: 2,
      comment: 'Personne ne m’a rappelée.',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    expect((await fatima.post(`/api/cases/${high.id}/rating`, { score: 5 })).statusCode).toBe(201);

    // the rating remembers who held the case; one task, for the low one only
    const [row] = await p.database.db.select().from(caseRatings).where(eq(caseRatings.caseId, low.id));
    expect(row!.agentId).toBe(agent);
    const tasks = await p.database.db
      .select()
      .from(followUpTasks)
      .where(inArray(followUpTasks.caseId, [low.id, high.id]));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ caseId: low.id, reason: 'low_rating', score: 2, doneAt: null });
    const told = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, low.id), eq(notifications.event, 'follow_up')));
    expect(told.map((n) => n.recipientId)).toContain(chefId);

    // the supervisors see it on the case's timeline; the citizen does not
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const staffView = (await chef.get(`/api/cases/${low.id}`)).json();
    expect(staffView.timeline.map((e: { type: string }) => e.type)).toContain('follow_up_opened');
    const citizenView = (await fatima.get(`/api/cases/${low.id}`)).json();
    expect(citizenView.timeline.map((e: { type: string }) => e.type)).not.toContain('follow_up_opened');

    // listed as open for the body's watchers and its overseers; refused to others
    const url = `/api/institutions/${inst.AML}/follow-ups`;
    const open = await chef.get(url);
    expect(open.statusCode, open.body).toBe(200);
    const item = open.json().items.find((i: { caseId: string }) => i.caseId === low.id);
    expect(item).toMatchObject({ trackingNumber: low.trackingNumber, score: 2, doneAt: null });
    for (const email of ['audit@aml.demo', 'admin@aml.demo', 'province@piam.demo'])
      expect((await (await signedIn(p.app, email)).get(url)).statusCode, email).toBe(200);
    for (const email of ['fatima@example.fr', 'etatcivil@aml.demo', 'chef@aubm.demo'])
      expect((await (await signedIn(p.app, email)).get(url)).statusCode, email).toBe(403);

    // closing: the auditor, the admin, an agent, an overseer, another body's supervisor are refused
    const done = `${url}/${item.id}/done`;
    for (const email of [
      'audit@aml.demo',
      'admin@aml.demo',
      'etatcivil@aml.demo',
      'province@piam.demo',
      'chef@aubm.demo',
    ]) {
      const refused = await (await signedIn(p.app, email)).post(done, {
        outcomeNote: 'Appelée, excuses faites.',
      });
      expect(refused.statusCode, email).toBe(403);
    }
    expect((await chef.post(done, { outcomeNote: '' })).statusCode).toBe(422);
    clock.set('2026-11-16T15:00:00+01:00');
    const closed = await chef.post(done, { outcomeNote: 'Appelée, le lampadaire est réparé depuis.' });
    expect(closed.statusCode, closed.body).toBe(200);
    const again = await chef.post(done, { outcomeNote: 'Encore.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/déjà été clos/);
    expect((await chef.post(`${url}/${high.id}/done`, { outcomeNote: 'Rien.' })).statusCode).toBe(404);

    const listedDone = (await chef.get(`${url}?status=done`)).json();
    expect(listedDone.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({
      doneByName: 'Mohamed Akhannouch',
      outcomeNote: 'Appelée, le lampadaire est réparé depuis.',
    });
    expect((await chef.get(url)).json().items.some((i: { id: string }) => i.id === item.id)).toBe(false);
    const events = await p.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, low.id), eq(caseEvents.type, 'follow_up_done')));
    expect(events).toMatchObject([{ visibility: 'internal', actorId: chefId }]);
    const audits = await p.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(eq(auditLog.entityId, low.id), inArray(auditLog.action, ['follow_up.open', 'follow_up.done'])),
      );
    expect(audits.map((a) => a.action).sort()).toEqual(['follow_up.done', 'follow_up.open']);

    // anonymised at the end of its retention period: the note goes with the case's other words, the score stays
    await p.database.db
      .update(cases)
      .set({ closedAt: new Date('2020-01-01T00:00:00Z') })
      .where(eq(cases.id, low.id));
    await runRetention(p.database.db, { files: p.app.deps.files, defaultMonths: p.config.RETENTION_MONTHS });
    const [kept] = await p.database.db.select().from(followUpTasks).where(eq(followUpTasks.caseId, low.id));
    expect(kept).toMatchObject({ score: 2, outcomeNote: null });
    expect(kept!.doneAt).not.toBeNull();
  });

  it('gives the watchers of a body its ratings in all and per category, department and agent, with comments', async () => {
    clock.set('2026-11-20T10:00:00+01:00');
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const etatcivil = await accountId('etatcivil@aml.demo');
    const urbanisme = await accountId('urbanisme@aml.demo');
    const scores: [number, string | undefined, string, string][] = [
      [4, 'Rapide et aimable.', etatcivil, dept['civil-status']!],
      [1, 'Aucune réponse sur le fond.', urbanisme, dept['legal-affairs']!],
      [3, undefined, urbanisme, dept['legal-affairs']!],
    ];
    for (const [i, [score, comment, agent, department]] of scores.entries()) {
      clock.set(`2026-11-20T1${i}:00:00+01:00`);
      const c = await settledCase(fatima, `Trottoir abîmé ${i}`, agent, department);
      const body = comment ? { score, comment } : { score };
      expect((await fatima.post(`/api/cases/${c.id}/rating`, body)).statusCode).toBe(201);
    }
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const url = `/api/institutions/${inst.AML}/satisfaction`;
    // the period of this test only: the first test's two ratings (16 November) are left out
    const res = await chef.get(`${url}?from=2026-11-20&to=2026-11-20&groupBy=agent`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.total).toEqual({ count: 3, average: 2.7, distribution: [1, 0, 1, 1, 0] });
    expect(s.groups).toEqual([
      expect.objectContaining({ id: urbanisme, count: 2, average: 2, distribution: [1, 0, 1, 0, 0] }),
      expect.objectContaining({ id: etatcivil, count: 1, average: 4, distribution: [0, 0, 0, 1, 0] }),
    ]);
    expect(s.groups[0].name).toBeTruthy();
    // newest first, only those with words
    expect(s.comments.items.map((c: { comment: string; score: number }) => [c.score, c.comment])).toEqual([
      [1, 'Aucune réponse sur le fond.'],
      [4, 'Rapide et aimable.'],
    ]);
    expect(s.comments.items[0].trackingNumber).toMatch(/^AML-/);
    expect(s.comments.total).toBe(2);

    const byDept = (await chef.get(`${url}?from=2026-11-20&to=2026-11-20&groupBy=department`)).json();
    expect(byDept.groups.map((g: { id: string; count: number }) => [g.id, g.count])).toEqual([
      [dept['legal-affairs'], 2],
      [dept['civil-status'], 1],
    ]);
    expect(byDept.groups[0].nameFr).toBeTruthy();
    const byCat = (await chef.get(`${url}?from=2026-11-20&to=2026-11-20`)).json();
    expect(byCat.groupBy).toBe('category');
    expect(byCat.groups).toHaveLength(1);
    expect(byCat.groups[0]).toMatchObject({ count: 3, nameFr: expect.any(String) });

    // all time: the first test's ratings too; the second page of comments holds the rest
    const all = (await chef.get(url)).json();
    expect(all.total.count).toBe(5);
    const page2 = (await chef.get(`${url}?page=2`)).json();
    expect(page2.comments.items).toEqual([]);
    expect(page2.comments.page).toBe(2);

    // a period that ends before it starts is refused in words
    const bad = await chef.get(`${url}?from=2026-11-22&to=2026-11-20`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toMatch(/précéder/);
    expect((await chef.get(`${url}?groupBy=mood`)).statusCode).toBe(422);
    // a day out of any record's reach is refused in words, on the public figures too (it was a 500)
    const far = await chef.get(`${url}?to=9999-12-31`);
    expect(far.statusCode).toBe(422);
    expect(far.json().detail).toBe('Choisissez un jour entre 2000 et 2100.');
    expect((await chef.get('/api/public/figures/satisfaction?to=9999-12-31')).statusCode).toBe(422);

    // who may read it
    for (const email of [
      'audit@aml.demo',
      'admin@aml.demo',
      'province@piam.demo',
      'region@souss.demo',
      'national@interieur.demo',
    ])
      expect((await (await signedIn(p.app, email)).get(url)).statusCode, email).toBe(200);
    for (const email of ['fatima@example.fr', 'etatcivil@aml.demo', 'chef@aubm.demo', 'audit@aubm.demo'])
      expect((await (await signedIn(p.app, email)).get(url)).statusCode, email).toBe(403);
    expect((await p.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // an overseer of another territory: the national one sees all; no such other province in the demo reads AML
    expect((await chef.get(`/api/institutions/${inst.AUBM}/satisfaction`)).statusCode).toBe(403);
  });

  it('publishes per body only the number of ratings and the average, from five ratings up, to anyone', async () => {
    clock.set('2026-11-25T10:00:00+01:00');
    // by now Aït Melloul has five ratings (two from the first test, three from the second); give AUBM one
    const [aubmCase] = await p.database.db
      .select()
      .from(cases)
      .where(eq(cases.institutionId, inst.AUBM!))
      .limit(1);
    await p.database.db.insert(caseRatings).values({ caseId: aubmCase!.id, score: 1, comment: 'Trop long.' });
    const res = await p.app.inject({ method: 'GET', url: '/api/public/figures/satisfaction' });
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json();
    expect(figures.minRatings).toBe(5);
    expect(figures.institutions).toEqual([
      {
        id: inst.AML,
        code: 'AML',
        nameAr: expect.any(String),
        nameFr: expect.any(String),
        nameEn: expect.any(String),
        count: 5,
        average: 3,
      },
    ]);
    // no words, no names
    expect(res.body).not.toMatch(/Trop long|Rapide|lampadaire|Akhannouch/i);
  });
});
