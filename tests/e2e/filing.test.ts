import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as serverText } from '../../src/i18n/index.js';
import { actOn, DEMO_PASSWORD, fileComplaintAtAml, samples, signedIn } from '../support/platform.js';
import {
  expectNoAxeViolations,
  type L,
  newPage,
  type Portal,
  screenshot,
  startPortal,
  tr,
} from './support.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
}, 180_000);
afterAll(() => portal?.close());

describe.each([
  ['fr', 'desktop', 'youssef@example.es'],
  ['ar', 'phone', 'khadija@example.be'],
] as const)('filing is one act, in %s on a %s', (lang: L, size, email) => {
  it('a paper refused at sending files nothing; fixed, the next send makes exactly one case', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
    await page.goto('/signin');
    await page.getByLabel(tr(lang, 'signin.email')).fill(email);
    await page.getByLabel(tr(lang, 'signin.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: tr(lang, 'signin.submit') }).click();
    await page.waitForURL('**/cases');
    const myCases = async () =>
      ((await (await page.request.get('/api/cases?limit=100')).json()) as { items: unknown[] }).items.length;
    const before = await myCases();

    await page.goto('/guides/etat-civil-extrait-acte-naissance');
    await page.getByRole('link', { name: tr(lang, 'guide.file') }).click();
    await page.getByText(tr(lang, 'file.step', { n: 2, total: 5 })).waitFor();
    await page.getByLabel(new RegExp(`^${tr(lang, 'file.subject.label')}`)).fill('Extrait pour le consulat');
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'file.description.label')}`))
      .fill('Je vis à l’étranger et j’ai besoin d’un extrait de mon acte de naissance.');
    await page.locator('#field-person_name').fill('Youssef Amziane');
    await page.locator('#field-copies').fill('1');
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    // a program renamed .pdf: the browser believes the name, the server reads the bytes
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'acte.pdf', mimeType: 'application/pdf', buffer: samples.exe });
    await page.getByText('acte.pdf', { exact: true }).waitFor();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    const send = page.getByRole('button', { name: tr(lang, 'file.review.send') });
    await send.click();
    // refused: said in the person's language, back on the papers, and nothing filed
    const refused = tr(lang, 'file.files.refused', {
      name: 'acte.pdf',
      reason: serverText(lang, 'error.file.type_not_allowed'),
    });
    await page.getByRole('alert').filter({ hasText: 'acte.pdf' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'acte.pdf' }).textContent()).toBe(refused);
    await page.getByText(tr(lang, 'file.step', { n: 3, total: 5 })).waitFor();
    await expectNoAxeViolations(page, `refused paper ${lang}`);
    if (lang === 'ar') await screenshot(page, 'ar-phone-file-paper-refused');
    expect(await myCases()).toBe(before);
    // sent again unchanged: still refused, still nothing filed
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await send.click();
    await page.getByText(tr(lang, 'file.step', { n: 3, total: 5 })).waitFor();
    expect(await myCases()).toBe(before);
    // the person takes it out, adds the real scan, and sends
    await page.getByRole('button', { name: tr(lang, 'file.files.remove', { name: 'acte.pdf' }) }).click();
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'acte-scan.pdf', mimeType: 'application/pdf', buffer: samples.pdf });
    await page.getByText('acte-scan.pdf', { exact: true }).waitFor();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await send.click();
    await page.getByRole('heading', { name: tr(lang, 'receipt.title') }).waitFor({ timeout: 20_000 });
    expect(await myCases()).toBe(before + 1);
    const caseId = page.url().split('/').pop();
    const papers = (await (await page.request.get(`/api/cases/${caseId}/attachments`)).json()) as {
      items: { name: string }[];
    };
    expect(papers.items.map((a) => a.name)).toEqual(['acte-scan.pdf']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the citizen acts from where they are told to', () => {
  it('answers the body’s question on the tracking page, then downloads the reply letter there and on the case page', async () => {
    const lang = 'ar';
    const app = portal.p.app;
    const fatima = await signedIn(app, 'fatima@example.fr', 'ar');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'شهادة السكنى',
      description: 'رُفض طلبي لشهادة السكنى دون تعليل.',
      language: 'ar',
    });
    const chief = await signedIn(app, 'chef@aml.demo');
    const act = (action: string, reason?: string) => actOn(chief, made.id, [[action, reason]]);
    await act('acknowledge');
    await act('start');
    await act('request_info', 'المرجو ذكر عنوانك في المغرب.');

    // the e-mail said "answer on the tracking page": no account needed, the number and the code
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'phone');
    await page.goto(`/track/${made.trackingNumber}`);
    await page.getByLabel(tr(lang, 'track.code')).fill(made.accessCode);
    await page.getByRole('button', { name: tr(lang, 'track.submit') }).click();
    await page.getByRole('heading', { name: tr(lang, 'track.answer.title') }).waitFor();
    await page.getByLabel(tr(lang, 'track.answer.label')).fill('حي النصر، زنقة 12، آيت ملول.');
    await page.getByRole('button', { name: tr(lang, 'track.answer.send') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'track.answer.sent') })
      .waitFor();
    await expectNoAxeViolations(page, 'answered on the tracking page');
    await screenshot(page, 'ar-phone-track-answered');

    // the body answers; the tracking page offers the letter
    await act('submit_reply', 'تم تسليم شهادة السكنى، وهي رهن إشارتك بالشباك.');
    await act('approve_reply');
    await page.getByRole('button', { name: tr(lang, 'track.submit') }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: tr(lang, 'case.reply.letter') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${made.trackingNumber}-reply.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // signed in, the case page has the same letter under the reply
    await page.goto('/signin');
    await page.getByLabel(tr(lang, 'signin.email')).fill('fatima@example.fr');
    await page.getByLabel(tr(lang, 'signin.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: tr(lang, 'signin.submit') }).click();
    await page.waitForURL('**/cases');
    await page.goto(`/cases/${made.id}`);
    const link = page.getByRole('link', { name: tr(lang, 'case.reply.letter') });
    await link.waitFor();
    const res = await page.request.get((await link.getAttribute('href'))!);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(errors).toEqual([]);
    await context.close();
  });
});
