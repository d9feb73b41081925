/**
 * What the citizen is sent about their booking: the e-mail (with its calendar file) and the SMS or WhatsApp
 * message, with the link to change or cancel it; and the calendar file they download.
 */

import type { Executor } from '../../db/client.js';
import { formatDateTime } from '../../i18n/format.js';
import { type Lang, t } from '../../i18n/index.js';
import { hmac } from '../accounts/passwords.js';
import type { AppointmentNoticeEvent } from '../notifications/schema.js';
import { notifyAppointment } from '../notifications/service.js';
import {
  type AppointmentRow,
  type BookingView,
  loadBooking,
  readableBooking,
  recordBookingRead,
} from './booking-view.js';
import { type Ctx, HOUR, nameIn, nowOf } from './context.js';
import { buildIcs } from './ics.js';
import { MOROCCO_TZ, offsetMinutes, wallClock } from './tz.js';

/** The secret part of the reschedule/cancel links: recomputable from the booking, revoked by a new nonce. */
export const manageToken = (secret: string, id: string, nonce: string) =>
  `${id}.${hmac(secret, `appointment-manage:${id}:${nonce}`).slice(0, 40)}`;

function whenText(lang: Lang, instant: Date, timeZone: string) {
  const morocco = formatDateTime(instant, lang, MOROCCO_TZ);
  const sameClock =
    timeZone === MOROCCO_TZ || offsetMinutes(instant, timeZone) === offsetMinutes(instant, MOROCCO_TZ);
  if (sameClock) return t(lang, 'appointment.when_morocco', { morocco });
  const sameDay = wallClock(instant, timeZone).date === wallClock(instant, MOROCCO_TZ).date;
  return t(lang, 'appointment.when_abroad', {
    morocco,
    local: formatDateTime(instant, lang, timeZone, !sameDay),
    zone: timeZone,
  });
}

function howText(lang: Lang, a: AppointmentRow, institution: string) {
  if (a.mode === 'in_person') return t(lang, 'appointment.how.in_person', { institution });
  return a.videoUrl
    ? t(lang, 'appointment.how.video', { url: a.videoUrl })
    : t(lang, 'appointment.how.video_pending');
}

/** The booking's calendar file, in the citizen's language. */
export function bookingIcs(
  r: Pick<BookingView, 'svc' | 'inst' | 'citizen'> & { a: AppointmentRow },
  opts: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; publicUrl?: string; organizerEmail?: string; now: Date },
) {
  const lang = r.a.language;
  const institution = nameIn(lang, r.inst);
  const service = nameIn(lang, r.svc);
  const how = howText(lang, r.a, institution);
  const organizer = r.inst.email ?? opts.organizerEmail;
  return buildIcs({
    uid: `${r.a.id}@jisr`,
    sequence: r.a.icsSequence,
    method: r.a.status === 'cancelled' ? 'CANCEL' : opts.method,
    start: r.a.startsAt,
    end: r.a.endsAt,
    stamp: opts.now,
    summary: t(lang, 'appointment.ics.summary', { service }),
    description: t(lang, 'appointment.ics.description', { reference: r.a.reference, how, institution }),
    location: r.a.mode === 'video' ? (r.a.videoUrl ?? institution) : institution,
    url: opts.publicUrl ? `${opts.publicUrl}/appointments/${r.a.id}` : undefined,
    organizer: organizer ? { name: institution, email: organizer } : undefined,
    attendee: { name: r.citizen.name, email: r.citizen.email },
    alarms: [1440, 60],
  });
}

export type NoticeTemplate = AppointmentNoticeEvent;

/**
 * Tells the citizen about their booking, in the caller's transaction: by e-mail with the calendar file, and
 * by SMS or WhatsApp when they chose them, with the link to change or cancel it.
 */
export async function notifyCitizen(
  tx: Executor,
  ctx: Pick<Ctx, 'secret' | 'publicUrl' | 'organizerEmail'>,
  id: string,
  template: NoticeTemplate,
  now: Date,
  reason?: string,
  /** A copy for the relative who booked under a mandate: links to the signed-in page, never the secret link. */
  relative?: { id: string; name: string; email: string },
) {
  const r = (await loadBooking(tx, id))!;
  const lang = r.a.language;
  const institution = nameIn(lang, r.inst);
  const base = ctx.publicUrl ?? '';
  const token = manageToken(ctx.secret, r.a.id, r.a.manageNonce);
  const manage = relative
    ? `${base}/appointments/${r.a.id}`
    : `${base}/appointments/manage/${encodeURIComponent(token)}`;
  const reminder = template === 'appointment_reminder_day' || template === 'appointment_reminder_hour';
  // a reminder belongs to the time it reminds of; the other messages to the booking's version
  const ref = reminder ? `${r.a.id}:${r.a.scheduledAt.toISOString()}` : `${r.a.id}:${r.a.icsSequence}`;
  await notifyAppointment(tx, {
    event: template,
    ref: relative ? `${ref}:relative:${relative.id}` : ref,
    institutionId: r.a.institutionId,
    caseId: r.a.caseId,
    citizen: relative ?? { id: r.a.citizenId, name: r.citizen.name, email: r.citizen.email },
    language: lang,
    bookingChannels: relative ? null : r.a.replyChannels,
    chosenAt: r.a.createdAt,
    timeZone: r.a.timeZone,
    // SMS and WhatsApp wait out the night only while they still arrive an hour before the appointment
    sendBy: new Date(r.a.startsAt.getTime() - HOUR),
    params: {
      name: relative?.name ?? r.citizen.name,
      reference: r.a.reference,
      institution,
      service: nameIn(lang, r.svc),
      when: whenText(lang, r.a.startsAt, r.a.timeZone),
      how: howText(lang, r.a, institution),
      reason: reason ?? '—',
      url: manage,
      rescheduleUrl: `${manage}?action=reschedule`,
      cancelUrl: `${manage}?action=cancel`,
      bookUrl: `${base}/appointments`,
    },
    ics: reminder
      ? null
      : bookingIcs(r, {
          method: 'REQUEST',
          publicUrl: ctx.publicUrl,
          organizerEmail: ctx.organizerEmail,
          now,
        }),
    now,
  });
}

export async function appointmentIcs(ctx: Ctx, id: string) {
  const r = await readableBooking(ctx, id);
  await recordBookingRead(ctx, r, { as: 'ics' });
  return {
    reference: r.a.reference,
    ics: bookingIcs(r, {
      method: 'PUBLISH',
      publicUrl: ctx.publicUrl,
      organizerEmail: ctx.organizerEmail,
      now: nowOf(ctx),
    }),
  };
}
