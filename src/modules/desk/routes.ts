import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
import {
  cinSchema,
  countrySchema,
  emailSchema,
  isoDate,
  phoneSchema,
  safeText,
  wordedText,
} from '../../server/validation.js';
import { currentTime } from '../../shared/clock.js';
import { hasRole } from '../accounts/actor.js';
import { languages, replyChannels } from '../accounts/schema.js';
import { recordDataRead } from '../audit/access-log.js';
import { oneActFiling } from '../cases/routes.js';
import { intakeChannels } from '../cases/schema.js';
import { createCase } from '../cases/service.js';
import { uploadQuotaOf } from '../cases/upload-quota.js';
import { assertMayActFor, findPeople, type PersonMatch } from './directory.js';
import { createPerson, listVisits, logVisit } from './service.js';

const idParams = z.object({ id: z.uuid() });
const deskRoles = ['reception_agent', 'supervisor', 'department_agent'] as const;
const name = safeText(1, 80).nullish();

/** The reception desk: find or register the person, record their request on their behalf, keep the visitor log. */
export async function deskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { secret, publicUrl } = app.deps.config;
  const desk = (req: { actor: Parameters<typeof hasRole>[0] }, institutionId: string) => {
    if (!hasRole(req.actor, institutionId, deskRoles)) throw forbidden();
  };
  // searches of the directory are counted per staff member, whatever address or session they come from
  const searchLimit = {
    rateLimit: {
      max: app.deps.config.DESK_SEARCH_RATE_LIMIT,
      timeWindow: '1 hour',
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) => `staff:${req.actor?.accountId ?? req.ip}`,
    },
  };
  const scopeOf = (actor: { accountId: string }, institutionId: string) => ({
    institutionId,
    agentId: actor.accountId,
    secret,
    now: currentTime(),
  });
  const logSearch = (
    actor: Parameters<typeof recordDataRead>[1],
    institutionId: string,
    requestId: string,
    by: string[],
    items: PersonMatch[],
  ) =>
    // a search of the person directory is a read of personal data: logged with what was searched by
    // (never the values) and how many people it showed, in full and masked
    recordDataRead(db, actor, {
      action: 'desk.person_search',
      institutionId,
      requestId,
      data: {
        by: [...by].sort(),
        shown: items.length,
        masked: items.filter((p) => p.access === 'masked').length,
      },
    });

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
      },
      config: searchLimit,
    },
    async (req) => {
      const actor = requireActor(req);
      desk(req, req.params.id);
      const items = await findPeople(db, scopeOf(actor, req.params.id), req.query);
      await logSearch(actor, req.params.id, req.id, Object.keys(req.query), items);
      return { items };
    },
  );

  r.post(
    '/api/institutions/:id/desk/people',
    {
      schema: {
        tags: ['desk'],
        summary:
          'Register a person met at the desk (e-mail optional); answers 409 with the likely twins unless force=true',
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
      },
      config: searchLimit,
    },
    async (req, reply) => {
      const actor = requireActor(req);
      desk(req, req.params.id);
      const b = req.body;
      // the same person may already be here: say so rather than create a twin (the same directory rules:
      // people linked to the body in full, anyone else only on two identifiers, masked)
      const hints = {
        name:
          [b.givenNameLatin, b.familyNameLatin].filter(Boolean).join(' ') ||
          [b.givenNameAr, b.familyNameAr].filter(Boolean).join(' '),
        phone: b.phone ?? undefined,
        cin: b.cin ?? undefined,
        email: b.email ?? undefined,
        birthDate: b.birthDate ?? undefined,
      };
      const found = await findPeople(db, scopeOf(actor, req.params.id), hints);
      // a birth date alone is no sign of a twin
      const existing = found.filter((p) => p.matchedBy.some((m) => m !== 'birthDate'));
      await logSearch(
        actor,
        req.params.id,
        req.id,
        Object.entries(hints)
          .filter(([, v]) => v)
          .map(([k]) => k),
        existing,
      );
      const strong = existing.filter(
        (p) =>
          p.matchedBy.some((m) => m !== 'name' && m !== 'birthDate') ||
          (p.matchedBy.includes('name') && p.matchedBy.includes('birthDate')),
      );
      const force = req.query.force === 'true';
      if (strong.length && !force) return reply.code(409).send({ duplicates: strong });
      const person = await createPerson(db, b, actor.accountId, req.params.id, req.id);
      return reply.code(201).send({ ...person, possibleDuplicates: existing });
    },
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
          intakeChannel: z.enum(intakeChannels).refine((c) => c !== 'web' && c !== 'referral'),
          replyChannels: z.array(z.enum(replyChannels)).min(1).max(5),
          language: z.enum(languages),
          departmentId: z.uuid().nullish(),
          visitorName: safeText(1, 160),
          intakeToken: z.string().max(200).nullish(),
          ...oneActFiling,
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      desk(req, req.params.id);
      const b = req.body;
      await assertMayActFor(
        db,
        secret,
        { institutionId: req.params.id, personId: b.personId, agentId: actor.accountId },
        b.intakeToken,
      );
      const res = await createCase(
        { db, actor, requestId: req.id, secret, publicUrl },
        {
          institutionId: req.params.id,
          categoryId: b.categoryId,
          subject: b.subject,
          description: b.description,
          fields: b.fields,
          replyChannels: b.replyChannels,
          language: b.language,
          intakeChannel: b.intakeChannel,
          requesterId: b.personId,
          departmentId: b.departmentId ?? null,
          attachmentIds: b.attachmentIds,
          clientKey: b.clientKey,
          caseQuota: uploadQuotaOf(app.deps.config),
        },
      );
      // the same registration sent twice: the first case and its visit stand
      if (!res.repeated)
        await logVisit(
          db,
          {
            institutionId: req.params.id,
            personId: b.personId,
            visitorName: b.visitorName,
            channel: b.intakeChannel,
            purpose: b.subject,
            outcome: 'case_opened',
            caseId: res.case.id,
            agentId: actor.accountId,
          },
          req.id,
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
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      desk(req, req.params.id);
      const { intakeToken, ...visit } = req.body;
      if (visit.personId)
        await assertMayActFor(
          db,
          secret,
          { institutionId: req.params.id, personId: visit.personId, agentId: actor.accountId },
          intakeToken,
        );
      const row = await logVisit(
        db,
        { ...visit, institutionId: req.params.id, agentId: actor.accountId },
        req.id,
      );
      return reply.code(201).send({ id: row.id });
    },
  );

  r.get(
    '/api/institutions/:id/desk/visits',
    {
      schema: { tags: ['desk'], params: idParams, querystring: z.strictObject({ day: isoDate.optional() }) },
    },
    async (req) => {
      requireActor(req);
      if (!hasRole(req.actor, req.params.id, [...deskRoles, 'institution_admin', 'auditor']))
        throw forbidden();
      const rows = await listVisits(db, req.params.id, req.query.day);
      return {
        items: rows.map(({ v, agent }) => ({
          id: v.id,
          visitorName: v.visitorName,
          channel: v.channel,
          purpose: v.purpose,
          outcome: v.outcome,
          note: v.note,
          caseId: v.caseId,
          agent,
          at: v.createdAt.toISOString(),
        })),
      };
    },
  );
}
