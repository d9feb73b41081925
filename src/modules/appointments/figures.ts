/** The figures of an institution's appointments: bookings, no-shows and the wait at the desk. */

import { and, eq, gte, lte } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { forbidden, ValidationError } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { type Ctx, placeOf } from './context.js';
import { canReadFigures } from './policy.js';
import { computeFigures } from './rules.js';
import { appointmentServices, appointments, queueTickets } from './schema.js';
import { daysBetween } from './tz.js';

type Range = { institutionId: string; from: string; to: string };

/** The rows of a table of the institution's days (bookings, tickets) whose day is within the range. */
const inRange = (t: { institutionId: PgColumn; day: PgColumn }, q: Range) =>
  and(eq(t.institutionId, q.institutionId), gte(t.day, q.from), lte(t.day, q.to));

/** Bookings, no-shows and the wait at the desk, per service and per day. */
export async function appointmentFigures(ctx: Ctx, q: Range) {
  const place = await placeOf(ctx.db, q.institutionId);
  if (!canReadFigures(ctx.actor, place)) throw forbidden();
  if (q.to < q.from)
    throw new ValidationError([{ path: ['to'], key: 'validation.date_range' }], 'querystring');
  if (daysBetween(q.from, q.to) > 366) throw fail('appointment-range-too-long', { days: 366, count: 366 });
  const bookings = await ctx.db
    .select({ serviceId: appointments.serviceId, day: appointments.day, status: appointments.status })
    .from(appointments)
    .where(inRange(appointments, q));
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
    .where(inRange(queueTickets, q));
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
