import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../i18n/index.js';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Serves the built web app. Every page address answers the app's index.html, with the language and
 * direction already set from the visitor's language so the first paint is right-to-left in Arabic.
 */
export async function webRoutes(app: FastifyInstance) {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.log.warn('web app not built: run `npm run build`');
    return;
  }
  const html = readFileSync(index, 'utf8');
  const head = headHints(readdirSync(path.join(webDir, 'assets')));
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    // the build wrote .br and .gz copies of each text asset: sent as they are to browsers that accept them
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: unknown, file: string) => {
      const r = reply as { header(k: string, v: string): void };
      r.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0]!;
    // A file name has an extension; a page address may have a dot too (the token of an e-mail's link).
    const page = url.startsWith('/appointments/manage/');
    if (url.startsWith('/api/') || (path.extname(url) && !page)) return reply.callNotFound();
    const lang = req.lang;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      )
      .send(
        html
          .replace(
            '<html lang="ar" dir="rtl">',
            `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`,
          )
          .replace('</head>', `${head[lang]}${dataHints(url)}</head>`),
      );
  });
}

/**
 * What a page in each language needs first, announced in its head so it downloads with the app instead of
 * after it: the texts of the language (a separate chunk, loaded by the app once it runs) and the fonts of its
 * script (shown only if in time, see fonts.css; here they almost always are).
 */
export function headHints(assets: string[]): Record<Lang, string> {
  const find = (pattern: RegExp) => assets.filter((f) => pattern.test(f));
  // the language's texts: its core file (ar-….js) and the areas' (appointments.ar-….js)
  const script = (lang: string) => find(new RegExp(`^(${lang}|[\\w-]+\\.${lang})-[\\w-]+\\.js$`));
  const fonts = (family: string) => find(new RegExp(`^${family}-[47]00-normal-[\\w-]+\\.woff2$`));
  const links = (chunks: string[], woff2: string[]) =>
    [
      ...chunks.map((f) => `<link rel="modulepreload" crossorigin href="/assets/${f}">`),
      ...woff2.map((f) => `<link rel="preload" href="/assets/${f}" as="font" type="font/woff2" crossorigin>`),
    ].join('');
  return {
    ar: links(script('ar'), fonts('noto-sans-arabic-arabic')),
    fr: links(script('fr'), fonts('noto-sans-latin')),
    en: links([], fonts('noto-sans-latin')),
  };
}

/**
 * The public data a page shows first, asked for by the head (as the app will ask for it) so that it arrives
 * with the scripts instead of after them: the bodies on the home page, the guides on theirs.
 */
export function dataHints(url: string): string {
  const data =
    url === '/'
      ? '/api/institutions'
      : url === '/guides'
        ? '/api/catalog/documents'
        : /^\/guides\/[a-z0-9-]+$/.test(url)
          ? `/api/catalog/documents/${url.slice('/guides/'.length)}`
          : null;
  return data ? `<link rel="preload" href="${data}" as="fetch" crossorigin>` : '';
}
