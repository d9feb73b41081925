import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, filePortal, screenshot, screenshotOf, staffPage, tr } from './support.js';

const portal = filePortal();

describe('keys for other systems', () => {
  it('the administrator makes a key, sees it once, another system reads the cases with it, and revoking stops it', async () => {
    const lang = 'fr';
    const admin = await staffPage(portal, lang, 'admin@aml.demo');
    const page = admin.page;
    await page.goto('/staff/admin');
    const section = page.getByRole('region', { name: tr(lang, 'staff.keys.title') });
    await section.waitFor();
    await section.getByRole('textbox', { name: tr(lang, 'staff.keys.label') }).fill('Bureau d’ordre');
    await section.getByRole('checkbox', { name: tr(lang, 'staff.keys.scope.cases_read') }).check();
    await section.getByRole('button', { name: tr(lang, 'staff.keys.add') }).click();
    const secret = (await section.locator('code.secret-code').textContent())!.trim();
    expect(secret).toMatch(/^jisr_[a-z2-9]{8}_[a-z2-9]{32}$/);
    await expect.poll(() => section.getByText(tr(lang, 'staff.keys.neverUsed')).count()).toBe(1);
    await expectNoAxeViolations(page, 'api keys fr');
    await screenshot(page, 'fr-desktop-api-keys');
    await screenshotOf(section, 'fr-desktop-api-keys-section');

    // another system uses it
    const read = () =>
      fetch(`${portal.base}/api/integration/cases?limit=5`, {
        headers: { authorization: `Bearer ${secret}` },
      });
    const ok = await read();
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { items: { trackingNumber: string }[] }).items[0]!.trackingNumber).toMatch(
      /^AML-/,
    );

    // once copied, the key is gone from the page; the list says it was used
    await section.getByRole('button', { name: tr(lang, 'staff.keys.copied') }).click();
    expect(await section.locator('code.secret-code').count()).toBe(0);
    await page.reload();
    await section.waitFor();
    await expect.poll(() => section.getByText(tr(lang, 'staff.keys.neverUsed')).count()).toBe(0);

    // revoking asks first, then the key is refused
    await section
      .getByRole('button', { name: tr(lang, 'staff.keys.revoke', { label: 'Bureau d’ordre' }) })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog
      .getByRole('button', { name: tr(lang, 'staff.keys.revoke', { label: 'Bureau d’ordre' }) })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await read()).status).toBe(401);
    await admin.context.close();

    // in Arabic, on a phone
    const ar = await staffPage(portal, 'ar', 'admin@aml.demo', 'phone');
    await ar.page.goto('/staff/admin');
    const arSection = ar.page.getByRole('region', { name: tr('ar', 'staff.keys.title') });
    await arSection.waitFor();
    await arSection.getByText('Bureau d’ordre').waitFor();
    await expectNoAxeViolations(ar.page, 'api keys ar');
    // nothing wider than the phone: wide tables scroll in their own frame
    expect(await ar.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      await ar.page.evaluate(() => window.innerWidth),
    );
    await screenshot(ar.page, 'ar-phone-api-keys');
    await screenshotOf(arSection, 'ar-phone-api-keys-section');
    await ar.context.close();
  });
});
