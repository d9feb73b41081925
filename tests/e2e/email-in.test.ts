/**
 * A reply by e-mail as the person and the staff see it: sent through a real SMTP exchange to the case's reply
 * address, it shows on the case's timeline as the person's message, marked as received by e-mail, with the
 * attachment that was not accepted named and why, in Arabic on a phone and in French for the staff.
 */
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { findAccountByEmail } from '../../src/modules/accounts/service.js';
import { startEmailIn } from '../../src/modules/email-in/listener.js';
import { replyAddress } from '../../src/modules/email-in/token.js';
import { fileComplaintAtAml, fixture, samples, signedIn } from '../support/platform.js';
import { TEST_SECRET } from '../support/templates.js';
import {
  expectNoAxeViolations,
  filePortal,
  newPage,
  screenshotOf,
  signInWithPassword,
  staffPage,
  tr,
} from './support.js';

const DOMAIN = 'reponses.jisr.test';
const portal = filePortal('pglite', { env: { INBOUND_MAIL_DOMAIN: DOMAIN } });
const quiet = { info() {}, warn() {}, error() {} };
const listener = fixture(
  'e-mail in',
  () =>
    startEmailIn(
      {
        db: portal.p.database.db,
        config: portal.p.config,
        files: portal.p.app.deps.files,
        counters: portal.p.app.deps.counters,
        log: quiet,
      },
      { port: 0, host: '127.0.0.1' },
    ),
  (e) => e.close(),
);

describe('a reply by e-mail on the case', () => {
  it('shows the message, its way in and the attachment refused, to the person and to the staff', async () => {
    const fatima = await signedIn(portal.p.app, 'fatima@example.fr', 'ar');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'حفرة في الطريق',
      description: 'حفرة كبيرة أمام المدرسة منذ الأمطار الأخيرة.',
      language: 'ar',
    });
    const account = await findAccountByEmail(portal.p.database.db, 'fatima@example.fr');
    const text = 'الحفرة ما زالت هناك، وأرفقت صورة.';
    const info = await nodemailer
      .createTransport({ host: '127.0.0.1', port: listener().port, secure: false, ignoreTLS: true })
      .sendMail({
        from: 'fatima@example.fr',
        to: replyAddress(TEST_SECRET, DOMAIN, {
          trackingNumber: made.trackingNumber,
          accountId: account!.id,
        }),
        subject: `Re: ${made.trackingNumber}`,
        text: `${text}\n\nفي الثلاثاء، 8 ديسمبر 2026 في 10:00 ص، كتب Jisr <no-reply@jisr.local>:\n> تم استلام طلبك`,
        attachments: [
          { filename: 'hofra.png', content: samples.png },
          { filename: 'outil.exe', content: samples.exe },
        ],
      });
    expect(info.response).toMatch(/^250 /);

    const { page, context, errors } = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await signInWithPassword(page, 'ar', 'fatima@example.fr');
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await page.goto(`/cases/${made.id}`);
    const entry = page.locator('ol.timeline > li', { hasText: text });
    await entry.waitFor();
    expect(await entry.textContent()).toContain(tr('ar', 'event.citizen_message'));
    expect(await entry.textContent()).toContain(tr('ar', 'message.via.email'));
    expect(await entry.textContent()).toContain(
      tr('ar', 'message.refused', { name: 'outil.exe', reason: tr('ar', 'message.refusedBecause.type') }),
    );
    expect(await entry.textContent()).not.toContain('تم استلام طلبك');
    await expectNoAxeViolations(page, 'case with an e-mail reply, ar');
    await screenshotOf(entry, 'ar-phone-case-email-reply');
    expect(errors).toEqual([]);
    await context.close();

    const staff = await staffPage(portal, 'fr', 'chef@aml.demo');
    await staff.page.goto(`/staff/cases/${made.id}`);
    const seen = staff.page.locator('ol.timeline > li', { hasText: text });
    await seen.waitFor();
    expect(await seen.textContent()).toContain(tr('fr', 'staff.event.citizen_message'));
    expect(await seen.textContent()).toContain(
      tr('fr', 'message.refused', { name: 'outil.exe', reason: tr('fr', 'message.refusedBecause.type') }),
    );
    await screenshotOf(seen, 'fr-desktop-staff-case-email-reply');
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  }, 120_000);
});
