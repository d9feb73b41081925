import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { t } from '../../i18n/index.js';
import { fail } from '../../server/problems.js';
import { isoDate } from '../../server/validation.js';
import { currentTime } from '../../shared/clock.js';
import { binary } from '../../shared/contract.js';
import { requireApiKey } from '../api-keys/service.js';
import { institutions } from '../institutions/schema.js';
import { cachedFigures } from './cache.js';
import * as contract from './contract.js';
import { MIN_VOLUME } from './figures.js';
import { figuresCsv, figuresCsvViews } from './figures-csv.js';
import {
  dataDictionary,
  editionFile,
  editionFileName,
  listEditions,
  OPEN_DATA_FORMATS,
} from './open-data.js';
import { type FiguresAnswer, publicFigures } from './query.js';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
  .refine((m) => m >= '2000-01' && m <= '2100-12')
  .meta({ description: 'A month, YYYY-MM', example: '2026-11' });
const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);
const figuresQuery = z
  .strictObject({
    territory: code.optional().meta({ description: 'A region, province, prefecture or commune code' }),
    body: code.optional().meta({ description: 'A body’s code (its tracking-number prefix)' }),
    category: code.optional().meta({ description: 'A category code' }),
    from: month.optional(),
    to: month.optional(),
  })
  .refine((q) => !(q.territory && q.body), { message: 'territory or body, not both', path: ['body'] });

/**
 * The public figures (no sign-in): the JSON of a scope, its CSV, and the open-data index and files. Each
 * answer comes from the rollup the worker keeps (`rollup.ts`), never from the cases.
 */
export async function publicFiguresRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const files = app.deps.files;
  // per address: enough for a page and its downloads, not for a scrape of every scope
  const config = { rateLimit: { max: app.deps.config.PUBLIC_FIGURES_RATE_LIMIT, timeWindow: '1 minute' } };

  r.get(
    '/api/public/figures',
    {
      config,
      schema: {
        tags: ['public figures'],
        summary:
          'How a scope answers (the nation, a territory or a body; all categories or one), month by month, with its parts',
        querystring: figuresQuery,
        response: { 200: contract.figures },
      },
    },
    async (req, reply) => {
      const { json } = await cachedFigures(db, req.query, currentTime());
      // the kept JSON as it is: it was made from an answer of the same shape as the schema's
      return (
        reply
          .header('cache-control', 'public, max-age=300')
          .type('application/json; charset=utf-8')
          // a string is sent as it is (no second serialisation); it is the JSON of an answer of this schema
          .send(json as unknown as FiguresAnswer)
      );
    },
  );

  r.get(
    '/api/integration/figures',
    {
      preHandler: requireApiKey('figures:read'),
      schema: {
        tags: ['integration'],
        summary:
          'The key’s body’s own figures, month by month and per category, with nothing held back under the minimum volume (API key with `figures:read`)',
        querystring: z.strictObject({
          category: code.optional(),
          from: month.optional(),
          to: month.optional(),
        }),
        response: { 200: contract.figures },
      },
    },
    async (req) => {
      const [body] = await db
        .select({ code: institutions.code })
        .from(institutions)
        .where(eq(institutions.id, req.apiKey!.institutionId));
      return publicFigures(db, { ...req.query, body: body!.code }, currentTime(), 0);
    },
  );

  r.get(
    '/api/public/figures.csv',
    {
      config,
      schema: {
        tags: ['public figures'],
        summary: 'The same figures as CSV: by month (default), by part of the scope, or by category',
        querystring: figuresQuery.and(z.object({ by: z.enum(figuresCsvViews).default('month') })),
        response: { 200: binary('text/csv', 'The figures as CSV (UTF-8 with a byte-order mark)') },
      },
    },
    async (req, reply) => {
      const { by, ...q } = req.query;
      const { answer } = await cachedFigures(db, q, currentTime());
      const name = `jisr-figures-${answer.scope.code}${answer.category ? `-${answer.category.code}` : ''}-${answer.period.from}-${answer.period.to}-${by}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'public, max-age=300')
        .send(figuresCsv(answer, by, req.lang));
    },
  );

  r.get(
    '/api/public/open-data',
    {
      config,
      schema: {
        tags: ['public figures'],
        summary: 'The open data: title, licence, data dictionary and the daily files kept',
        response: { 200: contract.openDataIndex },
      },
    },
    async (req) => ({
      title: t(req.lang, 'open_data.title'),
      description: t(req.lang, 'open_data.description', { min: MIN_VOLUME }),
      licence: {
        name: 'Licence Ouverte / Open Licence 2.0',
        url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
        summary: t(req.lang, 'open_data.licence'),
      },
      minimumVolume: MIN_VOLUME,
      dictionary: dataDictionary(req.lang),
      editions: (await listEditions(db)).map((e) => ({
        day: e.day,
        files: OPEN_DATA_FORMATS.flatMap((f) => {
          const file = e.files[f];
          return file ? [{ format: f, ...file, url: `/api/public/open-data/${file.file}` }] : [];
        }),
      })),
    }),
  );

  r.get(
    '/api/public/open-data/:file',
    {
      config,
      schema: {
        tags: ['public figures'],
        summary:
          'One daily file (jisr-figures-YYYY-MM-DD.csv or .json), or the latest (jisr-figures-latest.csv)',
        params: z.object({ file: z.string().max(60) }),
        response: {
          200: {
            description: 'The file, CSV (UTF-8 with a byte-order mark) or JSON',
            content: {
              'text/csv': binary('text/csv', '').content['text/csv'],
              'application/json': binary('application/json', '').content['application/json'],
            },
          },
        },
      },
    },
    async (req, reply) => {
      const m = /^jisr-figures-(latest|\d{4}-\d{2}-\d{2})\.(csv|json)$/.exec(req.params.file);
      const day = m?.[1];
      const format = m?.[2] as 'csv' | 'json' | undefined;
      if (!day || !format || (day !== 'latest' && !isoDate.safeParse(day).success))
        throw fail('open-data-edition-unknown');
      const found = await editionFile(db, files, day, format);
      if (!found) throw fail('open-data-edition-unknown');
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        )
        .header('content-disposition', `inline; filename="${editionFileName(found.day, format)}"`)
        .header('etag', `"${found.sha256}"`)
        .header(
          'cache-control',
          day === 'latest' ? 'public, max-age=3600' : 'public, max-age=86400, immutable',
        )
        .send(found.bytes);
    },
  );
}
