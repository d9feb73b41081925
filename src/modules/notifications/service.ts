/**
 * The notifications module's service: what admins see of the outbox (dead letters, retry), templates and
 * their preview, people's channel preferences, the development mailbox, the overdue scan.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type Lang, t } from '../../i18n/index.js';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import type { ReplyChannel } from '../accounts/schema.js';
import { getCitizenProfile, updateCitizenProfile } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { overdueCases } from '../cases/inbox.js';
import { getPreferences, notifyCaseEvent, notifyStaff, resolveTemplate } from './notify.js';
import { isTimeZone, timeZoneFor } from './quiet-hours.js';
import {
  type Channel,
  type NotificationStatus,
  notificationPreferences,
  notifications,
  notificationTemplates,
  type TemplateEvent,
  templateEvents,
} from './schema.js';
import { fillMarks } from './secrets.js';
import {
  defaultTemplate,
  fill,
  hasSubject,
  placeholders,
  renderEmailHtml,
  sampleParams,
  templateChannels,
  unknownPlaceholders,
} from './templates.js';

export { type AppointmentNotice, notifyAppointment } from './appointment-notice.js';
export { type EmailTemplate, enqueue, enqueueEmail } from './outbox.js';

const maskSecrets = (text: string, lang: Lang) => fillMarks(text, () => t(lang, 'notify.secret_sent'));

export function presentNotification(n: typeof notifications.$inferSelect) {
  return {
    id: n.id,
    event: n.event,
    channel: n.channel,
    language: n.language,
    caseId: n.caseId,
    recipientId: n.recipientId,
    to: n.toAddress,
    // staff read "code sent" where a secret was
    subject: maskSecrets(n.subject, n.language),
    text: maskSecrets(n.textBody, n.language),
    status: n.status,
    attempts: n.attempts,
    nextAttemptAt: n.nextAttemptAt.toISOString(),
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    deliveredAt: n.deliveredAt?.toISOString() ?? null,
    bouncedAt: n.bouncedAt?.toISOString() ?? null,
  };
}

export async function listNotifications(
  db: Db,
  institutionId: string,
  q: { status?: NotificationStatus; channel?: Channel; caseId?: string; limit: number; before?: string },
) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.institutionId, institutionId),
        q.status ? eq(notifications.status, q.status) : undefined,
        q.channel ? eq(notifications.channel, q.channel) : undefined,
        q.caseId ? eq(notifications.caseId, q.caseId) : undefined,
        q.before ? lt(notifications.createdAt, new Date(q.before)) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(q.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(presentNotification),
    nextBefore: rows.length === q.limit && last ? last.createdAt.toISOString() : null,
  };
}

export async function notificationSummary(db: Db, institutionId: string) {
  const rows = await db
    .select({ status: notifications.status, channel: notifications.channel, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(eq(notifications.institutionId, institutionId))
    .groupBy(notifications.status, notifications.channel);
  return { items: rows };
}

export async function caseNotifications(db: Db, caseId: string) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.caseId, caseId))
    .orderBy(desc(notifications.createdAt))
    .limit(200);
  return rows.map(presentNotification);
}

/** An admin sends a failed message again: back to pending, attempts from zero. */
export async function retryNotification(
  db: Db,
  actor: Actor,
  institutionId: string,
  id: string,
  requestId: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.institutionId, institutionId)));
    if (!row) throw notFound();
    if (row.status !== 'dead' && row.status !== 'bounced') throw fail('notification-not-retryable');
    const [updated] = await tx
      .update(notifications)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: currentTime(), bouncedAt: null })
      .where(and(eq(notifications.id, id), inArray(notifications.status, ['dead', 'bounced'])))
      .returning();
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'notification.retry',
      entityType: 'notification',
      entityId: id,
      institutionId,
      requestId,
      data: { channel: row.channel, event: row.event, previousStatus: row.status },
    });
    return presentNotification(updated!);
  });
}

/** Every template of the institution: its own wording where it wrote one, the platform default otherwise. */
export async function listTemplates(
  db: Db,
  institutionId: string,
  filter: { event?: TemplateEvent; language?: Lang },
) {
  const own = await db
    .select()
    .from(notificationTemplates)
    .where(eq(notificationTemplates.institutionId, institutionId));
  const out = [];
  for (const event of templateEvents) {
    if (filter.event && filter.event !== event) continue;
    for (const channel of templateChannels(event))
      for (const language of ['ar', 'fr', 'en'] as const) {
        if (filter.language && filter.language !== language) continue;
        const o = own.find((x) => x.event === event && x.channel === channel && x.language === language);
        const d = defaultTemplate(event, channel, language);
        out.push({
          event,
          channel,
          language,
          subject: o ? (hasSubject(channel) ? (o.subject ?? '') : null) : d.subject,
          body: o?.body ?? d.body,
          custom: !!o,
          placeholders: placeholders[event],
          updatedAt: o?.updatedAt.toISOString() ?? null,
        });
      }
  }
  return out;
}

