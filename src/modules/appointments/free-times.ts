/**
 * The slots of a service as they stand: its rules and closures turned into slots (`slots.ts`), less the
 * seats already taken; what a citizen may book, in Morocco's time and in their own zone.
 */

import { and, gt, inArray, lt, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ValidationError } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { type Ctx, HOUR, moroccoToday, nowOf } from './context.js';
import { loadClosures, loadRules } from './opening-hours.js';
import { appointments } from './schema.js';
import { type LoadedService, loadService, presentService, specOf } from './services.js';
import {
  type Closure,
  generateSlots,
  isBookable,
  officialResource,
  type ServiceSpec,
  type Slot,
  windowResource,
} from './slots.js';
import { addDays, daysBetween, fromWallClock, localView, MOROCCO_TZ } from './tz.js';

export const MAX_SLOT_RANGE_DAYS = 31;

export async function occupancyOf(
  db: Executor,
  resources: string[],
  from: Date,
  to: Date,
  excludeId?: string,
) {
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

export async function slotsFor(
  db: Executor,
  svc: LoadedService,
  from: string,
  to: string,
  excludeId?: string,
) {
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
  if (!svc?.row.active) throw fail('appointment-service-not-found');
  const from = q.from ?? moroccoToday(now);
  const to = q.to ?? addDays(from, 13);
  if (to < from) throw new ValidationError([{ path: ['to'], key: 'validation.date_range' }], 'querystring');
  if (daysBetween(from, to) >= MAX_SLOT_RANGE_DAYS)
    throw fail('appointment-range-too-long', { days: MAX_SLOT_RANGE_DAYS, count: MAX_SLOT_RANGE_DAYS });
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
