import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintAtAml, signedIn, usePlatform } from './support/platform.js';

const run = promisify(execFile);

describe('the receipt as a PDF', () => {
  const p = usePlatform('pglite', { env: { PUBLIC_URL: 'https://jisr.example.ma' } });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-pdf-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('holds the tracking number, the secret code when given back, in Arabic and French, for the owner only', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'طلب معلومات',
      description: 'أريد معرفة مآل ملفي.',
    });
    const res = await fatima.post(`/api/cases/${made.id}/receipt.pdf`, { accessCode: made.accessCode });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'receipt.pdf');
    await writeFile(file, res.rawPayload);
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Pages:\s+2/);
    await run('pdftotext', ['-layout', file, path.join(dir, 'receipt.txt')]);
    const text = await readFile(path.join(dir, 'receipt.txt'), 'utf8');
    expect(text).toContain(made.trackingNumber);
    expect(text).toContain(made.accessCode);
    expect(text).toContain('Numéro de suivi');
    // a wrong code is not printed; another citizen gets nothing
    const wrong = await fatima.post(`/api/cases/${made.id}/receipt.pdf`, { accessCode: 'AAAAA-AAAAA' });
    await writeFile(file, wrong.rawPayload);
    await run('pdftotext', [file, path.join(dir, 'wrong.txt')]);
    expect(await readFile(path.join(dir, 'wrong.txt'), 'utf8')).not.toContain('AAAAA-AAAAA');
    const youssef = await signedIn(p.app, 'youssef@example.es');
    expect((await youssef.post(`/api/cases/${made.id}/receipt.pdf`, {})).statusCode).toBe(404);
    // rendered to an image for a look (kept with the screenshots)
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      path.resolve('test-output/receipt-ar'),
    ]).catch(() => undefined);
  });
});
