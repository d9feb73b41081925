/**
 * The writing side of notifications: turning an event into one outbox row per recipient and channel, in the
 * transaction of the change that causes it. Delivery is `delivery.ts`'s business.
 */

import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { formatDate } from '../../i18n/format.js';
import { type Lang, t } from '../../i18n/index.js';
import { type Names, nameIn } from '../../i18n/names.js';
import { currentTime } from '../../shared/clock.js';
import type { PostalAddress, ReplyChannel } from '../accounts/schema.js';
import {
  citizenDisplayName,
  getAccountById,
  getCitizenProfile,
  isPlaceholderEmail,
} from '../accounts/service.js';
import { addDays, fromWallClock, MOROCCO_TZ } from '../appointments/tz.js';
import type { CaseRow } from '../cases/schema.js';
import { getInstitution } from '../institutions/service.js';
import {
  type EnqueueOptions,
  enqueue as enqueueInto,
  type NewNotification,
  notifySettings,
} from './outbox.js';
import { timeZoneFor } from './quiet-hours.js';
import {
  type Channel,
  notificationPreferences,
  notificationTemplates,
  type TemplateEvent,
} from './schema.js';
import { sealSecrets, secretMark } from './secrets.js';
import {
  defaultTemplate,
  fill,
  hasSubject,
  renderEmailHtml,
  type Template,
  whatsappParams,
} from './templates.js';

/** The wording for an institution: its own template when it wrote one, the platform's otherwise. */
export async function resolveTemplate(
  db: Executor,
  institutionId: string | null,
  event: TemplateEvent,
  channel: Channel,
  lang: Lang,
): Promise<Template> {
  if (institutionId) {
    const [own] = await db
      .select()
      .from(notificationTemplates)
      .where(
        and(
          eq(notificationTemplates.institutionId, institutionId),
          eq(notificationTemplates.event, event),
          eq(notificationTemplates.channel, channel),
          eq(notificationTemplates.language, lang),
        ),
      );
    if (own) return { subject: hasSubject(channel) ? (own.subject ?? '') : null, body: own.body };
  }
  return defaultTemplate(event, channel, lang);
}

export async function getPreferences(db: Executor, accountId: string) {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.accountId, accountId));
  return row ?? null;
}

const institutionName = (i: Names, lang: Lang) => nameIn(lang, i);

type Recipient = {
  accountId: string;
  lang: Lang;
  name: string;
  email: string;
  phone: string | null;
  address: PostalAddress | null;
  postalName: string;
  timeZone: string;
  channels: Channel[];
};

async function renderAndEnqueue(
  tx: Executor,
  r: Recipient,
  m: {
    event: TemplateEvent;
    ref: string;
    institution: { id: string; nameAr: string; nameFr: string; nameEn: string };
    caseRow: CaseRow;
    params: Record<string, string>;
    link: string;
    now: Date;
    sealedSecrets?: string | null;
    /** A reply's letter (PDF), linked from the e-mail: the case page, which offers it for download. */
    letterLink?: string;
    /** When and how the rows are written (see `EnqueueOptions`). */
    options?: EnqueueOptions;
  },
): Promise<Channel[]> {
  const unwritten: Channel[] = [];
  const wanted = [...new Set(r.channels)];
  // A channel the person chose but cannot be reached by (no phone, no address) falls back to e-mail:
  // a message is never dropped for want of a number.
  const reachable = (c: Channel) =>
    c === 'email' ||
    ((c === 'sms' || c === 'whatsapp' || c === 'phone') && !!r.phone) ||
    (c === 'post' && !!r.address);
  const targets = wanted.filter(reachable);
  if (!targets.includes('email') && targets.length < wanted.length) targets.push('email');
  if (!targets.length) targets.push('email');

  for (const channel of targets) {
    const enqueue = async (ex: Executor, row: NewNotification, now: Date) => {
      if (!(await enqueueInto(ex, row, now, m.options))) unwritten.push(channel);
    };
    const tpl = await resolveTemplate(tx, m.institution.id, m.event, channel, r.lang);
    const subject = tpl.subject ? fill(tpl.subject, m.params) : '';
    const text = fill(tpl.body, m.params);
    const base = {
      idempotencyKey: `${m.event}:${m.caseRow.id}:${m.ref}:${r.accountId}:${channel}`,
      event: m.event,
      channel,
      language: r.lang,
      institutionId: m.institution.id,
      caseId: m.caseRow.id,
      recipientId: r.accountId,
      subject,
      textBody: text,
      timeZone: r.timeZone,
      sealedSecrets: m.sealedSecrets ?? null,
    };
    if (channel === 'email') {
      const emailText = m.letterLink
        ? `${text}\n\n${t(r.lang, 'notify.reply_sent.letter', { url: m.letterLink })}`
        : text;
      const label = t(
        r.lang,
        m.event in { assigned: 1, returned: 1, overdue: 1 } ? 'notify.email.open' : 'notify.email.follow',
      );
      await enqueue(
        tx,
        {
          ...base,
          toAddress: r.email,
          textBody: emailText,
          htmlBody: renderEmailHtml({
            subject,
            text: emailText,
            lang: r.lang,
            link: m.link,
            linkLabel: label,
          }),
        },
        m.now,
      );
    } else if (channel === 'sms') {
      await enqueue(tx, { ...base, toAddress: r.phone! }, m.now);
    } else if (channel === 'whatsapp') {
      await enqueue(
        tx,
        {
          ...base,
          toAddress: r.phone!,
          payload: {
            template: `${notifySettings.whatsappTemplatePrefix}${m.event}`,
            params: whatsappParams[m.event].map((p) => m.params[p] ?? ''),
          },
        },
        m.now,
      );
    } else if (channel === 'post') {
      await enqueue(
        tx,
        {
          ...base,
          toAddress: r.postalName,
          payload: {
            address: r.address,
            recipientName: r.postalName,
            reference: m.caseRow.trackingNumber,
            departmentId: m.caseRow.departmentId,
            trackingUrl: m.link,
          },
        },
        m.now,
      );
    } else if (channel === 'phone') {
      await enqueue(
        tx,
        { ...base, toAddress: r.phone!, payload: { departmentId: m.caseRow.departmentId, name: r.name } },
        m.now,
      );
    }
  }
  return unwritten;
}

