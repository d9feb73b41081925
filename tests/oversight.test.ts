import { and, eq, gt, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { actorOf } from '../src/modules/accounts/service.js';
import { cases } from '../src/modules/cases/schema.js';
import { OVERSIGHT_SNAPSHOT_MAX_AGE_MS, oversightFigures } from '../src/modules/reporting/oversight.js';
import { currentMillis, currentTime } from '../src/shared/clock.js';
import { signedIn, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('oversight figures on %s', (kind) => {
  const p = usePlatform(kind);

  it('shows each overseer the bodies of their territory with open and overdue cases, and nobody else', async () => {
    const province = await signedIn(p.app, 'province@piam.demo');
    const before = (await province.get('/api/oversight')).json();
    const codes = before.institutions.map((i: { code: string }) => i.code).sort();
    expect(codes).toEqual(['AML', 'PIAM']);
    const aml = before.institutions.find((i: { code: string }) => i.code === 'AML');
    // the demo holds ten open AML cases: six of today (submitted, acknowledged, in progress, awaiting,
    // pending approval, reopened) and four with a past, all overdue (never opened, stuck for months, a reply
    // waiting two months for approval)
    expect(aml.open).toBe(10);
    expect(aml.overdue).toBe(4);
    // one of today's goes overdue: it shows in the province's figures
    const [one] = await p.database.db
      .select()
      .from(cases)
      .where(and(eq(cases.state, 'in_progress'), gt(cases.dueAt, currentTime())))
      .limit(1);
    await p.database.db
      .update(cases)
      .set({ dueAt: new Date(currentMillis() - 86_400_000) })
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

  it('serves wide scopes from a snapshot recomputed at most once a minute, with the time it was counted', async () => {
    const db = p.database.db;
    const [row] = await db.select().from(accounts).where(eq(accounts.email, 'national@interieur.demo'));
    const nation = await actorOf(db, row!);
    const t0 = currentTime();
    const wide = { limit: 100, offset: 0 };
    // live (the demo's seven bodies are under the threshold) and from a snapshot (threshold 0) agree
    const live = await oversightFigures(db, nation, t0);
    const first = await oversightFigures(db, nation, t0, wide, 0);
    expect(first.institutions).toEqual(live.institutions);
    expect(first.asOf).toEqual(t0);
    // a case goes past due: within the minute the snapshot still shows the old figure and says when it was counted
    const aml = live.institutions.find((i) => i.code === 'AML')!;
    const [one] = await db
      .select()
      .from(cases)
      .where(
        and(
          eq(cases.institutionId, aml.id),
          inArray(cases.state, ['submitted', 'acknowledged', 'reopened']),
          gt(cases.dueAt, t0),
        ),
      )
      .limit(1);
    await db
      .update(cases)
      .set({ dueAt: new Date(t0.getTime() - 86_400_000) })
      .where(eq(cases.id, one!.id));
    const later = new Date(t0.getTime() + OVERSIGHT_SNAPSHOT_MAX_AGE_MS);
    const cached = await oversightFigures(db, nation, later, wide, 0);
    expect(cached.asOf).toEqual(t0);
    expect(cached.institutions.find((i) => i.code === 'AML')!.overdue).toBe(aml.overdue);
    // past the minute it is counted again
    const after = new Date(later.getTime() + 1);
    const fresh = await oversightFigures(db, nation, after, wide, 0);
    expect(fresh.asOf).toEqual(after);
    expect(fresh.institutions.find((i) => i.code === 'AML')!.overdue).toBe(aml.overdue + 1);
    expect(fresh.institutions).toEqual((await oversightFigures(db, nation, after)).institutions);
    // a page at a time, in the same order, live or from the snapshot
    for (const liveUpTo of [50, 0]) {
      const first3 = await oversightFigures(db, nation, after, { limit: 3, offset: 0 }, liveUpTo);
      const rest = await oversightFigures(db, nation, after, { limit: 100, offset: 3 }, liveUpTo);
      expect(first3.total).toBe(7);
      expect(first3.nextOffset).toBe(3);
      expect(rest.nextOffset).toBeNull();
      expect([...first3.institutions, ...rest.institutions]).toEqual(fresh.institutions);
    }
    // the page says when its figures were counted
    const page = (await (await signedIn(p.app, 'national@interieur.demo')).get('/api/oversight')).json();
    expect(Math.abs(Date.parse(page.asOf) - currentMillis())).toBeLessThan(5_000);
  });

  it('gives a supervisor the load of each department and person of their body, overdue first', async () => {
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const ids = (await chief.get('/api/institutions')).json().items as { code: string; id: string }[];
    const aml = ids.find((i) => i.code === 'AML')!.id;
    const aubm = ids.find((i) => i.code === 'AUBM')!.id;
    const board = await chief.get(`/api/institutions/${aml}/dashboard`);
    expect(board.statusCode, board.body).toBe(200);
    const d = board.json();
    const open = await p.database.db.select().from(cases).where(eq(cases.institutionId, aml));
    const openRows = open.filter((c) =>
      [
        'submitted',
        'acknowledged',
        'in_progress',
        'awaiting_citizen',
        'reply_pending_approval',
        'reopened',
      ].includes(c.state),
    );
    expect(d.totals.open).toBe(openRows.length);
    expect(d.totals.waitingCitizen).toBe(openRows.filter((c) => c.state === 'awaiting_citizen').length);
    const sum = (rows: { open: number }[]) => rows.reduce((a, r) => a + r.open, 0);
    expect(sum(d.byPerson)).toBe(d.totals.open);
    expect(sum(d.byDepartment)).toBe(d.totals.open);
    // Make one person's case late: they come first, with the overdue count.
    const me = (await chief.get('/api/auth/session')).json().account.id;
    const held = openRows.find((c) => c.state !== 'awaiting_citizen')!;
    await p.database.db
      .update(cases)
      .set({ assigneeId: me, dueAt: new Date(currentMillis() - 3 * 86_400_000) })
      .where(eq(cases.id, held.id));
    const after = (await chief.get(`/api/institutions/${aml}/dashboard`)).json();
    const mine = after.byPerson.find((r: { id: string | null }) => r.id === me);
    expect(mine).toMatchObject({ name: 'Mohamed Akhannouch', open: 1, overdue: 1 });
    const overdue = after.byPerson.map((r: { overdue: number }) => r.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    expect(after.totals.overdue).toBeGreaterThanOrEqual(1);
    expect(after.totals.received30).toBeGreaterThanOrEqual(openRows.length);

    // The province sees it; an agent, another body's supervisor and a citizen do not.
    expect(
      (await (await signedIn(p.app, 'province@piam.demo')).get(`/api/institutions/${aml}/dashboard`))
        .statusCode,
    ).toBe(200);
    expect(
      (await (await signedIn(p.app, 'etatcivil@aml.demo')).get(`/api/institutions/${aml}/dashboard`))
        .statusCode,
    ).toBe(403);
    expect(
      (await (await signedIn(p.app, 'chef@aubm.demo')).get(`/api/institutions/${aml}/dashboard`)).statusCode,
    ).toBe(403);
    expect((await chief.get(`/api/institutions/${aubm}/dashboard`)).statusCode).toBe(403);
    expect(
      (await (await signedIn(p.app, 'fatima@example.fr')).get(`/api/institutions/${aml}/dashboard`))
        .statusCode,
    ).toBe(403);
  });
});