function checkTemplate(
  event: TemplateEvent,
  channel: Channel,
  subject: string | null | undefined,
  body: string,
) {
  if (!templateChannels(event).includes(channel)) throw fail('template-channel-not-used');
  if (subject && !hasSubject(channel)) throw fail('template-subject-not-used');
  const unknown = unknownPlaceholders(event, subject, body);
  if (unknown.length)
    throw fail(
      'template-unknown-placeholder',
      {
        placeholders: unknown.map((p) => `{${p}}`).join(', '),
        allowed: placeholders[event].map((p) => `{${p}}`).join(' '),
      },
      { unknown },
    );
}

export async function saveTemplate(
  db: Db,
  actor: Actor,
  institutionId: string,
  key: { event: TemplateEvent; channel: Channel; language: Lang },
  input: { subject?: string | null; body: string },
  requestId: string,
) {
  checkTemplate(key.event, key.channel, input.subject, input.body);
  return db.transaction(async (tx) => {
    const values = {
      institutionId,
      ...key,
      subject: hasSubject(key.channel)
        ? (input.subject ?? defaultTemplate(key.event, key.channel, key.language).subject)
        : null,
      body: input.body,
      updatedBy: actor.accountId,
      updatedAt: currentTime(),
    };
    const [row] = await tx
      .insert(notificationTemplates)
      .values(values)
      .onConflictDoUpdate({
        target: [
          notificationTemplates.institutionId,
          notificationTemplates.event,
          notificationTemplates.channel,
          notificationTemplates.language,
        ],
        set: {
          subject: values.subject,
          body: values.body,
          updatedBy: values.updatedBy,
          updatedAt: values.updatedAt,
        },
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'notification_template.save',
      entityType: 'notification_template',
      entityId: row!.id,
      institutionId,
      requestId,
      data: key,
    });
    return {
      ...key,
      subject: row!.subject,
      body: row!.body,
      custom: true,
      placeholders: placeholders[key.event],
      updatedAt: row!.updatedAt.toISOString(),
    };
  });
}

export async function resetTemplate(
  db: Db,
  actor: Actor,
  institutionId: string,
  key: { event: TemplateEvent; channel: Channel; language: Lang },
  requestId: string,
) {
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(notificationTemplates)
      .where(
        and(
          eq(notificationTemplates.institutionId, institutionId),
          eq(notificationTemplates.event, key.event),
          eq(notificationTemplates.channel, key.channel),
          eq(notificationTemplates.language, key.language),
        ),
      )
      .returning({ id: notificationTemplates.id });
    if (!rows.length) throw notFound();
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'notification_template.reset',
      entityType: 'notification_template',
      entityId: rows[0]!.id,
      institutionId,
      requestId,
      data: key,
    });
  });
}

/** What a template gives with example values (or the ones given): the wording being edited, or the saved one. */
export async function previewTemplate(
  db: Db,
  institutionId: string,
  input: {
    event: TemplateEvent;
    channel: Channel;
    language: Lang;
    subject?: string | null;
    body?: string;
    params?: Record<string, string>;
  },
) {
  const saved = await resolveTemplate(db, institutionId, input.event, input.channel, input.language);
  const subjectTpl = input.body !== undefined ? (input.subject ?? saved.subject) : saved.subject;
  const bodyTpl = input.body ?? saved.body;
  checkTemplate(input.event, input.channel, input.body !== undefined ? input.subject : null, bodyTpl);
  const params = { ...sampleParams(input.event, input.language), ...(input.params ?? {}) };
  const subject = subjectTpl && hasSubject(input.channel) ? fill(subjectTpl, params) : null;
  const text = fill(bodyTpl, params);
  return {
    subject,
    text,
    html:
      input.channel === 'email'
        ? renderEmailHtml({
            subject: subject ?? '',
            text,
            lang: input.language,
            link: params.url,
            linkLabel: params.url,
          })
        : null,
    characters: text.length,
    /** An SMS segment holds 70 characters when the text needs Unicode (Arabic), 160 otherwise. */
    smsSegments: input.channel === 'sms' ? smsSegments(text) : null,
  };
}

