import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { t } from '../../i18n/index.js';
import { requireActor } from '../../server/auth.js';
import { byteRange } from '../../server/byte-range.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { safeText, wordedText } from '../../server/validation.js';
import { itemsOf, noContent } from '../../shared/contract.js';
import { languages, replyChannels } from '../accounts/schema.js';
import { caseAccesses, recordCaseRead, recordDataRead } from '../audit/access-log.js';
import { requireMandatedAct } from '../mandates/access.js';
import { addAttachment, listAttachments, readAttachment } from './attachments.js';
import * as contract from './contract.js';
import { deleteDraft, getRating, listDrafts, rateCase, saveDraft } from './feedback.js';
import { legacyFiling } from './legacy.js';
import { actsUnderMandate } from './policy.js';
import { queueFilters } from './queue.js';
import { receiptPdf, replyLetterPdf } from './receipt.js';
import { giveInstruction, mergeCase, relatedCases } from './related.js';
import { replyPartsInput } from './reply-parts.js';
import {
  addMessage,
  addNote,
  answerTracked,
  applyAction,
  assignCase,
  type Ctx,
  createCase,
  getReadableCase,
  listCases,
  referInside,
  trackCase,
  trackedCase,
  transferCase,
  viewCase,
} from './service.js';
import { caseActions } from './state-machine.js';
import { transcribeAttachment } from './transcriptions.js';
import { uploadRulesOf } from './upload-check.js';
import {
  addPendingUpload,
  deletePendingUpload,
  listPendingUploads,
  MAX_FILING_ATTACHMENTS,
} from './uploads.js';

const idParams = z.object({ id: z.uuid() });
/** RFC 8187 value: encodeURIComponent leaves ' ( ) * as they are, which end or break `filename*`. */
const rfc8187 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const fieldValue = z.union([z.string().max(2000), z.number()]);

/** What makes a filing one act, on every way in (portal, desk): its papers sent beforehand, and its key. */
export const oneActFiling = {
  /** Papers sent beforehand with `POST /api/uploads` by the one filing, attached when the case is filed. */
  attachmentIds: z.array(z.uuid()).max(MAX_FILING_ATTACHMENTS).default([]),
  /** One key per form (e.g. a UUID): sending again with it returns the same case (200) instead of a new one. */
  clientKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/)
    .optional(),
};

export const newCaseBody = z.strictObject({
  institutionId: z.uuid(),
  categoryId: z.uuid(),
  subject: wordedText(3, 200),
  description: wordedText(10, 10_000),
  fields: z.record(z.string().max(60), fieldValue).default({}),
  replyChannels: z.array(z.enum(replyChannels)).min(1).max(5),
  language: z.enum(languages).optional(),
  /** "This request was already filed on paper": its deadline counts from the day it was first filed. */
  legacy: legacyFiling.optional(),
  ...oneActFiling,
});

/** What a web filing answers (201, or 200 for a repeated send): the case, its secret code, where to follow it. */
export const filingAnswer = (
  res: Awaited<ReturnType<typeof createCase>>,
  publicUrl: string,
): z.input<typeof contract.filedCase> => ({
  id: res.case.id,
  trackingNumber: res.case.trackingNumber,
  accessCode: res.accessCode,
  state: res.case.state,
  dueAt: res.case.dueAt.toISOString(),
  trackingUrl: `${publicUrl}/track/${res.case.trackingNumber}`,
});

