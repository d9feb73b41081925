import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { languages, replyChannels } from '../../modules/accounts/schema.js';
import { requireActor } from '../../server/auth.js';
import { fail } from '../../server/problems.js';
import { type ServiceContext, serviceContext } from '../../server/service-context.js';
import { phoneSchema, safeText, wordedText } from '../../server/validation.js';
import { binary, itemsOf, noContent } from '../../shared/contract.js';
import { replyLetterVerification } from '../cases/receipt.js';
import { uploadRulesOf } from '../cases/upload-check.js';
import {
  callTasksOf,
  caseMessages,
  letterBatchesOf,
  lettersOf,
  newLetterBatch,
  outboxPage,
  outboxSummary,
  previewTemplateOf,
  putTemplate,
  resetTemplateOf,
  retryMessage,
  templatesOf,
} from './administration.js';
import { getCallTask, recordCallOutcome } from './calls.js';
import * as contract from './contract.js';
import {
  convertIntake,
  dismissIntake,
  handleWhatsappWebhook,
  listIntakes,
  recordEmailBounce,
  validSignature,
} from './inbound.js';
import { mediaDepsOf } from './inbound-media.js';
import { batchPdfs, letterPdf, markBatchPosted, markLetterPosted, type VerificationOf } from './letters.js';
import type { LetterOptions } from './pdf/letter.js';
import { callOutcomes, channels, letterStatuses, notificationStatuses, templateEvents } from './schema.js';
import { revealSecrets } from './secrets.js';
import { listMailbox as listMailboxRows, preferencesOf, setPreferences } from './service.js';

const idParams = z.object({ id: z.uuid() });
const templateKey = z.object({
  id: z.uuid(),
  event: z.enum(templateEvents),
  channel: z.enum(channels),
  language: z.enum(languages),
});
const templateText = safeText(1, 4000);

/** A posted reply letter prints the verification code of the reply letter the person can download. */
const replyCodeOf =
  (ctx: ServiceContext, options: LetterOptions): VerificationOf =>
  async (row) =>
    row.event === 'reply_sent' && row.caseId ? replyLetterVerification(ctx, row.caseId, options) : null;

