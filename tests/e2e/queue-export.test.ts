import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, filePortal, staffPage, tr } from './support.js';

const portal = filePortal();

describe('exporting the queue', () => {
  it('a supervisor downloads the filtered queue as CSV and Excel; an agent is not offered it', async () => {
    const chief = await staffPage(portal, 'ar', 'chef@aml.demo', 'phone');
    await chief.page.goto('/staff?status=all&kind=complaint');
    const csv = chief.page.getByRole('link', { name: tr('ar', 'staff.queue.exportCsv') });
    await csv.waitFor();
    const [download] = await Promise.all([chief.page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toMatch(/^jisr-AML-\d{4}-\d\d-\d\d\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toContain('رقم التتبع');
    expect(lines.length).toBeGreaterThan(1);
    // the filter of the page is the filter of the file: complaints only
    expect(lines.slice(1).every((l) => l.includes('شكاية'))).toBe(true);
    const [xlsx] = await Promise.all([
      chief.page.waitForEvent('download'),
      chief.page.getByRole('link', { name: tr('ar', 'staff.queue.exportXlsx') }).click(),
    ]);
    const bytes = await readFile((await xlsx.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await expectNoAxeViolations(chief.page, 'queue with export ar');
    await chief.context.close();

    const agent = await staffPage(portal, 'fr', 'etatcivil@aml.demo');
    await agent.page.goto('/staff');
    await agent.page.getByRole('heading', { level: 1 }).waitFor();
    expect(await agent.page.getByRole('link', { name: tr('fr', 'staff.queue.exportCsv') }).count()).toBe(0);
    await agent.context.close();
  });
});
