/**
 * A supervisor's dashboard of one institution: the work in hand per department and per person (open,
 * overdue, oldest), what came in and went out in the last 30 days, and the median time to answer.
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { openStates, pausedStates } from '../cases/state-machine.js';

const answeredStates = ['answered', 'closed', 'ready'] as const;

export async function institutionDashboard(db: Db, institutionId: string, now = currentTime()) {
  const waiting = openStates.filter((s) => !pausedStates.includes(s));
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const since90 = new Date(now.getTime() - 90 * 86_400_000);
  const [load, flow] = await Promise.all([
    db
      .select({
        departmentId: cases.departmentId,
        assigneeId: cases.assigneeId,
        open: sql<number>`count(*)::int`,
        waitingCitizen: sql<number>`(count(*) filter (where ${inArray(cases.state, [...pausedStates])}))::int`,
        overdue: sql<number>`(count(*) filter (where ${inArray(cases.state, waiting)} and ${cases.dueAt} < ${now.toISOString()}))::int`,
        oldestAt: sql<string>`min(${cases.createdAt})`,
      })
      .from(cases)
      .where(and(eq(cases.institutionId, institutionId), inArray(cases.state, [...openStates])))
      .groupBy(cases.departmentId, cases.assigneeId),
    db
      .select({
        received30: sql<number>`(count(*) filter (where ${cases.createdAt} >= ${since30.toISOString()}))::int`,
        answered30: sql<number>`(count(*) filter (where ${cases.closedAt} >= ${since30.toISOString()} and ${inArray(cases.state, [...answeredStates])}))::int`,
        medianDays: sql<
          number | null
        >`percentile_cont(0.5) within group (order by extract(epoch from (${cases.closedAt} - ${cases.createdAt})) / 86400) filter (where ${inArray(cases.state, [...answeredStates])} and ${cases.closedAt} is not null)`,
      })
      .from(cases)
      .where(and(eq(cases.institutionId, institutionId), gte(cases.createdAt, since90))),
  ]);
  const sum = (rows: typeof load) => ({
    open: rows.reduce((a, r) => a + Number(r.open), 0),
    overdue: rows.reduce((a, r) => a + Number(r.overdue), 0),
    waitingCitizen: rows.reduce((a, r) => a + Number(r.waitingCitizen), 0),
    oldestAt: rows.reduce<string | null>((a, r) => {
      const at = new Date(r.oldestAt).toISOString();
      return !a || at < a ? at : a;
    }, null),
  });
  const groupBy = (key: 'departmentId' | 'assigneeId') => {
    const groups = new Map<string | null, typeof load>();
    for (const r of load) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
    return [...groups].map(([id, rows]) => ({ id, ...sum(rows) }));
  };
  const people = groupBy('assigneeId');
  const ids = people.map((p) => p.id).filter((id): id is string => !!id);
  const names = ids.length
    ? await db
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .where(inArray(accounts.id, ids))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const f = flow[0];
  return {
    totals: {
      ...sum(load),
      received30: Number(f?.received30 ?? 0),
      answered30: Number(f?.answered30 ?? 0),
      medianDaysToAnswer: f?.medianDays == null ? null : Math.round(Number(f.medianDays) * 10) / 10,
    },
    byDepartment: groupBy('departmentId').sort((a, b) => b.overdue - a.overdue || b.open - a.open),
    byPerson: people
      .map((p) => ({ ...p, name: p.id ? (nameOf.get(p.id) ?? null) : null }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open),
  };
}
