/**
 * Messages that arrive from outside: WhatsApp Cloud API webhooks (signed with the app secret), threaded into
 * the sender's open case, or kept as a desk intake for the reception to turn into a case. Also the delivery
 * statuses the provider reports back, and e-mail bounce reports.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { findCitizensByPhone, getAccountById } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { addCitizenMessage, latestCaseOf, openCasesOf } from '../cases/inbox.js';
import { type Ctx, createCase } from '../cases/service.js';
import { getInstitutionByCode, listInstitutions } from '../institutions/service.js';
import { attachMessageMedia, fetchInboundMedia, type MediaDeps } from './inbound-media.js';
import { deskIntakes, inboundMessages, notifications } from './schema.js';

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, compared in constant time. */
export function validSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(header.slice(7), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The parts of the Cloud API webhook payload we read; everything else is ignored. */
const webhookPayload = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        changes: z
          .array(
            z.object({
              field: z.string(),
              value: z.object({
                contacts: z
                  .array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).partial() }))
                  .optional(),
                messages: z
                  .array(
                    z.object({
                      from: z.string(),
                      id: z.string(),
                      timestamp: z.string().optional(),
                      type: z.string(),
                      text: z.object({ body: z.string() }).optional(),
                      image: z.object({ caption: z.string().optional() }).optional(),
                      audio: z.object({ id: z.string(), mime_type: z.string().optional() }).optional(),
                      document: z
                        .object({ caption: z.string().optional(), filename: z.string().optional() })
                        .optional(),
                    }),
                  )
                  .optional(),
                statuses: z
                  .array(
                    z.object({
                      id: z.string(),
                      status: z.string(),
                      errors: z
                        .array(
                          z.object({
                            code: z.number().optional(),
                            title: z.string().optional(),
                            message: z.string().optional(),
                          }),
                        )
                        .optional(),
                    }),
                  )
                  .optional(),
              }),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

export type WebhookResult = { threaded: number; intakes: number; duplicates: number; statuses: number };

const TRACKING = /\b([A-Z]{2,6})-?(\d{4})-?(\d{6})\b/i;

export type InboundSettings = {
  defaultInstitution?: string | null;
  requestId: string;
  /** How voice notes are fetched; without, they are noted `pending` for a worker that can. */
  media?: MediaDeps | null;
};

/** Handles one verified webhook body. Safe to receive twice: each message id is processed once. */
export async function handleWhatsappWebhook(
  db: Db,
  body: unknown,
  s: InboundSettings,
): Promise<WebhookResult> {
  const parsed = webhookPayload.safeParse(body);
  const result: WebhookResult = { threaded: 0, intakes: 0, duplicates: 0, statuses: 0 };
  if (!parsed.success || parsed.data.object !== 'whatsapp_business_account') return result;
  for (const entry of parsed.data.entry)
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const v = change.value;
      for (const st of v.statuses ?? []) {
        result.statuses++;
        await recordStatus(db, st);
      }
      for (const m of v.messages ?? []) {
        const name = v.contacts?.find((c) => c.wa_id === m.from)?.profile.name ?? null;
        const text =
          m.text?.body ??
          m.image?.caption ??
          m.document?.caption ??
          `[${m.type}${m.document?.filename ? `: ${m.document.filename}` : ''}]`;
        const mediaId = m.type === 'audio' ? (m.audio?.id ?? null) : null;
        const { outcome, storedId } = await receiveMessage(
          db,
          { channel: 'whatsapp', from: `+${m.from.replace(/^\+/, '')}`, name, id: m.id, text, mediaId },
          s,
        );
        result[outcome]++;
        // the voice note is fetched once the message is kept: a failure leaves the message, noted `pending`
        if (storedId && mediaId && s.media) await fetchInboundMedia(db, s.media, storedId, s.requestId);
      }
    }
  return result;
}

/** A delivery status from the provider: delivered/read mark the message delivered, failed records a bounce. */
async function recordStatus(
  db: Db,
  st: { id: string; status: string; errors?: { code?: number; title?: string; message?: string }[] },
) {
  if (st.status === 'delivered' || st.status === 'read') {
    await db
      .update(notifications)
      .set({ deliveredAt: currentTime() })
      .where(eq(notifications.providerMessageId, st.id));
  } else if (st.status === 'failed') {
    const e = st.errors?.[0];
    await db
      .update(notifications)
      .set({
        status: 'bounced',
        bouncedAt: currentTime(),
        lastError: `${e?.code ?? ''} ${e?.title ?? e?.message ?? 'failed'}`.trim(),
      })
      .where(eq(notifications.providerMessageId, st.id));
  }
}

type Incoming = {
  channel: 'whatsapp';
  from: string;
  name: string | null;
  id: string;
  text: string;
  /** The provider's id of a voice note the message carries. */
  mediaId: string | null;
};

async function receiveMessage(
  db: Db,
  m: Incoming,
  s: InboundSettings,
): Promise<{ outcome: 'threaded' | 'intakes' | 'duplicates'; storedId?: string }> {
  const outcome = await keepMessage(db, m, s);
  return typeof outcome === 'string' ? { outcome } : outcome;
}

