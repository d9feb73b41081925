import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import {
  cinSchema,
  countrySchema,
  emailSchema,
  isoDate,
  phoneSchema,
  safeText,
  wordedText,
} from '../../server/validation.js';
import { languages, replyChannels } from '../accounts/schema.js';
import { legacyFiling } from '../cases/legacy.js';
import { oneActFiling } from '../cases/routes.js';
import { intakeChannels } from '../cases/schema.js';
import { uploadQuotaOf } from '../cases/upload-quota.js';
import * as contract from './contract.js';
import { fileForPerson, recordVisit, registerPerson, searchPeople, visitorLog } from './intake.js';

const idParams = z.object({ id: z.uuid() });
const name = safeText(1, 80).nullish();

/** The reception desk: find or register the person, record their request on their behalf, keep the visitor log. */
export async function deskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // searches of the directory are counted per staff member, whatever address or session they come from
  const searchLimit = {
    rateLimit: {
      max: app.deps.config.DESK_SEARCH_RATE_LIMIT,
      timeWindow: '1 hour',
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) => `staff:${req.actor?.accountId ?? req.ip}`,
    },
  };

  r.get(
    '/api/institutions/:id/desk/people',
    {
      schema: {
        tags: ['desk'],
        summary:
          'Find a person: among those linked to the body by name (either script, spelling-proof), phone, CIN, e-mail or birth date, in full; anyone else only by two exact identifiers, masked',
        params: idParams,
        querystring: z.strictObject({
          name: z.string().max(120).optional(),
          phone: phoneSchema.optional(),
          cin: cinSchema.optional(),
          email: emailSchema.optional(),
          birthDate: isoDate.optional(),
        }),
        response: { 200: contract.people },
      },
      config: searchLimit,
    },
    async (req) => ({ items: await searchPeople(serviceContext(req), req.params.id, req.query) }),
  );

  r.post(
    '/api/institutions/:id/desk/people',
    {
      schema: {
        tags: ['desk'],
        summary:
          'Register a person met at the desk (e-mail optional); unless force=true, answers 409 person-twins with the likely twins in `duplicates`',
        params: idParams,
        querystring: z.strictObject({ force: z.enum(['true', 'false']).optional() }),
        body: z.strictObject({
          givenNameAr: name,
          familyNameAr: name,
          givenNameLatin: name,
          familyNameLatin: name,
          birthDate: isoDate.nullish(),
          cin: cinSchema.nullish(),
          countryOfResidence: countrySchema,
          phone: phoneSchema.nullish(),
          email: emailSchema.nullish(),
          preferredLanguage: z.enum(languages),
          replyChannels: z.array(z.enum(replyChannels)).min(1).max(5).optional(),
        }),
        response: { 201: contract.registeredPerson },
      },
      config: searchLimit,
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await registerPerson(serviceContext(req), req.params.id, req.body, req.query.force === 'true')),
  );

  r.post(
    '/api/institutions/:id/desk/cases',
    {
      schema: {
        tags: ['desk'],
        summary: 'Register a request on a person’s behalf (walk-in, phone, WhatsApp, e-mail, post)',
        params: idParams,
        body: z.strictObject({
          personId: z.uuid(),
          categoryId: z.uuid(),
          subject: wordedText(3, 200),
          description: wordedText(10, 10_000),
          fields: z.record(z.string().max(60), z.union([z.string().max(2000), z.number()])).default({}),
          intakeChannel: z.enum(intakeChannels).refine((c) => c !== 'web' && c !== 'referral' && c !== 'api'),
          replyChannels: z.array(z.enum(replyChannels)).min(1).max(5),
          language: z.enum(languages),
          departmentId: z.uuid().nullish(),
          visitorName: safeText(1, 160),
          intakeToken: z.string().max(200).nullish(),
          /** A paper file filed before Jisr: its deadline counts from the day it was first filed. */
          legacy: legacyFiling.optional(),
          ...oneActFiling,
        }),
        response: { 200: contract.deskFiling, 201: contract.deskFiling },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const res = await fileForPerson(
        serviceContext(req),
        req.params.id,
        { ...b, departmentId: b.departmentId ?? null },
        uploadQuotaOf(app.deps.config),
      );
      return reply.code(res.repeated ? 200 : 201).send({
        id: res.case.id,
        trackingNumber: res.case.trackingNumber,
        accessCode: res.accessCode,
        dueAt: res.case.dueAt.toISOString(),
        state: res.case.state,
      });
    },
  );

  r.post(
    '/api/institutions/:id/desk/visits',
    {
      schema: {
        tags: ['desk'],
        summary: 'Log a visit, call or message that opened no case',
        params: idParams,
        body: z.strictObject({
          visitorName: safeText(1, 160),
          personId: z.uuid().nullish(),
          channel: z.enum(intakeChannels),
          purpose: safeText(1, 500),
          outcome: z.enum(['informed', 'redirected', 'other']),
          note: safeText(1, 2000).nullish(),
          intakeToken: z.string().max(200).nullish(),
        }),
        response: { 201: contract.visitRef },
      },
    },
    async (req, reply) => {
      const row = await recordVisit(serviceContext(req), req.params.id, req.body);
      return reply.code(201).send({ id: row.id });
    },
  );

  r.get(
    '/api/institutions/:id/desk/visits',
    {
      schema: {
        tags: ['desk'],
        params: idParams,
        querystring: z.strictObject({ day: isoDate.optional() }),
        response: { 200: contract.visits },
      },
    },
    async (req) => ({ items: await visitorLog(serviceContext(req), req.params.id, req.query.day) }),
  );
}
