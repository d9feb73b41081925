import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { getTerritory } from '../territory/service.js';
import { departments, type InstitutionType, institutions } from './schema.js';

type Names = { nameAr: string; nameFr: string; nameEn: string };

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
  if (!place) throw new AppError(422, 'error.territory_unknown');
  const [taken] = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.code, input.code));
  if (taken) throw new AppError(409, 'error.institution_code_taken');
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
  const [row] = await db.select().from(institutions).where(eq(institutions.id, id));
  return row ?? null;
}

export async function getInstitutionByCode(db: Executor, code: string) {
  const [row] = await db.select().from(institutions).where(eq(institutions.code, code));
  return row ?? null;
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
  if (!row) throw new AppError(409, 'error.institution_code_taken');
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
