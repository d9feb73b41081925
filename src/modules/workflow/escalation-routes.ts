import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { serviceContext } from '../../server/service-context.js';
import { wordedText } from '../../server/validation.js';
import { binary } from '../../shared/contract.js';
import { caseEscalation, escalateCase } from './citizen-escalation.js';
import { caseEscalations, escalationTaken, referralFile } from './contract.js';
import { escalationGrounds } from './escalation-ladder.js';
import { referralJson, referralPdf } from './referral-file.js';

/** The citizen's way up a case, and the referral file at its top. */
export async function escalationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });
  r.get(
    '/api/cases/:id/escalations',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The steps the person took up the ladder of a case (supervisors, overseer, referral file) and, for the person, the next one and when it opens',
        params,
        response: { 200: caseEscalations },
      },
    },
    async (req) => {
      requireActor(req);
      return caseEscalation(serviceContext(req), req.params.id);
    },
  );
  r.post(
    '/api/cases/:id/escalations',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary:
          'The person takes the case one step up: to the body’s supervisors, then (unanswered after the wait) to the territorial overseer, then the referral file',
        params,
        body: z.strictObject({
          /** The step the person means to take (the `next.level` they were shown). */
          level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
          grounds: z.enum(escalationGrounds),
          statement: wordedText(10, 2000),
        }),
        response: { 201: escalationTaken },
      },
    },
    async (req, reply) => {
      requireActor(req);
      reply.code(201);
      return escalateCase(serviceContext(req), req.params.id, req.body);
    },
  );
  r.get(
    '/api/cases/:id/referral.json',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The referral file as JSON: the whole public history, the hops, the escalations, the papers with their sha256, for the Mediator of the Kingdom or the national complaints portal',
        params,
        response: { 200: referralFile },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const data = await referralJson(serviceContext(req), req.params.id);
      reply.header('content-disposition', `attachment; filename="${data.case.trackingNumber}-referral.json"`);
      return data;
    },
  );
  r.get(
    '/api/cases/:id/referral.pdf',
    {
      schema: {
        tags: ['cases'],
        summary: 'The referral file as a PDF (Arabic and French), with its verification code',
        params,
        response: { 200: binary('application/pdf', 'The referral file (PDF)') },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const pdf = await referralPdf(serviceContext(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="jisr-referral.pdf"')
        .send(pdf);
    },
  );
}
