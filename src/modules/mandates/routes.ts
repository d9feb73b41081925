/** Mandates over HTTP: parse, call the service with the request's context, answer. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { serviceContext } from '../../server/service-context.js';
import { itemsOf } from '../../shared/contract.js';
import { filedCase } from '../cases/contract.js';
import { filingAnswer, newCaseBody } from '../cases/routes.js';
import { uploadRulesOf } from '../cases/upload-check.js';
import * as contract from './contract.js';
import {
  acceptMandate,
  caseMandates,
  fileUnderMandate,
  getMandate,
  giveMandate,
  listMandates,
  mandatedCases,
  revokeMandate,
  verifyMandate,
} from './service.js';

const idParams = z.object({ id: z.uuid() });

export async function mandateRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mandates'];
  const { publicUrl } = app.deps.config;
  const uploadRules = uploadRulesOf(app.deps.config);

  r.post(
    '/api/mandates',
    {
      schema: {
        tags,
        summary:
          'Give a relative a mandate: for one of my cases or a kind of request, some acts, between two dates',
        body: contract.newMandate,
        response: { 201: contract.mandate },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const m = await giveMandate(serviceContext(req), {
        ...b,
        validFrom: new Date(b.validFrom),
        validUntil: new Date(b.validUntil),
      });
      return reply.code(201).send(m);
    },
  );

  r.get(
    '/api/mandates',
    {
      schema: {
        tags,
        summary: 'The mandates I gave and those given to me',
        response: { 200: contract.myMandates },
      },
    },
    async (req) => listMandates(serviceContext(req)),
  );

  r.get(
    '/api/mandates/:id',
    {
      schema: {
        tags,
        summary: 'One mandate I gave, hold or was invited to',
        params: idParams,
        response: { 200: contract.mandate },
      },
    },
    async (req) => getMandate(serviceContext(req), req.params.id),
  );

  r.post(
    '/api/mandates/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a mandate, signed in with the address it was given to',
        params: idParams,
        response: { 200: contract.mandate },
      },
    },
    async (req) => acceptMandate(serviceContext(req), req.params.id),
  );

  r.post(
    '/api/mandates/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a mandate I gave: access stops at once',
        params: idParams,
        response: { 200: contract.mandate },
      },
    },
    async (req) => revokeMandate(serviceContext(req), req.params.id),
  );

  r.post(
    '/api/mandates/:id/verify',
    {
      schema: {
        tags: [...tags, 'back office'],
        summary:
          'Mark the mandate verified after checking the procuration paper, on a case of my body it covers',
        params: idParams,
        body: z.strictObject({ caseId: z.uuid() }),
        response: { 200: contract.mandate },
      },
    },
    async (req) => verifyMandate(serviceContext(req), req.params.id, req.body.caseId),
  );

  r.get(
    '/api/cases/:id/mandates',
    {
      schema: {
        tags: [...tags, 'back office'],
        summary: 'The mandates covering a case (the staff of its body)',
        params: idParams,
        response: { 200: itemsOf(contract.mandate) },
      },
    },
    async (req) => caseMandates(serviceContext(req), req.params.id),
  );

  r.get(
    '/api/mandates/:id/cases',
    {
      schema: {
        tags,
        summary: 'The person’s cases the relative reaches under an active mandate (the relative only)',
        params: idParams,
        response: { 200: contract.mandatedCases },
      },
    },
    async (req) => mandatedCases(serviceContext(req), req.params.id),
  );

  r.post(
    '/api/mandates/:id/cases',
    {
      schema: {
        tags,
        summary: 'File a new case for the person, under a mandate for that kind of request',
        params: idParams,
        body: newCaseBody,
        response: { 200: filedCase, 201: filedCase },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (actor.kind !== 'citizen') throw forbidden();
      if (!actor.emailVerified) throw fail('email-not-verified');
      const b = req.body;
      const res = await fileUnderMandate(serviceContext(req), req.params.id, {
        ...b,
        language: b.language ?? req.lang,
        caseQuota: uploadRules.quota,
      });
      return reply.code(res.repeated ? 200 : 201).send(filingAnswer(res, publicUrl));
    },
  );
}