export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const config = app.deps.config;
  const letterOptions = { window: config.LETTER_WINDOW, logo: config.LETTER_LOGO ?? null };
  // —— Outbox: what went out, what failed, retry (institution admin) ——
  r.get(
    '/api/institutions/:id/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Messages of the institution, newest first; `status=dead` lists the dead letters (admin)',
        params: idParams,
        querystring: z.strictObject({
          status: z.enum(notificationStatuses).optional(),
          channel: z.enum(channels).optional(),
          caseId: z.uuid().optional(),
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: contract.notificationPage },
      },
    },
    async (req) => outboxPage(serviceContext(req), req.params.id, req.query),
  );

  r.get(
    '/api/institutions/:id/notifications/summary',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Counts by status and channel (admin)',
        params: idParams,
        response: { 200: contract.notificationSummary },
      },
    },
    async (req) => outboxSummary(serviceContext(req), req.params.id),
  );

  r.post(
    '/api/institutions/:id/notifications/:notificationId/retry',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Send a dead or bounced message again (admin)',
        params: z.object({ id: z.uuid(), notificationId: z.uuid() }),
        response: { 200: contract.notification },
      },
    },
    async (req) => retryMessage(serviceContext(req), req.params.id, req.params.notificationId),
  );

  r.get(
    '/api/cases/:id/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Messages sent about a case: all of them for its staff, their own for the citizen',
        params: idParams,
        response: { 200: itemsOf(contract.notification) },
      },
    },
    async (req) => ({ items: await caseMessages(serviceContext(req), req.params.id) }),
  );

  // —— Templates (institution admin) ——
  r.get(
    '/api/institutions/:id/notification-templates',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Every message template per event, channel and language, with the placeholders it may use (admin)',
        params: idParams,
        querystring: z.strictObject({
          event: z.enum(templateEvents).optional(),
          language: z.enum(languages).optional(),
        }),
        response: { 200: itemsOf(contract.messageTemplate) },
      },
    },
    async (req) => ({ items: await templatesOf(serviceContext(req), req.params.id, req.query) }),
  );

  r.put(
    '/api/institutions/:id/notification-templates/:event/:channel/:language',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Replace the wording of one message (admin); only the event’s placeholders are accepted',
        params: templateKey,
        body: z.strictObject({ subject: safeText(1, 300).nullish(), body: templateText }),
        response: { 200: contract.messageTemplate },
      },
    },
    async (req) => {
      const { id, ...key } = req.params;
      return putTemplate(serviceContext(req), id, key, req.body);
    },
  );

  r.delete(
    '/api/institutions/:id/notification-templates/:event/:channel/:language',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Go back to the platform’s wording (admin)',
        params: templateKey,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      const { id, ...key } = req.params;
      await resetTemplateOf(serviceContext(req), id, key);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/institutions/:id/notification-templates/preview',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'The message a template gives with example values: the text being edited, or the saved one (admin)',
        params: idParams,
        body: z.strictObject({
          event: z.enum(templateEvents),
          channel: z.enum(channels),
          language: z.enum(languages),
          subject: safeText(1, 300).nullish(),
          body: templateText.optional(),
          params: z.record(z.string().max(40), z.string().max(2000)).optional(),
        }),
        response: { 200: contract.templatePreview },
      },
    },
    async (req) => previewTemplateOf(serviceContext(req), req.params.id, req.body),
  );

  // —— Preferences (anyone signed in) ——
  r.get(
    '/api/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How I receive messages: channels and time zone',
        response: { 200: contract.notificationPreferences },
      },
    },
    async (req) => preferencesOf(db, requireActor(req)),
  );

  r.put(
    '/api/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Change my channels at any time (they apply to all my cases from now on) and my time zone for quiet hours',
        body: z.strictObject({
          channels: z.array(z.enum(replyChannels)).min(1).max(5),
          timeZone: z.string().max(64).nullish(),
          phone: phoneSchema.nullish(),
        }),
        response: { 200: contract.notificationPreferences },
      },
    },
    async (req) => setPreferences(db, requireActor(req), req.body, req.id),
  );

  // —— Call tasks ——
  r.get(
    '/api/institutions/:id/call-tasks',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Calls to make: a department agent sees their department’s, reception the unrouted, supervisors all',
        params: idParams,
        querystring: z.strictObject({ status: z.enum(['open', 'done']).default('open') }),
        response: { 200: itemsOf(contract.callTask) },
      },
    },
    async (req) => ({
      items: await callTasksOf(serviceContext(req), req.params.id, req.query.status),
    }),
  );

  r.get(
    '/api/call-tasks/:id',
    { schema: { tags: ['notifications'], params: idParams, response: { 200: contract.callTaskDetail } } },
    async (req) => getCallTask(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/call-tasks/:id/outcome',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Record a call: reached, no answer, call back at a time, wrong number',
        params: idParams,
        body: z.strictObject({
          outcome: z.enum(callOutcomes),
          callBackAt: z.iso.datetime({ offset: true }).optional(),
          note: safeText(1, 2000).optional(),
        }),
        response: { 200: contract.callTask },
      },
    },
    async (req) =>
      recordCallOutcome(
        db,
        requireActor(req),
        req.params.id,
        { ...req.body, callBackAt: req.body.callBackAt ? new Date(req.body.callBackAt) : null },
        req.id,
      ),
  );

  // —— Letters ——
  r.get(
    '/api/institutions/:id/letters',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Letters to print and post (reception and supervisors: all; department agents: their department’s)',
        params: idParams,
        querystring: z.strictObject({
          status: z.enum(letterStatuses).optional(),
          batchId: z.uuid().optional(),
        }),
        response: { 200: itemsOf(contract.letterSummary) },
      },
    },
    async (req) => ({ items: await lettersOf(serviceContext(req), req.params.id, req.query) }),
  );

  r.get(
    '/api/letters/:id/pdf',
    {
      schema: {
        tags: ['notifications'],
        summary: 'One letter as a PDF',
        params: idParams,
        response: { 200: binary('application/pdf', 'The letter (PDF)') },
      },
    },
    async (req, reply) => {
      const { pdf, reference } = await letterPdf(
        db,
        requireActor(req),
        req.params.id,
        letterOptions,
        replyCodeOf(serviceContext(req), letterOptions),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${reference}.pdf"`)
        .send(pdf);
    },
  );

  r.post(
    '/api/letters/:id/posted',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one letter as posted',
        params: idParams,
        response: { 200: contract.letter },
      },
    },
    async (req) => markLetterPosted(db, requireActor(req), req.params.id, req.id),
  );

  r.post(
    '/api/institutions/:id/letter-batches',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Put every queued letter in a batch to print now (reception, supervisor)',
        params: idParams,
        response: { 201: contract.letterBatch },
      },
    },
    async (req, reply) => reply.code(201).send(await newLetterBatch(serviceContext(req), req.params.id)),
  );

  r.get(
    '/api/institutions/:id/letter-batches',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Batches of letters, newest first',
        params: idParams,
        response: { 200: itemsOf(contract.letterBatch) },
      },
    },
    async (req) => ({ items: await letterBatchesOf(serviceContext(req), req.params.id) }),
  );

  for (const part of ['cover', 'letters'] as const) {
    r.get(
      `/api/letter-batches/:id/${part}.pdf`,
      {
        schema: {
          tags: ['notifications'],
          summary: part === 'cover' ? 'The cover list of a batch' : 'Every letter of a batch in one PDF',
          params: idParams,
          response: {
            200: binary('application/pdf', part === 'cover' ? 'The cover list (PDF)' : 'The letters (PDF)'),
          },
        },
      },
      async (req, reply) => {
        const res = await batchPdfs(
          db,
          requireActor(req),
          req.params.id,
          req.lang,
          letterOptions,
          replyCodeOf(serviceContext(req), letterOptions),
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${part}-${res.batch.day}.pdf"`)
          .send(part === 'cover' ? res.cover : res.letters);
      },
    );
  }

  r.post(
    '/api/letter-batches/:id/posted',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark every letter of a batch as posted',
        params: idParams,
        response: { 200: contract.postedBatch },
      },
    },
    async (req) => markBatchPosted(db, requireActor(req), req.params.id, req.id),
  );

  // —— Desk intakes: messages that matched no open case ——
  r.get(
    '/api/institutions/:id/desk-intakes',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Messages waiting at the reception desk to become cases (reception, supervisor)',
        params: idParams,
        querystring: z.strictObject({ status: z.enum(['open', 'converted', 'dismissed']).default('open') }),
        response: { 200: contract.deskIntakes },
      },
    },
    async (req) => ({ items: await listIntakes(db, requireActor(req), req.params.id, req.query.status) }),
  );

  r.post(
    '/api/desk-intakes/:id/convert',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Turn an intake into a case for the citizen it comes from',
        params: idParams,
        body: z.strictObject({
          categoryId: z.uuid(),
          subject: wordedText(3, 200),
          description: wordedText(10, 10_000),
          requesterId: z.uuid().optional(),
          departmentId: z.uuid().optional(),
          replyChannels: z.array(z.enum(replyChannels)).min(1).max(5).optional(),
          language: z.enum(languages).optional(),
        }),
        response: { 201: contract.convertedIntake },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const res = await convertIntake(
        { db, actor, requestId: req.id, secret: config.secret, publicUrl: config.publicUrl },
        req.params.id,
        req.body,
      );
      return reply.code(201).send(res);
    },
  );

  r.post(
    '/api/desk-intakes/:id/dismiss',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Close an intake without a case, with a note',
        params: idParams,
        body: z.strictObject({ note: safeText(1, 2000) }),
        response: { 200: contract.deskIntake },
      },
    },
    async (req) => dismissIntake(db, requireActor(req), req.params.id, req.body.note, req.id),
  );

  await app.register(webhookRoutes);
}

