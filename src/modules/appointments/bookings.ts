/**
 * A booking's life: booked by the citizen, rescheduled or cancelled by them (signed in or from the link in
 * their e-mail), moved or cancelled by staff with a reason, marked as a no-show. Every change is one
 * transaction with its audit row and the citizen's message.
 */

import { randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { Counted, t } from '../../i18n/index.js';
import { AppError, forbidden, ValidationError } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { safeEqual } from '../accounts/passwords.js';
import type { Language } from '../accounts/schema.js';
import { getCitizenProfile } from '../accounts/service.js';
import { actsUnderMandate, mayActFor } from '../cases/policy.js';
import { getReadableCase } from '../cases/service.js';
import { terminalStates } from '../cases/state-machine.js';
import type { MandateGrant } from '../mandates/rules.js';
import { queueAppointmentWebhook } from '../webhooks/events.js';
import {
  type BookingView,
  loadBooking,
  presentAppointment,
  readableBooking,
  scopeOf,
} from './booking-view.js';
import { type Ctx, nextCounter, nowOf, placeOf } from './context.js';
import { mandateAuditData, notifyBookingParties } from './mandated.js';
import { manageToken } from './notices.js';
import { canMoveBooking, type Place } from './policy.js';
import { type AppointmentMode, MAX_UPCOMING_PER_CITIZEN } from './rules.js';
import { appointments } from './schema.js';
import { candidates, SlotTaken, withSeat } from './seats.js';
import { loadService, specOf } from './services.js';
import { isBookable, type ServiceSpec } from './slots.js';
import { MOROCCO_TZ, wallClock } from './tz.js';

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
  fail('appointment-outside-window', {
    hours: new Counted(
      'error.appointment.outside_window.hours',
      Math.round((spec.minNoticeMinutes / 60) * 10) / 10,
    ),
    days: new Counted('error.appointment.outside_window.days', spec.horizonDays),
  });

/**
 * An open case of the citizen's, at the institution (or its parent agency). Answers the mandate when a
 * relative books for the person under one (the booking is then the person's), null for the person.
 */
async function checkCase(ctx: Ctx, caseId: string, place: Place) {
  try {
    const { c, scope } = await getReadableCase(ctx, caseId);
    const sameBody = c.institutionId === place.id || c.institutionId === place.parentId;
    const live = !terminalStates.includes(c.state) && !c.anonymisedAt;
    // the person, or a relative under a mandate to attend appointments for them
    if (mayActFor(ctx.actor, scope, 'appointment') && sameBody && live)
      return actsUnderMandate(ctx.actor, scope) ? scope.mandate! : null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  throw fail('appointment-case-invalid');
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
    throw fail('appointment-overlap');
  if (
    !excludeId &&
    others.filter((u) => u.institutionId === institutionId).length >= MAX_UPCOMING_PER_CITIZEN
  )
    throw fail('appointment-too-many', { max: MAX_UPCOMING_PER_CITIZEN, count: MAX_UPCOMING_PER_CITIZEN });
}

const referenceOf = (institutionCode: string, year: string, n: number) =>
  `${institutionCode}-RDV-${year}-${String(n).padStart(5, '0')}`;

/** Books a slot for the signed-in citizen (routes check the role and the confirmed e-mail). */
export async function bookAppointment(ctx: Ctx, input: BookInput) {
  const actor = ctx.actor!;
  const now = nowOf(ctx);
  const svc = await loadService(ctx.db, input.serviceId);
  if (!svc?.row.active) throw fail('appointment-service-unknown');
  const spec = specOf(svc);
  const place = await placeOf(ctx.db, svc.row.institutionId);
  if (!svc.row.modes.includes(input.mode)) throw fail('appointment-mode-unavailable');
  if (input.officialId && (spec.bookWith !== 'official' || !spec.officialIds.includes(input.officialId)))
    throw fail('appointment-official-unknown');
  const mandate = input.caseId ? await checkCase(ctx, input.caseId, place) : null;
  // under a mandate the booking is the person's: their limits, their phone, their list
  const citizenId = mandate?.mandatorId ?? actor.accountId;
  if (input.channels?.some((c) => c !== 'email') && !(await getCitizenProfile(ctx.db, citizenId))?.phone)
    throw new ValidationError([{ path: ['channels'], key: 'error.appointment.phone_required' }]);
  if (!isBookable(spec, input.startsAt, now)) throw outsideWindow(spec);
  const endsAt = new Date(input.startsAt.getTime() + spec.slotMinutes * 60_000);
  await checkCitizenLimits(ctx.db, citizenId, place.id, { startsAt: input.startsAt, endsAt }, now);
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
        citizenId,
        caseId: input.caseId ?? null,
        mandateId: mandate?.id ?? null,
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
    await audit(tx, ctx, {
      action: 'appointment.book',
      entityType: 'appointment',
      entityId: row.id,
      institutionId: place.id,
      data: {
        reference,
        serviceId: svc.row.id,
        officialId: slot.officialId,
        startsAt: slot.startsAt.toISOString(),
        seat,
        mode: input.mode,
        caseId: input.caseId ?? null,
        ...mandateAuditData(mandate),
      },
    });
    await notifyBookingParties(tx, ctx, row.id, 'appointment_booked', now, undefined, mandate);
    await queueAppointmentWebhook(tx, 'appointment.booked', row, now);
    return row.id;
  });
  return presentAppointment((await loadBooking(ctx.db, id))!, actor);
}

