import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { withArticle } from '../shared/french-article.js';
import type { BaseKey } from '../shared/plurals.js';

export { formatFileSize } from '../shared/file-size.js';

import { type AreaTexts, areasEn, areasIn } from './locales/areas.js';
import { en as enCore } from './locales/en.js';

/**
 * Every text of the web app by key: the English catalogue and its areas, merged into one namespace. It types
 * the keys of `t()`, so a missing or misspelt key fails the compiler; a plural text is asked for by its base
 * key with a `count` (`t('appt.cal.bookings', { count })` for `appt.cal.bookings_one`/`_other`).
 */
export type WebTexts = { readonly [K in keyof (typeof enCore & AreaTexts)]: string };
/** A key of the web app's texts, a plural text by its base key. */
export type WebKey = BaseKey<keyof WebTexts & string>;

/** The families of keys: `kind.`, `people.role.`, `appt.outcome.`… (every prefix ending with a dot). */
type Family<K extends string> = K extends `${infer Head}.${infer Rest}`
  ? `${Head}.` | `${Head}.${Family<Rest>}`
  : never;
/** The keys of a family: `KeyIn<'kind.'>` is `'kind.request' | 'kind.complaint' | …`. */
export type KeyIn<F extends string> = Extract<WebKey, `${F}${string}`>;

/**
 * The key of a value the server sends (a case kind, a channel, a role, a state), in its family of texts:
 * `t(keyIn('kind.', c.kind))`. A family that does not exist fails the compiler; the value is the server's
 * own word, one of the family's keys (the web app has a text for each).
 */
export function keyIn<F extends Family<WebKey>>(family: F, value: string): KeyIn<F> {
  return `${family}${value}` as KeyIn<F>;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: WebTexts };
  }
}

export type Lang = 'ar' | 'fr' | 'en';
export const languages: Lang[] = ['ar', 'fr', 'en'];

const en: Record<string, string> = Object.assign({}, enCore, ...areasEn);
const loaders: Record<Lang, () => Promise<Record<string, string>>> = {
  ar: async () => {
    const [core, areas] = await Promise.all([import('./locales/ar.js'), areasIn.ar()]);
    return Object.assign({}, core.ar, ...areas);
  },
  fr: async () => {
    const [core, areas] = await Promise.all([import('./locales/fr.js'), areasIn.fr()]);
    return Object.assign({}, core.fr, ...areas);
  },
  en: async () => en,
};

/** The language: the one chosen before (cookie), else the browser's, else Arabic. */
export function initialLanguage(): Lang {
  const cookie = document.cookie.match(/(?:^|; )lang=(ar|fr|en)/)?.[1] as Lang | undefined;
  if (cookie) return cookie;
  for (const l of navigator.languages ?? []) {
    const short = l.slice(0, 2) as Lang;
    if (languages.includes(short)) return short;
  }
  return 'ar';
}

/** Switches language everywhere: texts, direction, the API's messages (cookie), remembered for a year. */
export async function setLanguage(lang: Lang) {
  if (!i18next.hasResourceBundle(lang, 'translation'))
    i18next.addResourceBundle(lang, 'translation', await loaders[lang]());
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
}

export async function initI18n() {
  const lang = initialLanguage();
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // French articles before a body's name: '{{body, de}}' → « de la Commune… », « de l’Agence… », « du Conseil… »
  for (const use of ['de', 'à', 'le', 'Le'] as const)
    i18next.services.formatter?.add(use, (value: string) => withArticle(String(value), use));
  await setLanguage(lang);
}

/** Dates in the reader's language, Latin digits, Morocco's time zone for deadlines. */
export function formatDate(iso: string, lang: string, withTime = false): string {
  const locale = lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Africa/Casablanca',
  }).format(new Date(iso));
}

/** Numbers in the reader's language, with Latin digits (as written in Morocco) and grouping. */
export function formatNumber(n: number, lang: string): string {
  const locale = lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.NumberFormat(locale).format(n);
}

/** A name from a record with ar/fr/en variants, in the reader's language. */
export function localName(x: { nameAr: string; nameFr: string; nameEn?: string }, lang: string): string {
  return lang === 'ar' ? x.nameAr : lang === 'en' ? (x.nameEn ?? x.nameFr) : x.nameFr;
}
