import type { Lang } from './index.js';

const locales: Record<Lang, string> = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A date as people read it in Morocco, in their language (Latin digits, as used in Moroccan administration). */
export function formatDate(d: Date, lang: Lang): string {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(`${locales[lang]}-u-nu-latn`, {
      dateStyle: 'long',
      timeZone: 'Africa/Casablanca',
    });
    dateFormats.set(lang, f);
  }
  return f.format(d);
}

/** A date and time in a given zone, in the person's language (Latin digits). */
export function formatDateTime(d: Date, lang: Lang, timeZone: string, withDate = true): string {
  return new Intl.DateTimeFormat(`${locales[lang]}-u-nu-latn`, {
    ...(withDate ? { dateStyle: 'full' as const } : {}),
    timeStyle: 'short',
    timeZone,
  }).format(d);
}
