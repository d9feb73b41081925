/**
 * What every part of appointments shares: the request's context (database, actor, clock, links), Morocco's
 * date today, names in the reader's language, per-institution counters and the place a change happens at.
 */

import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { addressOf, nowOf, type ServiceContext } from '../../server/service-context.js';
import type { Actor } from '../accounts/actor.js';
import { getInstitution } from '../institutions/service.js';
import { hasRoleAt, type Place } from './policy.js';
import { appointmentCounters } from './schema.js';
import { MOROCCO_TZ, wallClock } from './tz.js';

/** A service call's context (see server/service-context.ts). */
export type Ctx = ServiceContext;
export { addressOf, nowOf };
export const HOUR = 3_600_000;
/** Today's date in Morocco. */
export const moroccoToday = (now: Date) => wallClock(now, MOROCCO_TZ).date;

export { type Names, nameIn } from '../../i18n/names.js';

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
