import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar as arCore } from '../../src/i18n/ar.js';
import { fr as frCore } from '../../src/i18n/fr.js';
import { appointmentMessages } from '../../src/modules/appointments/messages.js';
import { appointmentNoticeMessages } from '../../src/modules/appointments/notice-messages.js';
import { appointments as apptTable } from '../../src/modules/appointments/schema.js';
import { notifications } from '../../src/modules/notifications/schema.js';
import { currentMillis } from '../../src/shared/clock.js';
import { appointments } from '../../src/web/locales/appointments.js';
import { appointmentsSetup } from '../../src/web/locales/appointments-setup.js';
import { ar } from '../../src/web/locales/ar.js';
import { fr } from '../../src/web/locales/fr.js';
import {
  expectNoAxeViolations,
  filePortal,
  lastCode,
  newPage,
  screenshot,
  signInWithPassword,
  staffPage,
} from './support.js';

/** The web texts and, for the API's messages shown next to fields, the server's. */
const T = {
  ar: { ...ar, ...appointments.ar, ...appointmentsSetup.ar },
  fr: { ...fr, ...appointments.fr, ...appointmentsSetup.fr },
} as const;
const S = {
  ar: { ...arCore, ...appointmentMessages.ar, ...appointmentNoticeMessages.ar },
  fr: { ...frCore, ...appointmentMessages.fr, ...appointmentNoticeMessages.fr },
} as const;
type L = keyof typeof T;
const tr = (lang: L, key: string, vars: Record<string, string | number> = {}) => {
  const text = (T[lang] as Record<string, string>)[key];
  if (text === undefined) throw new Error(`no text ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
};
const server = (lang: L, key: string) => (S[lang] as Record<string, string>)[key]!;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The clock of an instant in Morocco. */
const moroccoClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Africa/Casablanca',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
const moroccoDate = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(
    new Date(currentMillis() + n * 86_400_000),
  );
/** ISO weekday (1 = Monday) of a date. */
const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

const portal = filePortal();
let aml: { id: string };
let axeScans = 0;
const axe = async (page: Page, label: string) => {
  axeScans += Number((await expectNoAxeViolations(page, label)) > 0);
};

beforeAll(async () => {
  aml = (await portal.p.app.inject('/api/institutions'))
    .json()
    .items.find((i: { code: string }) => i.code === 'AML');
}, 180_000);
afterAll(() => {
  console.log(`axe: ${axeScans} page scans, 0 violations`);
});

async function signIn(lang: L, size: 'phone' | 'desktop', email: string) {
  const s = await newPage(portal.browser, portal.base, lang, size);
  await signInWithPassword(s.page, lang, email);
  return s;
}

async function adminPage(lang: L, size: 'phone' | 'desktop') {
  const s = await signIn(lang, size, 'admin@aml.demo');
  await s.page.waitForURL('**/staff');
  await s.page.getByRole('link', { name: tr(lang, 'setup.nav') }).click();
  await s.page.getByRole('heading', { level: 1, name: tr(lang, 'setup.title') }).waitFor();
  return s;
}

/** Screenshots of the page as it is, at phone width and on a desktop. */
async function shots(page: Page, name: string, size: 'phone' | 'desktop') {
  await screenshot(page, `${name}-${size}`);
  const other = size === 'phone' ? { width: 1280, height: 900 } : { width: 360, height: 780 };
  const back = size === 'phone' ? { width: 360, height: 780 } : { width: 1280, height: 900 };
  await page.setViewportSize(other);
  await screenshot(page, `${name}-${size === 'phone' ? 'desktop' : 'phone'}`);
  await page.setViewportSize(back);
}

const tab = (page: Page, lang: L, part: string) =>
  page.getByRole('button', { name: tr(lang, `setup.tab.${part}`), exact: true }).click();

async function addService(page: Page, lang: L, code: string, names: { ar: string; fr: string; en: string }) {
  await page.getByRole('button', { name: tr(lang, 'setup.svc.add') }).click();
  const form = page.locator('form.setup-form');
  // the form opens with the focus on its first field, and saving it empty says what is missing, next to each field
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('dir'))).toBe('ltr');
  await form.getByLabel(tr(lang, 'setup.svc.slot')).fill('');
  await form.getByRole('button', { name: tr(lang, 'common.save') }).click();
  await form.getByText(tr(lang, 'setup.formErrors')).waitFor();
  const required = server(lang, 'validation.required');
  await expect
    .poll(() => form.locator('.field-error').filter({ hasText: required }).count())
    .toBeGreaterThan(3);
  const nameFr = form.getByLabel(tr(lang, 'setup.svc.nameFr'));
  expect(await nameFr.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await nameFr.getAttribute('aria-describedby'))!;
  expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(required);
  await axe(page, `service form with errors ${lang}`);
  await screenshot(page, `${lang}-appointments-setup-service-errors`);

  await form.getByLabel(tr(lang, 'setup.svc.code')).fill(code);
  await form.getByLabel(tr(lang, 'setup.svc.nameAr')).fill(names.ar);
  await nameFr.fill(names.fr);
  await form.getByLabel(tr(lang, 'setup.svc.nameEn')).fill(names.en);
  await form.getByLabel(tr(lang, 'setup.svc.slot')).fill('30');
  await form.getByLabel(tr(lang, 'setup.svc.buffer')).fill('10');
  await form.getByLabel(tr(lang, 'setup.svc.capacity'), { exact: true }).fill('2');
  await form.getByLabel(tr(lang, 'appt.mode.video')).check();
  await form.getByLabel(tr(lang, 'setup.svc.video')).fill('http://visio.example.ma');
  await form.getByRole('button', { name: tr(lang, 'common.save') }).click();
  // the API refuses a room address without https, next to the field
  await form
    .locator('.field-error')
    .filter({ hasText: server(lang, 'validation.invalid_format') })
    .waitFor();
  await form.getByLabel(tr(lang, 'setup.svc.video')).fill('https://visio.example.ma');
  await form.getByRole('button', { name: tr(lang, 'common.save') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: tr(lang, 'setup.saved') })
    .waitFor();
  const item = page.locator('.setup-list li').filter({ hasText: names[lang] });
  await item.waitFor();
  expect(await item.textContent()).toContain(
    tr(lang, 'setup.svc.summary', { slot: 30, buffer: 10, capacity: 2 }),
  );
  // back to the button that opened the form, for keyboard users
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(tr(lang, 'setup.svc.add'));
}

async function addRule(page: Page, lang: L, serviceName: string, weekday: number, official?: string) {
  await tab(page, lang, 'rules');
  await page.getByRole('button', { name: tr(lang, 'setup.rule.add') }).click();
  const form = page.locator('form.setup-form');
  await form.getByLabel(tr(lang, 'setup.rule.weekday')).selectOption(String(weekday));
  await form.getByLabel(tr(lang, 'setup.rule.start'), { exact: true }).fill('12:00');
  await form.getByLabel(tr(lang, 'setup.rule.end'), { exact: true }).fill('09:00');
  await form.getByLabel(tr(lang, 'setup.rule.service')).selectOption({ label: serviceName });
  if (official) {
    await form.getByLabel(tr(lang, 'setup.rule.kind')).selectOption('after_hours');
    await form.getByLabel(tr(lang, 'setup.rule.official')).selectOption({ label: official });
  }
  await form.getByRole('button', { name: tr(lang, 'common.save') }).click();
  // an end before the start: said next to the end, in the page's language
  const endError = form.locator('.field-error').filter({ hasText: server(lang, 'validation.time_range') });
  await endError.waitFor();
  await axe(page, `rule form with an error ${lang}`);
  await form.getByLabel(tr(lang, 'setup.rule.start'), { exact: true }).fill('09:00');
  await form.getByLabel(tr(lang, 'setup.rule.end'), { exact: true }).fill('12:00');
  await form.getByRole('button', { name: tr(lang, 'common.save') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: tr(lang, 'setup.saved') })
    .waitFor();
  await page.locator('.setup-list li').filter({ hasText: serviceName }).waitFor();
}

/** The citizen's booking page offers a time of the new service, on the rule's day, from 09:00 Morocco time. */
async function seeFreeSlot(lang: L, serviceName: string, day: string) {
  const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'phone');
  await page.goto('/appointments');
  await page.getByLabel(tr(lang, 'appt.book.body')).selectOption(aml.id);
  await page.getByRole('radio', { name: new RegExp(escapeRegExp(serviceName)) }).check();
  const first = page.locator('.chips.times input[type=radio]').first();
  await first.waitFor();
  const startsAt = (await first.getAttribute('value'))!;
  expect(moroccoClock(startsAt)).toBe('09:00');
  expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date(startsAt))).toBe(
    day,
  );
  // 30 minutes and a break of 10, from 09:00 to 12:00: 09:00, 09:40, 10:20, 11:00
  expect(await page.locator('.chips.times input[type=radio]').count()).toBe(4);
  await axe(page, `booking page with the new service ${lang}`);
  await screenshot(page, `${lang}-phone-appointments-setup-citizen-sees-slot`);
  expect(errors).toEqual([]);
  await context.close();
}

describe('the institution admin sets up appointments on a page', () => {
  it('in French, on a desktop: an empty start, a service and its opening hours; a citizen then sees a free time', async () => {
    const lang = 'fr';
    const { page, context, errors } = await adminPage(lang, 'desktop');
    await page.getByText(tr(lang, 'setup.svc.empty')).waitFor();
    await axe(page, 'setup empty fr');
    await shots(page, 'fr-appointments-setup-empty', 'desktop');
    const names = { ar: 'تصحيح الإمضاء', fr: 'Légalisation de signature', en: 'Signature legalisation' };
    await addService(page, lang, 'legalisation', names);
    await shots(page, 'fr-appointments-setup-services', 'desktop');

    const tomorrow = moroccoDate(1);
    await tab(page, lang, 'rules');
    await page.getByText(tr(lang, 'setup.rule.empty')).waitFor();
    await addRule(page, lang, names.fr, isoWeekday(tomorrow));
    await axe(page, 'setup rules fr');
    await shots(page, 'fr-appointments-setup-rules', 'desktop');

    await tab(page, lang, 'rota');
    const day = page.locator('.cal-day').filter({ hasText: '09:00–12:00' });
    await expect.poll(() => day.count()).toBeGreaterThan(0);
    await axe(page, 'setup rota fr');
    await shots(page, 'fr-appointments-setup-rota', 'desktop');
    expect(errors).toEqual([]);
    await context.close();
    await seeFreeSlot(lang, names.fr, tomorrow);
  }, 240_000);

  it('in Arabic, on a phone: a service, an official on duty, the rota, a closure added then deleted after confirming; a citizen sees a free time', async () => {
    const lang = 'ar';
    const { page, context, errors } = await adminPage(lang, 'phone');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    const names = { ar: 'شهادة السكنى', fr: 'Certificat de résidence', en: 'Residence certificate' };
    await addService(page, lang, 'residence', names);
    await axe(page, 'setup services ar');
    await shots(page, 'ar-appointments-setup-services', 'phone');

    // an official, chosen among the staff, offering the new service
    await tab(page, lang, 'officials');
    await page.getByText(tr(lang, 'setup.off.empty')).waitFor();
    await page.getByRole('button', { name: tr(lang, 'setup.off.add') }).click();
    const form = page.locator('form.setup-form');
    await form
      .getByLabel(tr(lang, 'setup.off.person'))
      .selectOption({ label: 'Hassan Id Ali (legalisation@aml.demo)' });
    await form.getByLabel(tr(lang, 'setup.off.titleAr')).fill('موظف المصادقة');
    await form.getByLabel(tr(lang, 'setup.off.titleFr')).fill('Agent de légalisation');
    await form.getByLabel(tr(lang, 'setup.off.titleEn')).fill('Legalisation officer');
    await form.getByLabel(names.ar).check();
    await form.getByRole('button', { name: tr(lang, 'common.save') }).click();
    await page.locator('.setup-list li').filter({ hasText: 'Hassan Id Ali' }).waitFor();
    await axe(page, 'setup officials ar');
    await shots(page, 'ar-appointments-setup-officials', 'phone');

    const tomorrow = moroccoDate(1);
    await addRule(page, lang, names.ar, isoWeekday(tomorrow), 'Hassan Id Ali');
    await shots(page, 'ar-appointments-setup-rules', 'phone');

    // the rota shows who is on duty that day
    await tab(page, lang, 'rota');
    const shift = page.locator('.rota li').filter({ hasText: 'Hassan Id Ali' });
    await expect.poll(() => shift.count()).toBeGreaterThan(0);
    expect(await shift.first().textContent()).toContain(tr(lang, 'setup.kind.after_hours'));
    await axe(page, 'setup rota ar');
    await shots(page, 'ar-appointments-setup-rota', 'phone');

    // a closure far ahead, then deleted after the page asks; keyboard only for the confirmation
    await tab(page, lang, 'closures');
    await page.getByText(tr(lang, 'setup.clo.empty')).waitFor();
    await page.getByRole('button', { name: tr(lang, 'setup.clo.add') }).click();
    const clo = page.locator('form.setup-form');
    await clo.getByLabel(tr(lang, 'setup.clo.start')).fill(moroccoDate(40));
    await clo.getByLabel(tr(lang, 'setup.clo.end')).fill(moroccoDate(39));
    await clo.getByLabel(tr(lang, 'setup.clo.reasonAr')).fill('جرد سنوي');
    await clo.getByLabel(tr(lang, 'setup.clo.reasonFr')).fill('Inventaire annuel');
    await clo.getByLabel(tr(lang, 'setup.clo.reasonEn')).fill('Yearly inventory');
    await clo.getByRole('button', { name: tr(lang, 'common.save') }).click();
    await clo
      .locator('.field-error')
      .filter({ hasText: server(lang, 'validation.date_range') })
      .waitFor();
    await clo.getByLabel(tr(lang, 'setup.clo.end')).fill(moroccoDate(41));
    await clo.getByRole('button', { name: tr(lang, 'common.save') }).click();
    const item = page.locator('.setup-list li').filter({ hasText: 'جرد سنوي' });
    await item.waitFor();
    await axe(page, 'setup closures ar');
    await shots(page, 'ar-appointments-setup-closures', 'phone');
    await item.getByRole('button', { name: tr(lang, 'setup.delete') }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(tr(lang, 'setup.clo.deleteLead'));
    await axe(page, 'delete confirmation ar');
    await screenshot(page, 'ar-phone-appointments-setup-delete-confirm');
    // Escape keeps it; then the confirmation, by keyboard
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await item.count()).toBe(1);
    await item.getByRole('button', { name: tr(lang, 'setup.delete') }).click();
    await page.getByRole('button', { name: tr(lang, 'setup.confirmDelete') }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(tr(lang, 'setup.clo.empty')).waitFor();
    // the focus moves to the part's heading once the line is gone (right after the list is drawn again)
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(errors).toEqual([]);
    await context.close();
    await seeFreeSlot(lang, names.ar, tomorrow);
  }, 240_000);

  it('is not in the menu of other staff, and tells them it is for the administrator', async () => {
    const lang = 'fr';
    const s = await staffPage(portal, lang, 'chef@aml.demo');
    expect(await s.page.getByRole('link', { name: tr(lang, 'setup.nav') }).count()).toBe(0);
    await s.page.goto('/staff/appointments/setup');
    await s.page.getByText(tr(lang, 'setup.adminOnly')).waitFor();
    await s.context.close();
  }, 60_000);
});

describe('confirmations on SMS and WhatsApp', () => {
  it('a citizen chooses SMS instead of WhatsApp for one booking, in French; the admin finds its messages in the template editor', async () => {
    const lang = 'fr';
    const { page, context, errors } = await signIn(lang, 'phone', 'fatima@example.fr');
    await page.waitForURL('**/cases');
    await page.goto('/appointments');
    const aubm = (await portal.p.app.inject('/api/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'AUBM');
    await page.getByLabel(tr(lang, 'appt.book.body')).selectOption(aubm.id);
    await page.getByRole('radio', { name: /Guichet unique MRE/ }).check();
    await page.locator('.chips.times input[type=radio]').first().check();
    // her preferences say WhatsApp; she has a mobile number, so both can be chosen
    const group = page.getByRole('group', { name: tr(lang, 'appt.book.channels') });
    const whatsapp = group.getByLabel(tr(lang, 'channel.whatsapp'));
    const sms = group.getByLabel(tr(lang, 'channel.sms'));
    await expect.poll(() => whatsapp.isChecked()).toBe(true);
    expect(await sms.isChecked()).toBe(false);
    expect(await sms.isDisabled()).toBe(false);
    await whatsapp.uncheck();
    await sms.check();
    await axe(page, 'booking with channels fr');
    await screenshot(page, 'fr-phone-appointments-book-channels');
    await page.getByRole('button', { name: tr(lang, 'appt.book.submit') }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.done.title') }).waitFor();
    const reference = (await page.getByTestId('booking-reference').textContent())!;
    const [booking] = await portal.p.database.db
      .select()
      .from(apptTable)
      .where(eq(apptTable.reference, reference));
    expect(booking!.replyChannels).toEqual(['email', 'sms']);
    const written = await portal.p.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.event, 'appointment_booked'), eq(notifications.recipientId, booking!.citizenId)),
      );
    const mine = written.filter((r) => r.subject.includes(reference) || r.textBody.includes(reference));
    expect(mine.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    const smsRow = mine.find((r) => r.channel === 'sms')!;
    expect(smsRow.toAddress).toBe('+33612345678');
    expect(smsRow.textBody).toContain(`rendez-vous ${reference} confirmé`);
    expect(smsRow.textBody).toMatch(/\/appointments\/manage\/\S+$/);
    expect(errors).toEqual([]);
    await context.close();

    // the admin of the agency rewords the messages of bookings like any other
    const admin = await signIn(lang, 'desktop', 'admin@aubm.demo');
    await admin.page.waitForURL('**/staff');
    await admin.page.goto('/staff/messages');
    await admin.page.getByLabel(tr(lang, 'staff.msg.event')).selectOption('appointment_reminder_hour');
    const channel = admin.page.getByLabel(tr(lang, 'staff.msg.channel'));
    expect(
      await channel.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
    ).toEqual(['email', 'sms', 'whatsapp']);
    await channel.selectOption('sms');
    const body = admin.page.getByLabel(tr(lang, 'staff.msg.body'));
    await expect.poll(() => body.inputValue()).toBe(server(lang, 'notify.appointment_reminder_hour.short'));
    await axe(admin.page, 'template editor, booking reminder fr');
    await screenshot(admin.page, 'fr-desktop-staff-messages-appointment-reminder');
    await admin.context.close();
  }, 120_000);

  it('without a mobile number, SMS and WhatsApp cannot be ticked and the page says where to add it, in Arabic', async () => {
    const lang = 'ar';
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'phone');
    await page.goto('/appointments');
    const aubm = (await portal.p.app.inject('/api/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'AUBM');
    await page.getByLabel(tr(lang, 'appt.book.body')).selectOption(aubm.id);
    await page.getByRole('radio', { name: /الشباك الوحيد لمغاربة العالم/ }).check();
    await page.locator('.chips.times input[type=radio]').first().check();
    // a new person signs in with a code sent by e-mail: no mobile number yet
    const email = 'nophone.be@example.be';
    await page.getByLabel(tr(lang, 'signin.email'), { exact: true }).fill(email);
    await page.getByLabel(tr(lang, 'signin.country')).selectOption('BE');
    await page.getByRole('button', { name: tr(lang, 'signin.sendCode') }).click();
    await page.getByText(tr(lang, 'signin.codeSent', { email })).waitFor();
    await page.getByLabel(tr(lang, 'signin.code')).fill(await lastCode(portal.p, email));
    await page.getByRole('button', { name: tr(lang, 'signin.verify') }).click();
    const group = page.getByRole('group', { name: tr(lang, 'appt.book.channels') });
    await group.getByRole('link', { name: tr(lang, 'appt.book.channelsNoPhone') }).waitFor();
    expect(await group.getByLabel(tr(lang, 'channel.sms')).isDisabled()).toBe(true);
    expect(await group.getByLabel(tr(lang, 'channel.whatsapp')).isDisabled()).toBe(true);
    await axe(page, 'booking channels without a phone ar');
    await screenshot(page, 'ar-phone-appointments-book-channels-no-phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
