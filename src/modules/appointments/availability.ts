/**
 * Changing and removing what the institution offers: weekly rules, closures, services and officials.
 * Creating them and listing them is in `services.ts` and `opening-hours.ts`; this is the rest of the admin's
 * setup page.
 * Every change is one transaction with its audit row.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notFound, ValidationError } from '../../server/errors.js';
import { audit } from '../../server/service-context.js';
import { type Ctx, placeOf, requireRoleAt } from './context.js';
import {
  bookingsHitBy,
  type ClosureInput,
  presentClosure,
  presentRule,
  type RuleInput,
  removeSetupRow,
} from './opening-hours.js';
import { AVAILABILITY_ROLES, SERVICE_ADMIN_ROLES } from './policy.js';
import {
  appointmentClosures,
  appointmentOfficials,
  appointmentServiceOfficials,
  appointmentServices,
  availabilityRules,
} from './schema.js';
import { checkOfficials, checkServices } from './services.js';

/** Changes a weekly rule; the times are checked against the rule as it will be. */
export async function updateRule(ctx: Ctx, id: string, patch: Partial<RuleInput>) {
  const [r] = await ctx.db.select().from(availabilityRules).where(eq(availabilityRules.id, id));
  if (!r) throw notFound();
  const place = await placeOf(ctx.db, r.institutionId);
  requireRoleAt(ctx.actor, place, AVAILABILITY_ROLES);
  const start = patch.startMinute ?? r.startMinute;
  const end = patch.endMinute ?? r.endMinute;
  if (start >= end) throw new ValidationError([{ path: ['end'], key: 'validation.time_range' }]);
  if (patch.serviceId) await checkServices(ctx.db, r.institutionId, [patch.serviceId]);
  if (patch.officialId) await checkOfficials(ctx.db, r.institutionId, [patch.officialId]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(availabilityRules)
      .set(patch)
      .where(eq(availabilityRules.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'availability_rule.update',
      entityType: 'availability_rule',
      entityId: id,
      institutionId: r.institutionId,
      data: { before: presentRule(r), after: presentRule(row!) },
    });
    return presentRule(row!);
  });
}

/** Changes a closure; answers, as when adding one, with the bookings its days now fall on. */
export async function updateClosure(ctx: Ctx, id: string, patch: Partial<ClosureInput>) {
  const [c] = await ctx.db.select().from(appointmentClosures).where(eq(appointmentClosures.id, id));
  if (!c) throw notFound();
  const place = await placeOf(ctx.db, c.institutionId);
  requireRoleAt(ctx.actor, place, AVAILABILITY_ROLES);
  if ((patch.startDate ?? c.startDate) > (patch.endDate ?? c.endDate))
    throw new ValidationError([{ path: ['endDate'], key: 'validation.date_range' }]);
  if (patch.serviceId) await checkServices(ctx.db, c.institutionId, [patch.serviceId]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(appointmentClosures)
      .set(patch)
      .where(eq(appointmentClosures.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'appointment_closure.update',
      entityType: 'appointment_closure',
      entityId: id,
      institutionId: c.institutionId,
      data: { fields: Object.keys(patch), startDate: row!.startDate, endDate: row!.endDate },
    });
    return { ...presentClosure(row!), affectedBookings: await bookingsHitBy(tx, row!) };
  });
}

/**
 * Removes a service nobody ever booked (its rules, closures and officials' links go with it). A service
 * with bookings, tickets or open-day registrations is kept for their history: 409, deactivate it instead.
 */
export async function deleteService(ctx: Ctx, id: string) {
  const [s] = await ctx.db.select().from(appointmentServices).where(eq(appointmentServices.id, id));
  await removeSetupRow(ctx, s, {
    roles: SERVICE_ADMIN_ROLES,
    entityType: 'appointment_service',
    entityId: id,
    data: s && { code: s.code },
    remove: (tx) => tx.delete(appointmentServices).where(eq(appointmentServices.id, id)),
    inUse: 'appointment-service-in-use',
  });
}

export type OfficialPatch = {
  titleAr?: string;
  titleFr?: string;
  titleEn?: string;
  serviceIds?: string[];
  active?: boolean;
};

/** Changes an official's titles, services, or whether citizens can book them. */
export async function updateOfficial(ctx: Ctx, id: string, patch: OfficialPatch) {
  const [o] = await ctx.db.select().from(appointmentOfficials).where(eq(appointmentOfficials.id, id));
  if (!o) throw notFound();
  const place = await placeOf(ctx.db, o.institutionId);
  requireRoleAt(ctx.actor, place, SERVICE_ADMIN_ROLES);
  const { serviceIds, ...values } = patch;
  if (serviceIds) await checkServices(ctx.db, o.institutionId, serviceIds);
  return ctx.db.transaction(async (tx) => {
    const [row] = Object.keys(values).length
      ? await tx.update(appointmentOfficials).set(values).where(eq(appointmentOfficials.id, id)).returning()
      : [o];
    if (serviceIds) await linkServices(tx, id, serviceIds);
    const action =
      patch.active === undefined || Object.keys(patch).length > 1
        ? 'appointment_official.update'
        : patch.active
          ? 'appointment_official.activate'
          : 'appointment_official.deactivate';
    await audit(tx, ctx, {
      action,
      entityType: 'appointment_official',
      entityId: id,
      institutionId: o.institutionId,
      data: { fields: Object.keys(patch), serviceIds: serviceIds ?? null },
    });
    return row!;
  });
}

async function linkServices(tx: Executor, officialId: string, serviceIds: string[]) {
  await tx.delete(appointmentServiceOfficials).where(eq(appointmentServiceOfficials.officialId, officialId));
  if (serviceIds.length)
    await tx
      .insert(appointmentServiceOfficials)
      .values([...new Set(serviceIds)].map((serviceId) => ({ serviceId, officialId })));
}

/**
 * Removes an official nobody ever booked; their duty turns go with them. One with bookings is kept for
 * their history: 409, deactivate them instead.
 */
export async function deleteOfficial(ctx: Ctx, id: string) {
  const [o] = await ctx.db.select().from(appointmentOfficials).where(eq(appointmentOfficials.id, id));
  await removeSetupRow(ctx, o, {
    roles: SERVICE_ADMIN_ROLES,
    entityType: 'appointment_official',
    entityId: id,
    data: o && { accountId: o.accountId },
    remove: (tx) => tx.delete(appointmentOfficials).where(eq(appointmentOfficials.id, id)),
    inUse: 'appointment-official-in-use',
  });
}
