import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments as apptTable } from '../../src/modules/appointments/schema.js';
import { type NotificationEvent, notifications } from '../../src/modules/notifications/schema.js';
import { runningClockFrom, setPlatformClock } from '../../src/shared/clock.js';
import { appointments } from '../../src/web/locales/appointments.js';
import { ar } from '../../src/web/locales/ar.js';
import { fr } from '../../src/web/locales/fr.js';
import { parseIcs } from '../support/appointments.js';
import { expectNoAxeViolations, filePortal, lastCode, newPage, screenshot, staffPage } from './support.js';

const T = { ar: { ...ar, ...appointments.ar }, fr: { ...fr, ...appointments.fr } } as const;
type L = keyof typeof T;
type Key = keyof typeof appointments.en | keyof typeof appointments.ar | keyof typeof fr;
const tr = (lang: L, key: Key, vars: Record<string, string | number> = {}) =>
  (T[lang] as Record<string, string>)[key]!.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The clock of an instant in a zone, as the pages show it. */
const clock = (iso: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );

const portal = filePortal();
let aubm: { id: string; nameFr: string; nameAr: string };
let axeChecks = 0;
let restoreClock: (() => void) | undefined;
const axe = async (page: Page, label: string) => {
  axeChecks += Number((await expectNoAxeViolations(page, label)) > 0);
};
const service = { fr: 'Guichet unique MRE', ar: 'الشباك الوحيد لمغاربة العالم' };
const state: {
  frReference?: string;
  frId?: string;
  arReference?: string;
  arStartsAt?: string;
} = {};

beforeAll(async () => {
  const res = await portal.p.app.inject('/api/institutions');
  aubm = res.json().items.find((i: { code: string }) => i.code === 'AUBM');
});
afterAll(() => {
  restoreClock?.();
  console.log(`axe: ${axeChecks} page scans, 0 violations`);
});

/** On the booking page: the body, the service, the mode; then the first free time of the first day shown. */
async function chooseSlot(page: Page, lang: L, mode: 'in_person' | 'video') {
  await page.getByLabel(tr(lang, 'appt.book.body')).selectOption(aubm.id);
  await page.getByRole('radio', { name: new RegExp(escapeRegExp(service[lang])) }).check();
  await page
    .getByRole('radio', { name: new RegExp(`^${escapeRegExp(tr(lang, `appt.mode.${mode}`))}`) })
    .check();
  const time = page.locator('.chips.times input[type=radio]').first();
  await time.check();
  return (await time.getAttribute('value'))!;
}

async function signInByCode(page: Page, lang: L, email: string, country: string) {
  await page.getByLabel(tr(lang, 'signin.email'), { exact: true }).fill(email);
  await page.getByLabel(tr(lang, 'signin.country')).selectOption(country);
  await page.getByRole('button', { name: tr(lang, 'signin.sendCode') }).click();
  await page.getByText(tr(lang, 'signin.codeSent', { email })).waitFor();
  await page.getByLabel(tr(lang, 'signin.code')).fill(await lastCode(portal.p, email));
  await page.getByRole('button', { name: tr(lang, 'signin.verify') }).click();
}

const mailsTo = async (to: string, template: string) =>
  portal.p.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.toAddress, to), eq(notifications.event, template as NotificationEvent)));

