/**
 * Availability (services, officials, weekly rules, closures), bookings and the staff calendar.
 * Every change is one transaction with its audit row and, where the citizen must know, its e-mail.
 */

import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { formatDateTime } from '../../i18n/format.js';
import { type Lang, t } from '../../i18n/index.js';
import { AppError, forbidden, notFound, ValidationError } from '../../server/errors.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { hmac, safeEqual } from '../accounts/passwords.js';
import { accounts, type Language } from '../accounts/schema.js';
import { getCitizenProfile, isStaffOf } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { isOwnCase } from '../cases/policy.js';
import { getReadableCase } from '../cases/service.js';
import { terminalStates } from '../cases/state-machine.js';
import { institutions } from '../institutions/schema.js';
import { getDepartment, getInstitution } from '../institutions/service.js';
import type { AppointmentNoticeEvent } from '../notifications/schema.js';
import { notifyAppointment } from '../notifications/service.js';
import { buildIcs } from './ics.js';
import {
  AVAILABILITY_ROLES,
  type BookingScope,
  CALENDAR_ROLES,
  canMoveBooking,
  canReadBooking,
  canReadFigures,
  hasRoleAt,
  isStaffAt,
  type Place,
  SERVICE_ADMIN_ROLES,
} from './policy.js';
import { type AppointmentMode, computeFigures, MAX_UPCOMING_PER_CITIZEN } from './rules.js';
import {
  appointmentClosures,
  appointmentCounters,
  appointmentOfficials,
  appointmentServiceOfficials,
  appointmentServices,
  appointments,
  availabilityRules,
  queueTickets,
} from './schema.js';
import {
  type BookWith,
  type Closure,
  generateSlots,
  isBookable,
  officialResource,
  type Rule,
  type RuleKind,
  ruleAppliesOn,
  type ServiceSpec,
  type Slot,
  seatFor,
  windowResource,
} from './slots.js';
import {
  addDays,
  daysBetween,
  formatMinutes,
  fromWallClock,
  localView,
  MOROCCO_TZ,
  offsetMinutes,
  wallClock,
  weekdayOf,
} from './tz.js';

export type Ctx = {
  db: Db;
  actor: Actor | null;
  requestId: string;
  secret: string;
  publicUrl?: string;
  /** The address calendar invitations come from. */
  organizerEmail?: string;
  now?: () => Date;
};

const HOUR = 3_600_000;
/** The bare address of a sender such as `Jisr <no-reply@jisr.local>`. */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
export const nowOf = (ctx: Pick<Ctx, 'now'>) => ctx.now?.() ?? currentTime();
/** Today's date in Morocco. */
export const moroccoToday = (now: Date) => wallClock(now, MOROCCO_TZ).date;

type Names = { nameAr: string; nameFr: string; nameEn: string };
export const nameIn = (lang: Lang, n: Names) =>
  lang === 'ar' ? n.nameAr : lang === 'fr' ? n.nameFr : n.nameEn;

/** Thrown inside a booking transaction when the slot filled up meanwhile: roll back and try the next one. */
class SlotTaken extends Error {}

/** Next value of a per-institution counter (booking references per year, tickets per day). */
export async function nextCounter(
  tx: Executor,
  institutionId: string,
  scope: 'booking' | 'event' | 'ticket',
  period: string,
): Promise<number> {
  const [row] = await tx
    .insert(appointmentCounters)
    .values({ institutionId, scope, period, value: 1 })
    .onConflictDoUpdate({
      target: [appointmentCounters.institutionId, appointmentCounters.scope, appointmentCounters.period],
      set: { value: sql`${appointmentCounters.value} + 1` },
    })
    .returning({ value: appointmentCounters.value });
  return row!.value;
}

export async function placeOf(db: Executor, institutionId: string) {
  const inst = await getInstitution(db, institutionId);
  if (!inst) throw notFound();
  return inst;
}

export function requireRoleAt(actor: Actor | null, place: Place, roles: Parameters<typeof hasRoleAt>[2]) {
  if (!hasRoleAt(actor, place, roles)) throw forbidden();
}

/* ------------------------------------------------------------------------------------------------ */
/* Services, officials, rules, closures                                                             */
/* ------------------------------------------------------------------------------------------------ */

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

export async function loadRules(db: Executor, institutionId: string): Promise<Rule[]> {
  const rows = await db
    .select()
    .from(availabilityRules)
    .where(eq(availabilityRules.institutionId, institutionId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startMinute), asc(availabilityRules.id));
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.serviceId,
    officialId: r.officialId,
    kind: r.kind,
    weekday: r.weekday,
    startMinute: r.startMinute,
    endMinute: r.endMinute,
    capacity: r.capacity,
    everyWeeks: r.everyWeeks,
    anchorDate: r.anchorDate,
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
}

export async function loadClosures(db: Executor, institutionId: string, from: string, to: string) {
  return db
    .select()
    .from(appointmentClosures)
    .where(
      and(
        eq(appointmentClosures.institutionId, institutionId),
        lte(appointmentClosures.startDate, to),
        gte(appointmentClosures.endDate, from),
      ),
    )
    .orderBy(asc(appointmentClosures.startDate));
}

