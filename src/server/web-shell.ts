import type { Lang } from '../i18n/index.js';
import { ar } from '../web/locales/ar.js';
import { en } from '../web/locales/en.js';
import { fr } from '../web/locales/fr.js';

/**
 * The home page's first screen (its heading and the three main actions) written into the HTML itself, in the
 * visitor's language, so that on a slow line it is readable as soon as the page and its small stylesheet
 * arrive, seconds before the app's code (about 120 KB compressed: 2.5 s at 400 kbit/s). The app replaces it
 * with the same content when it starts; the links work before that, as plain links.
 */
const texts: Record<string, Record<string, string>> = { ar, fr, en };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function homeShell(lang: Lang): string {
  const t = texts[lang] ?? en;
  const say = (key: keyof typeof en) => escapeHtml(t[key] ?? en[key]);
  const action = (href: string, key: 'document' | 'complaint' | 'track') =>
    `<li><a href="${href}" class="action"><strong>${say(`home.actions.${key}`)}</strong><span>${say(`home.actions.${key}Hint`)}</span></a></li>`;
  return (
    `<main id="main" class="wrap" tabindex="-1"><section class="hero"><h1>${say('home.title')}</h1>` +
    `<p class="lead">${say('home.lead')}</p><ul class="actions">` +
    action('/guides', 'document') +
    action('#pick', 'complaint') +
    action('/track', 'track') +
    '</ul></section></main>'
  );
}

/**
 * The home page's head with the app's stylesheet written in (about 4 KB compressed) instead of linked: on a
 * slow line the linked file shares the bandwidth with the app's code announced beside it, and the first
 * screen waited for it. Other pages keep the link (cached once for the visit).
 */
export function inlineStylesheet(html: string, readAsset: (file: string) => string | null): string {
  return html.replace(/<link rel="stylesheet" crossorigin href="\/(assets\/[\w.-]+\.css)">/, (link, file) => {
    const css = readAsset(file);
    return css === null || css.includes('</style') ? link : `<style>${css}</style>`;
  });
}