describe('appointments in the citizen portal', () => {
  it('a new user living in Canada books a video appointment in French, downloads the .ics, reschedules it and sees the new time', async () => {
    const lang = 'fr';
    const email = 'karima.ca@example.ca';
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'phone', {
      timezoneId: 'America/Toronto',
    });
    await page.goto('/');
    await page.getByRole('link', { name: tr(lang, 'appt.nav.book') }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.book.title') }).waitFor();
    await axe(page, 'book fr');
    const startsAt = await chooseSlot(page, lang, 'video');
    // the browser's zone is taken, and each time is given in Morocco's time and in Toronto's
    expect(await page.getByLabel(tr(lang, 'appt.zone.label')).inputValue()).toBe('America/Toronto');
    const review = page.getByTestId('review-when');
    await expect.poll(() => review.textContent()).toContain(clock(startsAt, 'Africa/Casablanca'));
    expect(await review.textContent()).toContain(clock(startsAt, 'America/Toronto'));
    expect(await review.textContent()).toContain(tr(lang, 'appt.when.local', { zone: 'America/Toronto' }));
    await axe(page, 'book with a time chosen fr');
    await screenshot(page, 'fr-phone-appointments-slots-toronto');
    // not signed in: the e-mail code, then the button to book
    await signInByCode(page, lang, email, 'CA');
    await page.getByRole('button', { name: tr(lang, 'appt.book.submit') }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.done.title') }).waitFor();
    state.frReference = (await page.getByTestId('booking-reference').textContent())!;
    expect(state.frReference).toMatch(/^AUBM-RDV-\d{4}-\d{5}$/);
    expect(await page.getByTestId('booking-when').textContent()).toContain(
      clock(startsAt, 'America/Toronto'),
    );
    await page.getByText(tr(lang, 'appt.mode.video')).first().waitFor();
    await axe(page, 'booked fr');

    // the calendar file, read by a real iCalendar parser
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: tr(lang, 'appt.detail.ics') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${state.frReference}.ics`);
    const ics = parseIcs(await readFile((await download.path())!, 'utf8'));
    expect(ics.start.toISOString()).toBe(new Date(startsAt).toISOString());
    expect(ics.sequence).toBe(0);
    const [booked] = await mailsTo(email, 'appointment_booked');
    expect(booked!.language).toBe('fr');
    expect(parseIcs(booked!.ics!).start.toISOString()).toBe(new Date(startsAt).toISOString());

    // reschedule to a time of another day
    await page.getByRole('button', { name: tr(lang, 'appt.detail.reschedule') }).click();
    await page.getByRole('heading', { name: tr(lang, 'appt.detail.rescheduleTitle') }).waitFor();
    // confirming without a time says what is missing, next to the times
    await page.getByRole('button', { name: tr(lang, 'appt.detail.confirmReschedule') }).click();
    await page.getByText(tr(lang, 'appt.book.pickTime')).waitFor();
    await axe(page, 'reschedule fr');
    const days = page.locator('.panel .chips.days input[type=radio]');
    await days.nth(1).check();
    const newTime = page.locator('.panel .chips.times input[type=radio]').first();
    await newTime.check();
    const newStart = (await newTime.getAttribute('value'))!;
    expect(newStart).not.toBe(startsAt);
    await page.getByRole('button', { name: tr(lang, 'appt.detail.confirmReschedule') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'appt.detail.moved') })
      .waitFor();
    await expect
      .poll(() => page.getByTestId('booking-when').textContent())
      .toContain(clock(newStart, 'America/Toronto'));
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: tr(lang, 'appt.detail.ics') }).click(),
    ]);
    const ics2 = parseIcs(await readFile((await again.path())!, 'utf8'));
    expect(ics2.start.toISOString()).toBe(new Date(newStart).toISOString());
    expect(ics2.uid).toBe(ics.uid);
    expect(ics2.sequence).toBe(1);
    await screenshot(page, 'fr-phone-appointments-rescheduled');

    // "my appointments" shows the new time
    await page.goto('/appointments/mine');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.mine.title') }).waitFor();
    const item = page.locator('.case-list li').filter({ hasText: state.frReference });
    await expect.poll(() => item.textContent()).toContain(clock(newStart, 'America/Toronto'));
    await axe(page, 'my appointments fr');
    state.frId = (await item.getByRole('link').first().getAttribute('href'))!.split('/').pop();

    // the link of the e-mail opens the booking without signing in
    const [moved] = await mailsTo(email, 'appointment_moved');
    const link = /\/appointments\/manage\/[^?\s]+\?action=reschedule/.exec(moved!.textBody)![0];
    const anon = await newPage(portal.browser, portal.base, lang, 'phone', { timezoneId: 'America/Toronto' });
    await anon.page.goto(link);
    await anon.page.getByRole('heading', { name: tr(lang, 'appt.detail.rescheduleTitle') }).waitFor();
    expect(await anon.page.getByTestId('booking-reference').textContent()).toBe(state.frReference);
    await axe(anon.page, 'manage link fr');
    await anon.context.close();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a citizen in Paris books in Arabic, in person; books a second time and cancels it after confirming; registers for an open day', async () => {
    const lang = 'ar';
    const email = 'hamid.fr@example.fr';
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'phone', {
      timezoneId: 'Europe/Paris',
    });
    await page.goto('/appointments');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.book.title') }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await axe(page, 'book ar');
    await screenshot(page, 'ar-phone-appointments-book');
    const startsAt = await chooseSlot(page, lang, 'in_person');
    await page.getByRole('heading', { name: tr(lang, 'appt.book.review') }).waitFor();
    await axe(page, 'book with a time chosen ar');
    await screenshot(page, 'ar-phone-appointments-slots');
    await signInByCode(page, lang, email, 'FR');
    await page.getByRole('button', { name: tr(lang, 'appt.book.submit') }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.done.title') }).waitFor();
    state.arReference = (await page.getByTestId('booking-reference').textContent())!;
    state.arStartsAt = startsAt;
    const when = (await page.getByTestId('booking-when').textContent())!;
    expect(when).toContain(clock(startsAt, 'Africa/Casablanca'));
    expect(when).toContain(clock(startsAt, 'Europe/Paris'));
    await axe(page, 'booked ar');
    await screenshot(page, 'ar-phone-appointments-booked');

    // a second booking, cancelled after the confirmation
    await page.goto('/appointments');
    await page.getByLabel(tr(lang, 'appt.book.body')).selectOption(aubm.id);
    await page.getByRole('radio', { name: new RegExp(escapeRegExp(service[lang])) }).check();
    await page.locator('.chips.days input[type=radio]').nth(2).check();
    await page.locator('.chips.times input[type=radio]').first().check();
    await page.getByRole('button', { name: tr(lang, 'appt.book.submit') }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.done.title') }).waitFor();
    const second = (await page.getByTestId('booking-reference').textContent())!;
    await page.getByRole('button', { name: tr(lang, 'appt.detail.cancel') }).click();
    const dialog = page.getByRole('alertdialog', { name: tr(lang, 'appt.detail.cancelTitle') });
    await dialog.waitFor();
    await axe(page, 'cancel confirmation ar');
    await screenshot(page, 'ar-phone-appointments-cancel');
    await dialog.getByRole('button', { name: tr(lang, 'appt.detail.confirmCancel') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'appt.detail.cancelled') })
      .waitFor();
    await page.getByText(tr(lang, 'appt.status.cancelled')).waitFor();
    const [row] = await portal.p.database.db.select().from(apptTable).where(eq(apptTable.reference, second));
    expect(row!.status).toBe('cancelled');

    await page.goto('/appointments/mine');
    await page.getByText(state.arReference).waitFor();
    await axe(page, 'my appointments ar');
    await screenshot(page, 'ar-phone-appointments-mine');

    // open days: the national day of Moroccans abroad is marked; register for the last day
    await page
      .getByRole('link', { name: tr(lang, 'appt.nav.openDays') })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'appt.open.title') }).waitFor();
    await page.getByText('اليوم الوطني للمهاجر').waitFor();
    await page.getByRole('button', { name: tr(lang, 'appt.open.register') }).click();
    await page.getByText(tr(lang, 'appt.open.pickDay')).waitFor();
    await axe(page, 'open days with an error ar');
    await page.locator('.event input[type=radio]:not([disabled])').last().check();
    await page.getByRole('button', { name: tr(lang, 'appt.open.register') }).click();
    const reg = page.getByTestId('registration-reference');
    await reg.waitFor();
    expect(await reg.textContent()).toMatch(/^AUBM-JPO-\d{4}-\d{5}$/);
    await page.getByRole('heading', { name: tr(lang, 'appt.open.mine') }).waitFor();
    await axe(page, 'open days registered ar');
    await screenshot(page, 'ar-phone-open-days');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('open days and my appointments in French pass the accessibility scan', async () => {
    const { page, context } = await newPage(portal.browser, portal.base, 'fr');
    await page.goto('/open-days');
    await page.getByRole('heading', { level: 1, name: tr('fr', 'appt.open.title') }).waitFor();
    await page.getByText('Journée nationale des Marocains résidant à l’étranger').waitFor();
    await axe(page, 'open days fr');
    await context.close();
  });
});

describe('appointments at the agency', () => {
  it('an official’s supervisor moves a booking with a reason; the citizen is told', async () => {
    const lang = 'fr';
    const chief = await staffPage(portal, lang, 'chef@aubm.demo');
    const { page } = chief;
    await page.getByRole('link', { name: tr(lang, 'appt.nav.calendar') }).click();
    await page
      .getByRole('heading', { level: 1, name: tr(lang, 'appt.cal.title', { body: aubm.nameFr }) })
      .waitFor();
    const [booking] = await portal.p.database.db
      .select()
      .from(apptTable)
      .where(eq(apptTable.reference, state.frReference!));
    await page.getByLabel(tr(lang, 'appt.cal.date')).fill(booking!.day);
    await page.getByRole('button', { name: tr(lang, 'appt.cal.week'), exact: true }).click();
    const move = page.getByRole('button', {
      name: tr(lang, 'appt.cal.move', { reference: state.frReference! }),
    });
    await move.click();
    await page.getByRole('button', { name: tr(lang, 'appt.cal.confirmMove') }).click();
    // the reason is required, and said next to its field
    await expect
      .poll(() => page.getByLabel(tr(lang, 'appt.cal.reason')).getAttribute('aria-invalid'))
      .toBe('true');
    await axe(page, 'staff calendar move fr');
    await screenshot(page, 'fr-desktop-staff-calendar');
    await page.locator('form.panel .chips.days input[type=radio]').last().check();
    await page.locator('form.panel .chips.times input[type=radio]').first().check();
    await page
      .getByLabel(tr(lang, 'appt.cal.reason'))
      .fill('Le responsable du guichet est en mission ce jour-là.');
    await page.getByRole('button', { name: tr(lang, 'appt.cal.confirmMove') }).click();
    await page.getByRole('status').filter({ hasText: state.frReference! }).waitFor();
    const mails = await mailsTo('karima.ca@example.ca', 'appointment_moved');
    expect(
      mails.some((m) => m.textBody.includes('Le responsable du guichet est en mission ce jour-là.')),
    ).toBe(true);

    // figures of the agency
    await page.goto('/staff/appointments/figures');
    await page
      .getByRole('heading', { level: 1, name: tr(lang, 'appt.fig.title', { body: aubm.nameFr }) })
      .waitFor();
    await page.getByRole('table', { name: tr(lang, 'appt.fig.byService'), exact: true }).waitFor();
    await axe(page, 'figures fr');
    await chief.context.close();

    const ar = await staffPage(portal, 'ar', 'chef@aubm.demo');
    await ar.page.goto('/staff/appointments');
    await ar.page
      .getByRole('heading', { level: 1, name: tr('ar', 'appt.cal.title', { body: aubm.nameAr }) })
      .waitFor();
    await ar.page.getByRole('button', { name: tr('ar', 'appt.cal.week'), exact: true }).click();
    await ar.page.getByRole('heading', { level: 2 }).first().waitFor();
    await axe(ar.page, 'staff calendar ar');
    await ar.page.goto('/staff/appointments/figures');
    await ar.page.getByRole('table', { name: tr('ar', 'appt.fig.byService'), exact: true }).waitFor();
    await axe(ar.page, 'figures ar');
    await ar.context.close();
  }, 120_000);

  it('on the day, the desk checks in a walk-in and the booked visitor, calls them to a counter, records the outcome; the waiting-room screen shows the call', async () => {
    // The test jumps to ten minutes before the Arabic-speaking citizen's appointment.
    restoreClock = setPlatformClock(
      runningClockFrom(new Date(new Date(state.arStartsAt!).getTime() - 10 * 60_000)),
    );
    const lang = 'fr';
    const desk = await staffPage(portal, lang, 'accueil@aubm.demo');
    const { page, errors } = desk;
    await page.getByRole('link', { name: tr(lang, 'appt.nav.deskQueue') }).click();
    await page
      .getByRole('heading', { level: 1, name: tr(lang, 'appt.desk.title', { body: aubm.nameFr }) })
      .waitFor();
    // the booked visitor is expected today
    await page.getByText(state.arReference!).first().waitFor();
    await axe(page, 'desk queue fr');

    // a walk-in
    await page.getByRole('button', { name: tr(lang, 'appt.desk.issueTicket'), exact: true }).click();
    await page.getByText(tr(lang, 'appt.desk.nameRequired')).waitFor();
    await page.getByLabel(tr(lang, 'appt.desk.walkInName')).fill('Rachid Amrani');
    await page
      .locator('form', { hasText: tr(lang, 'appt.desk.walkIn') })
      .getByLabel(tr(lang, 'appt.detail.service'))
      .selectOption({ label: service.fr });
    await page.getByRole('button', { name: tr(lang, 'appt.desk.issueTicket'), exact: true }).click();
    await page
      .getByTestId('desk-message')
      .filter({ hasText: tr(lang, 'appt.desk.ticketIssued', { ticket: 'B-001', name: 'Rachid Amrani' }) })
      .waitFor();
    // the booked visitor, by the reference of the confirmation (typed in lower case)
    await page.getByLabel(tr(lang, 'appt.desk.reference')).fill(state.arReference!.toLowerCase());
    await page.getByRole('button', { name: tr(lang, 'appt.desk.checkIn'), exact: true }).click();
    await page
      .getByTestId('desk-message')
      .filter({ hasText: tr(lang, 'appt.desk.ticketGiven', { ticket: 'A-002' }) })
      .waitFor();
    // twice is refused, and said next to the field
    await page.getByLabel(tr(lang, 'appt.desk.reference')).fill(state.arReference!);
    await page.getByRole('button', { name: tr(lang, 'appt.desk.checkIn'), exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'A-002' }).waitFor();
    const waiting = page.getByRole('table', { name: tr(lang, 'appt.desk.waiting') });
    await waiting.getByText('B-001').waitFor();
    await waiting.getByText('A-002').waitFor();
    await axe(page, 'desk queue with visitors fr');
    await screenshot(page, 'fr-desktop-desk-queue');

    // counter 1 calls: the walk-in came first (the booked visitor keeps the place of their time)
    await page.getByLabel(tr(lang, 'appt.desk.counter'), { exact: true }).fill('1');
    await page.getByRole('button', { name: tr(lang, 'appt.desk.callNext') }).click();
    await page
      .getByTestId('desk-message')
      .filter({
        hasText: tr(lang, 'appt.desk.called', { ticket: 'B-001', counter: '1', name: 'Rachid Amrani' }),
      })
      .waitFor();
    await page.getByLabel(tr(lang, 'appt.desk.outcome', { ticket: 'B-001' })).selectOption('redirected');
    await page.getByRole('button', { name: tr(lang, 'appt.desk.finish', { ticket: 'B-001' }) }).click();
    await page.getByText(tr(lang, 'appt.desk.doneCount_one', { count: 1 })).waitFor();
    await page.getByRole('button', { name: tr(lang, 'appt.desk.callNext') }).click();
    await page.getByTestId('desk-message').filter({ hasText: /A-002/ }).waitFor();

    // the waiting-room screen, public, shows the call in Arabic and French, without names
    const screen = await newPage(portal.browser, portal.base, 'ar', 'desktop');
    await screen.page.goto(`/screen/${aubm.id}`);
    const announce = screen.page.getByTestId('screen-announcement');
    await expect.poll(() => announce.textContent(), { timeout: 15_000 }).toContain('A-002');
    expect(await screen.page.locator('main').textContent()).not.toContain('Rachid');
    await axe(screen.page, 'waiting-room screen');
    await screenshot(screen.page, 'screen-desktop');
    await screen.page.setViewportSize({ width: 360, height: 780 });
    await screenshot(screen.page, 'ar-phone-screen');

    // the outcome of the booked visitor, in the visitor log
    await page.getByLabel(tr(lang, 'appt.desk.outcome', { ticket: 'A-002' })).selectOption('follow_up');
    await page.getByLabel(tr(lang, 'appt.desk.note')).fill('Revenir avec le plan cadastral.');
    await page.getByRole('button', { name: tr(lang, 'appt.desk.finish', { ticket: 'A-002' }) }).click();
    await page.getByText(tr(lang, 'appt.desk.doneCount_other', { count: 2 })).waitFor();
    await page.getByText(tr(lang, 'appt.desk.log')).click();
    const log = page.getByRole('table', { name: tr(lang, 'appt.desk.log') });
    await log.getByText('Revenir avec le plan cadastral.').waitFor();
    await log.getByText(tr(lang, 'appt.outcome.redirected')).waitFor();
    await axe(page, 'visitor log fr');
    const [served] = await portal.p.database.db
      .select()
      .from(apptTable)
      .where(eq(apptTable.reference, state.arReference!));
    expect(served!.status).toBe('served');
    // the screen follows by itself
    await expect
      .poll(() => screen.page.getByText(tr('fr', 'appt.screen.empty')).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screen.context.close();
    expect(errors).toEqual([]);
    await desk.context.close();

    // the same desk in Arabic
    const arDesk = await staffPage(portal, 'ar', 'accueil@aubm.demo');
    await arDesk.page.goto('/staff/desk-queue');
    await arDesk.page
      .getByRole('heading', { level: 1, name: tr('ar', 'appt.desk.title', { body: aubm.nameAr }) })
      .waitFor();
    await arDesk.page.getByText(tr('ar', 'appt.desk.doneCount_two', { count: 2 })).waitFor();
    // the list of the national migrant day, for the desk
    await arDesk.page.getByLabel(tr('ar', 'appt.desk.openDay'), { exact: true }).selectOption({ index: 3 });
    const list = arDesk.page.getByRole('table', { name: tr('ar', 'appt.desk.openDayList') });
    await list
      .getByText(/^AUBM-JPO-/)
      .first()
      .waitFor();
    await axe(arDesk.page, 'desk queue ar');
    await arDesk.page.setViewportSize({ width: 360, height: 780 });
    await screenshot(arDesk.page, 'ar-phone-desk-queue');
    await arDesk.context.close();
  }, 180_000);
});
