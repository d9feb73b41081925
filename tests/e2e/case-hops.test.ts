import { describe, expect, it } from 'vitest';
import { signedIn } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, newPage, screenshot, signInWithPassword, tr } from './support.js';

const portal = filePortal();

type Named = { id: string; code: string; nameAr: string; nameFr: string };

describe('where is my file', () => {
  it('shows the citizen both moves of their file, on a phone in Arabic and on a desktop in French', async () => {
    const { app } = portal.p;
    const bodies: Named[] = (await (await signedIn(app, 'fatima@example.fr')).get('/api/institutions')).json()
      .items;
    const aml = bodies.find((b) => b.code === 'AML')!;
    const mdsm = bodies.find((b) => b.code === 'MDSM')!;
    const fatima = await signedIn(app, 'fatima@example.fr');
    const departments: Named[] = (await fatima.get(`/api/institutions/${aml.id}/departments`)).json().items;
    const legal = departments.find((d) => d.code === 'legal-affairs')!;
    const categories = (await fatima.get('/api/categories')).json().items as Named[];
    const filed = await fatima.post('/api/cases', {
      institutionId: aml.id,
      categoryId: categories.find((c) => c.code === 'complaint-foncier')!.id,
      subject: 'Mur construit sur le chemin',
      description: 'Un voisin a construit un mur sur le chemin qui mène à la maison familiale.',
      replyChannels: ['email'],
      language: 'ar',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id: string = filed.json().id;
    const chef = await signedIn(app, 'chef@aml.demo');
    const version = async () => (await chef.get(`/api/cases/${id}`)).json().version as number;
    const moved = await chef.post(`/api/cases/${id}/transfer`, {
      departmentId: legal.id,
      version: await version(),
      reason: 'Raison interne : dossier foncier',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const referred = await chef.post(`/api/cases/${id}/refer-inside`, {
      targetInstitutionId: mdsm.id,
      version: await version(),
      reason: 'Compétence du Médiateur',
    });
    expect(referred.statusCode, referred.body).toBe(200);

    for (const [lang, size] of [
      ['ar', 'phone'],
      ['fr', 'desktop'],
    ] as const) {
      const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
      await signInWithPassword(page, lang, 'fatima@example.fr');
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
      await page.goto(`/cases/${id}`);
      const section = page.getByRole('region', { name: tr(lang, 'case.hops.title') });
      await section.waitFor();
      const steps = section.locator('ol.hops > li');
      await expect.poll(() => steps.count()).toBe(3);
      const name = (x: Named) => (lang === 'ar' ? x.nameAr : x.nameFr);
      expect(await steps.nth(0).textContent()).toContain(name(aml));
      expect(await steps.nth(1).textContent()).toContain(name(legal));
      expect(await steps.nth(1).textContent()).toContain(tr(lang, 'case.hops.reason.competent_department'));
      expect(await steps.nth(2).textContent()).toContain(name(mdsm));
      expect(await steps.nth(2).getAttribute('aria-current')).toBe('step');
      expect(await steps.nth(0).getAttribute('aria-current')).toBeNull();
      expect(await section.textContent()).not.toContain('Raison interne');
      if (lang === 'ar') {
        expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
        // the line of steps runs on the right: the current step's border is on its right side
        const border = await steps.nth(2).evaluate((li) => getComputedStyle(li).borderRightWidth);
        expect(border).toBe('4px');
      }
      await section.scrollIntoViewIfNeeded();
      await expectNoAxeViolations(page, `where is my file ${lang}`);
      await screenshot(page, `${lang}-${size}-case-hops`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