/** A booking, with the mandate under which the signed-in relative acts on it (null for anyone else). */
type Booking = BookingView & { mandate?: MandateGrant | null };

export type MoveInput = {
  startsAt: Date;
  officialId?: string | null;
  version?: number;
  reason?: string | null;
};

/** Moves a booking to another slot of its service: by its citizen (reschedule) or by staff (move, with notice). */
async function moveBooking(ctx: Ctx, r: Booking, input: MoveInput, side: 'citizen' | 'staff') {
  const now = nowOf(ctx);
  const a = r.a;
  if (a.status !== 'booked')
    throw fail('appointment-not-changeable', { status: a.status }, { status: a.status });
  if (input.version !== undefined && input.version !== a.version)
    throw fail('appointment-version', {}, { currentVersion: a.version });
  const svc = (await loadService(ctx.db, a.serviceId))!;
  const spec = specOf(svc);
  if (input.officialId && (spec.bookWith !== 'official' || !spec.officialIds.includes(input.officialId)))
    throw fail('appointment-official-unknown');
  if (side === 'citizen' && !isBookable(spec, input.startsAt, now)) throw outsideWindow(spec);
  if (input.startsAt.getTime() <= now.getTime()) throw fail('appointment-past');
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
    if (!row) throw fail('appointment-version', {}, { currentVersion: a.version });
    await audit(tx, ctx, {
      action: side === 'citizen' ? 'appointment.reschedule' : 'appointment.move',
      entityType: 'appointment',
      entityId: a.id,
      institutionId: a.institutionId,
      data: {
        from: a.startsAt.toISOString(),
        to: slot.startsAt.toISOString(),
        fromOfficialId: a.officialId,
        toOfficialId: slot.officialId,
        seat,
        version: row.version,
        ...mandateAuditData(r.mandate),
      },
    });
    const reason =
      side === 'citizen' ? t(a.language, 'appointment.reason.citizen') : (input.reason ?? undefined);
    await notifyBookingParties(tx, ctx, a.id, 'appointment_moved', now, reason, r.mandate);
  });
  return presentAppointment((await loadBooking(ctx.db, a.id))!, ctx.actor);
}

async function cancelBooking(ctx: Ctx, r: Booking, side: 'citizen' | 'staff', reason?: string | null) {
  const now = nowOf(ctx);
  const a = r.a;
  if (a.status !== 'booked')
    throw fail('appointment-not-changeable', { status: a.status }, { status: a.status });
  if (side === 'citizen' && a.startsAt.getTime() <= now.getTime()) throw fail('appointment-started');
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
    if (!row) throw fail('appointment-version', {}, { currentVersion: a.version });
    await queueAppointmentWebhook(tx, 'appointment.cancelled', row, now);
    await audit(tx, ctx, {
      action: 'appointment.cancel',
      entityType: 'appointment',
      entityId: a.id,
      institutionId: a.institutionId,
      data: { by: side, startsAt: a.startsAt.toISOString(), ...mandateAuditData(r.mandate) },
    });
    await notifyBookingParties(
      tx,
      ctx,
      a.id,
      'appointment_cancelled',
      now,
      side === 'citizen' ? t(a.language, 'appointment.reason.citizen') : (reason ?? undefined),
      r.mandate,
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
  if (!/^[0-9a-f-]{36}$/.test(id)) throw fail('appointment-link-invalid');
  const r = await loadBooking(ctx.db, id);
  if (!r || !safeEqual(manageToken(ctx.secret, id, r.a.manageNonce), token))
    throw fail('appointment-link-invalid');
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
    throw fail('appointment-not-changeable', { status: r.a.status }, { status: r.a.status });
  if (r.a.startsAt.getTime() > now.getTime()) throw fail('appointment-not-started');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(appointments)
      .set({ status: 'no_show', version: sql`${appointments.version} + 1`, updatedAt: now })
      .where(and(eq(appointments.id, id), eq(appointments.status, 'booked')))
      .returning();
    if (!row) throw fail('appointment-version', {}, { currentVersion: r.a.version });
    await audit(tx, ctx, {
      action: 'appointment.no_show',
      entityType: 'appointment',
      entityId: id,
      institutionId: r.a.institutionId,
    });
  });
  return presentAppointment((await loadBooking(ctx.db, id))!, ctx.actor);
}
