/** The public verification of papers over HTTP: parse, call the service, answer. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fail } from '../../server/problems.js';
import { serviceContext } from '../../server/service-context.js';
import { documentCheck, signingKeyList, verifiedDocument } from './contract.js';
import { publicKeys } from './keys.js';
import { checkDocument, verifyDocument } from './service.js';

const codeParams = z.object({ code: z.string().min(1).max(20) });
/** The JSON form of a check (the multipart one sends the file as "file"). */
const fingerprintBody = z.strictObject({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/) });

export async function verificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['verification'];
  const { TRACK_RATE_LIMIT, MAX_UPLOAD_MB } = app.deps.config;
  const limited = { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } };

  r.get(
    '/api/verify/:code',
    {
      config: limited,
      schema: {
        tags,
        summary:
          'A receipt or reply letter by its verification code: body, date, tracking number, sha256, signature',
        params: codeParams,
        response: { 200: verifiedDocument },
      },
    },
    async (req) => verifyDocument(serviceContext(req), req.params.code),
  );

  r.post(
    '/api/verify/:code/check',
    {
      config: limited,
      schema: {
        tags,
        summary:
          'Whether a PDF is the document issued under this code: the file (multipart/form-data, field "file") or {sha256}',
        consumes: ['application/json', 'multipart/form-data'],
        params: codeParams,
        response: { 200: documentCheck },
      },
    },
    async (req) => {
      const ctx = serviceContext(req);
      if (!req.isMultipart()) {
        // JSON: the fingerprint alone, computed where the file is (the paper need not be sent)
        const given = fingerprintBody.safeParse(req.body);
        if (!given.success) throw fail('file-missing');
        return checkDocument(ctx, req.params.code, given.data);
      }
      const part = await req.file({ limits: { fileSize: MAX_UPLOAD_MB * 1024 * 1024, files: 1 } });
      if (!part) throw fail('file-missing');
      return checkDocument(ctx, req.params.code, { bytes: await part.toBuffer() });
    },
  );

  r.get(
    '/.well-known/jisr-keys.json',
    {
      schema: {
        tags,
        summary: 'The platform’s public keys (Ed25519), current and retired, to verify papers offline',
        response: { 200: signingKeyList },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return {
        keys: await publicKeys(req.server.deps.database.db),
        canonical:
          'jisr-document-v1|code|kind|institution code|tracking number|issued at (ISO 8601 UTC)|sha256',
      };
    },
  );
}
