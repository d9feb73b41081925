/**
 * What can be booked and with whom: the services of an institution and the officials who offer them,
 * listed, created and changed by its admin (changing an official, and removing either, is in
 * `availability.ts`).
 * Every change is one transaction with its audit row.
 */

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import type { Actor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { isStaffOf } from '../accounts/service.js';
import { getDepartment } from '../institutions/service.js';
import { type Ctx, type Names, placeOf, requireRoleAt } from './context.js';
import { isStaffAt, SERVICE_ADMIN_ROLES } from './policy.js';
import type { AppointmentMode } from './rules.js';
import { appointmentOfficials, appointmentServiceOfficials, appointmentServices } from './schema.js';
import type { BookWith, ServiceSpec } from './slots.js';

type ServiceRow = typeof appointmentServices.$inferSelect;
export type LoadedService = { row: ServiceRow; officialIds: string[] };

export async function loadService(db: Executor, id: string): Promise<LoadedService | null> {
  const [row] = await db.select().from(appointmentServices).where(eq(appointmentServices.id, id));
  if (!row) return null;
  const links = await db
    .select({ id: appointmentOfficials.id })
    .from(appointmentServiceOfficials)
    .innerJoin(appointmentOfficials, eq(appointmentOfficials.id, appointmentServiceOfficials.officialId))
    .where(and(eq(appointmentServiceOfficials.serviceId, id), eq(appointmentOfficials.active, true)))
    .orderBy(asc(appointmentOfficials.createdAt), asc(appointmentOfficials.id));
  return { row, officialIds: links.map((l) => l.id) };
}

export const specOf = (s: LoadedService): ServiceSpec => ({
  id: s.row.id,
  bookWith: s.row.bookWith,
  slotMinutes: s.row.slotMinutes,
  bufferMinutes: s.row.bufferMinutes,
  capacity: s.row.capacity,
  minNoticeMinutes: s.row.minNoticeMinutes,
  horizonDays: s.row.horizonDays,
  officialIds: s.officialIds,
});

/** Officials of an institution with their names, titles and services. */
export async function officialsOf(db: Executor, institutionId: string) {
  const rows = await db
    .select({
      id: appointmentOfficials.id,
      accountId: appointmentOfficials.accountId,
      name: accounts.displayName,
      titleAr: appointmentOfficials.titleAr,
      titleFr: appointmentOfficials.titleFr,
      titleEn: appointmentOfficials.titleEn,
      active: appointmentOfficials.active,
    })
    .from(appointmentOfficials)
    .innerJoin(accounts, eq(accounts.id, appointmentOfficials.accountId))
    .where(eq(appointmentOfficials.institutionId, institutionId))
    .orderBy(asc(appointmentOfficials.createdAt), asc(appointmentOfficials.id));
  const links = rows.length
    ? await db
        .select()
        .from(appointmentServiceOfficials)
        .where(
          inArray(
            appointmentServiceOfficials.officialId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({
    ...r,
    serviceIds: links.filter((l) => l.officialId === r.id).map((l) => l.serviceId),
  }));
}

export const presentService = (s: ServiceRow) => ({
  id: s.id,
  institutionId: s.institutionId,
  departmentId: s.departmentId,
  code: s.code,
  nameAr: s.nameAr,
  nameFr: s.nameFr,
  nameEn: s.nameEn,
  bookWith: s.bookWith,
  slotMinutes: s.slotMinutes,
  bufferMinutes: s.bufferMinutes,
  capacity: s.capacity,
  modes: s.modes,
  minNoticeMinutes: s.minNoticeMinutes,
  horizonDays: s.horizonDays,
  active: s.active,
});

/** The bookable services of an institution, with the officials who offer them (public; inactive ones for its staff). */
export async function listServices(
  db: Executor,
  institutionId: string,
  opts: { includeInactive?: boolean; actor?: Actor | null } = {},
) {
  const place = await placeOf(db, institutionId);
  const includeInactive = !!opts.includeInactive && isStaffAt(opts.actor ?? null, place);
  const rows = await db
    .select()
    .from(appointmentServices)
    .where(
      includeInactive
        ? eq(appointmentServices.institutionId, institutionId)
        : and(eq(appointmentServices.institutionId, institutionId), eq(appointmentServices.active, true)),
    )
    .orderBy(asc(appointmentServices.code));
  const officials = (await officialsOf(db, institutionId)).filter((o) => o.active);
  return rows.map((s) => ({
    ...presentService(s),
    // the institution's staff also see where video rooms open (the setup page edits it)
    ...(includeInactive ? { videoRoomBase: s.videoRoomBase } : {}),
    officials: officials
      .filter((o) => o.serviceIds.includes(s.id))
      .map((o) => ({ id: o.id, name: o.name, titleAr: o.titleAr, titleFr: o.titleFr, titleEn: o.titleEn })),
  }));
}

export async function listOfficials(ctx: Ctx, institutionId: string) {
  const place = await placeOf(ctx.db, institutionId);
  if (!isStaffAt(ctx.actor, place)) throw forbidden();
  return officialsOf(ctx.db, institutionId);
}

export type ServiceInput = Names & {
  code: string;
  departmentId?: string | null;
  bookWith: BookWith;
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  modes: AppointmentMode[];
  minNoticeMinutes: number;
  horizonDays: number;
  videoRoomBase?: string | null;
  officialIds?: string[];
};

/** Refuses (with `problem`) unless every id names a row of the table that belongs to the institution. */
async function checkAllOf(
  db: Executor,
  table: typeof appointmentOfficials | typeof appointmentServices,
  problem: 'appointment-official-unknown' | 'appointment-service-unknown',
  institutionId: string,
  ids: readonly string[],
) {
  if (!ids.length) return;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inArray(table.id, [...ids]), eq(table.institutionId, institutionId)));
  if (rows.length !== new Set(ids).size) throw fail(problem);
}

