/** The territory's answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { itemsOf } from '../../shared/contract.js';

/** A region, province or commune found by a search. */
export const place = z.object({
  code: z.string(),
  type: z.string(),
  nameFr: z.string(),
  nameAr: z.string(),
  parentCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
});
export const places = itemsOf(place);

/** One place, with its other spellings. */
export const placeDetail = place.extend({
  nameFrAlt: z.string().nullable(),
  nameArAlt: z.string().nullable(),
});

export const countries = itemsOf(
  z.object({ code: z.string(), ar: z.string(), fr: z.string(), en: z.string() }),
);
