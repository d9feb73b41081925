/** The figures of an institution's appointments: bookings, no-shows and the wait at the desk. */

import { and, eq, gte, lte } from 'drizzle-orm';
import { AppError, forbidden, ValidationError } from '../../server/errors.js';
import { type Ctx, placeOf } from './context.js';
import { canReadFigures } from './policy.js';
import { computeFigures } from './rules.js';
import { appointmentServices, appointments, queueTickets } from './schema.js';
import { daysBetween } from './tz.js';

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