/** Officials of an institution with their names, titles and services. */
async function officialsOf(db: Executor, institutionId: string) {
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

const presentService = (s: ServiceRow) => ({
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

export async function checkOfficials(db: Executor, institutionId: string, ids: readonly string[]) {
  if (!ids.length) return;
  const rows = await db
    .select({ id: appointmentOfficials.id })
    .from(appointmentOfficials)
    .where(
      and(inArray(appointmentOfficials.id, [...ids]), eq(appointmentOfficials.institutionId, institutionId)),
    );
  if (rows.length !== new Set(ids).size) throw new AppError(422, 'error.appointment.official_unknown');
}

export async function checkServices(db: Executor, institutionId: string, ids: readonly string[]) {
  if (!ids.length) return;
  const rows = await db
    .select({ id: appointmentServices.id })
    .from(appointmentServices)
    .where(
      and(inArray(appointmentServices.id, [...ids]), eq(appointmentServices.institutionId, institutionId)),
    );
  if (rows.length !== new Set(ids).size) throw new AppError(422, 'error.appointment.service_unknown');
}

export async function createService(ctx: Ctx, institutionId: string, input: ServiceInput) {
  const place = await placeOf(ctx.db, institutionId);
  requireRoleAt(ctx.actor, place, SERVICE_ADMIN_ROLES);
  if (input.departmentId && !(await getDepartment(ctx.db, institutionId, input.departmentId)))
    throw new AppError(422, 'error.department_unknown');
  const { officialIds = [], ...values } = input;
  await checkOfficials(ctx.db, institutionId, officialIds);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appointmentServices)
      .values({ ...values, institutionId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError(409, 'error.appointment.code_taken');
    if (officialIds.length)
      await tx
        .insert(appointmentServiceOfficials)
        .values([...new Set(officialIds)].map((officialId) => ({ serviceId: row.id, officialId })));
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'appointment_service.create',
      entityType: 'appointment_service',
      entityId: row.id,
      institutionId,
      requestId: ctx.requestId,
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
    throw new AppError(422, 'error.department_unknown');
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
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'appointment_service.update',
      entityType: 'appointment_service',
      entityId: id,
      institutionId: svc.row.institutionId,
      requestId: ctx.requestId,
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
  if (!staffHere) throw new AppError(422, 'error.assignee_invalid');
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
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'appointment_official.upsert',
      entityType: 'appointment_official',
      entityId: row!.id,
      institutionId,
      requestId: ctx.requestId,
      data: { accountId: input.accountId, serviceIds: serviceIds ?? null },
    });
    return row!;
  });
}

export type RuleInput = {
  serviceId?: string | null;
  officialId?: string | null;
  kind: RuleKind;
  weekday: number;
  startMinute: number;
  endMinute: number;
  capacity?: number | null;
  everyWeeks?: number;
  anchorDate?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
};

export const presentRule = (r: typeof availabilityRules.$inferSelect) => ({
  id: r.id,
  institutionId: r.institutionId,
  serviceId: r.serviceId,
  officialId: r.officialId,
  kind: r.kind,
  weekday: r.weekday,
  start: formatMinutes(r.startMinute),
  end: formatMinutes(r.endMinute),
  capacity: r.capacity,
  everyWeeks: r.everyWeeks,
  anchorDate: r.anchorDate,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

export async function listRules(ctx: Ctx, institutionId: string) {
  const place = await placeOf(ctx.db, institutionId);
  if (!isStaffAt(ctx.actor, place)) throw forbidden();
  const rows = await ctx.db
    .select()
    .from(availabilityRules)
    .where(eq(availabilityRules.institutionId, institutionId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startMinute));
  return rows.map(presentRule);
}

export async function createRule(ctx: Ctx, institutionId: string, input: RuleInput) {
  const place = await placeOf(ctx.db, institutionId);
  requireRoleAt(ctx.actor, place, AVAILABILITY_ROLES);
  if (input.serviceId) await checkServices(ctx.db, institutionId, [input.serviceId]);
  if (input.officialId) await checkOfficials(ctx.db, institutionId, [input.officialId]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(availabilityRules)
      .values({
        institutionId,
        serviceId: input.serviceId ?? null,
        officialId: input.officialId ?? null,
        kind: input.kind,
        weekday: input.weekday,
        startMinute: input.startMinute,
        endMinute: input.endMinute,
        capacity: input.capacity ?? null,
        everyWeeks: input.everyWeeks ?? 1,
        anchorDate: input.anchorDate ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'availability_rule.create',
      entityType: 'availability_rule',
      entityId: row!.id,
      institutionId,
      requestId: ctx.requestId,
      data: presentRule(row!),
    });
    return presentRule(row!);
  });
}

export async function deleteRule(ctx: Ctx, id: string) {
  const [r] = await ctx.db.select().from(availabilityRules).where(eq(availabilityRules.id, id));
  if (!r) throw notFound();
  const place = await placeOf(ctx.db, r.institutionId);
  requireRoleAt(ctx.actor, place, AVAILABILITY_ROLES);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(availabilityRules).where(eq(availabilityRules.id, id));
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'availability_rule.delete',
      entityType: 'availability_rule',
      entityId: id,
      institutionId: r.institutionId,
      requestId: ctx.requestId,
      data: presentRule(r),
    });
  });
}

export type ClosureInput = {
  serviceId?: string | null;
  kind: 'holiday' | 'closure';
  startDate: string;
  endDate: string;
  reasonAr: string;
  reasonFr: string;
  reasonEn: string;
};

export const presentClosure = (c: typeof appointmentClosures.$inferSelect) => ({
  id: c.id,
  institutionId: c.institutionId,
  serviceId: c.serviceId,
  kind: c.kind,
  startDate: c.startDate,
  endDate: c.endDate,
  reasonAr: c.reasonAr,
  reasonFr: c.reasonFr,
  reasonEn: c.reasonEn,
});

/** Holidays and closures from a date on (public: the portal shows them). */
export async function listClosures(db: Executor, institutionId: string, from: string, to: string) {
  await placeOf(db, institutionId);
  return (await loadClosures(db, institutionId, from, to)).map(presentClosure);
}

/** Adds a closure; answers with the bookings it falls on, so the desk can move them. */
export async function createClosure(ctx: Ctx, institutionId: string, input: ClosureInput) {
  const place = await placeOf(ctx.db, institutionId);
  requireRoleAt(ctx.actor, place, AVAILABILITY_ROLES);
  if (input.serviceId) await checkServices(ctx.db, institutionId, [input.serviceId]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appointmentClosures)
      .values({ institutionId, ...input, serviceId: input.serviceId ?? null })
      .returning();
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'appointment_closure.create',
      entityType: 'appointment_closure',
      entityId: row!.id,
      institutionId,
      requestId: ctx.requestId,
      data: {
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        serviceId: row!.serviceId,
      },
    });
    return { ...presentClosure(row!), affectedBookings: await bookingsHitBy(tx, row!) };
  });
}