export type CaseNotice = {
  event: Exclude<TemplateEvent, StaffNotice['event']>;
  caseRow: CaseRow;
  /** Makes the key unique per occurrence: the timeline event id, or the due date for a late case. */
  ref: string;
  publicUrl?: string;
  now?: Date;
  reason?: string | null;
  reply?: string | null;
  /** The case's secret code (receipt): sealed with `secretKey`, never stored in clear (see secrets.ts). */
  code?: string;
  secretKey?: string;
  when?: string;
  place?: string;
};

/**
 * The citizen of a case as messages address them, and the placeholders every case message fills: the same
 * for the e-mail, the SMS, the posted letter and the letter downloaded from the portal. Null when the
 * person can no longer be reached (account deleted) or the body is gone.
 */
export async function caseAddressee(
  tx: Executor,
  c: CaseRow,
  extra: Partial<Record<string, string>> = {},
  publicUrl = '',
) {
  const [profile, institution, prefs] = await Promise.all([
    getCitizenProfile(tx, c.requesterId),
    getInstitution(tx, c.institutionId),
    getPreferences(tx, c.requesterId),
  ]);
  if (!institution) return null;
  const lang = c.language;
  const link = `${publicUrl}/track/${c.trackingNumber}`;
  const account = profile ? null : await getAccountById(tx, c.requesterId);
  const email = profile?.email ?? account?.email;
  if (!email) return null;
  const latin = [profile?.givenNameLatin, profile?.familyNameLatin].filter(Boolean).join(' ');
  const name = profile ? citizenDisplayName({ ...profile, preferredLanguage: lang }) : account!.displayName;
  const recipient: Omit<Recipient, 'channels'> = {
    accountId: c.requesterId,
    lang,
    name,
    email,
    phone: profile?.phone ?? null,
    address: profile?.addressAbroad ?? null,
    postalName: latin || name,
    timeZone: timeZoneFor({
      chosen: prefs?.timeZone,
      phone: profile?.phone,
      country: profile?.countryOfResidence,
    }),
  };
  const params: Record<string, string> = {
    name,
    institution: institutionName(institution, lang),
    tracking: c.trackingNumber,
    subject: c.subject,
    url: link,
    due: formatDate(c.dueAt, lang),
    code: '',
    reason: '',
    reply: '',
    when: '',
    place: '',
    ...extra,
  };
  // The person's latest choice (preferences) wins over the one made when filing the case.
  const chosen: ReplyChannel[] = prefs?.channels ?? c.replyChannels;
  return { recipient, params, institution, link, chosen };
}

/**
 * Tells the citizen about an event of their case, through every channel they chose, in the case's
 * language. Call it with the transaction that makes the change.
 */
export async function notifyCaseEvent(tx: Executor, n: CaseNotice): Promise<void> {
  const c = n.caseRow;
  if (n.code && !n.secretKey) throw new Error('a message with a secret code needs the key to seal it');
  const to = await caseAddressee(
    tx,
    c,
    {
      code: n.code ? secretMark('code') : '',
      reason: n.reason ?? '',
      reply: n.reply ?? '',
      when: n.when ?? '',
      place: n.place ?? '',
    },
    n.publicUrl,
  );
  if (!to) return;
  const channels = [...to.chosen];
  // A request registered by a body's desk (walk-in, phone, post…) is announced as such: the person learns
  // that a case was filed in their name, on their own e-mail too when they have one.
  // (one filed through another system's Open311 client was confirmed by the person: their own, as on the web)
  const selfFiled = c.intakeChannel === 'web' || c.intakeChannel === 'api';
  const atDesk = n.event === 'receipt' && !selfFiled && c.intakeChannel !== 'referral';
  const event = atDesk ? 'receipt_desk' : n.event;
  // The receipt of a case filed on the web also goes to the account's e-mail, as the web page showed.
  const toEmailToo =
    (n.event === 'receipt' && selfFiled) || (atDesk && !isPlaceholderEmail(to.recipient.email));
  if (toEmailToo && !channels.includes('email')) channels.push('email');
  await renderAndEnqueue(
    tx,
    { ...to.recipient, channels },
    {
      event,
      ref: n.ref,
      institution: to.institution,
      caseRow: c,
      params: to.params,
      link: to.link,
      now: n.now ?? currentTime(),
      sealedSecrets: n.code ? sealSecrets(n.secretKey!, { code: n.code }) : null,
    },
  );
}

