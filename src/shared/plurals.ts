/**
 * Plural forms of messages, shared by the server's catalogues and the web app's (the i18next convention):
 * a message that counts something has one key per CLDR plural category of its language, `key_one`,
 * `key_other`… and is asked for by its base key with a number `count`. English has one and other; French one,
 * many (« 1 000 000 de dossiers ») and other; Arabic zero, one, two, few (3–10), many (11–99) and other (100…).
 */

/** The categories each language uses, as `new Intl.PluralRules(lang).resolvedOptions().pluralCategories`. */
export const pluralCategories = {
  en: ['one', 'other'],
  fr: ['one', 'many', 'other'],
  ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
} as const;

export type PluralLang = keyof typeof pluralCategories;
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

const SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * The base key and category of a key that is one form of a plural message among `keys` (its base has an
 * `_other` form: `error.file.too_many` alone is a plain key), else undefined.
 */
export function pluralForm(
  key: string,
  keys: Readonly<Record<string, unknown>>,
): { base: string; category: PluralCategory } | undefined {
  const m = SUFFIX.exec(key);
  if (!m) return undefined;
  const base = key.slice(0, m.index);
  return `${base}_other` in keys ? { base, category: m[1] as PluralCategory } : undefined;
}

/** The base keys of the plural messages among keys K (those with an `_other` form): `x.days` for `x.days_other`. */
export type PluralBase<K> = K extends `${infer B}_other` ? B : never;
/** The keys among K that are not a form of a plural message (`error.file.too_many` is one, alone). */
export type PlainKey<K, All = K> = K extends `${infer B}_${PluralCategory}`
  ? `${B}_other` extends All
    ? never
    : K
  : K;
/** The keys one asks for: plain keys and the plural messages' base keys (with `count`). */
export type BaseKey<K> = PlainKey<K> | PluralBase<K>;

/**
 * The translation of an English catalogue E into language L: the same plain keys, and each plural message with
 * exactly the forms of L's own categories (Arabic has six where English has two).
 */
export type Translation<E, L extends PluralLang> = { [K in PlainKey<keyof E & string>]: string } & {
  [K in `${PluralBase<keyof E & string>}_${(typeof pluralCategories)[L][number]}`]: string;
};

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of a number in a language. */
export function pluralCategory(lang: string, count: number): PluralCategory {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r.select(count) as PluralCategory;
}
