/**
 * The desk on the day: check-in of booked, open-day and walk-in visitors, queue tickets, calling the next
 * visitor to a counter, the outcome in the visitor log, and the waiting-room screen (no names on it).
 */

import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { t } from '../../i18n/index.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { accounts } from '../accounts/schema.js';
import { type Ctx, moroccoToday, nextCounter, nowOf, placeOf } from './context.js';
import { CHECK_IN_ROLES, COUNTER_ROLES, hasRoleAt, isStaffAt, LOG_ROLES } from './policy.js';
import { queueOrder, queueSortAt, type TicketKind, ticketCode, type VisitOutcome } from './rules.js';
import {
  appointmentEvents,
  appointmentServices,
  appointments,
  eventRegistrations,
  queueTickets,
} from './schema.js';
import { formatMinutes, MOROCCO_TZ, wallClock } from './tz.js';

/** The clock in Morocco at an instant, `HH:MM`, so pages need not trust the browser's time-zone data. */
const moroccoClock = (d: Date) => formatMinutes(wallClock(d, MOROCCO_TZ).minutes);

type TicketRow = typeof queueTickets.$inferSelect;

export function presentTicket(t: TicketRow, staff: boolean, visitorName?: string | null) {
  return {
    id: t.id,
    day: t.day,
    number: t.number,
    code: t.code,
    kind: t.kind,
    status: t.status,
    serviceId: t.serviceId,
    appointmentId: t.appointmentId,
    eventRegistrationId: t.eventRegistrationId,
    visitorName: staff ? (visitorName ?? t.visitorName) : null,
    counter: t.counter,
    checkedInAt: t.checkedInAt.toISOString(),
    checkedInClock: moroccoClock(t.checkedInAt),
    calledAt: t.calledAt?.toISOString() ?? null,
    calledClock: t.calledAt ? moroccoClock(t.calledAt) : null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    waitMinutes: t.calledAt ? Math.round((t.calledAt.getTime() - t.checkedInAt.getTime()) / 60_000) : null,
    outcome: t.outcome,
    outcomeNote: staff ? t.outcomeNote : null,
    version: t.version,
  };
}

export type CheckInInput = {
  institutionId: string;
  appointmentId?: string;
  eventRegistrationId?: string;
  reference?: string;
  walkIn?: { name: string; serviceId?: string | null };
};

