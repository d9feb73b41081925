/** How many open cases each department and each person of an institution holds (for the admin's tables). */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from './schema.js';
import { openStates } from './state-machine.js';

const open = inArray(cases.state, [...openStates]);

/** Open cases of the institution counted by a column of the case (cases where it is empty are left out). */
async function openCasesBy(
  db: Executor,
  institutionId: string,
  by: typeof cases.departmentId | typeof cases.assigneeId,
) {
  const rows = await db
    .select({ id: by, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.institutionId, institutionId), isNotNull(by), open))
    .groupBy(by);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

/** Open cases per department of the institution (departments with none are absent). */
export const openCasesByDepartment = (db: Executor, institutionId: string) =>
  openCasesBy(db, institutionId, cases.departmentId);

/** Open cases of the institution assigned to each person (people with none are absent). */
export const openCasesByAssignee = (db: Executor, institutionId: string) =>
  openCasesBy(db, institutionId, cases.assigneeId);

/** Open cases of one department. */
export async function openCasesInDepartment(db: Executor, institutionId: string, departmentId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.institutionId, institutionId), eq(cases.departmentId, departmentId), open));
  return Number(row?.n ?? 0);
}
