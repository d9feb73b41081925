import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isLang, type Lang } from '../../i18n/index.js';
import { detailOf } from '../../server/errors.js';
import { AppError } from '../../server/problems.js';
import { serviceContext } from '../../server/service-context.js';
import { requireApiKey } from '../api-keys/service.js';
import * as contract from './contract.js';
import { confirmationOf, confirmRequest, submitRequest, tokenStatus } from './filing.js';
import { Open311Error } from './query.js';
import type { Open311Context } from './service.js';

type Format = 'json' | 'xml';
/** Sends a value in the format asked, or the refusal it threw in the specification's error format. */
export type Answer = (
  req: { query: { lang?: string }; headers: FastifyRequest['headers'] },
  reply: FastifyReply,
  format: Format,
  root: string,
  work: (ctx: Open311Context) => unknown,
) => Promise<unknown>;

const checkKey = requireApiKey('cases:file');

/**
 * The key of a `POST requests`: the specification's `api_key` parameter, or the API's own headers; checked
 * as every key is (known, live, scoped `cases:file`, within its rate, audited), its refusals said in Open311's
 * format.
 */
async function keyOf(req: FastifyRequest, reply: FastifyReply, params: Record<string, unknown>, lang: Lang) {
  const given = params.api_key;
  if (typeof given === 'string' && !req.headers.authorization && !req.headers['x-api-key'])
    req.headers['x-api-key'] = given;
  try {
    await checkKey(req, reply);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const status = err.status === 401 || err.status === 403 || err.status === 429 ? err.status : 403;
    throw new Open311Error(
      status,
      'open311.error.jurisdiction_forbidden',
      {},
      detailOf(lang, err.code, err.params),
    );
  }
  return req.apiKey!;
}

/** An HTML form's fields (`application/x-www-form-urlencoded`), the last of a repeated name kept. */
function parseForm(_req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) {
  done(null, Object.fromEntries(new URLSearchParams(body)));
}

/**
 * `POST requests` and `GET tokens/{token}` of Open311, and the confirmation the person makes from the link
 * e-mailed to them (`/api/open311/confirmations/…`, for the portal's page).
 */
export async function open311FilingRoutes(
  app: FastifyInstance,
  prefix: string,
  answer: Answer,
  /** The per-address rate limit of the Open311 routes (a key has its own rate besides). */
  config: object,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { TRACK_RATE_LIMIT } = app.deps.config;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);
  const open311Answer = (format: Format, schema: z.ZodType, description: string) =>
    format === 'json'
      ? { description, content: { 'application/json': { schema } } }
      : {
          description: `${description} (XML, UTF-8)`,
          content: { 'text/xml': { schema: z.string().meta({ description: 'An XML document' }) } },
        };

  for (const format of ['json', 'xml'] as const) {
    r.post(
      `${prefix}/requests.${format}`,
      {
        config,
        schema: {
          tags: ['open311'],
          summary: `Open311: file a request for a citizen, who confirms it from an e-mailed link (key with scope cases:file) (${format.toUpperCase()})`,
          querystring: contract.query.pick({ lang: true }),
          body: contract.postRequest,
          response: {
            200: open311Answer(format, contract.postAnswer, 'The token to follow'),
            400: open311Answer(format, contract.errors, 'A parameter is missing or wrong'),
            401: open311Answer(format, contract.errors, 'No key, or an unknown or revoked key'),
            403: open311Answer(format, contract.errors, 'The key lacks cases:file, or is another body’s'),
          },
        },
      },
      async (req, reply) => {
        // the parameters are the body's (a key in the address would be written to access logs); `lang` may
        // also come in the address, as on the reading routes
        const params: Record<string, unknown> = { lang: req.query.lang, ...(req.body ?? {}) };
        const lang = typeof params.lang === 'string' && isLang(params.lang) ? params.lang : undefined;
        return answer(
          { query: { lang }, headers: req.headers },
          reply,
          format,
          'service_requests',
          async (ctx) => {
            const key = await keyOf(req, reply, params, ctx.lang);
            return submitRequest(
              { ...ctx, secret: app.deps.config.secret, requestId: req.id },
              key,
              params,
              lang ?? null,
            );
          },
        );
      },
    );

    r.get(
      `${prefix}/tokens/:token.${format}`,
      {
        config: { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } },
        schema: {
          tags: ['open311'],
          summary: `Open311: the tracking number of a request filed with POST, once the person confirmed it (${format.toUpperCase()})`,
          params: z.object({ token: z.string().max(100) }),
          querystring: contract.query,
          response: {
            200: open311Answer(format, contract.tokenAnswer, 'The token and its request, null while pending'),
            404: open311Answer(format, contract.errors, 'No request has this token'),
          },
        },
      },
      (req, reply) =>
        answer(req, reply, format, 'service_requests', (ctx) =>
          tokenStatus(ctx, req.params.token, req.query.jurisdiction_id),
        ),
    );
  }

  const linkLimit = { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } };
  const secretParams = z.object({ secret: z.string().min(20).max(100) });
  r.get(
    '/api/open311/confirmations/:secret',
    {
      config: linkLimit,
      schema: {
        tags: ['open311'],
        summary:
          'A request filed for the person by another system, from the link e-mailed to them (reading does not confirm)',
        params: secretParams,
        response: { 200: contract.confirmation },
      },
    },
    async (req) => confirmationOf(serviceContext(req), req.params.secret, req.lang),
  );
  r.post(
    '/api/open311/confirmations/:secret/confirm',
    {
      config: linkLimit,
      schema: {
        tags: ['open311'],
        summary: 'The person confirms: the case is filed as theirs (once, whatever the number of presses)',
        params: secretParams,
        response: { 200: contract.confirmation },
      },
    },
    async (req) => confirmRequest(serviceContext(req), req.params.secret),
  );
}
