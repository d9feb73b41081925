/**
 * A booking's messages to its citizen (confirmed, moved, cancelled, reminders): always by e-mail, with the
 * calendar file, and also by SMS and WhatsApp when the citizen chose them, in the booking's language, from
 * the institution's templates. Written in the caller's transaction, like every other message.
 */
import type { Executor } from '../../db/client.js';
import type { Lang } from '../../i18n/index.js';
import { getCitizenProfile } from '../accounts/service.js';
import { getPreferences, resolveTemplate } from './notify.js';
import { enqueue, notifySettings } from './outbox.js';
import type { AppointmentNoticeEvent, Channel } from './schema.js';
import { fill, renderEmailHtml, whatsappParams } from './templates.js';

export type AppointmentNotice = {
  event: AppointmentNoticeEvent;
  /** Makes the keys unique per occurrence: the booking and its change count, or its time for reminders. */
  ref: string;
  institutionId: string;
  caseId: string | null;
  citizen: { id: string; name: string; email: string };
  language: Lang;
  /** Channels chosen when booking (null: none), and when: a later change of preferences wins over them. */
  bookingChannels: Channel[] | null;
  chosenAt: Date;
  /** The citizen's zone given when booking: quiet hours are counted there. */
  timeZone: string;
  /** SMS and WhatsApp wait for the end of quiet hours only if it comes by then. */
  sendBy: Date;
  /** Placeholders: name, institution, service, reference, when, how, reason, url, rescheduleUrl, cancelUrl, bookUrl. */
  params: Record<string, string>;
  ics: string | null;
  now: Date;
};

/** The channels a booking's messages take: e-mail, and SMS or WhatsApp when chosen and a number is known. */
export function appointmentChannels(p: {
  chosen: Channel[];
  phone: string | null;
  email: string;
}): Channel[] {
  const out: Channel[] = [];
  // A person registered at the desk without an address has a placeholder ending in .invalid.
  if (!p.email.endsWith('.invalid')) out.push('email');
  if (p.phone) for (const c of ['sms', 'whatsapp'] as const) if (p.chosen.includes(c)) out.push(c);
  return out;
}

export async function notifyAppointment(tx: Executor, n: AppointmentNotice): Promise<Channel[]> {
  const [profile, prefs] = await Promise.all([
    getCitizenProfile(tx, n.citizen.id),
    getPreferences(tx, n.citizen.id),
  ]);
  // The latest choice wins: the one made when booking, unless the preferences changed since.
  const chosen =
    n.bookingChannels && (!prefs || prefs.updatedAt <= n.chosenAt)
      ? n.bookingChannels
      : (prefs?.channels ?? profile?.replyChannels ?? ['email']);
  const targets = appointmentChannels({ chosen, phone: profile?.phone ?? null, email: n.citizen.email });
  for (const channel of targets) {
    const tpl = await resolveTemplate(tx, n.institutionId, n.event, channel, n.language);
    const subject = tpl.subject ? fill(tpl.subject, n.params) : '';
    const text = fill(tpl.body, n.params);
    const base = {
      idempotencyKey: `${n.event}:${n.ref}:${channel}`,
      event: n.event,
      channel,
      language: n.language,
      institutionId: n.institutionId,
      caseId: n.caseId,
      recipientId: n.citizen.id,
      subject,
      textBody: text,
      timeZone: n.timeZone,
      sendBy: n.sendBy,
    };
    if (channel === 'email')
      await enqueue(
        tx,
        {
          ...base,
          toAddress: n.citizen.email,
          htmlBody: renderEmailHtml({ subject, text, lang: n.language }),
          ics: n.ics,
        },
        n.now,
      );
    else if (channel === 'sms') await enqueue(tx, { ...base, toAddress: profile!.phone! }, n.now);
    else
      await enqueue(
        tx,
        {
          ...base,
          toAddress: profile!.phone!,
          payload: {
            template: `${notifySettings.whatsappTemplatePrefix}${n.event}`,
            params: whatsappParams[n.event].map((p) => n.params[p] || '—'),
          },
        },
        n.now,
      );
  }
  return targets;
}
