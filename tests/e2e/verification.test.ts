/**
 * The public page of a verification code, as a third party uses it: in French on a desktop and in Arabic on
 * a phone, the record answers "authentic"; a tampered copy of the PDF is told apart from the real one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuedDocuments } from '../../src/modules/verification/schema.js';
import { fileComplaintAtAml, signedIn } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, newPage, screenshot, tr } from './support.js';

const portal = filePortal();

describe('checking a paper by its code', () => {
  let dir: string;
  const paper = { code: '', real: '', tampered: '' };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-verify-e2e-'));
    const fatima = await signedIn(portal.p.app, 'fatima@example.fr', 'fr');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'Attestation de résidence',
      description: 'Je demande une attestation de résidence pour mon dossier.',
    });
    const pdf = (await fatima.post(`/api/cases/${made.id}/receipt.pdf`, {})).rawPayload;
    const [row] = await portal.p.database.db
      .select()
      .from(issuedDocuments)
      .where(eq(issuedDocuments.caseId, made.id));
    paper.code = row!.code;
    paper.real = path.join(dir, 'recepisse.pdf');
    paper.tampered = path.join(dir, 'recepisse-modifie.pdf');
    await writeFile(paper.real, pdf);
    // a date changed in the text: one byte
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 3)]! ^= 1;
    await writeFile(paper.tampered, tampered);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const [lang, size] of [
    ['fr', 'desktop'],
    ['ar', 'phone'],
  ] as const) {
    it(`shows the record and checks the file (${lang}, ${size})`, async () => {
      const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
      await page.goto(`/verify/${paper.code}`);
      await page.getByRole('heading', { level: 2, name: tr(lang, 'verify.authentic') }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await page
        .getByText(lang === 'ar' ? /ملول/ : /Melloul/)
        .first()
        .waitFor();
      await expectNoAxeViolations(page, `verify ${lang}`);

      const input = page.getByTestId('verify-file');
      await input.setInputFiles(paper.tampered);
      await page
        .getByText(tr(lang, 'verify.check.altered', { name: '\u2068recepisse-modifie.pdf\u2069' }))
        .waitFor();
      await expectNoAxeViolations(page, `verify altered ${lang}`);
      await screenshot(page, `${lang}-${size}-verify-altered`);
      await input.setInputFiles(paper.real);
      await page.getByText(tr(lang, 'verify.check.matches', { name: '\u2068recepisse.pdf\u2069' })).waitFor();
      await screenshot(page, `${lang}-${size}-verify-authentic`);

      // a code typed by hand that no paper carries
      await page.goto('/verify');
      await page.getByLabel(tr(lang, 'verify.code')).fill('zzz-zzzz-zzz');
      await page.getByRole('button', { name: tr(lang, 'verify.submit') }).click();
      await page.getByRole('heading', { name: tr(lang, 'verify.unknownTitle') }).waitFor();
      await expectNoAxeViolations(page, `verify unknown ${lang}`);
      await screenshot(page, `${lang}-${size}-verify-unknown`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
