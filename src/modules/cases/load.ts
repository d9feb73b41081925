/** How many open cases each department and each person of an institution holds (for the admin's tables). */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from './schema.js';
import { openStates } from './state-machine.js';

const open = inArray(cases.state, [...openStates]);

/** Open cases per department of the institution (departments with none are absent). */
export async function openCasesByDepartment(db: Executor, institutionId: string) {
  const rows = await db
    .select({ id: cases.departmentId, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.institutionId, institutionId), isNotNull(cases.departmentId), open))
    .groupBy(cases.departmentId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

/** Open cases of the institution assigned to each person (people with none are absent). */
export async function openCasesByAssignee(db: Executor, institutionId: string) {
  const rows = await db
    .select({ id: cases.assigneeId, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.institutionId, institutionId), isNotNull(cases.assigneeId), open))
    .groupBy(cases.assigneeId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

/** Open cases of one department. */
export async function openCasesInDepartment(db: Executor, institutionId: string, departmentId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.institutionId, institutionId), eq(cases.departmentId, departmentId), open));
  return Number(row?.n ?? 0);
}
