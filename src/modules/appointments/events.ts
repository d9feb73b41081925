/**
 * Open days and other events: days with a place and a number of seats, participating services,
 * registration by signed-in citizens, and the list of each day for the desk.
 */

import { and, asc, count, eq, gte, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { formatDate } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { accounts, type Language } from '../accounts/schema.js';
import { enqueueEmail } from '../notifications/service.js';
import { type Ctx, moroccoToday, nameIn, nextCounter, nowOf, placeOf } from './context.js';
import { buildIcs } from './ics.js';
import { AVAILABILITY_ROLES, CALENDAR_ROLES, CHECK_IN_ROLES, hasRoleAt, MOVE_ROLES } from './policy.js';
import {
  appointmentEventDays,
  appointmentEventServices,
  appointmentEvents,
  appointmentServices,
  eventRegistrations,
  queueTickets,
} from './schema.js';
import { firstFreeSeat } from './slots.js';
import { formatMinutes, fromWallClock, MOROCCO_TZ } from './tz.js';

export type EventDayInput = {
  date: string;
  startMinute: number;
  endMinute: number;
  capacity: number;
  labelAr?: string | null;
  labelFr?: string | null;
  labelEn?: string | null;
  placeAr: string;
  placeFr: string;
  placeEn: string;
  address?: string | null;
};

export type EventInput = {
  code: string;
  titleAr: string;
  titleFr: string;
  titleEn: string;
  descriptionAr?: string | null;
  descriptionFr?: string | null;
  descriptionEn?: string | null;
  startDate: string;
  endDate: string;
  serviceIds: string[];
  days: EventDayInput[];
};

type EventRow = typeof appointmentEvents.$inferSelect;
type DayRow = typeof appointmentEventDays.$inferSelect;

export async function createEvent(ctx: Ctx, institutionId: string, input: EventInput) {
  const place = await placeOf(ctx.db, institutionId);
  if (!hasRoleAt(ctx.actor, place, AVAILABILITY_ROLES)) throw forbidden();
  const dates = input.days.map((d) => d.date);
  if (new Set(dates).size !== dates.length || dates.some((d) => d < input.startDate || d > input.endDate))
    throw fail('event-days-outside');
  if (input.serviceIds.length) {
    const found = await ctx.db
      .select({ id: appointmentServices.id })
      .from(appointmentServices)
      .where(
        and(
          inArray(appointmentServices.id, input.serviceIds),
          eq(appointmentServices.institutionId, institutionId),
        ),
      );
    if (found.length !== new Set(input.serviceIds).size) throw fail('appointment-service-unknown');
  }
  const { days, serviceIds, ...event } = input;
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appointmentEvents)
      .values({ ...event, institutionId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw fail('appointment-code-taken');
    await tx.insert(appointmentEventDays).values(days.map((d) => ({ ...d, eventId: row.id })));
    if (serviceIds.length)
      await tx
        .insert(appointmentEventServices)
        .values([...new Set(serviceIds)].map((serviceId) => ({ eventId: row.id, serviceId })));
    await audit(tx, ctx, {
      action: 'appointment_event.create',
      entityType: 'appointment_event',
      entityId: row.id,
      institutionId,
      data: { code: row.code, startDate: row.startDate, endDate: row.endDate, days: dates },
    });
    return row.id;
  });
  return getEvent(ctx.db, id);
}

