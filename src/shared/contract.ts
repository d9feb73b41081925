/**
 * Pieces of the API's answers shared by every module's `contract.ts`. A contract file imports only `zod`
 * and other contract files: the web app takes its types from them, and must never pull in server code.
 */
import { z } from 'zod';

/** A moment as the API writes it: ISO 8601 in UTC, e.g. `2026-12-07T09:30:00.000Z`. */
export const isoDateTime = z.iso.datetime();

/**
 * A moment a service hands over as a `Date` (a stored row), written as ISO 8601 like `isoDateTime`: the route
 * returns the `Date`, the browser receives the string. The web reads such answers with `Answer<…>`.
 */
export const storedDateTime = z.codec(z.iso.datetime(), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

/** What the browser receives for a response schema: its wire side (a `storedDateTime` is a string there). */
export type Answer<S extends z.ZodType> = z.input<S>;

/** 204 No Content (the route sends nothing). */
export const noContent = z.undefined().describe('No content');

/** A binary answer (a PDF, a calendar, a paper): described in the document, never serialized. */
export const binary = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: z.any().meta({ type: 'string', format: 'binary' }) } },
});

export const languageCode = z.enum(['ar', 'fr', 'en']);

/** A name in the three languages of the platform. */
export const names = { nameAr: z.string(), nameFr: z.string(), nameEn: z.string() };

/** A list answer. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
