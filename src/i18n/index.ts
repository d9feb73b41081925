import { type ArticleUse, PLACEHOLDER, withArticle } from '../shared/french-article.js';
import { type BaseKey, type PluralBase, pluralCategory } from '../shared/plurals.js';
import { catalogues } from './catalogues.js';

type KeysOf<T> = T extends { en: infer E } ? keyof E & string : never;
type AllKeys = KeysOf<(typeof catalogues)[number]>;
/** Every message key of every catalogue; a plural message by its base key (`x.days` for `x.days_one`…). */
export type MessageKey = BaseKey<AllKeys>;
/** The plural messages' base keys: t() needs a number `count` with them to choose the form. */
export type PluralKey = PluralBase<AllKeys>;

/**
 * A second number in a message, with its noun in the right form: a placeholder filled with a plural message
 * of its own (`{hours}` in « at least {hours} and at most {days} » is `new Counted('….hours', 2)`).
 */
export class Counted {
  constructor(
    readonly key: PluralKey,
    readonly count: number,
  ) {}
}
type Params = Record<string, string | number | Counted>;
export const supportedLanguages = ['ar', 'fr', 'en'] as const;
export type Lang = (typeof supportedLanguages)[number];

const merged: Record<Lang, Record<string, string>> = { ar: {}, fr: {}, en: {} };
for (const c of catalogues) for (const lang of supportedLanguages) Object.assign(merged[lang], c[lang]);

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (supportedLanguages as readonly string[]).includes(v);
}

/** The text of a key in a language: for a plural message with a number `count`, the form of its category. */
function template(lang: Lang, key: string, count: unknown): string | undefined {
  const m = merged[lang];
  if (typeof count === 'number') {
    const form = m[`${key}_${pluralCategory(lang, count)}`];
    if (form !== undefined) return form;
  }
  return m[key] ?? m[`${key}_other`];
}

/**
 * Translates a message key, filling `{name}` placeholders. A plural message (`key_one`, `key_other`…, see
 * shared/plurals.ts) takes the form of the category of `params.count` in the language (Arabic: 0, 1, 2, 3–10,
 * 11–99, 100…), so its base key needs a number `count`.
 */
export function t<K extends MessageKey>(
  lang: Lang,
  key: K,
  ...[params = {}]: K extends PluralKey ? [params: Params & { count: number }] : [params?: Params]
): string {
  const text = template(lang, key, params.count) ?? template('en', key, params.count) ?? key;
  return text.replace(PLACEHOLDER, (whole, name: string, use?: ArticleUse) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return value instanceof Counted
      ? t(lang, value.key, { count: value.count })
      : withArticle(String(value), use);
  });
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLanguage(header: string | undefined, fallback: Lang = 'ar'): Lang {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) if (isLang(tag)) return tag;
  return fallback;
}

/** All messages of one language, for checks and for the web app. */
export function allMessages(lang: Lang): Readonly<Record<string, string>> {
  return merged[lang];
}