async function keepMessage(
  db: Db,
  m: Incoming,
  s: InboundSettings,
): Promise<'duplicates' | { outcome: 'threaded' | 'intakes'; storedId: string }> {
  const citizens = await findCitizensByPhone(db, m.from);
  const ids = citizens.map((c) => c.id);
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(inboundMessages)
      .values({
        channel: m.channel,
        providerMessageId: m.id,
        fromPhone: m.from,
        fromName: m.name,
        text: m.text,
        mediaId: m.mediaId,
        mediaStatus: m.mediaId ? 'pending' : null,
      })
      .onConflictDoNothing({ target: inboundMessages.providerMessageId })
      .returning();
    if (!stored) return 'duplicates';
    const open = await openCasesOf(tx, ids);
    // A tracking number in the message picks that case; otherwise the one most recently active.
    const named = TRACKING.exec(m.text);
    const wanted = named ? `${named[1]!.toUpperCase()}-${named[2]}-${named[3]}` : null;
    const target = open.find((c) => c.trackingNumber === wanted) ?? open[0];
    if (target) {
      await addCitizenMessage(tx, {
        caseId: target.id,
        institutionId: target.institutionId,
        actorId: target.requesterId,
        text: m.text,
        channel: m.channel,
        messageId: m.id,
        requestId: s.requestId,
      });
      await tx
        .update(inboundMessages)
        .set({ caseId: target.id, accountId: target.requesterId })
        .where(eq(inboundMessages.id, stored.id));
      return { outcome: 'threaded', storedId: stored.id };
    }
    // No open case: the reception desk takes it. One open intake per number gathers its messages.
    const [existing] = await tx
      .select()
      .from(deskIntakes)
      .where(and(eq(deskIntakes.fromPhone, m.from), eq(deskIntakes.status, 'open')))
      .limit(1);
    let intakeId = existing?.id;
    if (!intakeId) {
      const last = await latestCaseOf(tx, ids);
      let institutionId = last?.institutionId ?? null;
      if (!institutionId && s.defaultInstitution)
        institutionId = (await getInstitutionByCode(tx, s.defaultInstitution))?.id ?? null;
      if (!institutionId) {
        const all = await listInstitutions(tx);
        if (all.length === 1) institutionId = all[0]!.id;
      }
      const [intake] = await tx
        .insert(deskIntakes)
        .values({
          institutionId,
          channel: m.channel,
          fromPhone: m.from,
          fromName: m.name,
          accountId: ids[0] ?? null,
        })
        .returning();
      intakeId = intake!.id;
      await recordAudit(tx, {
        actorId: null,
        action: 'desk_intake.create',
        entityType: 'desk_intake',
        entityId: intakeId,
        institutionId,
        requestId: s.requestId,
        data: { channel: m.channel },
      });
    } else {
      await tx.update(deskIntakes).set({ updatedAt: currentTime() }).where(eq(deskIntakes.id, intakeId));
    }
    await tx
      .update(inboundMessages)
      .set({ intakeId, accountId: ids[0] ?? null })
      .where(eq(inboundMessages.id, stored.id));
    return { outcome: 'intakes', storedId: stored.id };
  });
}

const canHandleIntakes = (actor: Actor, institutionId: string | null) =>
  !!institutionId &&
  actor.memberships.some(
    (m) => m.institutionId === institutionId && (m.role === 'reception_agent' || m.role === 'supervisor'),
  );

