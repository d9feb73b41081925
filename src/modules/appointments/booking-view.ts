/**
 * Reading bookings: a booking with its service, official, citizen and institution; what each viewer is
 * shown; one booking, the citizen's own, and the staff calendar of a day or a week.
 */

import { and, asc, eq, gt, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { audit } from '../../server/service-context.js';
import type { Actor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { institutions } from '../institutions/schema.js';
import { liveMandateIdsFor, liveMandateOf } from '../mandates/grant.js';
import { grantAllows, type MandateGrant } from '../mandates/rules.js';
import { type Ctx, nowOf, placeOf } from './context.js';
import { rotaOf } from './opening-hours.js';
import { type BookingScope, CALENDAR_ROLES, canReadBooking, hasRoleAt, isStaffAt } from './policy.js';
import { appointmentOfficials, appointmentServices, appointments } from './schema.js';
import { addDays, localView, MOROCCO_TZ, weekdayOf } from './tz.js';

export type AppointmentRow = typeof appointments.$inferSelect;

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
export type BookingView = Awaited<ReturnType<typeof bookingQuery>>[number];

export const scopeOf = (r: BookingView): BookingScope => ({
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
    // a name means the official's row was joined: its titles (never null in their table) are there too
    official: r.official?.name
      ? {
          name: r.official.name,
          titleAr: r.official.titleAr!,
          titleFr: r.official.titleFr!,
          titleEn: r.official.titleEn!,
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
    mandateId: a.mandateId,
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

export async function loadBooking(db: Executor, id: string) {
  const [r] = await bookingQuery(db).where(eq(appointments.id, id));
  return r ?? null;
}

/**
 * The mandate under which the signed-in relative reaches a booking they made for the person, read afresh:
 * null once it is revoked, expired or no longer allows appointments (the booking then looks like a stranger's).
 */
async function relativeMandate(ctx: Ctx, r: BookingView): Promise<MandateGrant | null> {
  const actor = ctx.actor;
  if (actor?.kind !== 'citizen' || !r.a.mandateId || r.a.citizenId === actor.accountId) return null;
  const g = await liveMandateOf(ctx.db, r.a.mandateId, actor.accountId, nowOf(ctx));
  return grantAllows(g, 'appointment') ? g : null;
}

/** A booking the actor may read, or 404: one they may not read looks like one that does not exist. */
export async function readableBooking(ctx: Ctx, id: string) {
  const r = await loadBooking(ctx.db, id);
  if (!r) throw notFound();
  const mandate = await relativeMandate(ctx, r);
  const scope = { ...scopeOf(r), mandatedRelativeId: mandate ? ctx.actor!.accountId : null };
  if (!canReadBooking(ctx.actor, r.inst, scope)) throw notFound();
  return Object.assign(r, { mandate });
}

/** Law 09-08: a staff read of a person's booking (the page, its calendar file) is logged, as for cases. */
export async function recordBookingRead(ctx: Ctx, r: BookingView, data?: Record<string, unknown>) {
  if (ctx.actor?.kind !== 'staff') return;
  await audit(ctx.db, ctx, {
    action: 'appointment.view',
    entityType: 'appointment',
    entityId: r.a.id,
    institutionId: r.a.institutionId,
    data,
  });
}

export async function viewAppointment(ctx: Ctx, id: string) {
  const r = await readableBooking(ctx, id);
  await recordBookingRead(ctx, r);
  return presentAppointment(r, ctx.actor);
}

/**
 * The citizen's own bookings, and those they made for a person under a mandate that still allows it;
 * upcoming first (then the past ones, newest first).
 */
export async function listMyAppointments(ctx: Ctx, when: 'upcoming' | 'past' | 'all') {
  const actor = ctx.actor!;
  const now = nowOf(ctx);
  const mandateIds = await liveMandateIdsFor(ctx.db, actor.accountId, 'appointment', now);
  const mine = eq(appointments.citizenId, actor.accountId);
  const conds: SQL[] = [
    mandateIds.length ? (or(mine, inArray(appointments.mandateId, mandateIds)) as SQL) : mine,
  ];
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