/** The bookings still to be kept on the days of a closure (of its service, or all): the desk moves them. */
export async function bookingsHitBy(
  db: Executor,
  c: { institutionId: string; serviceId: string | null; startDate: string; endDate: string },
) {
  const conds: SQL[] = [
    eq(appointments.institutionId, c.institutionId),
    eq(appointments.status, 'booked'),
    gte(appointments.day, c.startDate),
    lte(appointments.day, c.endDate),
  ];
  if (c.serviceId) conds.push(eq(appointments.serviceId, c.serviceId));
  const rows = await db
    .select({ id: appointments.id, reference: appointments.reference, startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(...conds))
    .orderBy(asc(appointments.startsAt));
  return rows.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() }));
}

export async function deleteClosure(ctx: Ctx, id: string) {
  const [c] = await ctx.db.select().from(appointmentClosures).where(eq(appointmentClosures.id, id));
  if (!c) throw notFound();
  const place = await placeOf(ctx.db, c.institutionId);
  requireRoleAt(ctx.actor, place, AVAILABILITY_ROLES);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(appointmentClosures).where(eq(appointmentClosures.id, id));
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'appointment_closure.delete',
      entityType: 'appointment_closure',
      entityId: id,
      institutionId: c.institutionId,
      requestId: ctx.requestId,
    });
  });
}

/** Who is on duty when: the weekly rules and rotas turned into dated shifts, closed days left out. */
export async function dutyRota(ctx: Ctx, institutionId: string, from: string, to: string) {
  const place = await placeOf(ctx.db, institutionId);
  if (!isStaffAt(ctx.actor, place)) throw forbidden();
  return rotaOf(ctx.db, institutionId, from, to);
}