/**
 * Webhooks from providers. They carry no session: WhatsApp's are signed with the app secret over the raw
 * body, bounce reports carry a shared secret. Registered in their own scope to read raw bodies.
 */
async function webhookRoutes(app: FastifyInstance) {
  const { db } = app.deps.database;
  const config = app.deps.config;
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(
    ['message/rfc822', 'message/delivery-status', 'multipart/report', 'text/plain'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/webhooks/whatsapp',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'WhatsApp Cloud API verification: answers hub.challenge when hub.verify_token matches',
        querystring: z.object({
          'hub.mode': z.string().optional(),
          'hub.verify_token': z.string().optional(),
          'hub.challenge': z.string().max(200).optional(),
        }),
        response: {
          200: { description: 'The challenge, echoed', content: { 'text/plain': { schema: z.string() } } },
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const token = config.WHATSAPP_VERIFY_TOKEN;
      if (!token || q['hub.mode'] !== 'subscribe' || q['hub.verify_token'] !== token || !q['hub.challenge'])
        throw fail('webhook-verify-token');
      return reply.type('text/plain').send(q['hub.challenge']);
    },
  );

  r.post(
    '/api/webhooks/whatsapp',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Messages and delivery statuses from the WhatsApp Cloud API (X-Hub-Signature-256)',
        response: { 200: contract.webhookResult },
      },
    },
    async (req) => {
      const raw = req.body as Buffer;
      const secret = config.WHATSAPP_APP_SECRET;
      const sig = req.headers['x-hub-signature-256'];
      if (
        !secret ||
        !Buffer.isBuffer(raw) ||
        !validSignature(raw, typeof sig === 'string' ? sig : undefined, secret)
      )
        throw fail('webhook-signature');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw fail('malformed-json');
      }
      return handleWhatsappWebhook(db, body, {
        defaultInstitution: config.WHATSAPP_DEFAULT_INSTITUTION,
        requestId: req.id,
        media: mediaDepsOf(config, app.deps.files, uploadRulesOf(config), req.log),
      });
    },
  );

  r.post(
    '/api/webhooks/email-bounces',
    {
      schema: {
        tags: ['webhooks'],
        summary:
          'A delivery status notification (RFC 3464) for an e-mail we sent; Authorization: Bearer EMAIL_BOUNCE_SECRET',
        response: { 200: contract.bounces },
      },
    },
    async (req) => {
      const secret = config.EMAIL_BOUNCE_SECRET;
      const auth = req.headers.authorization ?? '';
      if (!secret || auth !== `Bearer ${secret}`) throw fail('webhook-signature');
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : String(req.body ?? '');
      return recordEmailBounce(db, raw);
    },
  );
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Development mailbox: every e-mail, SMS and WhatsApp message the platform wrote, so confirmation codes can
 * be read without a mail server. Registered only outside production.
 */