/** Checks a visitor in and gives them a ticket. Booked and open-day visitors only on their day. */
export async function checkIn(ctx: Ctx, input: CheckInInput) {
  const now = nowOf(ctx);
  const today = moroccoToday(now);
  const place = await placeOf(ctx.db, input.institutionId);
  if (!hasRoleAt(ctx.actor, place, CHECK_IN_ROLES)) throw forbidden();
  const given = [input.appointmentId, input.eventRegistrationId, input.reference, input.walkIn].filter(
    (x) => x !== undefined,
  );
  if (given.length !== 1) throw fail('queue-visitor-required');

  let appointmentId = input.appointmentId;
  let registrationId = input.eventRegistrationId;
  if (input.reference) {
    const ref = input.reference.trim().toUpperCase();
    const [a] = await ctx.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.reference, ref), eq(appointments.institutionId, place.id)));
    const [r] = a
      ? []
      : await ctx.db
          .select({ id: eventRegistrations.id })
          .from(eventRegistrations)
          .innerJoin(appointmentEvents, eq(appointmentEvents.id, eventRegistrations.eventId))
          .where(and(eq(eventRegistrations.reference, ref), eq(appointmentEvents.institutionId, place.id)));
    if (!a && !r) throw fail('queue-reference-unknown');
    appointmentId = a?.id;
    registrationId = r?.id;
  }

  let kind: TicketKind = 'walk_in';
  let serviceId: string | null = null;
  let citizenId: string | null = null;
  let startsAt: Date | null = null;
  if (appointmentId) {
    const [a] = await ctx.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.id, appointmentId), eq(appointments.institutionId, place.id)));
    if (!a) throw fail('queue-reference-unknown');
    await refuseSecondCheckIn(ctx, { appointmentId: a.id });
    if (a.status !== 'booked')
      throw fail('appointment-not-changeable', { status: a.status }, { status: a.status });
    if (a.day !== today) throw fail('queue-not-today', { day: a.day });
    kind = 'appointment';
    serviceId = a.serviceId;
    citizenId = a.citizenId;
    startsAt = a.startsAt;
  } else if (registrationId) {
    const [r] = await ctx.db
      .select({ reg: eventRegistrations })
      .from(eventRegistrations)
      .innerJoin(appointmentEvents, eq(appointmentEvents.id, eventRegistrations.eventId))
      .where(and(eq(eventRegistrations.id, registrationId), eq(appointmentEvents.institutionId, place.id)));
    if (!r) throw fail('queue-reference-unknown');
    await refuseSecondCheckIn(ctx, { eventRegistrationId: r.reg.id });
    if (r.reg.status !== 'registered') throw fail('appointment-not-changeable', { status: r.reg.status });
    if (r.reg.day !== today) throw fail('queue-not-today', { day: r.reg.day });
    kind = 'event';
    serviceId = r.reg.serviceId;
    citizenId = r.reg.citizenId;
  } else if (input.walkIn) {
    serviceId = input.walkIn.serviceId ?? null;
    if (serviceId) {
      const [s] = await ctx.db
        .select({ id: appointmentServices.id })
        .from(appointmentServices)
        .where(and(eq(appointmentServices.id, serviceId), eq(appointmentServices.institutionId, place.id)));
      if (!s) throw fail('appointment-service-unknown');
    }
  }

  try {
    const ticket = await ctx.db.transaction(async (tx) => {
      const number = await nextCounter(tx, place.id, 'ticket', today);
      const [row] = await tx
        .insert(queueTickets)
        .values({
          institutionId: place.id,
          day: today,
          number,
          code: ticketCode(kind, number),
          kind,
          serviceId,
          appointmentId: kind === 'appointment' ? appointmentId! : null,
          eventRegistrationId: kind === 'event' ? registrationId! : null,
          citizenId,
          visitorName: input.walkIn?.name ?? null,
          sortAt: queueSortAt({ kind, checkedInAt: now, appointmentStartsAt: startsAt }),
          checkedInAt: now,
          checkedInBy: ctx.actor!.accountId,
        })
        .returning();
      if (kind === 'appointment') {
        const [moved] = await tx
          .update(appointments)
          .set({ status: 'checked_in', version: sql`${appointments.version} + 1`, updatedAt: now })
          .where(and(eq(appointments.id, appointmentId!), eq(appointments.status, 'booked')))
          .returning({ id: appointments.id });
        if (!moved) throw fail('appointment-version');
      }
      if (kind === 'event')
        await tx
          .update(eventRegistrations)
          .set({ status: 'attended' })
          .where(eq(eventRegistrations.id, registrationId!));
      await audit(tx, ctx, {
        action: 'queue.check_in',
        entityType: 'queue_ticket',
        entityId: row!.id,
        institutionId: place.id,
        data: {
          code: row!.code,
          kind,
          appointmentId: row!.appointmentId,
          eventRegistrationId: row!.eventRegistrationId,
        },
      });
      return row!;
    });
    return presentTicket(ticket, true);
  } catch (err) {
    if (isUniqueViolation(err)) {
      await refuseSecondCheckIn(ctx, { appointmentId, eventRegistrationId: registrationId });
    }
    throw err;
  }
}

async function refuseSecondCheckIn(ctx: Ctx, by: { appointmentId?: string; eventRegistrationId?: string }) {
  const cond = by.appointmentId
    ? eq(queueTickets.appointmentId, by.appointmentId)
    : by.eventRegistrationId
      ? eq(queueTickets.eventRegistrationId, by.eventRegistrationId)
      : undefined;
  if (!cond) return;
  const [existing] = await ctx.db.select({ code: queueTickets.code }).from(queueTickets).where(cond);
  if (existing) throw fail('queue-already-checked-in', { ticket: existing.code });
}

const citizenAccount = alias(accounts, 'ticket_citizen');
const staffAccount = alias(accounts, 'ticket_staff');

async function ticketsOfDay(ctx: Ctx, institutionId: string, day: string) {
  return ctx.db
    .select({ t: queueTickets, citizenName: citizenAccount.displayName, staffName: staffAccount.displayName })
    .from(queueTickets)
    .leftJoin(citizenAccount, eq(citizenAccount.id, queueTickets.citizenId))
    .leftJoin(staffAccount, eq(staffAccount.id, queueTickets.calledBy))
    .where(and(eq(queueTickets.institutionId, institutionId), eq(queueTickets.day, day)))
    .orderBy(asc(queueTickets.number));
}

