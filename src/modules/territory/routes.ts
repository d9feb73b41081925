import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { notFound } from '../../server/errors.js';
import * as contract from './contract.js';
import { getTerritory, placeTypes, searchTerritory } from './service.js';

export async function territoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get(
    '/api/territory',
    {
      schema: {
        tags: ['reference'],
        summary: 'Search regions, provinces and communes by name in Arabic or French',
        querystring: z.strictObject({
          q: z.string().max(80).optional(),
          type: z.enum(placeTypes).optional(),
          parent: z.string().max(20).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: contract.places },
      },
    },
    async (req) => ({
      items: await searchTerritory(db, {
        text: req.query.q,
        types: req.query.type ? [req.query.type] : undefined,
        parent: req.query.parent,
        limit: req.query.limit,
      }),
    }),
  );

  r.get(
    '/api/territory/:code',
    {
      schema: {
        tags: ['reference'],
        params: z.object({ code: z.string().max(20) }),
        response: { 200: contract.placeDetail },
      },
    },
    async (req) => {
      const place = await getTerritory(db, req.params.code);
      if (!place) throw notFound();
      const { searchKey: _s, ...rest } = place;
      return rest;
    },
  );

  r.get(
    '/api/countries',
    {
      schema: {
        tags: ['reference'],
        summary: 'ISO countries with names in ar, fr and en',
        response: { 200: contract.countries },
      },
    },
    async () => {
      const ar = countries.getNames('ar');
      const fr = countries.getNames('fr');
      const en = countries.getNames('en');
      return {
        items: Object.entries(en).map(([code, name]) => ({
          code,
          ar: ar[code] ?? name,
          fr: fr[code] ?? name,
          en: name,
        })),
      };
    },
  );
}
