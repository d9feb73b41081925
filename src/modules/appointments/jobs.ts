/**
 * Scheduled work of appointments, called by the worker loop: reminders (the day before and an hour
 * before, each sent once) and no-shows (bookings nobody checked in for). Safe to run from several
 * workers at once: each change is claimed by a conditional UPDATE in the transaction that writes its
 * e-mail and audit row.
 */
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { recordWorkerAudit } from '../audit/service.js';
import type { Ctx } from './context.js';
import { notifyCitizen } from './notices.js';
import { dueReminder, NO_SHOW_AFTER_MINUTES } from './rules.js';
import { appointments } from './schema.js';

export type JobContext = Pick<Ctx, 'secret' | 'publicUrl' | 'organizerEmail'>;

/** Sends the reminders due at `now`; returns how many were written to the outbox. */
export async function sendDueReminders(db: Db, ctx: JobContext, now: Date, batch = 200): Promise<number> {
  const soon = await db
    .select({
      id: appointments.id,
      status: appointments.status,
      startsAt: appointments.startsAt,
      scheduledAt: appointments.scheduledAt,
      reminderDayAt: appointments.reminderDayAt,
      reminderHourAt: appointments.reminderHourAt,
      institutionId: appointments.institutionId,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.status, 'booked'),
        gt(appointments.startsAt, now),
        lte(appointments.startsAt, new Date(now.getTime() + 86_400_000)),
        or(isNull(appointments.reminderDayAt), isNull(appointments.reminderHourAt)),
      ),
    )
    .limit(batch);
  let sent = 0;
  for (const b of soon) {
    const kind = dueReminder(b, now);
    if (!kind) continue;
    const column = kind === 'day' ? appointments.reminderDayAt : appointments.reminderHourAt;
    const done = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(appointments)
        .set(kind === 'day' ? { reminderDayAt: now } : { reminderHourAt: now })
        .where(and(eq(appointments.id, b.id), isNull(column), eq(appointments.status, 'booked')))
        .returning({ id: appointments.id });
      if (!claimed) return false; // another worker sent it, or the booking changed
      await notifyCitizen(
        tx,
        ctx,
        b.id,
        kind === 'day' ? 'appointment_reminder_day' : 'appointment_reminder_hour',
        now,
      );
      await recordWorkerAudit(tx, {
        action: `appointment.reminder_${kind}`,
        entityType: 'appointment',
        entityId: b.id,
        institutionId: b.institutionId,
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** Marks as no-shows the bookings nobody checked in for, half an hour after their start. */
export async function markNoShows(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(appointments)
      .set({ status: 'no_show', version: sql`${appointments.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(appointments.status, 'booked'),
          lte(appointments.startsAt, new Date(now.getTime() - NO_SHOW_AFTER_MINUTES * 60_000)),
        ),
      )
      .returning({ id: appointments.id, institutionId: appointments.institutionId });
    for (const r of rows)
      await recordWorkerAudit(tx, {
        action: 'appointment.no_show',
        entityType: 'appointment',
        entityId: r.id,
        institutionId: r.institutionId,
        data: { automatic: true },
      });
    return rows.length;
  });
}

/** Everything appointments need from the worker, at `now`. */
export async function runAppointmentJobs(db: Db, ctx: JobContext, now = currentTime()) {
  const reminders = await sendDueReminders(db, ctx, now);
  const noShows = await markNoShows(db, now);
  return { reminders, noShows };
}
