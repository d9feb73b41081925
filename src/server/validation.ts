import countries from 'i18n-iso-countries';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js';
import { z } from 'zod';

/** Bidi overrides/isolates and zero-width characters: invisible, and used to disguise names and files. */
const UNSAFE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const custom = (key: string, values?: Record<string, string>) => ({ params: { key, values } });

/** Visible text only: trimmed, NFC, no direction overrides or zero-width characters. */
export const safeText = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(min).max(max))
    .refine(
      (s) => !UNSAFE.test(s) && !CONTROL.test(s.replace(/[\n\r\t]/g, '')),
      custom('validation.unsafe_characters'),
    );

/** Text a person writes for someone to read (a subject, a description): visible, and with words in it. */
export const wordedText = (min: number, max: number) =>
  safeText(min, max).refine((s) => /[\p{L}\p{N}]/u.test(s), custom('validation.no_words'));

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'email' }))
  .refine((s) => !UNSAFE.test(s), custom('validation.email'));

/** A phone number in international form; stored as E.164. */
export const phoneSchema = z
  .string()
  .max(32)
  .refine((s) => !UNSAFE.test(s) && isValidPhoneNumber(s), custom('validation.phone'))
  .transform((s) => parsePhoneNumberWithError(s).number as string);

export const countrySchema = z
  .string()
  .length(2)
  .transform((s) => s.toUpperCase())
  .refine((s) => countries.isValid(s), custom('validation.country'));

export const isoDate = z.iso.date();
/** A day of a period of figures: a real date, in years the platform's records can hold (2000 to 2100). */
export const figuresDay = isoDate.refine(
  (d) => d >= '2000-01-01' && d <= '2100-12-31',
  custom('validation.figures_day'),
);

export const passwordSchema = z
  .string()
  .max(200)
  .refine((s) => s.length >= 10, custom('validation.password_weak'));

export const cinSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/[\s-]+/g, '').toUpperCase())
  .refine((s) => /^[A-Z]{1,2}\d{1,7}$/.test(s), custom('validation.cin'));

export const uuidSchema = z.uuid();

/** Names of countries in the user's language, from the ISO list. */
export function countryName(code: string, lang: 'ar' | 'fr' | 'en'): string {
  return countries.getName(code, lang) ?? code;
}