export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { secret, MAX_UPLOAD_MB, TRACK_RATE_LIMIT, publicUrl } = app.deps.config;
  const ctx = (req: FastifyRequest): Ctx => ({
    db,
    actor: req.actor,
    requestId: req.id,
    lang: req.lang,
    secret,
    publicUrl,
  });
  const maxBytes = MAX_UPLOAD_MB * 1024 * 1024;
  // quotas per account and per case, and the antivirus when one is configured
  const uploadRules = uploadRulesOf(app.deps.config);
  /** The one file of a multipart request, read whole (one byte over the limit, to tell "too large"). */
  const oneUploadedFile = async (req: FastifyRequest) => {
    if (!req.isMultipart()) throw fail('unsupported-media-type');
    // preservePath: busboy would otherwise cut "../../x.png" down to "x.png" before our own name check sees it.
    const part = await req.file({ preservePath: true, limits: { fileSize: maxBytes + 1, files: 1 } });
    if (!part) throw fail('file-missing');
    return { bytes: await part.toBuffer(), name: part.filename };
  };
  /** A paper taken: 201; held until the antivirus can scan it (clamd down, `hold`): 202, and the sender told. */
  const received = (req: FastifyRequest, reply: FastifyReply, row: { scanStatus: string | null }) =>
    row.scanStatus === 'pending'
      ? reply.code(202).send({ ...row, notice: t(req.lang, 'upload.held') })
      : reply.code(201).send(row);

  r.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'File a case (signed-in citizen, e-mail confirmed)',
        body: newCaseBody,
        response: { 200: contract.filedCase, 201: contract.filedCase },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (actor.kind !== 'citizen') throw forbidden();
      if (!actor.emailVerified) throw fail('email-not-verified');
      const b = req.body;
      const res = await createCase(ctx(req), {
        ...b,
        language: b.language ?? req.lang,
        intakeChannel: 'web',
        requesterId: actor.accountId,
        caseQuota: uploadRules.quota,
      });
      return reply.code(res.repeated ? 200 : 201).send(filingAnswer(res, publicUrl));
    },
  );

  r.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Cases the signed-in person may see: their own (citizen), their institution’s (staff), their territory’s (overseer)',
        querystring: queueFilters.extend({
          limit: z.coerce.number().int().min(1).max(100).default(25),
          cursor: z.string().max(100).optional(),
          counts: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: contract.caseList },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const page = await listCases(ctx(req), req.query);
      // a page of the queue shows people's names and subjects: logged (filters by name, never their values)
      if (actor.kind === 'staff')
        await recordDataRead(db, actor, {
          action: 'queue.list',
          institutionId: req.query.institutionId ?? actor.memberships[0]?.institutionId ?? null,
          requestId: req.id,
          data: { filters: Object.keys(req.query).sort(), shown: page.items.length },
        });
      return page;
    },
  );

  r.get(
    '/api/cases/:id',
    { schema: { tags: ['cases'], params: idParams, response: { 200: contract.caseView } } },
    async (req) => {
      requireActor(req);
      return viewCase(ctx(req), req.params.id);
    },
  );

  r.post(
    '/api/cases/:id/actions',
    {
      schema: {
        tags: ['cases'],
        summary: 'Move the case through its lifecycle; `version` must be the version you read',
        params: idParams,
        body: z.strictObject({
          action: z.enum(caseActions),
          version: z.number().int().positive(),
          reason: safeText(1, 5000).optional(),
          /** `submit_reply`: the reply's parts; its text is then composed from them. */
          parts: replyPartsInput.optional(),
        }),
        response: { 200: contract.caseRecord },
      },
    },
    async (req) => {
      requireActor(req);
      return applyAction(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/cases/:id/assignment',
    {
      schema: {
        tags: ['cases'],
        summary: 'Route the case to a department and/or a person',
        params: idParams,
        body: z.strictObject({
          version: z.number().int().positive(),
          departmentId: z.uuid().nullish(),
          assigneeId: z.uuid().nullish(),
        }),
        response: { 200: contract.caseRecord },
      },
    },
    async (req) => {
      requireActor(req);
      return assignCase(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/cases/:id/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Write in the case’s conversation (the citizen or the body)',
        params: idParams,
        body: z.strictObject({ text: safeText(1, 5000) }),
        response: { 201: contract.caseEventRef },
      },
    },
    async (req, reply) => {
      requireActor(req);
      return reply.code(201).send(await addMessage(ctx(req), req.params.id, req.body.text));
    },
  );

  r.post(
    '/api/cases/:id/notes',
    {
      schema: {
        tags: ['back office'],
        summary: 'Internal note, never shown to the citizen',
        params: idParams,
        body: z.strictObject({ text: safeText(1, 5000) }),
        response: { 201: contract.caseEventRef },
      },
    },
    async (req, reply) => {
      requireActor(req);
      return reply.code(201).send(await addNote(ctx(req), req.params.id, req.body.text));
    },
  );

  r.get(
    '/api/cases/:id/related',
    {
      schema: {
        tags: ['back office'],
        summary: 'The requester’s other cases this staff member may read, likely duplicates first',
        params: idParams,
        response: { 200: contract.relatedCases },
      },
    },
    async (req) => {
      requireActor(req);
      return relatedCases(ctx(req), req.params.id);
    },
  );

  r.post(
    '/api/cases/:id/merge',
    {
      schema: {
        tags: ['back office'],
        summary: 'Merge this case (a duplicate) into another open case of the same person and body',
        params: idParams,
        body: z.strictObject({ intoId: z.uuid(), version: z.number().int().positive() }),
        response: { 200: contract.caseRecord },
      },
    },
    async (req) => {
      requireActor(req);
      return mergeCase(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/cases/:id/instructions',
    {
      schema: {
        tags: ['back office'],
        summary: 'An instruction from a supervisor or a territorial overseer to whoever holds the case',
        params: idParams,
        body: z.strictObject({ text: safeText(3, 5000), escalate: z.boolean().default(false) }),
        response: { 201: contract.caseEventRef },
      },
    },
    async (req, reply) => {
      requireActor(req);
      return reply
        .code(201)
        .send(await giveInstruction(ctx(req), req.params.id, req.body.text, req.body.escalate));
    },
  );

  r.post(
    '/api/cases/:id/transfer',
    {
      schema: {
        tags: ['back office'],
        summary: 'Pass the case to another department of the body, with the reason',
        params: idParams,
        body: z.strictObject({
          departmentId: z.uuid(),
          version: z.number().int().positive(),
          reason: safeText(3, 2000),
          /** The reason the citizen reads, translated; without it, a neutral one ("the competent department"). */
          publicReason: contract.moveReasonCodes.optional(),
        }),
        response: { 200: contract.caseRecord },
      },
    },
    async (req) => {
      requireActor(req);
      return transferCase(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/cases/:id/refer-inside',
    {
      schema: {
        tags: ['back office'],
        summary: 'Send the case to the competent body on the platform; it keeps its tracking number',
        params: idParams,
        body: z.strictObject({
          targetInstitutionId: z.uuid(),
          version: z.number().int().positive(),
          reason: safeText(3, 2000),
          /** The reason the citizen reads with the referral's words, translated (default: "the competent body"). */
          publicReason: contract.moveReasonCodes.optional(),
        }),
        response: { 200: contract.caseRecord },
      },
    },
    async (req) => {
      requireActor(req);
      return referInside(ctx(req), req.params.id, req.body);
    },
  );

  r.get(
    '/api/cases/:id/rating',
    { schema: { tags: ['cases'], params: idParams, response: { 200: contract.ratingAnswer } } },
    async (req) => {
      requireActor(req);
      await getReadableCase(ctx(req), req.params.id);
      return { rating: await getRating(db, req.params.id) };
    },
  );

  r.post(
    '/api/cases/:id/rating',
    {
      schema: {
        tags: ['cases'],
        summary: 'Rate the service once the case is answered (1 to 5, with an optional comment)',
        params: idParams,
        body: z.strictObject({
          score: z.number().int().min(1).max(5),
          comment: safeText(1, 2000).optional(),
        }),
        response: { 201: contract.rating },
      },
    },
    async (req, reply) => {
      requireActor(req);
      return reply.code(201).send(await rateCase(ctx(req), req.params.id, req.body));
    },
  );

  r.get(
    '/api/me/drafts',
    {
      schema: {
        tags: ['cases'],
        summary: 'Forms kept while being filled in',
        response: { 200: itemsOf(contract.draft) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { items: await listDrafts(db, actor.accountId) };
    },
  );

  r.put(
    '/api/me/drafts/:draftId',
    {
      schema: {
        tags: ['cases'],
        params: z.object({ draftId: z.uuid() }),
        body: z.strictObject({ data: z.record(z.string().max(60), z.unknown()) }),
        response: { 200: contract.savedDraft },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (JSON.stringify(req.body.data).length > 64_000) throw fail('body-too-large', { limit: '64 KB' });
      return saveDraft(db, actor.accountId, req.params.draftId, req.body.data);
    },
  );

  r.delete(
    '/api/me/drafts/:draftId',
    { schema: { tags: ['cases'], params: z.object({ draftId: z.uuid() }), response: { 204: noContent } } },
    async (req, reply) => {
      const actor = requireActor(req);
      await deleteDraft(db, actor.accountId, req.params.draftId);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/cases/:id/receipt.pdf',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The receipt as a PDF (Arabic and French, QR code); give the secret code to have it printed on it',
        params: idParams,
        body: z.strictObject({ accessCode: z.string().max(20).optional() }),
        response: { 200: contract.binary('application/pdf', 'The receipt (PDF)') },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const pdf = await receiptPdf(ctx(req), req.params.id, req.body.accessCode ?? null);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="jisr-receipt.pdf"')
        .send(pdf);
    },
  );

  r.post(
    '/api/uploads',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary:
          'Send one paper before filing (multipart/form-data, field "file"): checked now, attached by the filing that names its id, dropped after a day. 202 when it is held until the antivirus can scan it',
        consumes: ['multipart/form-data'],
        response: { 201: contract.pendingUpload, 202: contract.heldUpload },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const bytes = await oneUploadedFile(req);
      const who = { accountId: actor.accountId, kind: actor.kind, requestId: req.id, log: req.log };
      const row = await addPendingUpload(db, who, app.deps.files, { ...bytes, maxBytes }, uploadRules);
      return received(req, reply, row);
    },
  );

  r.get(
    '/api/uploads',
    {
      schema: {
        tags: ['cases'],
        summary: 'My papers waiting for a filing',
        response: { 200: itemsOf(contract.pendingUpload) },
      },
    },
    async (req) => ({
      items: await listPendingUploads(db, requireActor(req).accountId),
    }),
  );

  r.delete(
    '/api/uploads/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Withdraw a paper not yet filed',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await deletePendingUpload(db, requireActor(req).accountId, req.params.id, req.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/cases/:id/attachments',
    { schema: { tags: ['cases'], params: idParams, response: { 200: itemsOf(contract.attachment) } } },
    async (req) => {
      requireActor(req);
      return { items: await listAttachments(ctx(req), req.params.id) };
    },
  );

  r.post(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Attach one file (multipart/form-data, field "file"); 202 when it is held until the antivirus can scan it',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: contract.attachment, 202: contract.heldAttachment },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const file = await oneUploadedFile(req);
      const row = await addAttachment(
        ctx(req),
        app.deps.files,
        req.params.id,
        { ...file, maxBytes },
        uploadRules,
        req.log,
      );
      return received(req, reply, row);
    },
  );

  r.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['cases'],
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        response: {
          200: contract.binary('*/*', 'The paper itself, in its own media type'),
          206: contract.binary(
            '*/*',
            'The part asked for by a Range header (a player seeking in a voice message)',
          ),
          416: contract.binary('*/*', 'A range past the end of the paper'),
        },
      },
    },
    async (req, reply) => {
      requireActor(req);
      // read whole and checked against its sha256 before a byte is sent: damaged bytes are never served
      const { row: a, bytes } = await readAttachment(
        ctx(req),
        app.deps.files,
        req.params.id,
        req.params.attachmentId,
        req.log,
      );
      reply
        .type(a.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('content-disposition', `inline; filename*=UTF-8''${rfc8187(a.originalName)}`)
        .header('accept-ranges', 'bytes');
      // a player asks for parts (to seek in a voice message): one range is answered, others get the whole
      const part = byteRange(req.headers.range, bytes.length);
      if (part === 'unsatisfiable')
        return reply.code(416).header('content-range', `bytes */${bytes.length}`).send();
      if (!part) return reply.send(bytes);
      return reply
        .code(206)
        .header('content-range', `bytes ${part.start}-${part.end}/${bytes.length}`)
        .send(bytes.subarray(part.start, part.end + 1));
    },
  );

  r.put(
    '/api/cases/:id/attachments/:attachmentId/transcription',
    {
      schema: {
        tags: ['cases'],
        summary: 'Staff write down what a voice message says; kept with the attachment, audited',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        body: contract.transcriptionInput,
        response: { 200: contract.attachment },
      },
    },
    async (req) => {
      requireActor(req);
      return transcribeAttachment(ctx(req), req.params.id, req.params.attachmentId, req.body.text);
    },
  );

  const letterOptions = () => ({
    window: app.deps.config.LETTER_WINDOW,
    logo: app.deps.config.LETTER_LOGO ?? null,
  });
  const sendReplyLetter = async (
    req: FastifyRequest,
    reply: FastifyReply,
    c: { id: string; trackingNumber: string },
  ) => {
    const pdf = await replyLetterPdf(ctx(req), c.id, letterOptions());
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${c.trackingNumber}-reply.pdf"`)
      .send(pdf);
  };
  r.get(
    '/api/cases/:id/reply.pdf',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The reasoned reply as the body’s letter (PDF): the one posted, or the same composed for download',
        params: idParams,
        response: { 200: contract.binary('application/pdf', 'The reply letter (PDF)') },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { c, scope } = await getReadableCase(ctx(req), req.params.id);
      // a relative takes the body's letter only under a mandate to collect, once the procuration is checked
      if (actsUnderMandate(actor, scope)) requireMandatedAct(actor, scope, 'collect');
      await recordCaseRead(db, actor, {
        action: 'case.letter_read',
        caseId: c.id,
        institutionId: c.institutionId,
        requestId: req.id,
      });
      return sendReplyLetter(req, reply, c);
    },
  );
  r.get(
    '/api/cases/:id/accesses',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Who read this case’s personal data (law 09-08): role, body, date and what; for the person, the body’s staff and overseers',
        params: idParams,
        response: { 200: itemsOf(contract.caseAccess) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { c, scope } = await getReadableCase(ctx(req), req.params.id);
      // who read the person's data is theirs to know, not a relative's acting for them
      if (actsUnderMandate(actor, scope)) throw forbidden();
      return { items: await caseAccesses(db, c.id) };
    },
  );
  r.post(
    '/api/track/answer',
    {
      config: { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary:
          'Answer the body’s question without an account, with the tracking number and secret code (text; papers from the case page)',
        body: z.strictObject({
          trackingNumber: z.string().min(5).max(40),
          accessCode: z.string().min(6).max(20),
          text: safeText(1, 5000),
        }),
        response: { 200: contract.trackedCase },
      },
    },
    async (req) => answerTracked(ctx(req), req.body),
  );
  r.post(
    '/api/track/reply.pdf',
    {
      config: { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'The reply letter without an account, with the tracking number and secret code',
        body: z.strictObject({
          trackingNumber: z.string().min(5).max(40),
          accessCode: z.string().min(6).max(20),
        }),
        response: { 200: contract.binary('application/pdf', 'The reply letter (PDF)') },
      },
    },
    async (req, reply) => {
      const { c } = await trackedCase(ctx(req), req.body.trackingNumber, req.body.accessCode);
      return sendReplyLetter(req, reply, c);
    },
  );

  r.post(
    '/api/track',
    {
      config: { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Follow a case without an account, with its tracking number and secret code',
        body: z.strictObject({
          trackingNumber: z.string().min(5).max(40),
          accessCode: z.string().min(6).max(20),
        }),
        response: { 200: contract.trackedCase },
      },
    },
    async (req) => trackCase(ctx(req), req.body.trackingNumber, req.body.accessCode),
  );
}
