import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { binary } from '../shared/contract.js';
import { packageRoot } from './package-root.js';
import { type BuildManifest, dataHints, headHints, pageHints, shellBrand } from './web-hints.js';
import { homeShell, inlineStylesheet } from './web-shell.js';

export const webDir = path.join(packageRoot, 'dist', 'web');

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
  const homeHtml = inlineStylesheet(html, (file) => {
    const at = path.join(webDir, file);
    return existsSync(at) ? readFileSync(at, 'utf8') : null;
  });
  const head = headHints(readdirSync(path.join(webDir, 'assets')));
  const manifestFile = path.join(webDir, '.vite', 'manifest.json');
  const manifest: BuildManifest | null = existsSync(manifestFile)
    ? JSON.parse(readFileSync(manifestFile, 'utf8'))
    : null;
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
  app.get(
    '/*',
    { schema: { hide: true, response: { 200: binary('text/html', 'A page of the web app') } } },
    async (req, reply) => {
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
          // blob: media: a voice message just recorded, heard again before it is sent
          "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        )
        .send(
          (url === '/' ? homeHtml : html)
            .replace(
              '<html lang="ar" dir="rtl">',
              `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`,
            )
            .replace('<span>Jisr · جسر</span>', `<span>${shellBrand(lang)}</span>`)
            // the home page readable before the app runs (see homeShell)
            .replace('</header></div>', `</header>${url === '/' ? homeShell(lang) : ''}</div>`)
            .replace('</head>', `${head[lang]}${pageHints(manifest, url)}${dataHints(url)}</head>`),
        );
    },
  );
}