export async function listIntakes(
  db: Db,
  actor: Actor,
  institutionId: string,
  status: 'open' | 'converted' | 'dismissed',
) {
  if (!canHandleIntakes(actor, institutionId)) throw forbidden();
  const rows = await db
    .select()
    .from(deskIntakes)
    .where(and(eq(deskIntakes.institutionId, institutionId), eq(deskIntakes.status, status)))
    .orderBy(asc(deskIntakes.createdAt))
    .limit(200);
  const messages = rows.length
    ? await db
        .select()
        .from(inboundMessages)
        .where(
          inArray(
            inboundMessages.intakeId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(inboundMessages.receivedAt))
    : [];
  return rows.map((r) => ({
    ...r,
    messages: messages
      .filter((m) => m.intakeId === r.id)
      .map((m) => ({
        id: m.id,
        text: m.text,
        receivedAt: m.receivedAt,
        /** a voice note: `pending` (being fetched), `stored` (attached once the case is made), `failed`, `refused` */
        media: m.mediaStatus ? { status: m.mediaStatus, type: m.mediaType, size: m.mediaSize } : null,
      })),
  }));
}

async function intakeFor(db: Db, actor: Actor, id: string) {
  const [row] = await db.select().from(deskIntakes).where(eq(deskIntakes.id, id));
  if (!row || !canHandleIntakes(actor, row.institutionId)) throw notFound();
  return row;
}

/** Marks an open intake handled by the actor; 409 `intake-not-open` once another agent has handled it. */
async function handleOpenIntake(
  db: Executor,
  actor: Actor,
  id: string,
  change: { status: 'converted' } | { status: 'dismissed'; note: string },
) {
  const [row] = await db
    .update(deskIntakes)
    .set({ ...change, handledBy: actor.accountId, handledAt: currentTime(), updatedAt: currentTime() })
    .where(and(eq(deskIntakes.id, id), eq(deskIntakes.status, 'open')))
    .returning();
  if (!row) throw fail('intake-not-open');
  return row;
}

/**
 * Turns an intake into a case for the citizen the number belongs to (or the one the agent names). The
 * intake is claimed first, so two agents cannot make two cases of it; its messages join the new case.
 */
export async function convertIntake(
  ctx: Ctx,
  id: string,
  input: {
    categoryId: string;
    subject: string;
    description: string;
    requesterId?: string | null;
    departmentId?: string | null;
    replyChannels?: ('email' | 'post' | 'phone' | 'whatsapp' | 'sms')[];
    language?: 'ar' | 'fr' | 'en';
  },
) {
  const db = ctx.db;
  const actor = ctx.actor!;
  const intake = await intakeFor(db, actor, id);
  if (intake.status !== 'open') throw fail('intake-not-open');
  const requesterId = input.requesterId ?? intake.accountId;
  if (!requesterId) throw fail('intake-requester-required');
  const requester = await getAccountById(db, requesterId);
  if (requester?.kind !== 'citizen') throw fail('requester-invalid');
  await handleOpenIntake(db, actor, id, { status: 'converted' });
  let made: Awaited<ReturnType<typeof createCase>>;
  try {
    made = await createCase(ctx, {
      institutionId: intake.institutionId!,
      categoryId: input.categoryId,
      subject: input.subject,
      description: input.description,
      fields: {},
      replyChannels: input.replyChannels ?? [intake.channel],
      language: input.language ?? requester.preferredLanguage,
      intakeChannel: intake.channel,
      requesterId,
      departmentId: input.departmentId ?? null,
    });
  } catch (err) {
    await db
      .update(deskIntakes)
      .set({ status: 'open', handledBy: null, handledAt: null })
      .where(eq(deskIntakes.id, id));
    throw err;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(deskIntakes)
      .set({ caseId: made.case.id, accountId: requesterId })
      .where(eq(deskIntakes.id, id));
    const msgs = await tx
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.intakeId, id))
      .orderBy(asc(inboundMessages.receivedAt))
      // a voice note being fetched meanwhile: seen stored, or fetched after and attached by its fetch
      .for('update');
    for (const m of msgs) {
      await addCitizenMessage(tx, {
        caseId: made.case.id,
        institutionId: made.case.institutionId,
        actorId: requesterId,
        text: m.text,
        channel: m.channel,
        messageId: m.providerMessageId,
        requestId: ctx.requestId,
      });
      await tx
        .update(inboundMessages)
        .set({ caseId: made.case.id, accountId: requesterId })
        .where(eq(inboundMessages.id, m.id));
      // a voice note already fetched joins the case now; one still being fetched joins it when it arrives
      await attachMessageMedia(tx, { ...m, caseId: made.case.id, accountId: requesterId }, ctx.requestId);
    }
    await audit(tx, ctx, {
      action: 'desk_intake.convert',
      entityType: 'desk_intake',
      entityId: id,
      institutionId: intake.institutionId,
      data: { caseId: made.case.id },
    });
  });
  return { caseId: made.case.id, trackingNumber: made.case.trackingNumber };
}

export async function dismissIntake(db: Db, actor: Actor, id: string, note: string, requestId: string) {
  const intake = await intakeFor(db, actor, id);
  return db.transaction(async (tx) => {
    const row = await handleOpenIntake(tx, actor, id, { status: 'dismissed', note });
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'desk_intake.dismiss',
      entityType: 'desk_intake',
      entityId: id,
      institutionId: intake.institutionId,
      requestId,
    });
    return row;
  });
}

/**
 * An e-mail delivery report (RFC 3464) forwarded by the mail server: a failed delivery marks the message
 * bounced. The original message is found by its Message-ID (`<notification-id@jisr>`).
 */
export async function recordEmailBounce(db: Db, raw: string): Promise<{ bounced: string[] }> {
  const failed = /^Action:\s*failed/im.test(raw) || /^Status:\s*5\.\d+\.\d+/im.test(raw);
  if (!failed) return { bounced: [] };
  const ids = [...raw.matchAll(/<([0-9a-f-]{36})@jisr>/gi)].map((m) => m[1]!.toLowerCase());
  if (!ids.length) return { bounced: [] };
  const diagnostic =
    /^Diagnostic-Code:\s*(.+)$/im.exec(raw)?.[1] ?? /^Status:\s*(\S+)/im.exec(raw)?.[1] ?? 'bounced';
  const rows = await db
    .update(notifications)
    .set({ status: 'bounced', bouncedAt: currentTime(), lastError: diagnostic.trim().slice(0, 500) })
    .where(and(inArray(notifications.id, [...new Set(ids)]), eq(notifications.channel, 'email')))
    .returning({ id: notifications.id });
  return { bounced: rows.map((r) => r.id) };
}
