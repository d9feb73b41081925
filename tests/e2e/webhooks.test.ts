import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../../src/modules/webhooks/delivery.js';
import { expectNoAxeViolations, filePortal, screenshot, screenshotOf, staffPage, tr } from './support.js';

const portal = filePortal();

describe('webhooks in the back office', () => {
  it('the administrator subscribes a receiver, sends a test event that arrives signed, and reads the deliveries', async () => {
    const got: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/jisr`;
    try {
      const lang = 'fr';
      const admin = await staffPage(portal, lang, 'admin@aml.demo');
      const page = admin.page;
      await page.goto('/staff/admin');
      const section = page.getByRole('region', { name: tr(lang, 'staff.hooks.title') });
      await section.waitFor();
      await section.getByRole('textbox', { name: tr(lang, 'staff.hooks.url') }).fill(address);
      await section.getByRole('checkbox', { name: tr(lang, 'staff.hooks.event.case_closed') }).check();
      await section.getByRole('button', { name: tr(lang, 'staff.hooks.add') }).click();
      const secret = (await section.locator('code.secret-code').textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      await section.getByRole('button', { name: tr(lang, 'staff.keys.copied') }).click();

      await section.getByRole('button', { name: tr(lang, 'staff.hooks.test', { url: address }) }).click();
      // the worker's pass sends it (here run by the test, once the page has asked)
      let sent = 0;
      await expect
        .poll(async () => {
          sent += await deliverDueWebhooks(portal.p.database.db, {
            allowLocalHttp: true,
            secret: portal.p.config.secret,
          });
          return sent;
        })
        .toBe(1);
      expect(got).toHaveLength(1);
      const [delivery] = got;
      const id = String(delivery!.headers['webhook-id']);
      const ts = String(delivery!.headers['webhook-timestamp']);
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      const expected = createHmac('sha256', key).update(`${id}.${ts}.${delivery!.body}`).digest('base64');
      expect(String(delivery!.headers['webhook-signature']).split(' ')).toContain(`v1,${expected}`);
      expect(JSON.parse(delivery!.body).type).toBe('webhook.test');

      // the deliveries say it was delivered, on the first try, with the receiver's answer
      await section.getByRole('button', { name: tr(lang, 'staff.hooks.deliveries') }).click();
      const log = section.getByRole('region', { name: tr(lang, 'staff.hooks.deliveries') });
      await log.getByRole('cell', { name: tr(lang, 'staff.hooks.status.delivered'), exact: true }).waitFor();
      expect(await log.getByRole('cell', { name: '204', exact: true }).count()).toBe(1);
      await expectNoAxeViolations(page, 'webhooks fr');
      await screenshotOf(section, 'fr-desktop-webhooks-section');
      await screenshot(page, 'fr-desktop-webhooks');

      // pausing asks nothing and shows at once; deleting asks first
      await section.getByRole('button', { name: tr(lang, 'staff.hooks.pause', { url: address }) }).click();
      await section.getByText(tr(lang, 'staff.hooks.state.paused')).waitFor();
      await admin.context.close();

      const ar = await staffPage(portal, 'ar', 'admin@aml.demo', 'phone');
      await ar.page.goto('/staff/admin');
      const arSection = ar.page.getByRole('region', { name: tr('ar', 'staff.hooks.title') });
      await arSection.getByText(tr('ar', 'staff.hooks.state.paused')).waitFor();
      await expectNoAxeViolations(ar.page, 'webhooks ar');
      await screenshotOf(arSection, 'ar-phone-webhooks-section');
      await arSection.getByRole('button', { name: tr('ar', 'staff.hooks.delete', { url: address }) }).click();
      const dialog = ar.page.getByRole('alertdialog');
      await dialog.getByRole('button', { name: tr('ar', 'staff.hooks.delete', { url: address }) }).click();
      await dialog.waitFor({ state: 'hidden' });
      await arSection.getByText(tr('ar', 'staff.hooks.empty')).waitFor();
      await ar.context.close();
    } finally {
      receiver.close();
    }
  });
});
