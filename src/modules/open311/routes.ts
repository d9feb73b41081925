import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as contract from './contract.js';
import { open311FilingRoutes } from './filing-routes.js';
import { say } from './messages.js';
import { Open311Error, open311Language } from './query.js';
import {
  discovery,
  listRequests,
  listServices,
  type Open311Context,
  oneRequest,
  serviceDefinition,
} from './service.js';
import { xmlDocument } from './xml.js';

/** Requests per minute, per address and per route: enough for a client polling, not for a scrape. */
export const OPEN311_RATE_LIMIT = 120;
const PREFIX = '/open311/v2';
const formats = ['json', 'xml'] as const;
type Format = (typeof formats)[number];

/** The 200 answer of a route in one format: JSON per its schema, or the same as an XML document. */
const answerOf = (format: Format, schema: z.ZodType, description: string) =>
  format === 'json'
    ? { description, content: { 'application/json': { schema } } }
    : {
        description: `${description} (XML, UTF-8)`,
        content: { 'text/xml': { schema: z.string().meta({ description: 'An XML document' }) } },
      };
/** A refusal in the specification's error format (`[{code, description}]`, `<errors><error>…`). */
const refusalOf = (format: Format, description: string) => answerOf(format, contract.errors, description);

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2: the reading part public, no
 * sign-in; filing (`POST requests`, `GET tokens/…`) with a body's key, see filing-routes.ts. Each answer in
 * JSON (`.json`) and XML (`.xml`), errors in the specification's format.
 */
export async function open311Routes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { publicUrl } = app.deps.config;
  const config = { rateLimit: { max: OPEN311_RATE_LIMIT, timeWindow: '1 minute' } };
  /** The request's language: the `lang` parameter, else Accept-Language, else French. */
  const ctxOf = (query: { lang?: string }, headers: FastifyRequest['headers']): Open311Context => ({
    db,
    publicUrl,
    lang: open311Language(query.lang, headers['accept-language']),
  });

  /** Sends `value` in the format asked, or the refusal it threw in the specification's error format. */
  async function answer(
    req: { query: { lang?: string }; headers: FastifyRequest['headers'] },
    reply: FastifyReply,
    format: Format,
    root: string,
    work: (ctx: Open311Context) => unknown,
  ) {
    const ctx = ctxOf(req.query, req.headers);
    let status = 200;
    let value: unknown;
    let rootName = root;
    try {
      value = await work(ctx);
    } catch (err) {
      if (!(err instanceof Open311Error)) throw err;
      status = err.status;
      value = [{ code: err.status, description: err.detail ?? say(ctx.lang, err.key, err.params) }];
      rootName = 'errors';
    }
    reply.code(status).header('content-language', ctx.lang).header('vary', 'Accept-Language');
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
    return reply.type('text/xml; charset=utf-8').send(xmlDocument(rootName, value as never));
  }

  for (const format of formats) {
    r.get(
      `${PREFIX}/discovery.${format}`,
      {
        config,
        schema: {
          tags: ['open311'],
          summary: `Open311 discovery: where the interface is and what it speaks (${format.toUpperCase()})`,
          querystring: contract.query.pick({ lang: true }),
          response: { 200: answerOf(format, contract.discovery, 'The discovery document') },
        },
      },
      (req, reply) => answer(req, reply, format, 'discovery', (ctx) => discovery(ctx)),
    );

    r.get(
      `${PREFIX}/services.${format}`,
      {
        config,
        schema: {
          tags: ['open311'],
          summary: `Open311 services: the categories a body accepts (${format.toUpperCase()})`,
          querystring: contract.query,
          response: {
            200: answerOf(format, contract.services, 'The services of the body'),
            400: refusalOf(format, 'jurisdiction_id missing'),
            404: refusalOf(format, 'No body with this jurisdiction_id'),
          },
        },
      },
      (req, reply) =>
        answer(req, reply, format, 'services', (ctx) => listServices(ctx, req.query.jurisdiction_id)),
    );

    r.get(
      `${PREFIX}/services/:service_code.${format}`,
      {
        config,
        schema: {
          tags: ['open311'],
          summary: `Open311 service definition: the fields a category asks for (${format.toUpperCase()})`,
          params: z.object({ service_code: z.string().max(200) }),
          querystring: contract.query,
          response: {
            200: answerOf(format, contract.serviceDefinition, 'The definition of the service'),
            400: refusalOf(format, 'jurisdiction_id missing'),
            404: refusalOf(format, 'Unknown body, or a service it does not offer'),
          },
        },
      },
      (req, reply) =>
        answer(req, reply, format, 'service_definition', (ctx) =>
          serviceDefinition(ctx, req.query.jurisdiction_id, req.params.service_code),
        ),
    );

    r.get(
      `${PREFIX}/requests.${format}`,
      {
        config,
        schema: {
          tags: ['open311'],
          summary: `Open311 requests of a body, newest first: status, category and dates only, nothing personal (${format.toUpperCase()})`,
          querystring: contract.requestsQuery,
          response: {
            200: answerOf(format, contract.serviceRequests, 'One page of the body’s requests'),
            400: refusalOf(format, 'A parameter is missing or malformed'),
            404: refusalOf(format, 'No body with this jurisdiction_id'),
          },
        },
      },
      (req, reply) => answer(req, reply, format, 'service_requests', (ctx) => listRequests(ctx, req.query)),
    );

    r.get(
      `${PREFIX}/requests/:service_request_id.${format}`,
      {
        config,
        schema: {
          tags: ['open311'],
          summary: `Open311 one request of a body, by tracking number, as a list of one (${format.toUpperCase()})`,
          params: z.object({ service_request_id: z.string().max(60) }),
          querystring: contract.query,
          response: {
            200: answerOf(format, contract.serviceRequests, 'The request, as a list of one'),
            400: refusalOf(format, 'jurisdiction_id missing'),
            404: refusalOf(format, 'Unknown body, or no such request of this body'),
          },
        },
      },
      (req, reply) =>
        answer(req, reply, format, 'service_requests', (ctx) =>
          oneRequest(ctx, req.query.jurisdiction_id, req.params.service_request_id),
        ),
    );
  }

  await open311FilingRoutes(app, PREFIX, answer, config);
}
