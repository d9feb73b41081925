import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text of a PDF as a reader sees it (poppler's pdftotext, layout kept), on one line. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jisr-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    await run('pdftotext', ['-layout', file, path.join(dir, 'doc.txt')]);
    return (await readFile(path.join(dir, 'doc.txt'), 'utf8')).replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The verification codes printed in a text (3-4-3 symbols). */
export const printedCodes = (text: string) =>
  [...text.matchAll(/\b([0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{3})\b/g)].map((m) => m[1]!);