async function rotaOf(db: Executor, institutionId: string, from: string, to: string) {
  const [rules, closures, officials] = await Promise.all([
    loadRules(db, institutionId),
    loadClosures(db, institutionId, from, to),
    officialsOf(db, institutionId),
  ]);
  const names = new Map(officials.map((o) => [o.id, o]));
  const shifts = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const r of rules) {
      if (!ruleAppliesOn(r, date)) continue;
      const closed = closures.some(
        (c) =>
          (c.serviceId === null || c.serviceId === r.serviceId) && c.startDate <= date && date <= c.endDate,
      );
      if (closed) continue;
      const o = r.officialId ? names.get(r.officialId) : undefined;
      shifts.push({
        date,
        weekday: weekdayOf(date),
        kind: r.kind,
        start: formatMinutes(r.startMinute),
        end: formatMinutes(r.endMinute),
        startsAt: fromWallClock(date, r.startMinute, MOROCCO_TZ).toISOString(),
        endsAt: fromWallClock(date, r.endMinute, MOROCCO_TZ).toISOString(),
        serviceId: r.serviceId,
        officialId: r.officialId,
        officialAccountId: o?.accountId ?? null,
        officialName: o?.name ?? null,
        ruleId: r.id,
      });
    }
  }
  return {
    from,
    to,
    shifts,
    closures: closures.map(presentClosure),
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* Slots                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

export const MAX_SLOT_RANGE_DAYS = 31;

async function occupancyOf(db: Executor, resources: string[], from: Date, to: Date, excludeId?: string) {
  if (!resources.length) return [];
  const conds: SQL[] = [
    inArray(appointments.resource, resources),
    ne(appointments.status, 'cancelled'),
    lt(appointments.startsAt, to),
    gt(appointments.endsAt, from),
  ];
  if (excludeId) conds.push(ne(appointments.id, excludeId));
  return db
    .select({
      serviceId: appointments.serviceId,
      resource: appointments.resource,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      seat: appointments.seat,
    })
    .from(appointments)
    .where(and(...conds));
}

const resourcesOf = (spec: ServiceSpec) =>
  spec.bookWith === 'window' ? [windowResource(spec.id)] : spec.officialIds.map(officialResource);

async function slotsFor(db: Executor, svc: LoadedService, from: string, to: string, excludeId?: string) {
  const spec = specOf(svc);
  const [rules, closures] = await Promise.all([
    loadRules(db, svc.row.institutionId),
    loadClosures(db, svc.row.institutionId, from, to),
  ]);
  const occupancy = await occupancyOf(
    db,
    resourcesOf(spec),
    new Date(fromWallClock(from, 0, MOROCCO_TZ).getTime() - 6 * HOUR),
    new Date(fromWallClock(addDays(to, 1), 0, MOROCCO_TZ).getTime() + 6 * HOUR),
    excludeId,
  );
  return generateSlots({ service: spec, rules, closures: closures as Closure[], occupancy, from, to });
}

export const presentSlot = (s: Slot, timeZone: string) => ({
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  officialId: s.officialId,
  kind: s.kind,
  capacity: s.capacity,
  seatsLeft: s.free,
  morocco: localView(s.startsAt, MOROCCO_TZ),
  local: localView(s.startsAt, timeZone),
});

/** Free and full slots a citizen may book, shown in Morocco's time and in their own zone. */
export async function listSlots(
  ctx: Ctx,
  serviceId: string,
  q: { from?: string; to?: string; timeZone: string; officialId?: string },
) {
  const now = nowOf(ctx);
  const svc = await loadService(ctx.db, serviceId);
  if (!svc?.row.active) throw new AppError(404, 'error.appointment.service_unknown');
  const from = q.from ?? moroccoToday(now);
  const to = q.to ?? addDays(from, 13);
  if (to < from) throw new ValidationError([{ path: ['to'], key: 'validation.date_range' }], 'querystring');
  if (daysBetween(from, to) >= MAX_SLOT_RANGE_DAYS)
    throw new AppError(422, 'error.appointment.range_too_long', { days: MAX_SLOT_RANGE_DAYS });
  const spec = specOf(svc);
  const slots = (await slotsFor(ctx.db, svc, from, to)).filter(
    (s) => isBookable(spec, s.startsAt, now) && (!q.officialId || s.officialId === q.officialId),
  );
  return {
    service: presentService(svc.row),
    timeZone: q.timeZone,
    from,
    to,
    items: slots.map((s) => presentSlot(s, q.timeZone)),
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* Bookings                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

type AppointmentRow = typeof appointments.$inferSelect;

const officialAccount = alias(accounts, 'official_account');
const citizenAccount = alias(accounts, 'citizen_account');

function bookingQuery(db: Executor) {
  return db
    .select({
      a: appointments,
      svc: {
        code: appointmentServices.code,
        nameAr: appointmentServices.nameAr,
        nameFr: appointmentServices.nameFr,
        nameEn: appointmentServices.nameEn,
        departmentId: appointmentServices.departmentId,
      },
      official: {
        accountId: appointmentOfficials.accountId,
        name: officialAccount.displayName,
        titleAr: appointmentOfficials.titleAr,
        titleFr: appointmentOfficials.titleFr,
        titleEn: appointmentOfficials.titleEn,
      },
      citizen: { name: citizenAccount.displayName, email: citizenAccount.email },
      inst: {
        id: institutions.id,
        parentId: institutions.parentId,
        regionCode: institutions.regionCode,
        provinceCode: institutions.provinceCode,
        code: institutions.code,
        nameAr: institutions.nameAr,
        nameFr: institutions.nameFr,
        nameEn: institutions.nameEn,
        email: institutions.email,
      },
    })
    .from(appointments)
    .innerJoin(appointmentServices, eq(appointmentServices.id, appointments.serviceId))
    .innerJoin(institutions, eq(institutions.id, appointments.institutionId))
    .innerJoin(citizenAccount, eq(citizenAccount.id, appointments.citizenId))
    .leftJoin(appointmentOfficials, eq(appointmentOfficials.id, appointments.officialId))
    .leftJoin(officialAccount, eq(officialAccount.id, appointmentOfficials.accountId));
}
type BookingView = Awaited<ReturnType<typeof bookingQuery>>[number];

const scopeOf = (r: BookingView): BookingScope => ({
  citizenId: r.a.citizenId,
  officialAccountId: r.official?.accountId ?? null,
  serviceDepartmentId: r.svc.departmentId,
});

export function presentAppointment(r: BookingView, viewer: Actor | null) {
  const a = r.a;
  const staff = viewer?.kind === 'staff';
  return {
    id: a.id,
    reference: a.reference,
    institutionId: a.institutionId,
    serviceId: a.serviceId,
    service: { code: r.svc.code, nameAr: r.svc.nameAr, nameFr: r.svc.nameFr, nameEn: r.svc.nameEn },
    officialId: a.officialId,
    official: r.official?.name
      ? {
          name: r.official.name,
          titleAr: r.official.titleAr,
          titleFr: r.official.titleFr,
          titleEn: r.official.titleEn,
        }
      : null,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    day: a.day,
    morocco: localView(a.startsAt, MOROCCO_TZ),
    local: localView(a.startsAt, a.timeZone),
    mode: a.mode,
    videoUrl: a.videoUrl,
    status: a.status,
    caseId: a.caseId,
    language: a.language,
    timeZone: a.timeZone,
    note: a.note,
    channels: a.replyChannels,
    citizen: staff ? { id: a.citizenId, name: r.citizen.name } : null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    cancelledBy: a.cancelledBy,
    cancelReason: a.cancelReason,
  };
}

async function loadBooking(db: Executor, id: string) {
  const [r] = await bookingQuery(db).where(eq(appointments.id, id));
  return r ?? null;
}

/** A booking the actor may read, or 404: one they may not read looks like one that does not exist. */
async function readableBooking(ctx: Ctx, id: string) {
  const r = await loadBooking(ctx.db, id);
  if (!r || !canReadBooking(ctx.actor, r.inst, scopeOf(r))) throw notFound();
  return r;
}

export async function viewAppointment(ctx: Ctx, id: string) {
  const r = await readableBooking(ctx, id);
  if (ctx.actor?.kind === 'staff') {
    // Law 09-08: a staff view of a person's booking is logged, as for cases.
    await recordAudit(ctx.db, {
      actorId: ctx.actor.accountId,
      action: 'appointment.view',
      entityType: 'appointment',
      entityId: r.a.id,
      institutionId: r.a.institutionId,
      requestId: ctx.requestId,
    });
  }
  return presentAppointment(r, ctx.actor);
}

/** The secret part of the reschedule/cancel links: recomputable from the booking, revoked by a new nonce. */
export const manageToken = (secret: string, id: string, nonce: string) =>
  `${id}.${hmac(secret, `appointment-manage:${id}:${nonce}`).slice(0, 40)}`;

function whenText(lang: Lang, instant: Date, timeZone: string) {
  const morocco = formatDateTime(instant, lang, MOROCCO_TZ);
  const sameClock =
    timeZone === MOROCCO_TZ || offsetMinutes(instant, timeZone) === offsetMinutes(instant, MOROCCO_TZ);
  if (sameClock) return t(lang, 'appointment.when_morocco', { morocco });
  const sameDay = wallClock(instant, timeZone).date === wallClock(instant, MOROCCO_TZ).date;
  return t(lang, 'appointment.when_abroad', {
    morocco,
    local: formatDateTime(instant, lang, timeZone, !sameDay),
    zone: timeZone,
  });
}

function howText(lang: Lang, a: AppointmentRow, institution: string) {
  if (a.mode === 'in_person') return t(lang, 'appointment.how.in_person', { institution });
  return a.videoUrl
    ? t(lang, 'appointment.how.video', { url: a.videoUrl })
    : t(lang, 'appointment.how.video_pending');
}

/** The booking's calendar file, in the citizen's language. */
export function bookingIcs(
  r: Pick<BookingView, 'svc' | 'inst' | 'citizen'> & { a: AppointmentRow },
  opts: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; publicUrl?: string; organizerEmail?: string; now: Date },
) {
  const lang = r.a.language;
  const institution = nameIn(lang, r.inst);
  const service = nameIn(lang, r.svc);
  const how = howText(lang, r.a, institution);
  const organizer = r.inst.email ?? opts.organizerEmail;
  return buildIcs({
    uid: `${r.a.id}@jisr`,
    sequence: r.a.icsSequence,
    method: r.a.status === 'cancelled' ? 'CANCEL' : opts.method,
    start: r.a.startsAt,
    end: r.a.endsAt,
    stamp: opts.now,
    summary: t(lang, 'appointment.ics.summary', { service }),
    description: t(lang, 'appointment.ics.description', { reference: r.a.reference, how, institution }),
    location: r.a.mode === 'video' ? (r.a.videoUrl ?? institution) : institution,
    url: opts.publicUrl ? `${opts.publicUrl}/appointments/${r.a.id}` : undefined,
    organizer: organizer ? { name: institution, email: organizer } : undefined,
    attendee: { name: r.citizen.name, email: r.citizen.email },
    alarms: [1440, 60],
  });
}

export type NoticeTemplate = AppointmentNoticeEvent;

/**
 * Tells the citizen about their booking, in the caller's transaction: by e-mail with the calendar file, and
 * by SMS or WhatsApp when they chose them, with the link to change or cancel it.
 */
export async function notifyCitizen(
  tx: Executor,
  ctx: Pick<Ctx, 'secret' | 'publicUrl' | 'organizerEmail'>,
  id: string,
  template: NoticeTemplate,
  now: Date,
  reason?: string,
) {
  const r = (await loadBooking(tx, id))!;
  const lang = r.a.language;
  const institution = nameIn(lang, r.inst);
  const base = ctx.publicUrl ?? '';
  const token = manageToken(ctx.secret, r.a.id, r.a.manageNonce);
  const manage = `${base}/appointments/manage/${encodeURIComponent(token)}`;
  const reminder = template === 'appointment_reminder_day' || template === 'appointment_reminder_hour';
  await notifyAppointment(tx, {
    event: template,
    // a reminder belongs to the time it reminds of; the other messages to the booking's version
    ref: reminder ? `${r.a.id}:${r.a.scheduledAt.toISOString()}` : `${r.a.id}:${r.a.icsSequence}`,
    institutionId: r.a.institutionId,
    caseId: r.a.caseId,
    citizen: { id: r.a.citizenId, name: r.citizen.name, email: r.citizen.email },
    language: lang,
    bookingChannels: r.a.replyChannels,
    chosenAt: r.a.createdAt,
    timeZone: r.a.timeZone,
    // SMS and WhatsApp wait out the night only while they still arrive an hour before the appointment
    sendBy: new Date(r.a.startsAt.getTime() - HOUR),
    params: {
      name: r.citizen.name,
      reference: r.a.reference,
      institution,
      service: nameIn(lang, r.svc),
      when: whenText(lang, r.a.startsAt, r.a.timeZone),
      how: howText(lang, r.a, institution),
      reason: reason ?? '—',
      url: manage,
      rescheduleUrl: `${manage}?action=reschedule`,
      cancelUrl: `${manage}?action=cancel`,
      bookUrl: `${base}/appointments`,
    },
    ics: reminder
      ? null
      : bookingIcs(r, {
          method: 'REQUEST',
          publicUrl: ctx.publicUrl,
          organizerEmail: ctx.organizerEmail,
          now,
        }),
    now,
  });
}

export type BookInput = {
  serviceId: string;
  startsAt: Date;
  officialId?: string | null;
  mode: AppointmentMode;
  caseId?: string | null;
  timeZone: string;
  language: Language;
  note?: string | null;
  /** Channels chosen for this booking's messages, besides e-mail; null: the citizen's preferences. */
  channels?: BookingChannel[] | null;
};
export type BookingChannel = 'email' | 'sms' | 'whatsapp';

const outsideWindow = (spec: ServiceSpec) =>
  new AppError(422, 'error.appointment.outside_window', {
    hours: Math.round((spec.minNoticeMinutes / 60) * 10) / 10,
    days: spec.horizonDays,
  });

/** An open case of the citizen's, at the institution (or its parent agency). */
async function checkCase(ctx: Ctx, caseId: string, place: Place) {
  try {
    const { c, scope } = await getReadableCase(ctx, caseId);
    const sameBody = c.institutionId === place.id || c.institutionId === place.parentId;
    const live = !terminalStates.includes(c.state) && !c.anonymisedAt;
    if (isOwnCase(ctx.actor, scope) && sameBody && live) return;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  throw new AppError(422, 'error.appointment.case_invalid');
}

/** A citizen cannot be in two places at once, nor hoard the slots of an institution. */
async function checkCitizenLimits(
  db: Executor,
  citizenId: string,
  institutionId: string,
  interval: { startsAt: Date; endsAt: Date },
  now: Date,
  excludeId?: string,
) {
  const upcoming = await db
    .select({
      id: appointments.id,
      institutionId: appointments.institutionId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.citizenId, citizenId),
        eq(appointments.status, 'booked'),
        gt(appointments.endsAt, now),
      ),
    );
  const others = upcoming.filter((u) => u.id !== excludeId);
  if (others.some((u) => u.startsAt < interval.endsAt && interval.startsAt < u.endsAt))
    throw new AppError(409, 'error.appointment.overlap');
  if (
    !excludeId &&
    others.filter((u) => u.institutionId === institutionId).length >= MAX_UPCOMING_PER_CITIZEN
  )
    throw new AppError(409, 'error.appointment.too_many', { max: MAX_UPCOMING_PER_CITIZEN });
}

/** The slots at exactly `startsAt` (one per official for official services), the freest first. */
async function candidates(
  db: Executor,
  svc: LoadedService,
  startsAt: Date,
  officialId: string | null | undefined,
  excludeId?: string,
  preferOfficialId?: string | null,
) {
  const date = wallClock(startsAt, MOROCCO_TZ).date;
  const slots = (await slotsFor(db, svc, date, date, excludeId)).filter(
    (s) =>
      s.startsAt.getTime() === startsAt.getTime() &&
      (svc.row.bookWith === 'window' || !officialId || s.officialId === officialId),
  );
  if (!slots.length) throw new AppError(422, 'error.appointment.slot_unavailable');
  return slots.sort(
    (a, b) =>
      Number(b.officialId === preferOfficialId) - Number(a.officialId === preferOfficialId) ||
      b.free - a.free,
  );
}

/**
 * Takes a seat in `slot`, inside the caller's transaction. The resource's row (the service for a window,
 * the official otherwise) is locked (FOR NO KEY UPDATE: bookings of one resource queue up here, while rows
 * that merely refer to it are not held up); the seat is then chosen from the bookings committed before. The unique index on (resource, starts_at, seat) backs
 * this up: even a path that forgot the lock could not seat two people in one place.
 */
async function claimSeat(tx: Executor, slot: Slot, excludeId?: string): Promise<number> {
  if (slot.resource.startsWith('service:'))
    await tx
      .select({ id: appointmentServices.id })
      .from(appointmentServices)
      .where(eq(appointmentServices.id, slot.serviceId))
      .for('no key update');
  else
    await tx
      .select({ id: appointmentOfficials.id })
      .from(appointmentOfficials)
      .where(eq(appointmentOfficials.id, slot.officialId!))
      .for('no key update');
  const occupancy = await occupancyOf(tx, [slot.resource], slot.startsAt, slot.endsAt, excludeId);
  const seat = seatFor(slot, occupancy);
  if (seat === null) throw new SlotTaken();
  return seat;
}

/** Tries each candidate slot in its own transaction until one has a seat; 409 when all are taken. */
async function withSeat<T>(
  db: Db,
  slots: Slot[],
  excludeId: string | undefined,
  write: (tx: Executor, slot: Slot, seat: number) => Promise<T>,
): Promise<T> {
  for (const slot of slots) {
    try {
      return await db.transaction(async (tx) => {
        const seat = await claimSeat(tx, slot, excludeId);
        try {
          return await write(tx, slot, seat);
        } catch (err) {
          if (isUniqueViolation(err)) throw new SlotTaken();
          throw err;
        }
      });
    } catch (err) {
      if (err instanceof SlotTaken || isUniqueViolation(err)) continue;
      throw err;
    }
  }
  throw new AppError(409, 'error.appointment.slot_taken');
}

const referenceOf = (institutionCode: string, year: string, n: number) =>
  `${institutionCode}-RDV-${year}-${String(n).padStart(5, '0')}`;

/** Books a slot for the signed-in citizen (routes check the role and the confirmed e-mail). */
export async function bookAppointment(ctx: Ctx, input: BookInput) {
  const actor = ctx.actor!;
  const now = nowOf(ctx);
  const svc = await loadService(ctx.db, input.serviceId);
  if (!svc?.row.active) throw new AppError(422, 'error.appointment.service_unknown');
  const spec = specOf(svc);
  const place = await placeOf(ctx.db, svc.row.institutionId);
  if (!svc.row.modes.includes(input.mode)) throw new AppError(422, 'error.appointment.mode_unavailable');
  if (input.officialId && (spec.bookWith !== 'official' || !spec.officialIds.includes(input.officialId)))
    throw new AppError(422, 'error.appointment.official_unknown');
  if (input.caseId) await checkCase(ctx, input.caseId, place);
  if (
    input.channels?.some((c) => c !== 'email') &&
    !(await getCitizenProfile(ctx.db, actor.accountId))?.phone
  )
    throw new ValidationError([{ path: ['channels'], key: 'error.appointment.phone_required' }]);
  if (!isBookable(spec, input.startsAt, now)) throw outsideWindow(spec);
  const endsAt = new Date(input.startsAt.getTime() + spec.slotMinutes * 60_000);
  await checkCitizenLimits(ctx.db, actor.accountId, place.id, { startsAt: input.startsAt, endsAt }, now);
  const slots = await candidates(ctx.db, svc, input.startsAt, input.officialId);

  const id = await withSeat(ctx.db, slots, undefined, async (tx, slot, seat) => {
    const day = wallClock(slot.startsAt, MOROCCO_TZ).date;
    const reference = referenceOf(
      place.code,
      day.slice(0, 4),
      await nextCounter(tx, place.id, 'booking', day.slice(0, 4)),
    );
    const videoUrl =
      input.mode === 'video' && svc.row.videoRoomBase
        ? `${svc.row.videoRoomBase.replace(/\/+$/, '')}/${reference.toLowerCase()}-${randomBytes(6).toString('hex')}`
        : null;
    const [row] = await tx
      .insert(appointments)
      .values({
        reference,
        institutionId: place.id,
        serviceId: svc.row.id,
        officialId: slot.officialId,
        resource: slot.resource,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        day,
        seat,
        mode: input.mode,
        citizenId: actor.accountId,
        caseId: input.caseId ?? null,
        language: input.language,
        timeZone: input.timeZone,
        note: input.note ?? null,
        replyChannels: input.channels ? [...new Set(input.channels)] : null,
        videoUrl,
        manageNonce: randomBytes(12).toString('base64url'),
        scheduledAt: now,
        createdBy: actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new SlotTaken();
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'appointment.book',
      entityType: 'appointment',
      entityId: row.id,
      institutionId: place.id,
      requestId: ctx.requestId,
      data: {
        reference,
        serviceId: svc.row.id,
        officialId: slot.officialId,
        startsAt: slot.startsAt.toISOString(),
        seat,
        mode: input.mode,
        caseId: input.caseId ?? null,
      },
    });
    await notifyCitizen(tx, ctx, row.id, 'appointment_booked', now);
    return row.id;
  });
  return presentAppointment((await loadBooking(ctx.db, id))!, actor);
}

export type MoveInput = {
  startsAt: Date;
  officialId?: string | null;
  version?: number;
  reason?: string | null;
};

/** Moves a booking to another slot of its service: by its citizen (reschedule) or by staff (move, with notice). */
async function moveBooking(ctx: Ctx, r: BookingView, input: MoveInput, side: 'citizen' | 'staff') {
  const now = nowOf(ctx);
  const a = r.a;
  if (a.status !== 'booked')
    throw new AppError(409, 'error.appointment.not_changeable', { status: a.status }, { status: a.status });
  if (input.version !== undefined && input.version !== a.version)
    throw new AppError(409, 'error.appointment.version', {}, { currentVersion: a.version });
  const svc = (await loadService(ctx.db, a.serviceId))!;
  const spec = specOf(svc);
  if (input.officialId && (spec.bookWith !== 'official' || !spec.officialIds.includes(input.officialId)))
    throw new AppError(422, 'error.appointment.official_unknown');
  if (side === 'citizen' && !isBookable(spec, input.startsAt, now)) throw outsideWindow(spec);
  if (input.startsAt.getTime() <= now.getTime()) throw new AppError(422, 'error.appointment.past');
  const endsAt = new Date(input.startsAt.getTime() + spec.slotMinutes * 60_000);
  await checkCitizenLimits(
    ctx.db,
    a.citizenId,
    a.institutionId,
    { startsAt: input.startsAt, endsAt },
    now,
    a.id,
  );
  const slots = await candidates(ctx.db, svc, input.startsAt, input.officialId, a.id, a.officialId);

  await withSeat(ctx.db, slots, a.id, async (tx, slot, seat) => {
    const [row] = await tx
      .update(appointments)
      .set({
        officialId: slot.officialId,
        resource: slot.resource,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        day: wallClock(slot.startsAt, MOROCCO_TZ).date,
        seat,
        scheduledAt: now,
        reminderDayAt: null,
        reminderHourAt: null,
        icsSequence: sql`${appointments.icsSequence} + 1`,
        version: sql`${appointments.version} + 1`,
        updatedAt: now,
      })
      .where(
        and(
          eq(appointments.id, a.id),
          eq(appointments.version, a.version),
          eq(appointments.status, 'booked'),
        ),
      )
      .returning();
    if (!row) throw new AppError(409, 'error.appointment.version', {}, { currentVersion: a.version });
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: side === 'citizen' ? 'appointment.reschedule' : 'appointment.move',
      entityType: 'appointment',
      entityId: a.id,
      institutionId: a.institutionId,
      requestId: ctx.requestId,
      data: {
        from: a.startsAt.toISOString(),
        to: slot.startsAt.toISOString(),
        fromOfficialId: a.officialId,
        toOfficialId: slot.officialId,
        seat,
        version: row.version,
      },
    });
    const reason =
      side === 'citizen' ? t(a.language, 'appointment.reason.citizen') : (input.reason ?? undefined);
    await notifyCitizen(tx, ctx, a.id, 'appointment_moved', now, reason);
  });
  return presentAppointment((await loadBooking(ctx.db, a.id))!, ctx.actor);
}