export async function devMailboxRoutes(app: FastifyInstance) {
  const db = app.deps.database.db;
  // the mailbox stands for the person's inbox: it shows the messages as they were sent, secrets included
  const listMailbox = async () =>
    (await listMailboxRows(db)).map((m) => revealSecrets(m, app.deps.config.secret));
  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Every message written (development only)',
        response: { 200: contract.devMailbox },
      },
    },
    async () => ({
      items: (await listMailbox()).map((m) => ({
        id: m.id,
        channel: m.channel,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        language: m.language,
        status: m.status,
        calendar: m.ics,
        createdAt: m.createdAt.toISOString(),
      })),
    }),
  );
  app.get(
    '/dev/mailbox',
    { schema: { response: { 200: binary('text/html', 'The development mailbox as a page') } } },
    async (_req, reply) => {
      const rows = await listMailbox();
      const items = rows
        .map(
          (m) =>
            `<article lang="${esc(m.language)}" dir="${m.language === 'ar' ? 'rtl' : 'ltr'}"><h2>${esc(m.subject || m.channel.toUpperCase())}</h2><p><b>${esc(m.channel)}</b> · <bdi>${esc(m.toAddress)}</bdi> · ${m.createdAt.toISOString()} · ${m.status}</p>${
              m.htmlBody
                ? `<iframe sandbox title="${esc(m.subject)}" srcdoc="${esc(m.htmlBody)}"></iframe>`
                : `<pre>${esc(m.textBody)}</pre>`
            }</article>`,
        )
        .join('');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Jisr development mailbox</title><style>body{font-family:system-ui,'Noto Sans Arabic',sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:8px;padding:0 1rem 1rem;margin-block:1rem}pre{white-space:pre-wrap;font-family:inherit}iframe{width:100%;height:20rem;border:1px solid #eee}</style></head><body><h1>Development mailbox</h1><p>${rows.length} message(s). Newest first.</p>${items || '<p>No message yet.</p>'}</body></html>`,
        );
    },
  );
}