/** Today's queue for staff: who waits, in calling order, and who is at a counter. */
export async function queueState(ctx: Ctx, institutionId: string) {
  const place = await placeOf(ctx.db, institutionId);
  if (!isStaffAt(ctx.actor, place)) throw forbidden();
  const day = moroccoToday(nowOf(ctx));
  const rows = await ticketsOfDay(ctx, institutionId, day);
  const waiting = queueOrder(
    rows
      .filter((r) => r.t.status === 'waiting')
      .map((r) => ({ ...r, sortAt: r.t.sortAt, number: r.t.number })),
  );
  return {
    institutionId,
    day,
    waiting: waiting.map((r) => presentTicket(r.t, true, r.citizenName)),
    called: rows
      .filter((r) => r.t.status === 'called')
      .sort((a, b) => (b.t.calledAt?.getTime() ?? 0) - (a.t.calledAt?.getTime() ?? 0))
      .map((r) => presentTicket(r.t, true, r.citizenName)),
    done: rows.filter((r) => r.t.status === 'done').length,
    noShows: rows.filter((r) => r.t.status === 'no_show').length,
  };
}

/**
 * Calls the next visitor to a counter. The ticket is taken with FOR UPDATE SKIP LOCKED, so two agents
 * pressing "next" at once call two different visitors.
 */
export async function callNext(
  ctx: Ctx,
  input: { institutionId: string; counter: string; serviceId?: string },
) {
  const now = nowOf(ctx);
  const place = await placeOf(ctx.db, input.institutionId);
  if (!hasRoleAt(ctx.actor, place, COUNTER_ROLES)) throw forbidden();
  const day = moroccoToday(now);
  const ticket = await ctx.db.transaction(async (tx) => {
    const conds = [
      eq(queueTickets.institutionId, place.id),
      eq(queueTickets.day, day),
      eq(queueTickets.status, 'waiting'),
    ];
    if (input.serviceId) conds.push(eq(queueTickets.serviceId, input.serviceId));
    const [next] = await tx
      .select()
      .from(queueTickets)
      .where(and(...conds))
      .orderBy(asc(queueTickets.sortAt), asc(queueTickets.number))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return null;
    const [row] = await tx
      .update(queueTickets)
      .set({
        status: 'called',
        counter: input.counter,
        calledAt: now,
        calledBy: ctx.actor!.accountId,
        version: sql`${queueTickets.version} + 1`,
      })
      .where(eq(queueTickets.id, next.id))
      .returning();
    await audit(tx, ctx, {
      action: 'queue.call',
      entityType: 'queue_ticket',
      entityId: next.id,
      institutionId: place.id,
      data: { code: next.code, counter: input.counter },
    });
    return row!;
  });
  return { ticket: ticket ? presentTicket(ticket, true) : null };
}

async function loadTicket(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(queueTickets).where(eq(queueTickets.id, id));
  if (!row) throw notFound();
  const place = await placeOf(ctx.db, row.institutionId);
  if (!isStaffAt(ctx.actor, place)) throw notFound();
  if (!hasRoleAt(ctx.actor, place, COUNTER_ROLES)) throw forbidden();
  return row;
}

/**
 * Ends a ticket called to a counter: the change `set`, then `also` in the same transaction, and the audit row
 * `action` with the ticket's code and `data`. Refused while it is not, or no longer, called.
 */
async function endCalledTicket(
  ctx: Ctx,
  id: string,
  end: {
    set: Partial<typeof queueTickets.$inferInsert>;
    action: string;
    data?: Record<string, unknown>;
    also?: (tx: Tx, row: typeof queueTickets.$inferSelect) => Promise<unknown>;
  },
) {
  const ticket = await loadTicket(ctx, id);
  if (ticket.status !== 'called')
    throw fail('queue-ticket-state', { status: ticket.status }, { status: ticket.status });
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(queueTickets)
      .set({ ...end.set, version: sql`${queueTickets.version} + 1` })
      .where(and(eq(queueTickets.id, id), eq(queueTickets.status, 'called')))
      .returning();
    if (!row) throw fail('queue-ticket-state', { status: 'done' }, { status: 'done' });
    await end.also?.(tx, row);
    await audit(tx, ctx, {
      action: end.action,
      entityType: 'queue_ticket',
      entityId: id,
      institutionId: row.institutionId,
      data: { code: row.code, ...end.data },
    });
    return row;
  });
  return presentTicket(row, true);
}

