import type { Lang } from '../i18n/index.js';

/**
 * What a page's head announces so that it downloads with the app instead of after it (Lighthouse's critical
 * chain): the texts of the language, the fonts of its script, the code of the page itself and the public
 * data it shows first.
 */

/** The build's manifest (vite `build.manifest`): each source module's file and the modules it imports. */
export type BuildManifest = Record<
  string,
  { file: string; imports?: string[]; css?: string[]; isEntry?: boolean; src?: string }
>;

/**
 * What a page in each language needs first: the texts of the language (a separate chunk, loaded by the app
 * once it runs) and the Latin typeface (small; shown only if in time, see fonts.css).
 */
export function headHints(assets: string[]): Record<Lang, string> {
  const find = (pattern: RegExp) => assets.filter((f) => pattern.test(f));
  // the language's texts: its core file (ar-….js) and the areas' (appointments.ar-….js)
  const script = (lang: string) => find(new RegExp(`^(${lang}|[\\w-]+\\.${lang})-[\\w-]+\\.js$`));
  // the regular weight only: the text of a page is mostly regular, and its largest paint is; the bold comes
  // when a heading asks for it (on a slow line, the bandwidth goes to the page's code first)
  const fonts = (family: string) => find(new RegExp(`^${family}-400-normal-[\\w-]+\\.woff2$`));
  const links = (chunks: string[], woff2: string[]) =>
    [
      ...chunks.map((f) => modulePreload(`assets/${f}`)),
      ...woff2.map((f) => `<link rel="preload" href="/assets/${f}" as="font" type="font/woff2" crossorigin>`),
    ].join('');
  return {
    // the Arabic typeface weighs 50 KB, as much as the app's code: not announced, so that on a slow line the
    // page comes first (in the phone's own Arabic typeface when ours is late, see fonts.css) and the next
    // page has it from the cache
    ar: links(script('ar'), []),
    fr: links(script('fr'), fonts('noto-sans-latin')),
    en: links([], fonts('noto-sans-latin')),
  };
}

const modulePreload = (file: string) => `<link rel="modulepreload" crossorigin href="/${file}">`;

/** The public pages whose code is loaded apart from the app's (lazy), by address. */
const pages: [RegExp, string][] = [
  [/^\/guides$/, 'pages/Guides.tsx'],
  [/^\/guides\/[a-z0-9-]+$/, 'pages/Guide.tsx'],
  [/^\/file\/[0-9a-f-]{36}$/, 'pages/FileCase.tsx'],
  [/^\/track(\/[\w-]+)?$/, 'pages/Track.tsx'],
];

/**
 * The page's own code and what it imports beyond the app's entry, announced so the browser fetches them with
 * the entry rather than once the entry has run and asked for the page.
 */
export function pageHints(manifest: BuildManifest | null, url: string): string {
  const source = pages.find(([pattern]) => pattern.test(url))?.[1];
  const page = source ? manifest?.[source] : undefined;
  if (!manifest || !page) return '';
  const entry = Object.values(manifest).find((m) => m.isEntry);
  const loaded = new Set<string>();
  const closure = (key: string, into: Set<string>) => {
    if (into.has(key)) return;
    into.add(key);
    for (const i of manifest[key]?.imports ?? []) closure(i, into);
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k] === entry);
  if (entryKey) closure(entryKey, loaded);
  const wanted = new Set<string>();
  closure(source!, wanted);
  const files = [...wanted].filter((k) => !loaded.has(k)).map((k) => manifest[k]!);
  return [
    ...files.flatMap((m) => (m.css ?? []).map((c) => `<link rel="stylesheet" href="/${c}">`)),
    ...files.map((m) => modulePreload(m.file)),
  ].join('');
}

/**
 * The public data a page shows first, asked for by the head (as the app will ask for it) so that it arrives
 * with the scripts instead of after them: who is signed in (every page), the bodies on the home page, a guide (where
 * to ask for the paper) and the filing form, the categories on the form, the guides on theirs.
 */
export function dataHints(url: string): string {
  const data = ['/api/auth/session'];
  if (url === '/') data.push('/api/institutions');
  else if (url === '/guides') data.push('/api/catalog/documents');
  else if (/^\/guides\/[a-z0-9-]+$/.test(url))
    data.push(`/api/catalog/documents/${url.slice('/guides/'.length)}`, '/api/institutions');
  else if (/^\/file\/[0-9a-f-]{36}$/.test(url)) data.push('/api/institutions', '/api/categories');
  return data.map((d) => `<link rel="preload" href="${d}" as="fetch" crossorigin>`).join('');
}

/** The app shell's name in the page's language, so the first paint needs no font of another script. */
export const shellBrand = (lang: Lang) => (lang === 'ar' ? 'جسر' : 'Jisr');
