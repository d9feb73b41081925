import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromWallClock, MOROCCO_TZ } from '../src/modules/appointments/tz.js';
import { caseEvents, cases } from '../src/modules/cases/schema.js';
import { type NotificationEvent, notifications } from '../src/modules/notifications/schema.js';
import { addWorkingDays, moroccanDate } from '../src/modules/workflow/calendar.js';
import { runDeadlineWatch } from '../src/modules/workflow/deadline-watch.js';
import { sendEscalationDigests } from '../src/modules/workflow/escalation-digest.js';
import { currentMillis, currentTime } from '../src/shared/clock.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('deadline watch and stalled files on %s', (kind) => {
  const p = usePlatform(kind);
  let caseId: string;
  let amlId: string;
  let tracking: string;
  beforeAll(async () => {
    const c = new Client(p.app);
    amlId = (await c.get('/api/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'AML').id;
    const cat = (await c.get('/api/categories'))
      .json()
      .items.find((x: { code: string }) => x.code === 'complaint-autre');
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const filed = (
      await fatima.post('/api/cases', {
        institutionId: amlId,
        categoryId: cat.id,
        subject: 'Dossier oublié',
        description: 'Personne ne répond à mon dossier.',
        replyChannels: ['email'],
      })
    ).json();
    caseId = filed.id;
    tracking = filed.trackingNumber;
    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const me = (await agent.get('/api/auth/session')).json().account.id;
    await agent.post(`/api/cases/${caseId}/assignment`, { version: 1, assigneeId: me });
    // everything else of the demo is due far away or not running: only this case is watched here
    await p.database.db.update(cases).set({ dueAt: addWorkingDays(currentTime(), 300) });
  });

  /** Messages about the test's case (the demo's own overdue files have theirs too). */
  const mailsTo = async (to: string, template: string) =>
    (
      await p.database.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.toAddress, to),
            eq(notifications.event, template as NotificationEvent),
            eq(notifications.caseId, caseId),
          ),
        )
    ).length;
  const digestsTo = (to: string) =>
    p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.toAddress, to), eq(notifications.event, 'escalation_digest')))
      .orderBy(asc(notifications.createdAt));
  /** Morocco's wall clock `hour`:00 on the `days`-th day after `at`'s. */
  const morningAfter = (at: Date, days: number, hour = 9) =>
    fromWallClock(addDays(moroccanDate(at), days), hour * 60, MOROCCO_TZ);
  const setDue = (d: Date) => p.database.db.update(cases).set({ dueAt: d }).where(eq(cases.id, caseId));

  it('reminds the holder before the due date, once', async () => {
    await setDue(addWorkingDays(currentTime(), 1));
    const steps = await runDeadlineWatch(p.database.db, currentTime(), 'http://x');
    expect(steps).toEqual([{ caseId, kind: 'reminder' }]);
    expect(await mailsTo('etatcivil@aml.demo', 'deadline_reminder')).toBe(1);
    expect(await runDeadlineWatch(p.database.db, currentTime(), 'http://x')).toEqual([]);
  });

  it('escalates to the supervisor once overdue, then to the territory’s overseers, each once, told in a daily digest', async () => {
    const now = currentTime();
    const seeded = (await digestsTo('chef@aml.demo')).length; // the demo's own digest of its overdue files
    await setDue(new Date(now.getTime() - 86_400_000));
    expect(await runDeadlineWatch(p.database.db, now, 'http://x')).toEqual([
      { caseId, kind: 'escalation_supervisor' },
    ]);
    // no message per case: the supervisor reads it in the next morning's digest, once
    expect(await mailsTo('chef@aml.demo', 'escalation')).toBe(0);
    const nextMorning = morningAfter(now, 1);
    expect(await sendEscalationDigests(p.database.db, morningAfter(now, 1, 7), 'http://x')).toEqual([]);
    const first = await sendEscalationDigests(p.database.db, nextMorning, 'http://x');
    expect(first.map((d) => [d.email, d.cases])).toEqual([['chef@aml.demo', 1]]);
    const digest = (await digestsTo('chef@aml.demo')).at(-1);
    expect(digest!.subject).toBe('Jisr : 1 dossier a dépassé son échéance');
    expect(digest!.textBody).toContain(tracking);
    expect(digest!.textBody).toContain('http://x/staff/stalled');
    expect(
      await sendEscalationDigests(p.database.db, new Date(nextMorning.getTime() + 3600_000), 'http://x'),
    ).toEqual([]);
    // ten working days later (a month), the overseers of the province and the region hear of it, the nation not
    const later = new Date(now.getTime() + 30 * 86_400_000);
    expect(await runDeadlineWatch(p.database.db, later, 'http://x')).toEqual([
      { caseId, kind: 'escalation_overseer' },
    ]);
    expect(await runDeadlineWatch(p.database.db, later, 'http://x')).toEqual([]);
    const told = await sendEscalationDigests(p.database.db, morningAfter(later, 1), 'http://x');
    expect(told.map((d) => d.email).sort()).toEqual(['province@piam.demo', 'region@souss.demo']);
    expect((await digestsTo('region@souss.demo')).at(-1)!.textBody).toContain(tracking);
    expect(await digestsTo('national@interieur.demo')).toEqual([]);
    expect(await digestsTo('chef@aml.demo')).toHaveLength(seeded + 1);
    const events = await p.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events.filter((e) => e.type === 'escalated').map((e) => e.data.level)).toEqual([1, 2]);
    // the citizen does not see the internal steps
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const seen = (await fatima.get(`/api/cases/${caseId}`)).json();
    expect(seen.timeline.map((e: { type: string }) => e.type)).not.toContain('escalated');
    expect(seen.overdue).toBe(true);
  });

  it('lists stalled files, oldest first, for the supervisor and the overseer only', async () => {
    await p.database.db
      .update(cases)
      .set({ updatedAt: new Date(currentMillis() - 40 * 86_400_000) })
      .where(eq(cases.id, caseId));
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const res = (await chief.get(`/api/institutions/${amlId}/stalled?days=30`)).json();
    // the demo's files with a past are there too, each idle for at least 30 days, the longest idle first
    const mine = res.items.find((c: { id: string }) => c.id === caseId);
    expect(mine).toMatchObject({ assignee: 'Rachid Aït Brahim', idleDays: 40 });
    const idle = res.items.map((c: { idleDays: number }) => c.idleDays);
    expect(idle.every((d: number) => d >= 30)).toBe(true);
    expect(idle).toEqual([...idle].sort((a: number, b: number) => b - a));
    expect(res.total).toBe(res.items.length);
    expect(
      (await chief.get(`/api/institutions/${amlId}/stalled?days=41`))
        .json()
        .items.map((c: { id: string }) => c.id),
    ).not.toContain(caseId);
    expect(
      (await (await signedIn(p.app, 'province@piam.demo')).get(`/api/institutions/${amlId}/stalled`))
        .statusCode,
    ).toBe(200);
    expect(
      (await (await signedIn(p.app, 'admin@aubm.demo')).get(`/api/institutions/${amlId}/stalled`)).statusCode,
    ).toBe(403);
    expect(
      (await (await signedIn(p.app, 'etatcivil@aml.demo')).get(`/api/institutions/${amlId}/stalled`))
        .statusCode,
    ).toBe(403);
  });

  it('lists the stalled files of a whole territory for its overseers, and of their bodies for supervisors', async () => {
    // the case of the test above is 40 days idle, in a commune of the province of Inezgane-Aït Melloul
    for (const email of [
      'province@piam.demo',
      'region@souss.demo',
      'national@interieur.demo',
      'chef@aml.demo',
    ]) {
      const res = await (await signedIn(p.app, email)).get('/api/stalled?days=30');
      expect(res.statusCode, email).toBe(200);
      const body = res.json();
      expect(
        body.items.map((c: { id: string }) => c.id),
        email,
      ).toContain(caseId);
      expect(body.items.find((c: { id: string }) => c.id === caseId)).toMatchObject({
        institutionId: amlId,
        idleDays: 40,
      });
      expect(body.total).toBeGreaterThanOrEqual(body.items.length);
    }
    // a supervisor of another body does not see it; agents and citizens are refused
    const other = (await (await signedIn(p.app, 'admin@aubm.demo')).get('/api/stalled?days=30')).json();
    expect(other.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    for (const email of ['etatcivil@aml.demo', 'fatima@example.fr'])
      expect((await (await signedIn(p.app, email)).get('/api/stalled')).statusCode, email).toBe(403);
    expect((await p.app.inject({ method: 'GET', url: '/api/stalled' })).statusCode).toBe(401);
  });
});
