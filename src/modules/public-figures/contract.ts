import { z } from 'zod';

const names = z.object({ ar: z.string(), fr: z.string(), en: z.string() });
const place = z.object({
  level: z.string().meta({
    description: 'nation, region, province, prefecture, commune, municipality, arrondissement or body',
  }),
  code: z.string(),
  name: names,
});
const count = z.number().int().nullable();
/** A figure is null when its base is under the minimum volume. */
const figureFields = {
  suppressed: z.boolean().meta({ description: 'Fewer cases than the minimum volume: every figure is null' }),
  received: count,
  replied: count,
  medianWorkingDaysToReply: z.number().nullable(),
  shareRepliedOnTime: z.number().min(0).max(1).nullable(),
  reopened: count,
  escalated: count,
  ratings: count,
  averageRating: z.number().nullable(),
};
const openFields = { open: count, overdue: count, shareOverdue: z.number().min(0).max(1).nullable() };

export const figures = z.object({
  scope: place,
  parents: z.array(place),
  category: z.object({ code: z.string(), name: names }).nullable(),
  period: z.object({ from: z.string(), to: z.string() }),
  minVolume: z.number().int(),
  asOf: z.string().nullable().meta({ description: 'When the open cases were last counted' }),
  totals: z.object({ ...figureFields, ...openFields }),
  months: z.array(z.object({ month: z.string(), ...figureFields })),
  children: z.array(place.extend({ ...figureFields, ...openFields })),
  categories: z.array(z.object({ code: z.string(), name: names, ...figureFields, ...openFields })),
});

export const openDataIndex = z.object({
  title: z.string(),
  description: z.string(),
  licence: z.object({ name: z.string(), url: z.string(), summary: z.string() }),
  minimumVolume: z.number().int(),
  dictionary: z.array(z.object({ column: z.string(), type: z.string(), description: z.string() })),
  editions: z.array(
    z.object({
      day: z.string(),
      files: z.array(
        z.object({
          format: z.enum(['csv', 'json']),
          file: z.string(),
          url: z.string(),
          size: z.number().int(),
          sha256: z.string(),
          rows: z.number().int(),
        }),
      ),
    }),
  ),
});