/** Records what happened at the counter: the visitor log. A booked visitor becomes "served". */
export async function finishTicket(
  ctx: Ctx,
  id: string,
  input: { outcome: VisitOutcome; note?: string | null },
) {
  const now = nowOf(ctx);
  return endCalledTicket(ctx, id, {
    set: { status: 'done', outcome: input.outcome, outcomeNote: input.note ?? null, finishedAt: now },
    action: 'queue.finish',
    data: { outcome: input.outcome },
    also: async (tx, row) => {
      if (row.appointmentId)
        await tx
          .update(appointments)
          .set({ status: 'served', version: sql`${appointments.version} + 1`, updatedAt: now })
          .where(and(eq(appointments.id, row.appointmentId), eq(appointments.status, 'checked_in')));
    },
  });
}

/** A visitor called to a counter who did not come: counted among the desk's no-shows. */
export async function ticketNoShow(ctx: Ctx, id: string) {
  return endCalledTicket(ctx, id, {
    set: { status: 'no_show', finishedAt: nowOf(ctx) },
    action: 'queue.no_show',
  });
}

/** The visitor log of a day: every visitor, their wait, who received them and the outcome. */
export async function visitorLog(ctx: Ctx, institutionId: string, day: string) {
  const place = await placeOf(ctx.db, institutionId);
  if (!hasRoleAt(ctx.actor, place, LOG_ROLES)) throw forbidden();
  const rows = await ticketsOfDay(ctx, institutionId, day);
  await audit(ctx.db, ctx, {
    action: 'queue.log_view',
    entityType: 'institution',
    entityId: institutionId,
    institutionId,
    data: { day },
  });
  return {
    institutionId,
    day,
    items: rows.map((r) => ({ ...presentTicket(r.t, true, r.citizenName), calledByName: r.staffName })),
  };
}

/**
 * The waiting-room screen (public, shown on a television): ticket codes and counters only, in Arabic and
 * French, with the latest call written out to be read aloud.
 */
export async function waitingRoomScreen(ctx: Pick<Ctx, 'db' | 'now'>, institutionId: string) {
  const inst = await placeOf(ctx.db, institutionId);
  const day = moroccoToday(nowOf(ctx));
  const rows = await ctx.db
    .select({
      code: queueTickets.code,
      status: queueTickets.status,
      counter: queueTickets.counter,
      calledAt: queueTickets.calledAt,
      sortAt: queueTickets.sortAt,
      number: queueTickets.number,
    })
    .from(queueTickets)
    .where(and(eq(queueTickets.institutionId, institutionId), eq(queueTickets.day, day)))
    .orderBy(desc(queueTickets.calledAt));
  const called = rows
    .filter((r) => r.status === 'called' && r.calledAt)
    .slice(0, 6)
    .map((r) => ({ ticket: r.code, counter: r.counter ?? '', calledAt: r.calledAt!.toISOString() }));
  const waiting = queueOrder(rows.filter((r) => r.status === 'waiting'));
  const labels = (lang: 'ar' | 'fr') => ({
    title: t(lang, 'queue.screen.title'),
    nowServing: t(lang, 'queue.screen.now_serving'),
    next: t(lang, 'queue.screen.next'),
    ticket: t(lang, 'queue.screen.ticket'),
    counter: t(lang, 'queue.screen.counter'),
    waiting: t(lang, 'queue.screen.waiting', { count: waiting.length }),
  });
  const latest = called[0];
  return {
    institution: { id: inst.id, code: inst.code, nameAr: inst.nameAr, nameFr: inst.nameFr },
    day,
    called,
    next: waiting.slice(0, 8).map((r) => r.code),
    waitingCount: waiting.length,
    labels: { ar: labels('ar'), fr: labels('fr') },
    announcement: latest
      ? {
          ticket: latest.ticket,
          counter: latest.counter,
          ar: t('ar', 'queue.screen.call', { ticket: latest.ticket, counter: latest.counter }),
          fr: t('fr', 'queue.screen.call', { ticket: latest.ticket, counter: latest.counter }),
        }
      : null,
  };
}