async function cancelBooking(ctx: Ctx, r: BookingView, side: 'citizen' | 'staff', reason?: string | null) {
  const now = nowOf(ctx);
  const a = r.a;
  if (a.status !== 'booked')
    throw new AppError(409, 'error.appointment.not_changeable', { status: a.status }, { status: a.status });
  if (side === 'citizen' && a.startsAt.getTime() <= now.getTime())
    throw new AppError(409, 'error.appointment.past');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(appointments)
      .set({
        status: 'cancelled',
        cancelledAt: now,
        cancelledBy: side,
        cancelReason: reason ?? null,
        icsSequence: sql`${appointments.icsSequence} + 1`,
        version: sql`${appointments.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(appointments.id, a.id), eq(appointments.status, 'booked')))
      .returning();
    if (!row) throw new AppError(409, 'error.appointment.version', {}, { currentVersion: a.version });
    await recordAudit(tx, {
      actorId: ctx.actor?.accountId ?? null,
      action: 'appointment.cancel',
      entityType: 'appointment',
      entityId: a.id,
      institutionId: a.institutionId,
      requestId: ctx.requestId,
      data: { by: side, startsAt: a.startsAt.toISOString() },
    });
    await notifyCitizen(
      tx,
      ctx,
      a.id,
      'appointment_cancelled',
      now,
      side === 'citizen' ? t(a.language, 'appointment.reason.citizen') : (reason ?? undefined),
    );
  });
  return presentAppointment((await loadBooking(ctx.db, a.id))!, ctx.actor);
}

/** Cancel: the citizen their own booking; staff who may move it, with a reason. */
export async function cancelAppointment(ctx: Ctx, id: string, reason?: string | null) {
  const r = await readableBooking(ctx, id);
  if (ctx.actor?.kind === 'citizen') return cancelBooking(ctx, r, 'citizen', reason);
  if (!canMoveBooking(ctx.actor, r.inst, scopeOf(r))) throw forbidden();
  if (!reason) throw new ValidationError([{ path: ['reason'], key: 'validation.required' }]);
  return cancelBooking(ctx, r, 'staff', reason);
}

/** The citizen chooses another time for their own booking. */
export async function rescheduleAppointment(ctx: Ctx, id: string, input: MoveInput) {
  const r = await readableBooking(ctx, id);
  if (ctx.actor?.kind !== 'citizen') throw forbidden();
  return moveBooking(ctx, r, input, 'citizen');
}

/** Staff move a booking (the citizen gets the new time, the reason and a new calendar file). */
export async function moveAppointment(ctx: Ctx, id: string, input: MoveInput & { reason: string }) {
  const r = await readableBooking(ctx, id);
  if (!canMoveBooking(ctx.actor, r.inst, scopeOf(r))) throw forbidden();
  return moveBooking(ctx, r, input, 'staff');
}

/** The booking behind a link from an e-mail, or 404. */
async function bookingByToken(ctx: Ctx, token: string) {
  const id = token.split('.')[0] ?? '';
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError(404, 'error.appointment.link_invalid');
  const r = await loadBooking(ctx.db, id);
  if (!r || !safeEqual(manageToken(ctx.secret, id, r.a.manageNonce), token))
    throw new AppError(404, 'error.appointment.link_invalid');
  return r;
}

export async function viewByToken(ctx: Ctx, token: string) {
  return presentAppointment(await bookingByToken(ctx, token), null);
}

export async function cancelByToken(ctx: Ctx, token: string) {
  return cancelBooking({ ...ctx, actor: null }, await bookingByToken(ctx, token), 'citizen');
}

export async function rescheduleByToken(ctx: Ctx, token: string, input: MoveInput) {
  return moveBooking({ ...ctx, actor: null }, await bookingByToken(ctx, token), input, 'citizen');
}

/** Staff record that a booked visitor did not come (after the time has passed). */
export async function markNoShow(ctx: Ctx, id: string) {
  const now = nowOf(ctx);
  const r = await readableBooking(ctx, id);
  if (!canMoveBooking(ctx.actor, r.inst, scopeOf(r))) throw forbidden();
  if (r.a.status !== 'booked')
    throw new AppError(
      409,
      'error.appointment.not_changeable',
      { status: r.a.status },
      { status: r.a.status },
    );
  if (r.a.startsAt.getTime() > now.getTime()) throw new AppError(409, 'error.appointment.not_started');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(appointments)
      .set({ status: 'no_show', version: sql`${appointments.version} + 1`, updatedAt: now })
      .where(and(eq(appointments.id, id), eq(appointments.status, 'booked')))
      .returning();
    if (!row) throw new AppError(409, 'error.appointment.version', {}, { currentVersion: r.a.version });
    await recordAudit(tx, {
      actorId: ctx.actor!.accountId,
      action: 'appointment.no_show',
      entityType: 'appointment',
      entityId: id,
      institutionId: r.a.institutionId,
      requestId: ctx.requestId,
    });
  });
  return presentAppointment((await loadBooking(ctx.db, id))!, ctx.actor);
}

export async function appointmentIcs(ctx: Ctx, id: string) {
  const r = await readableBooking(ctx, id);
  if (ctx.actor?.kind === 'staff')
    await recordAudit(ctx.db, {
      actorId: ctx.actor.accountId,
      action: 'appointment.view',
      entityType: 'appointment',
      entityId: r.a.id,
      institutionId: r.a.institutionId,
      requestId: ctx.requestId,
      data: { as: 'ics' },
    });
  return {
    reference: r.a.reference,
    ics: bookingIcs(r, {
      method: 'PUBLISH',
      publicUrl: ctx.publicUrl,
      organizerEmail: ctx.organizerEmail,
      now: nowOf(ctx),
    }),
  };
}

/** The citizen's own bookings, upcoming first (then the past ones, newest first). */
export async function listMyAppointments(ctx: Ctx, when: 'upcoming' | 'past' | 'all') {
  const actor = ctx.actor!;
  const now = nowOf(ctx);
  const conds: SQL[] = [eq(appointments.citizenId, actor.accountId)];
  if (when === 'upcoming') conds.push(gt(appointments.endsAt, now));
  if (when === 'past') conds.push(lte(appointments.endsAt, now));
  const rows = await bookingQuery(ctx.db)
    .where(and(...conds))
    .orderBy(when === 'past' ? sql`${appointments.startsAt} desc` : asc(appointments.startsAt))
    .limit(200);
  return { items: rows.map((r) => presentAppointment(r, actor)) };
}

/**
 * The staff calendar of a day or a week (Monday to Sunday): the bookings the actor may see (their own as an
 * official; the whole service for supervisors and the desk) and the duty shifts of the period.
 */
export async function staffCalendar(
  ctx: Ctx,
  q: { institutionId: string; date: string; view: 'day' | 'week'; serviceId?: string; officialId?: string },
) {
  const actor = ctx.actor!;
  const place = await placeOf(ctx.db, q.institutionId);
  if (!isStaffAt(actor, place)) throw forbidden();
  const from = q.view === 'day' ? q.date : addDays(q.date, 1 - weekdayOf(q.date));
  const to = q.view === 'day' ? q.date : addDays(from, 6);
  const conds: SQL[] = [
    eq(appointments.institutionId, q.institutionId),
    gte(appointments.day, from),
    lte(appointments.day, to),
  ];
  if (q.serviceId) conds.push(eq(appointments.serviceId, q.serviceId));
  if (q.officialId) conds.push(eq(appointments.officialId, q.officialId));
  const rows = (
    await bookingQuery(ctx.db)
      .where(and(...conds))
      .orderBy(asc(appointments.startsAt), asc(appointments.seat))
  ).filter((r) => canReadBooking(actor, place, scopeOf(r)));
  const rota = await rotaOf(ctx.db, q.institutionId, from, to);
  const wholeService = hasRoleAt(actor, place, CALENDAR_ROLES);
  return {
    institutionId: q.institutionId,
    view: q.view,
    from,
    to,
    scope: wholeService ? ('institution' as const) : ('own' as const),
    items: rows.map((r) => presentAppointment(r, actor)),
    shifts: wholeService ? rota.shifts : rota.shifts.filter((s) => s.officialAccountId === actor.accountId),
    closures: rota.closures,
  };
}

/** Bookings, no-shows and the wait at the desk, per service and per day. */
export async function appointmentFigures(ctx: Ctx, q: { institutionId: string; from: string; to: string }) {
  const place = await placeOf(ctx.db, q.institutionId);
  if (!canReadFigures(ctx.actor, place)) throw forbidden();
  if (q.to < q.from)
    throw new ValidationError([{ path: ['to'], key: 'validation.date_range' }], 'querystring');
  if (daysBetween(q.from, q.to) > 366)
    throw new AppError(422, 'error.appointment.range_too_long', { days: 366 });
  const bookings = await ctx.db
    .select({ serviceId: appointments.serviceId, day: appointments.day, status: appointments.status })
    .from(appointments)
    .where(
      and(
        eq(appointments.institutionId, q.institutionId),
        gte(appointments.day, q.from),
        lte(appointments.day, q.to),
      ),
    );
  const tickets = await ctx.db
    .select({
      serviceId: queueTickets.serviceId,
      day: queueTickets.day,
      kind: queueTickets.kind,
      checkedInAt: queueTickets.checkedInAt,
      calledAt: queueTickets.calledAt,
      status: queueTickets.status,
    })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.institutionId, q.institutionId),
        gte(queueTickets.day, q.from),
        lte(queueTickets.day, q.to),
      ),
    );
  const services = await ctx.db
    .select({
      id: appointmentServices.id,
      code: appointmentServices.code,
      nameAr: appointmentServices.nameAr,
      nameFr: appointmentServices.nameFr,
      nameEn: appointmentServices.nameEn,
    })
    .from(appointmentServices)
    .where(eq(appointmentServices.institutionId, q.institutionId));
  return {
    institutionId: q.institutionId,
    from: q.from,
    to: q.to,
    services,
    ...computeFigures(bookings, tickets),
  };
}