async function presentEvents(db: Executor, events: EventRow[]) {
  if (!events.length) return [];
  const ids = events.map((e) => e.id);
  const days = await db
    .select()
    .from(appointmentEventDays)
    .where(inArray(appointmentEventDays.eventId, ids))
    .orderBy(asc(appointmentEventDays.date));
  const taken = days.length
    ? await db
        .select({ dayId: eventRegistrations.eventDayId, n: count() })
        .from(eventRegistrations)
        .where(
          and(
            inArray(
              eventRegistrations.eventDayId,
              days.map((d) => d.id),
            ),
            ne(eventRegistrations.status, 'cancelled'),
          ),
        )
        .groupBy(eventRegistrations.eventDayId)
    : [];
  const services = await db
    .select({
      eventId: appointmentEventServices.eventId,
      id: appointmentServices.id,
      code: appointmentServices.code,
      nameAr: appointmentServices.nameAr,
      nameFr: appointmentServices.nameFr,
      nameEn: appointmentServices.nameEn,
    })
    .from(appointmentEventServices)
    .innerJoin(appointmentServices, eq(appointmentServices.id, appointmentEventServices.serviceId))
    .where(inArray(appointmentEventServices.eventId, ids));
  return events.map((e) => ({
    id: e.id,
    institutionId: e.institutionId,
    code: e.code,
    titleAr: e.titleAr,
    titleFr: e.titleFr,
    titleEn: e.titleEn,
    descriptionAr: e.descriptionAr,
    descriptionFr: e.descriptionFr,
    descriptionEn: e.descriptionEn,
    startDate: e.startDate,
    endDate: e.endDate,
    services: services.filter((s) => s.eventId === e.id).map(({ eventId: _, ...s }) => s),
    days: days
      .filter((d) => d.eventId === e.id)
      .map((d) => {
        const n = taken.find((x) => x.dayId === d.id)?.n ?? 0;
        return {
          date: d.date,
          start: formatMinutes(d.startMinute),
          end: formatMinutes(d.endMinute),
          startsAt: fromWallClock(d.date, d.startMinute, MOROCCO_TZ).toISOString(),
          endsAt: fromWallClock(d.date, d.endMinute, MOROCCO_TZ).toISOString(),
          capacity: d.capacity,
          seatsLeft: Math.max(0, d.capacity - n),
          labelAr: d.labelAr,
          labelFr: d.labelFr,
          labelEn: d.labelEn,
          placeAr: d.placeAr,
          placeFr: d.placeFr,
          placeEn: d.placeEn,
          address: d.address,
        };
      }),
  }));
}

/** Events still to come (or under way), for one institution or all (public). */
export async function listEvents(db: Executor, q: { institutionId?: string; now: Date }) {
  const today = moroccoToday(q.now);
  const conds = [eq(appointmentEvents.active, true), gte(appointmentEvents.endDate, today)];
  if (q.institutionId) conds.push(eq(appointmentEvents.institutionId, q.institutionId));
  const rows = await db
    .select()
    .from(appointmentEvents)
    .where(and(...conds))
    .orderBy(asc(appointmentEvents.startDate));
  return presentEvents(db, rows);
}

export async function getEvent(db: Executor, id: string) {
  const [row] = await db.select().from(appointmentEvents).where(eq(appointmentEvents.id, id));
  if (!row) throw notFound();
  return (await presentEvents(db, [row]))[0]!;
}

const presentRegistration = (r: typeof eventRegistrations.$inferSelect) => ({
  id: r.id,
  reference: r.reference,
  eventId: r.eventId,
  day: r.day,
  serviceId: r.serviceId,
  seat: r.seat,
  status: r.status,
  language: r.language,
  createdAt: r.createdAt.toISOString(),
  cancelledAt: r.cancelledAt?.toISOString() ?? null,
});

