import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { t as serverText } from '../../src/i18n/index.js';
import { actOn, fileComplaintAtAml, samples, signedIn } from '../support/platform.js';
import {
  expectNoAxeViolations,
  filePortal,
  type L,
  newPage,
  screenshot,
  signInWithPassword,
  tr,
} from './support.js';

const portal = filePortal();

describe.each([
  ['fr', 'desktop', 'youssef@example.es'],
  ['ar', 'phone', 'khadija@example.be'],
] as const)('filing is one act, in %s on a %s', (lang: L, size, email) => {
  it('a paper refused at sending files nothing; fixed, the next send makes exactly one case', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
    await signInWithPassword(page, lang, email);
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
    // the receipt opened again in a new tab cannot show the sealed code: it says where to find it
    const again = await context.newPage();
    await again.goto(`/receipt/${caseId}`);
    await again.getByText(tr(lang, 'receipt.codeElsewhere')).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the form helps: a message for each missing choice, words not emoji, nothing cut, Back goes back a step, dropped papers named', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
    const bodies = (await (await page.request.get('/api/institutions')).json()) as {
      items: { id: string; code: string }[];
    };
    const aml = bodies.items.find((b) => b.code === 'AML')!;
    await page.goto('/guides');
    await page.goto(`/file/${aml.id}`);
    const next = page.getByRole('button', { name: tr(lang, 'common.next') });
    const atStep = (n: number) => page.getByText(tr(lang, 'file.step', { n, total: 5 })).waitFor();

    // step 1: "Next" with nothing chosen says what is missing, then what else
    await next.click();
    await page.getByText(tr(lang, 'file.kind.missing')).waitFor();
    await page.getByLabel(tr(lang, 'kind.complaint')).check();
    await next.click();
    await page.getByText(tr(lang, 'file.category.missing')).waitFor();
    await page.getByLabel(tr(lang, 'file.category.label')).selectOption({ index: 1 });
    await next.click();
    await atStep(2);

    // an emoji-only subject and an over-long description: told, and nothing is cut
    const subject = page.getByLabel(new RegExp(`^${tr(lang, 'file.subject.label')}`));
    const description = page.getByLabel(new RegExp(`^${tr(lang, 'file.description.label')}`));
    await subject.fill('😡😡😡');
    const long = 'Retard. '.repeat(1300).trim();
    await description.fill(long);
    await next.click();
    await page.getByText(tr(lang, 'common.noWords')).waitFor();
    await page.locator('.counter.over').waitFor();
    expect((await description.inputValue()).length).toBe(long.length);
    // the error is not the hint said again
    expect(await page.locator('.field-error').allTextContents()).not.toContain(
      tr(lang, 'file.description.hint'),
    );
    await screenshot(page, `${lang}-${size}-file-form-help`);
    await expectNoAxeViolations(page, `form help ${lang}`);
    await subject.fill(lang === 'ar' ? 'تأخر الجواب' : 'Retard de réponse');
    await description.fill(
      lang === 'ar' ? 'لم أتلق أي جواب منذ ثلاثة أشهر.' : 'Aucune réponse depuis trois mois.',
    );
    await next.click();
    await atStep(3);
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'recu.png', mimeType: 'image/png', buffer: samples.png });
    await page.getByText('recu.png', { exact: true }).waitFor();

    // the browser's Back goes back a step, twice, and Forward returns with the paper still there
    await page.goBack();
    await atStep(2);
    expect(await subject.inputValue()).not.toBe('');
    await page.goBack();
    await atStep(1);
    await page.goForward();
    await atStep(2);
    await next.click();
    await atStep(3);
    await page.getByText('recu.png', { exact: true }).waitFor();

    // leaving the page: the draft comes back, and says which paper must be chosen again
    await page.goto('/guides');
    await page.goto(`/file/${aml.id}`);
    await page.getByText(tr(lang, 'file.draftRestored')).waitFor();
    await page.getByText(tr(lang, 'file.files.chooseAgain_one', { count: 1, names: 'recu.png' })).waitFor();
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
    await signInWithPassword(page, lang, 'fatima@example.fr');
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
