/**
 * When an institution receives: weekly rules and rotas, holidays and closures, and the duty rota they make
 * (changing a rule or a closure is in `availability.ts`). Every change is one transaction with its audit row.
 */

import { and, asc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail, type ProblemCode } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { type Ctx, placeOf, requireRoleAt } from './context.js';
import { AVAILABILITY_ROLES, isStaffAt } from './policy.js';
import { appointmentClosures, appointments, availabilityRules } from './schema.js';
import { checkOfficials, checkServices, officialsOf } from './services.js';
import { type Rule, type RuleKind, ruleAppliesOn } from './slots.js';
import { addDays, formatMinutes, fromWallClock, MOROCCO_TZ, weekdayOf } from './tz.js';

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
    await audit(tx, ctx, {
      action: 'availability_rule.create',
      entityType: 'availability_rule',
      entityId: row!.id,
      institutionId,
      data: presentRule(row!),
    });
    return presentRule(row!);
  });
}

/** A row still referred to by bookings, tickets or registrations (either driver, maybe wrapped). */
function isForeignKeyViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) if (e.code === '23503') return true;
  return false;
}

/**
 * Removes a row of a body's appointments setup (a rule, a closure, a service, an official), as someone with
 * `roles` there may, with its `<entityType>.delete` audit row: 404 for a row that does not exist, and the
 * refusal `inUse` while other rows still refer to it.
 */
export async function removeSetupRow(
  ctx: Ctx,
  row: { institutionId: string } | undefined,
  opts: {
    roles: Parameters<typeof requireRoleAt>[2];
    entityType: string;
    entityId: string;
    data?: Record<string, unknown>;
    remove: (tx: Executor) => Promise<unknown>;
    inUse?: ProblemCode;
  },
) {
  if (!row) throw notFound();
  const place = await placeOf(ctx.db, row.institutionId);
  requireRoleAt(ctx.actor, place, opts.roles);
  try {
    await ctx.db.transaction(async (tx) => {
      await opts.remove(tx);
      await audit(tx, ctx, {
        action: `${opts.entityType}.delete`,
        entityType: opts.entityType,
        entityId: opts.entityId,
        institutionId: row.institutionId,
        data: opts.data,
      });
    });
  } catch (err) {
    if (opts.inUse && isForeignKeyViolation(err)) throw fail(opts.inUse);
    throw err;
  }
}

export async function deleteRule(ctx: Ctx, id: string) {
  const [r] = await ctx.db.select().from(availabilityRules).where(eq(availabilityRules.id, id));
  await removeSetupRow(ctx, r, {
    roles: AVAILABILITY_ROLES,
    entityType: 'availability_rule',
    entityId: id,
    data: r && presentRule(r),
    remove: (tx) => tx.delete(availabilityRules).where(eq(availabilityRules.id, id)),
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
    await audit(tx, ctx, {
      action: 'appointment_closure.create',
      entityType: 'appointment_closure',
      entityId: row!.id,
      institutionId,
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
  await removeSetupRow(ctx, c, {
    roles: AVAILABILITY_ROLES,
    entityType: 'appointment_closure',
    entityId: id,
    remove: (tx) => tx.delete(appointmentClosures).where(eq(appointmentClosures.id, id)),
  });
}

/** Who is on duty when: the weekly rules and rotas turned into dated shifts, closed days left out. */
export async function dutyRota(ctx: Ctx, institutionId: string, from: string, to: string) {
  const place = await placeOf(ctx.db, institutionId);
  if (!isStaffAt(ctx.actor, place)) throw forbidden();
  return rotaOf(ctx.db, institutionId, from, to);
}

export async function rotaOf(db: Executor, institutionId: string, from: string, to: string) {
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