export function smsSegments(text: string): number {
  const gsm =
    /^[\n\r A-Za-z0-9@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/.test(
      text,
    );
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}

const staffChannels: Channel[] = ['email', 'sms', 'whatsapp'];

export async function preferencesOf(db: Db, actor: Actor) {
  const prefs = await getPreferences(db, actor.accountId);
  const profile = actor.kind === 'citizen' ? await getCitizenProfile(db, actor.accountId) : null;
  return {
    channels: (prefs?.channels ?? profile?.replyChannels ?? ['email']) as Channel[],
    timeZone: prefs?.timeZone ?? null,
    effectiveTimeZone: timeZoneFor({
      chosen: prefs?.timeZone,
      phone: profile?.phone ?? prefs?.phone,
      country: profile?.countryOfResidence,
    }),
    phone: actor.kind === 'staff' ? (prefs?.phone ?? null) : (profile?.phone ?? null),
    updatedAt: prefs?.updatedAt.toISOString() ?? null,
  };
}

/**
 * A person changes how they want to hear from us, at any time: from then on every message of every case
 * of theirs goes through these channels. A citizen's choice is also kept in their profile (the default for
 * new cases). Staff may choose e-mail, SMS and WhatsApp, with a number for the latter two.
 */
export async function setPreferences(
  db: Db,
  actor: Actor,
  input: { channels: Channel[]; timeZone?: string | null; phone?: string | null },
  requestId: string,
) {
  if (input.timeZone && !isTimeZone(input.timeZone)) throw fail('time-zone-unknown');
  const wanted = [...new Set(input.channels)];
  if (actor.kind === 'citizen') {
    const profile = await getCitizenProfile(db, actor.accountId);
    if (wanted.some((c) => c === 'sms' || c === 'whatsapp' || c === 'phone') && !profile?.phone)
      throw fail('preferences-phone-required');
    if (wanted.includes('post') && !profile?.addressAbroad) throw fail('preferences-address-required');
    await updateCitizenProfile(db, actor.accountId, { replyChannels: wanted as ReplyChannel[] }, requestId);
  } else {
    if (wanted.some((c) => !staffChannels.includes(c))) throw fail('preferences-channel-not-for-staff');
    const current = await getPreferences(db, actor.accountId);
    const phone = input.phone !== undefined ? input.phone : (current?.phone ?? null);
    if (wanted.some((c) => c !== 'email') && !phone) throw fail('preferences-phone-required');
  }
  await db.transaction(async (tx) => {
    const values = {
      accountId: actor.accountId,
      channels: wanted,
      timeZone: input.timeZone ?? null,
      ...(actor.kind === 'staff' && input.phone !== undefined ? { phone: input.phone } : {}),
      updatedAt: currentTime(),
    };
    await tx
      .insert(notificationPreferences)
      .values(values)
      .onConflictDoUpdate({ target: notificationPreferences.accountId, set: values });
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'notification_preferences.update',
      entityType: 'account',
      entityId: actor.accountId,
      requestId,
      data: { channels: wanted, timeZone: input.timeZone ?? null },
    });
  });
  return preferencesOf(db, actor);
}

/** Development mailbox: every message written for e-mail, SMS and WhatsApp, newest first. */
export async function listMailbox(db: Db, limit = 100) {
  return db
    .select()
    .from(notifications)
    .where(inArray(notifications.channel, ['email', 'sms', 'whatsapp']))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/**
 * The overdue scan: cases whose deadline passed since the last scan tell their citizen (deadline passed)
 * and their assignee, or the institution's supervisors when nobody has it (overdue). Keys make it safe to
 * run again over the same period.
 */
export async function notifyOverdue(db: Db, since: Date, now: Date, publicUrl: string) {
  const late = await overdueCases(db, since, now);
  for (const c of late) {
    await db.transaction(async (tx) => {
      const ref = c.dueAt.toISOString();
      await notifyCaseEvent(tx, { event: 'deadline_passed', caseRow: c, ref, publicUrl, now });
      // the holder hears it here; escalation to supervisors and overseers is the deadline watch's (workflow)
      if (c.assigneeId)
        await notifyStaff(tx, {
          event: 'overdue',
          caseRow: c,
          staffIds: [c.assigneeId],
          ref,
          publicUrl,
          now,
        });
    });
  }
  return late.length;
}