/** Registers the signed-in citizen for one day; seats are handed out under a lock on the day's row. */
export async function registerForEvent(
  ctx: Ctx,
  eventId: string,
  input: { date: string; serviceId?: string | null; language: Language },
) {
  const actor = ctx.actor!;
  const now = nowOf(ctx);
  const [event] = await ctx.db.select().from(appointmentEvents).where(eq(appointmentEvents.id, eventId));
  if (!event?.active) throw notFound();
  const [day] = await ctx.db
    .select()
    .from(appointmentEventDays)
    .where(and(eq(appointmentEventDays.eventId, eventId), eq(appointmentEventDays.date, input.date)));
  if (!day) throw fail('event-day-unknown');
  if (day.date < moroccoToday(now)) throw fail('event-closed');
  if (input.serviceId) {
    const [link] = await ctx.db
      .select()
      .from(appointmentEventServices)
      .where(
        and(
          eq(appointmentEventServices.eventId, eventId),
          eq(appointmentEventServices.serviceId, input.serviceId),
        ),
      );
    if (!link) throw fail('event-service-unknown');
  }
  const place = await placeOf(ctx.db, event.institutionId);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      await tx
        .select({ id: appointmentEventDays.id })
        .from(appointmentEventDays)
        .where(eq(appointmentEventDays.id, day.id))
        .for('no key update');
      const held = await tx
        .select({ seat: eventRegistrations.seat, citizenId: eventRegistrations.citizenId })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventDayId, day.id), ne(eventRegistrations.status, 'cancelled')));
      if (held.some((h) => h.citizenId === actor.accountId)) throw fail('event-already-registered');
      const seat = firstFreeSeat(
        held.map((h) => h.seat),
        day.capacity,
      );
      if (seat === null) throw fail('event-full');
      const year = day.date.slice(0, 4);
      const n = await nextCounter(tx, place.id, 'event', year);
      const [reg] = await tx
        .insert(eventRegistrations)
        .values({
          reference: `${place.code}-JPO-${year}-${String(n).padStart(5, '0')}`,
          eventId,
          eventDayId: day.id,
          day: day.date,
          citizenId: actor.accountId,
          serviceId: input.serviceId ?? null,
          seat,
          language: input.language,
          createdAt: now,
        })
        .returning();
      await audit(tx, ctx, {
        action: 'event_registration.create',
        entityType: 'event_registration',
        entityId: reg!.id,
        institutionId: place.id,
        data: { eventId, day: day.date, seat, serviceId: input.serviceId ?? null },
      });
      await notifyRegistration(tx, ctx, event, day, reg!, now);
      return reg!;
    });
    return presentRegistration(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw fail('event-already-registered');
    throw err;
  }
}

async function notifyRegistration(
  tx: Executor,
  ctx: Ctx,
  event: EventRow,
  day: DayRow,
  reg: typeof eventRegistrations.$inferSelect,
  now: Date,
) {
  const [citizen] = await tx
    .select({ email: accounts.email, name: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.id, reg.citizenId));
  const lang = reg.language;
  const title = lang === 'ar' ? event.titleAr : lang === 'fr' ? event.titleFr : event.titleEn;
  const place = nameIn(lang, { nameAr: day.placeAr, nameFr: day.placeFr, nameEn: day.placeEn });
  const hours = `${formatMinutes(day.startMinute)}–${formatMinutes(day.endMinute)}`;
  const base = ctx.publicUrl ?? '';
  await enqueueEmail(tx, {
    to: citizen!.email,
    template: 'event_registered',
    lang,
    params: {
      name: citizen!.name,
      event: title,
      date: formatDate(fromWallClock(day.date, 12 * 60, MOROCCO_TZ), lang),
      hours,
      place: day.address ? `${place}, ${day.address}` : place,
      reference: reg.reference,
      cancelUrl: `${base}/appointments/events/registrations/${reg.id}`,
    },
    ics: buildIcs({
      uid: `${reg.id}@jisr`,
      sequence: 0,
      method: 'REQUEST',
      start: fromWallClock(day.date, day.startMinute, MOROCCO_TZ),
      end: fromWallClock(day.date, day.endMinute, MOROCCO_TZ),
      stamp: now,
      summary: title,
      description: t(lang, 'appointment.ics.description', {
        reference: reg.reference,
        how: place,
        institution: title,
      }),
      location: day.address ? `${place}, ${day.address}` : place,
      organizer: ctx.organizerEmail ? { name: title, email: ctx.organizerEmail } : undefined,
      attendee: { name: citizen!.name, email: citizen!.email },
      alarms: [1440],
    }),
  });
}