export const checkOfficials = (db: Executor, institutionId: string, ids: readonly string[]) =>
  checkAllOf(db, appointmentOfficials, 'appointment-official-unknown', institutionId, ids);

export const checkServices = (db: Executor, institutionId: string, ids: readonly string[]) =>
  checkAllOf(db, appointmentServices, 'appointment-service-unknown', institutionId, ids);

export async function createService(ctx: Ctx, institutionId: string, input: ServiceInput) {
  const place = await placeOf(ctx.db, institutionId);
  requireRoleAt(ctx.actor, place, SERVICE_ADMIN_ROLES);
  if (input.departmentId && !(await getDepartment(ctx.db, institutionId, input.departmentId)))
    throw fail('department-unknown');
  const { officialIds = [], ...values } = input;
  await checkOfficials(ctx.db, institutionId, officialIds);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appointmentServices)
      .values({ ...values, institutionId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw fail('appointment-code-taken');
    if (officialIds.length)
      await tx
        .insert(appointmentServiceOfficials)
        .values([...new Set(officialIds)].map((officialId) => ({ serviceId: row.id, officialId })));
    await audit(tx, ctx, {
      action: 'appointment_service.create',
      entityType: 'appointment_service',
      entityId: row.id,
      institutionId,
      data: { code: row.code, bookWith: row.bookWith, slotMinutes: row.slotMinutes, capacity: row.capacity },
    });
    return { ...presentService(row), officialIds };
  });
}

export async function updateService(
  ctx: Ctx,
  id: string,
  patch: Partial<Omit<ServiceInput, 'code'>> & { active?: boolean },
) {
  const svc = await loadService(ctx.db, id);
  if (!svc) throw notFound();
  const place = await placeOf(ctx.db, svc.row.institutionId);
  requireRoleAt(ctx.actor, place, SERVICE_ADMIN_ROLES);
  if (patch.departmentId && !(await getDepartment(ctx.db, svc.row.institutionId, patch.departmentId)))
    throw fail('department-unknown');
  const { officialIds, ...values } = patch;
  if (officialIds) await checkOfficials(ctx.db, svc.row.institutionId, officialIds);
  return ctx.db.transaction(async (tx) => {
    const [row] = Object.keys(values).length
      ? await tx.update(appointmentServices).set(values).where(eq(appointmentServices.id, id)).returning()
      : [svc.row];
    if (officialIds) {
      await tx.delete(appointmentServiceOfficials).where(eq(appointmentServiceOfficials.serviceId, id));
      if (officialIds.length)
        await tx
          .insert(appointmentServiceOfficials)
          .values([...new Set(officialIds)].map((officialId) => ({ serviceId: id, officialId })));
    }
    await audit(tx, ctx, {
      action: 'appointment_service.update',
      entityType: 'appointment_service',
      entityId: id,
      institutionId: svc.row.institutionId,
      data: { fields: Object.keys(patch) },
    });
    return { ...presentService(row!), officialIds: officialIds ?? svc.officialIds };
  });
}

export type OfficialInput = {
  accountId: string;
  titleAr: string;
  titleFr: string;
  titleEn: string;
  serviceIds?: string[];
};

/** Makes a staff member bookable (or updates their titles and services when they already are). */
export async function upsertOfficial(ctx: Ctx, institutionId: string, input: OfficialInput) {
  const place = await placeOf(ctx.db, institutionId);
  requireRoleAt(ctx.actor, place, SERVICE_ADMIN_ROLES);
  const staffHere =
    (await isStaffOf(ctx.db, input.accountId, institutionId)) ||
    (!!place.parentId && (await isStaffOf(ctx.db, input.accountId, place.parentId)));
  if (!staffHere) throw fail('assignee-invalid');
  const { serviceIds, ...titles } = input;
  if (serviceIds) await checkServices(ctx.db, institutionId, serviceIds);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appointmentOfficials)
      .values({ institutionId, ...titles })
      .onConflictDoUpdate({
        target: [appointmentOfficials.institutionId, appointmentOfficials.accountId],
        set: { titleAr: titles.titleAr, titleFr: titles.titleFr, titleEn: titles.titleEn, active: true },
      })
      .returning();
    if (serviceIds) {
      await tx.delete(appointmentServiceOfficials).where(eq(appointmentServiceOfficials.officialId, row!.id));
      if (serviceIds.length)
        await tx
          .insert(appointmentServiceOfficials)
          .values([...new Set(serviceIds)].map((serviceId) => ({ serviceId, officialId: row!.id })));
    }
    await audit(tx, ctx, {
      action: 'appointment_official.upsert',
      entityType: 'appointment_official',
      entityId: row!.id,
      institutionId,
      data: { accountId: input.accountId, serviceIds: serviceIds ?? null },
    });
    return row!;
  });
}
