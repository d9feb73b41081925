import { type ArticleUse, PLACEHOLDER, withArticle } from '../shared/french-article.js';
import { catalogues } from './catalogues.js';

type KeysOf<T> = T extends { en: infer E } ? keyof E & string : never;
/** Every message key of every catalogue. */
export type MessageKey = KeysOf<(typeof catalogues)[number]>;
export const supportedLanguages = ['ar', 'fr', 'en'] as const;
export type Lang = (typeof supportedLanguages)[number];

const merged: Record<Lang, Record<string, string>> = { ar: {}, fr: {}, en: {} };
for (const c of catalogues) for (const lang of supportedLanguages) Object.assign(merged[lang], c[lang]);

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (supportedLanguages as readonly string[]).includes(v);
}

/** Translates a message key, filling `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = merged[lang][key] ?? merged.en[key] ?? key;
  return template.replace(PLACEHOLDER, (whole, name: string, use?: ArticleUse) =>
    name in params ? withArticle(String(params[name]), use) : whole,
  );
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