async function loadRegistration(db: Executor, id: string) {
  const [row] = await db
    .select({ reg: eventRegistrations, institutionId: appointmentEvents.institutionId })
    .from(eventRegistrations)
    .innerJoin(appointmentEvents, eq(appointmentEvents.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.id, id));
  return row ?? null;
}

/** Cancels a registration: the citizen their own; the desk and supervisors any of their institution. */
export async function cancelRegistration(ctx: Ctx, id: string) {
  const now = nowOf(ctx);
  const found = await loadRegistration(ctx.db, id);
  if (!found) throw notFound();
  const place = await placeOf(ctx.db, found.institutionId);
  const own = ctx.actor?.kind === 'citizen' && found.reg.citizenId === ctx.actor.accountId;
  const staff = hasRoleAt(ctx.actor, place, [...MOVE_ROLES, ...AVAILABILITY_ROLES]);
  if (!own && !staff) throw notFound();
  if (found.reg.status !== 'registered')
    throw fail('appointment-not-changeable', { status: found.reg.status });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(and(eq(eventRegistrations.id, id), eq(eventRegistrations.status, 'registered')))
      .returning();
    if (!row) throw fail('appointment-version');
    await audit(tx, ctx, {
      action: 'event_registration.cancel',
      entityType: 'event_registration',
      entityId: id,
      institutionId: found.institutionId,
      data: { by: own ? 'citizen' : 'staff' },
    });
    return presentRegistration(row);
  });
}

export async function myRegistrations(ctx: Ctx) {
  const rows = await ctx.db
    .select({ reg: eventRegistrations, event: appointmentEvents })
    .from(eventRegistrations)
    .innerJoin(appointmentEvents, eq(appointmentEvents.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.citizenId, ctx.actor!.accountId))
    .orderBy(asc(eventRegistrations.day));
  return {
    items: rows.map((r) => ({
      ...presentRegistration(r.reg),
      event: { id: r.event.id, titleAr: r.event.titleAr, titleFr: r.event.titleFr, titleEn: r.event.titleEn },
    })),
  };
}

/** The list of one day of an event, for the desk: who registered, for which service, and who came. */
export async function eventDayList(ctx: Ctx, eventId: string, date: string) {
  const [event] = await ctx.db.select().from(appointmentEvents).where(eq(appointmentEvents.id, eventId));
  if (!event) throw notFound();
  const place = await placeOf(ctx.db, event.institutionId);
  if (!hasRoleAt(ctx.actor, place, [...CALENDAR_ROLES, ...CHECK_IN_ROLES])) throw forbidden();
  const [day] = await ctx.db
    .select()
    .from(appointmentEventDays)
    .where(and(eq(appointmentEventDays.eventId, eventId), eq(appointmentEventDays.date, date)));
  if (!day) throw fail('event-day-unknown');
  const rows = await ctx.db
    .select({
      reg: eventRegistrations,
      name: accounts.displayName,
      ticket: queueTickets.code,
      serviceCode: appointmentServices.code,
    })
    .from(eventRegistrations)
    .innerJoin(accounts, eq(accounts.id, eventRegistrations.citizenId))
    .leftJoin(queueTickets, eq(queueTickets.eventRegistrationId, eventRegistrations.id))
    .leftJoin(appointmentServices, eq(appointmentServices.id, eventRegistrations.serviceId))
    .where(and(eq(eventRegistrations.eventDayId, day.id), ne(eventRegistrations.status, 'cancelled')))
    .orderBy(asc(eventRegistrations.seat));
  await audit(ctx.db, ctx, {
    action: 'event_registration.list_view',
    entityType: 'appointment_event',
    entityId: eventId,
    institutionId: event.institutionId,
    data: { date },
  });
  return {
    eventId,
    date,
    capacity: day.capacity,
    registered: rows.length,
    attended: rows.filter((r) => r.reg.status === 'attended').length,
    items: rows.map((r) => ({
      ...presentRegistration(r.reg),
      citizen: { id: r.reg.citizenId, name: r.name },
      serviceCode: r.serviceCode,
      ticket: r.ticket,
    })),
  };
}