/** A move of the file, as the citizen's message tells it. */
export type FileMove = {
  institution: { nameAr: string; nameFr: string; nameEn: string };
  department: { nameAr: string; nameFr: string; nameEn: string } | null;
  reason:
    | 'competent_body'
    | 'competent_department'
    | 'specialised_service'
    | 'closer_office'
    | 'records_held'
    | null;
};

/** The hour (in Morocco) the day's message about a file's moves leaves, and the wait after a later move. */
export const MOVES_SENT_AT_HOUR = 18;
export const MOVES_LATE_DELAY_MS = 30 * 60_000;

/**
 * Tells the citizen their file moved, through their channels: one message per day in Morocco sums up the
 * day's moves (`moves`, oldest first; the last is where the file is now). The message waits until the end of
 * the working day (18:00 in Morocco, or half an hour after a later move); each move of the day rewrites it
 * while it waits. A move after the day's message left goes in the next day's message, so a person never gets
 * more than one a day. SMS and WhatsApp then wait for the end of the person's quiet hours.
 */
export async function notifyCaseMoved(
  tx: Executor,
  n: { caseRow: CaseRow; day: string; moves: FileMove[]; publicUrl?: string; now: Date },
): Promise<void> {
  const last = n.moves[n.moves.length - 1];
  if (!last) return;
  const c = n.caseRow;
  const lang = c.language;
  const place = (m: FileMove) =>
    [institutionName(m.institution, lang), m.department ? institutionName(m.department, lang) : null]
      .filter(Boolean)
      .join(' — ');
  const lines = n.moves.map(
    (m) =>
      `- ${place(m)}${m.reason ? `${lang === 'fr' ? ' : ' : ': '}${t(lang, `notify.case_moved.reason.${m.reason}`)}` : ''}`,
  );
  const to = await caseAddressee(tx, c, { holder: place(last), moves: lines.join('\n') }, n.publicUrl);
  if (!to) return;
  const send = async (day: string, sendAt: Date, channels: Channel[]) =>
    renderAndEnqueue(
      tx,
      { ...to.recipient, channels },
      {
        event: 'case_moved',
        ref: day,
        institution: to.institution,
        caseRow: c,
        params: to.params,
        link: to.link,
        now: n.now,
        options: { sendAt, replacePending: true },
      },
    );
  const endOfDay = fromWallClock(n.day, MOVES_SENT_AT_HOUR * 60, MOROCCO_TZ);
  const late = new Date(n.now.getTime() + MOVES_LATE_DELAY_MS);
  const left = await send(n.day, endOfDay > late ? endOfDay : late, to.chosen);
  if (left.length) {
    const next = addDays(n.day, 1);
    await send(next, fromWallClock(next, MOVES_SENT_AT_HOUR * 60, MOROCCO_TZ), left);
  }
}

export type StaffNotice = {
  event: 'assigned' | 'returned' | 'overdue' | 'instruction' | 'citizen_escalated' | 'follow_up';
  caseRow: CaseRow;
  staffIds: string[];
  ref: string;
  publicUrl?: string;
  now?: Date;
  reason?: string | null;
};

/** Tells staff about a case that needs them, by e-mail (or the SMS/WhatsApp they chose), in their language. */
export async function notifyStaff(tx: Executor, n: StaffNotice): Promise<void> {
  const institution = await getInstitution(tx, n.caseRow.institutionId);
  if (!institution) return;
  const link = `${n.publicUrl ?? ''}/cases/${n.caseRow.id}`;
  for (const id of new Set(n.staffIds)) {
    const acc = await getAccountById(tx, id);
    if (acc?.kind !== 'staff' || acc.disabledAt) continue;
    const prefs = await getPreferences(tx, id);
    const lang = acc.preferredLanguage;
    await renderAndEnqueue(
      tx,
      {
        accountId: id,
        lang,
        name: acc.displayName,
        email: acc.email,
        phone: prefs?.phone ?? null,
        address: null,
        postalName: acc.displayName,
        timeZone: timeZoneFor({ chosen: prefs?.timeZone, phone: prefs?.phone }),
        channels: prefs?.channels ?? ['email'],
      },
      {
        event: n.event,
        ref: n.ref,
        institution,
        caseRow: n.caseRow,
        params: {
          name: acc.displayName,
          institution: institutionName(institution, lang),
          tracking: n.caseRow.trackingNumber,
          subject: n.caseRow.subject,
          url: link,
          due: formatDate(n.caseRow.dueAt, lang),
          reason: n.reason ?? '',
        },
        link,
        now: n.now ?? currentTime(),
      },
    );
  }
}
