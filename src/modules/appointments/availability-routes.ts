/** Routes of the admin's setup page that change or remove availability (the rest is in `routes.ts`). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { noContent } from '../../shared/contract.js';
import { deleteOfficial, deleteService, updateClosure, updateOfficial, updateRule } from './availability.js';
import type { Ctx } from './context.js';
import * as contract from './contract.js';
import { closurePatch, idParams, rulePatch, titles } from './validation.js';

export function availabilityRoutes(app: FastifyInstance, ctx: (req: FastifyRequest) => Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appointments: staff'];

  r.delete(
    '/api/appointments/services/:id',
    {
      schema: {
        tags,
        summary:
          'Remove a service nobody booked, with its rules and closures (institution admin); 409 when it has bookings: deactivate it',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      requireActor(req);
      await deleteService(ctx(req), req.params.id);
      return reply.code(204).send();
    },
  );

  r.patch(
    '/api/appointments/officials/:id',
    {
      schema: {
        tags,
        summary: 'Change an official’s titles and services, or stop or resume bookings with them',
        params: idParams,
        body: z
          .strictObject({ ...titles, serviceIds: z.array(z.uuid()).max(100), active: z.boolean() })
          .partial(),
        response: { 200: contract.officialRow },
      },
    },
    async (req) => {
      requireActor(req);
      return updateOfficial(ctx(req), req.params.id, req.body);
    },
  );

  r.delete(
    '/api/appointments/officials/:id',
    {
      schema: {
        tags,
        summary:
          'Remove an official nobody booked, with their duty turns (institution admin); 409 when they have bookings: deactivate them',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      requireActor(req);
      await deleteOfficial(ctx(req), req.params.id);
      return reply.code(204).send();
    },
  );

  r.patch(
    '/api/appointments/rules/:id',
    {
      schema: {
        tags,
        summary: 'Change opening hours or a duty turn, in Morocco’s time (admin, supervisor)',
        params: idParams,
        body: rulePatch,
        response: { 200: contract.openingRule },
      },
    },
    async (req) => {
      requireActor(req);
      return updateRule(ctx(req), req.params.id, req.body);
    },
  );

  r.patch(
    '/api/appointments/closures/:id',
    {
      schema: {
        tags,
        summary: 'Change a holiday or closure; lists the bookings its days now fall on (admin, supervisor)',
        params: idParams,
        body: closurePatch,
        response: { 200: contract.closureSet },
      },
    },
    async (req) => {
      requireActor(req);
      return updateClosure(ctx(req), req.params.id, req.body);
    },
  );
}
