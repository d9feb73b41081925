import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { firstOrNull } from '../../db/rows.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import { recordAudit } from '../audit/service.js';
import { openCasesInDepartment } from '../cases/load.js';
import { getTerritory } from '../territory/service.js';
import { departments, type InstitutionType, institutions } from './schema.js';

export type Names = { nameAr: string; nameFr: string; nameEn: string };

export async function createInstitution(
  tx: Executor,
  input: Names & {
    code: string;
    type: InstitutionType;
    territoryCode: string;
    parentId?: string | null;
    email?: string | null;
    phone?: string | null;
  },
  actorId: string | null,
  requestId: string | null,
) {
  const place = await getTerritory(tx, input.territoryCode);
  if (!place) throw fail('territory-unknown');
  const [taken] = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.code, input.code));
  if (taken) throw fail('institution-code-taken');
  const [row] = await tx
    .insert(institutions)
    .values({
      ...input,
      regionCode: place.regionCode ?? place.code,
      provinceCode: place.type === 'region' ? null : place.provinceCode,
    })
    .returning();
  await recordAudit(tx, {
    actorId,
    action: 'institution.create',
    entityType: 'institution',
    entityId: row!.id,
    institutionId: row!.id,
    requestId,
  });
  return row!;
}

export async function getInstitution(db: Executor, id: string) {
  return firstOrNull(db.select().from(institutions).where(eq(institutions.id, id)));
}

export async function getInstitutionByCode(db: Executor, code: string) {
  return firstOrNull(db.select().from(institutions).where(eq(institutions.code, code)));
}

export async function listInstitutions(db: Executor, filter: { territoryCode?: string } = {}) {
  const rows = await db.select().from(institutions).orderBy(asc(institutions.nameFr));
  if (!filter.territoryCode) return rows;
  const c = filter.territoryCode;
  return rows.filter((r) => r.territoryCode === c || r.provinceCode === c || r.regionCode === c);
}

export async function createDepartment(
  tx: Executor,
  institutionId: string,
  input: Names & { code: string },
  actorId: string | null,
  requestId: string | null,
) {
  const [row] = await tx
    .insert(departments)
    .values({ institutionId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!row) throw fail('department-code-taken', {}, { errors: [{ pointer: '/body/code' }] });
  await recordAudit(tx, {
    actorId,
    action: 'department.create',
    entityType: 'department',
    entityId: row.id,
    institutionId,
    requestId,
  });
  return row;
}

export async function listDepartments(db: Executor, institutionId: string) {
  return db
    .select()
    .from(departments)
    .where(eq(departments.institutionId, institutionId))
    .orderBy(asc(departments.code));
}

export async function getDepartment(db: Executor, institutionId: string, departmentId: string) {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.institutionId, institutionId)));
  return row ?? null;
}

/** A department that can receive cases and staff: it exists in the institution and is not closed. */
export async function getOpenDepartment(db: Executor, institutionId: string, departmentId: string) {
  const row = await getDepartment(db, institutionId, departmentId);
  if (!row) return null;
  if (row.closedAt) throw fail('department-closed');
  return row;
}

export async function renameDepartment(
  tx: Executor,
  institutionId: string,
  departmentId: string,
  names: Partial<Names>,
  actorId: string,
  requestId: string,
) {
  const before = await getDepartment(tx, institutionId, departmentId);
  if (!before) throw fail('not-found');
  const [row] = await tx.update(departments).set(names).where(eq(departments.id, departmentId)).returning();
  await recordAudit(tx, {
    actorId,
    action: 'department.rename',
    entityType: 'department',
    entityId: departmentId,
    institutionId,
    requestId,
    data: { fields: Object.keys(names) },
  });
  return row!;
}

/**
 * Closes a department (it stops receiving cases and staff) or reopens it. A department holding open cases
 * cannot close: they must move first. Closing or reopening twice changes nothing.
 */
export async function setDepartmentClosed(
  tx: Executor,
  institutionId: string,
  departmentId: string,
  closed: boolean,
  actorId: string,
  requestId: string,
) {
  const before = await getDepartment(tx, institutionId, departmentId);
  if (!before) throw fail('not-found');
  if (!!before.closedAt === closed) return before;
  if (closed) {
    const open = await openCasesInDepartment(tx, institutionId, departmentId);
    if (open > 0) throw fail('department-open-cases', { count: open }, { openCases: open });
  }
  const [row] = await tx
    .update(departments)
    .set({ closedAt: closed ? currentTime() : null })
    .where(eq(departments.id, departmentId))
    .returning();
  await recordAudit(tx, {
    actorId,
    action: closed ? 'department.close' : 'department.reopen',
    entityType: 'department',
    entityId: departmentId,
    institutionId,
    requestId,
  });
  return row!;
}
