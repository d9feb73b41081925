import { ar } from './ar.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey };
export const supportedLanguages = ['ar', 'fr', 'en'] as const;
export type Lang = (typeof supportedLanguages)[number];

const catalogues: Record<Lang, Record<MessageKey, string>> = { ar, fr, en };

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (supportedLanguages as readonly string[]).includes(v);
}

/** Translates a message key, filling `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
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
