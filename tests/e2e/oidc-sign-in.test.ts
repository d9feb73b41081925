import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { identityAr } from '../../src/web/locales/identity.ar.js';
import { identityFr } from '../../src/web/locales/identity.fr.js';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.js';
import { fixture } from '../support/platform.js';
import { expectNoAxeViolations, type L, newPage, screenshot, screenshotOf, startPortal } from './support.js';

const idp = { fr: identityFr, ar: identityAr } as const;
const says = (lang: L, key: keyof typeof identityFr, vars: Record<string, string> = {}) =>
  idp[lang][key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
const label = { ar: 'المزوّد المحلي', fr: 'Fournisseur local', en: 'Local provider' };

/** At the provider's own sign-in page (the package's development page): its login is the subject. */
async function signInAtProvider(page: Page, issuer: string, subject: string) {
  await page.waitForURL(`${issuer}/**`);
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

describe('sign-in through an identity provider, in Chromium', () => {
  const provider: () => TestProvider = fixture(
    'the identity provider',
    () =>
      startOidcProvider({
        redirectUris: (): string[] => [`${portal().base}/auth/oidc/local/callback`],
        people: {
          camille: {
            email: 'camille.benali@example.fr',
            email_verified: true,
            given_name: 'Camille',
            family_name: 'Benali',
          },
          karim: {
            email: 'karim@example.nl',
            email_verified: true,
            given_name: 'كريم',
            family_name: 'العلوي',
          },
        },
      }),
    (s) => s.close(),
  );
  const portal = fixture(
    'the portal',
    () =>
      startPortal('pglite', {
        env: {
          OIDC_PROVIDERS: JSON.stringify([
            {
              id: 'local',
              label,
              issuer: provider().issuer,
              clientId: provider().clientId,
              clientSecret: provider().clientSecret,
              country: 'FR',
            },
          ]),
        },
      }),
    (p) => p.close(),
    180_000,
  );

  it('signs a new person in, in French on a desktop, and shows the provider on the profile', async () => {
    const { page, context, errors } = await newPage(portal().browser, portal().base, 'fr', 'desktop');
    await page.goto('/signin');
    const button = page.getByRole('link', { name: says('fr', 'idp.button', { provider: label.fr }) });
    await button.waitFor();
    await expectNoAxeViolations(page, 'sign-in with a provider (fr)');
    await screenshot(page, 'oidc-signin-fr-desktop');

    await button.click();
    await signInAtProvider(page, provider().issuer, 'camille');
    await page.waitForURL('**/cases');
    await page.goto('/me');
    const panel = page.getByRole('region', { name: says('fr', 'idp.levels.title') });
    await panel.getByRole('button', { name: says('fr', 'idp.unlink', { provider: label.fr }) }).waitFor();
    const levels = await panel.getByRole('listitem').allInnerTexts();
    const done = (level: 'idp.level.email' | 'idp.level.identityProvider') =>
      levels.some((l) => l.startsWith(says('fr', level)) && l.endsWith(says('fr', 'idp.level.done')));
    expect(done('idp.level.email')).toBe(true);
    expect(done('idp.level.identityProvider')).toBe(true);
    await expectNoAxeViolations(page, 'profile with a provider (fr)');
    await screenshotOf(panel, 'oidc-profile-fr-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs in in Arabic on a phone, explains a refused answer, and unlinks after a confirmation', async () => {
    const { page, context, errors } = await newPage(portal().browser, portal().base, 'ar', 'phone');
    // an answer that this browser never asked for: back on the sign-in page, with the reason
    await page.goto('/auth/oidc/local/callback?code=forged&state=forged');
    await page.waitForURL('**/signin?oidcError=state');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(says('ar', 'idp.error.state'));
    await expectNoAxeViolations(page, 'refused sign-in (ar)');
    await screenshot(page, 'oidc-signin-refused-ar-phone');

    await page.getByRole('link', { name: says('ar', 'idp.button', { provider: label.ar }) }).click();
    await signInAtProvider(page, provider().issuer, 'karim');
    await page.waitForURL('**/cases');
    await page.goto('/me');
    const panel = page.getByRole('region', { name: says('ar', 'idp.levels.title') });
    const unlink = panel.getByRole('button', { name: says('ar', 'idp.unlink', { provider: label.ar }) });
    await unlink.waitFor();
    await expectNoAxeViolations(page, 'profile with a provider (ar)');
    await screenshotOf(panel, 'oidc-profile-ar-phone');

    await unlink.click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain(
      says('ar', 'idp.unlinkConfirm', { provider: label.ar }),
    );
    await screenshot(page, 'oidc-unlink-confirm-ar-phone');
    await dialog.getByRole('button', { name: says('ar', 'idp.unlink', { provider: label.ar }) }).click();
    await page.getByRole('status').getByText(says('ar', 'idp.unlinkedNotice')).waitFor();
    await panel.getByText(says('ar', 'idp.linked.none')).waitFor();
    // the provider may be linked again from the same panel
    await panel.getByRole('link', { name: says('ar', 'idp.link', { provider: label.ar }) }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
