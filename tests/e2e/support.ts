import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { notifications } from '../../src/modules/notifications/schema.js';
import { currentTime } from '../../src/shared/clock.js';
import { ar } from '../../src/web/locales/ar.js';
import type { en } from '../../src/web/locales/en.js';
import { fr } from '../../src/web/locales/fr.js';
import { launchBrowser } from '../support/browser.js';
import {
  type DbKind,
  DEMO_PASSWORD,
  fixture,
  type PlatformOptions,
  startTestPlatform,
  type TestPlatform,
} from '../support/platform.js';

export const shotsDir = path.resolve('test-output/screenshots');

const T = { ar, fr } as const;
export type L = keyof typeof T;
/** A web string in Arabic or French as the page shows it, with its {{placeholders}} filled. */
export const tr = (lang: L, key: keyof typeof en, vars: Record<string, string | number> = {}) =>
  T[lang][key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));

/**
 * How the portal is started: the platform's options, and `fakeMedia` for a browser whose microphone plays a
 * test tone, allowed without asking (see `launchBrowser`).
 */
export type PortalOptions = PlatformOptions & { fakeMedia?: boolean };

/** The real server on a free port, with the built web app, and a headless Chromium. */
export async function startPortal(kind: DbKind = 'pglite', opts: PortalOptions = {}) {
  const { fakeMedia, ...platform } = opts;
  const p = await startTestPlatform(kind, platform);
  await p.app.listen({ host: '127.0.0.1', port: 0 });
  const address = p.app.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await launchBrowser({ fakeMedia });
  await mkdir(shotsDir, { recursive: true });
  return {
    p,
    base,
    browser,
    async close() {
      await browser.close();
      await p.close();
    },
  };
}

export type Portal = Awaited<ReturnType<typeof startPortal>>;

/** The portal of a test file (see `startPortal`), started before its tests (building takes time), closed after. */
export function filePortal(kind?: DbKind, opts?: PortalOptions): Omit<Portal, 'close'> {
  const running = fixture(
    'the portal',
    () => startPortal(kind, opts),
    (portal) => portal.close(),
    180_000,
  );
  return {
    get p() {
      return running().p;
    },
    get base() {
      return running().base;
    },
    get browser() {
      return running().browser;
    },
  };
}

export async function newPage(
  browser: Browser,
  base: string,
  lang: 'ar' | 'fr',
  size: 'phone' | 'desktop' = 'phone',
  opts: { timezoneId?: string } = {},
) {
  const context: BrowserContext = await browser.newContext({
    viewport: size === 'phone' ? { width: 360, height: 780 } : { width: 1280, height: 900 },
    locale: lang === 'ar' ? 'ar-MA' : 'fr-FR',
    baseURL: base,
    timezoneId: opts.timezoneId,
  });
  // the browser's clock shows the platform's (CLOCK_START runs move it) and runs on from there
  await context.clock.install({ time: currentTime() });
  await context.addCookies([{ name: 'lang', value: lang, url: base }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
type AxeResult = {
  violations: { id: string; nodes: { target: string[] }[] }[];
  passes: unknown[];
};

/**
 * Runs axe (WCAG 2.0–2.2 A and AA rules) on the page as it is now and fails on any violation, naming them.
 * axe is loaded into the page once and run there directly: the pages have no frames, and this avoids the
 * extra page that a builder opens for every scan (ten times slower).
 */
export async function expectNoAxeViolations(page: Page, label: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
  return result.passes.length;
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** A picture of the window scrolled to one part of a long page, as a person sees it there. */
export async function screenshotOf(part: Locator, name: string) {
  await part.scrollIntoViewIfNeeded();
  await part.page().screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

/** The last 6-digit code e-mailed to an address (confirmation and sign-in codes). */
export async function lastCode(p: TestPlatform, email: string): Promise<string> {
  const [row] = await p.database.db
    .select()
    .from(notifications)
    // only the messages that carry a code: a tracking number such as AML-2026-000020 holds six digits too
    .where(
      and(eq(notifications.toAddress, email), inArray(notifications.event, ['verify', 'reset', 'invite'])),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const code = row?.textBody.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code for ${email}`);
  return code;
}

/** Fills the sign-in page with an account's e-mail and the demo password, and sends it. */
export async function signInWithPassword(page: Page, lang: L, email: string) {
  await page.goto('/signin');
  await page.getByLabel(tr(lang, 'signin.email')).fill(email);
  await page.getByLabel(tr(lang, 'signin.password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: tr(lang, 'signin.submit') }).click();
}

/** A staff member signed in through the sign-in page, landing on their queue. */
export async function staffPage(
  portal: Pick<Portal, 'browser' | 'base'>,
  lang: L,
  email: string,
  size: 'phone' | 'desktop' = 'desktop',
) {
  const s = await newPage(portal.browser, portal.base, lang, size);
  await signInWithPassword(s.page, lang, email);
  await s.page.waitForURL('**/staff');
  return s;
}
