import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { privacyPolicy as policyAnswer } from './contract.js';
import { privacyPolicy, setPrivacyPolicy } from './privacy.js';

const idParams = z.object({ id: z.uuid() });
const policy = z.strictObject({ showStaffNames: z.boolean() });

/** The body's privacy policy over HTTP (see privacy.ts). */
export async function institutionPrivacyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/institutions/:id/privacy',
    {
      schema: {
        tags: ['institutions'],
        summary: 'The body’s privacy policy: whether people see the names of the staff who read their file',
        params: idParams,
        response: { 200: policyAnswer },
      },
    },
    async (req) => privacyPolicy(serviceContext(req), req.params.id),
  );

  r.put(
    '/api/institutions/:id/privacy',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Set the body’s privacy policy (institution admin); audited',
        params: idParams,
        body: policy,
        response: { 200: policyAnswer },
      },
    },
    async (req) => setPrivacyPolicy(serviceContext(req), req.params.id, req.body),
  );
}
