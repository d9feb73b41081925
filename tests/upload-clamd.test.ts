/**
 * The antivirus, against a real clamd (Debian's clamav-daemon): a signature database made here from a
 * harmless file (nothing downloaded), clamd started on a free port. A paper it finds is refused (422) and
 * nothing is kept; a clean one is taken; with clamd stopped, papers are refused (503), never taken unscanned.
 * Without clamd installed these tests fail, unless TEST_SKIP_CLAMD=true says to skip them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { clamdPing } from '../src/modules/cases/clamd.js';
import { blobPath } from '../src/modules/cases/files.js';
import {
  type Client,
  fileComplaintAtAml,
  multipartFile,
  samples,
  signedIn,
  startTestPlatform,
  type TestPlatform,
  testDatabases,
} from './support/platform.js';

const skip = process.env.TEST_SKIP_CLAMD === 'true';
const clamdBinary = [process.env.CLAMD_PATH ?? ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd']]
  .flat()
  .find(existsSync);
const SIGNATURE = 'Jisr.Test.Signature';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdfWith = (text: string) => Buffer.concat([samples.pdf, Buffer.from(`% ${text}\n`)]);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** clamd with one signature: the MD5 and size of `marked` (an .hdb line), on a free port of 127.0.0.1. */
async function startClamd(marked: Buffer) {
  if (!clamdBinary)
    throw new Error(
      "clamd is not installed: install Debian's clamav-daemon (or set CLAMD_PATH), or set TEST_SKIP_CLAMD=true to skip these tests",
    );
  const dir = await mkdtemp(path.join(tmpdir(), 'jisr-clamd-'));
  const port = await freePort();
  const md5 = createHash('md5').update(marked).digest('hex');
  await writeFile(path.join(dir, 'jisr-test.hdb'), `${md5}:${marked.length}:${SIGNATURE}\n`);
  const conf = path.join(dir, 'clamd.conf');
  await writeFile(
    conf,
    [
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${dir}`,
      `TemporaryDirectory ${dir}`,
      'Foreground yes',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(clamdBinary, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.on('error', (err) => (output += String(err)));
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const options = { host: '127.0.0.1', port, timeoutMs: 2000 };
  for (let tries = 0; !(await clamdPing(options)); tries++) {
    if (child.exitCode !== null || tries > 300) {
      child.kill('SIGKILL');
      throw new Error(`clamd did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { port, stop, remove: () => rm(dir, { recursive: true, force: true }) };
}

describe.skipIf(skip).each(testDatabases())('antivirus (clamd) on %s', (kind) => {
  const marked = pdfWith('Jisr harmless test marker: an ordinary PDF the test signature names');
  let clamd: Awaited<ReturnType<typeof startClamd>>;
  let p: TestPlatform;
  let fatima: Client;
  let caseId: string;
  const log: string[] = [];

  beforeAll(async () => {
    clamd = await startClamd(marked);
    p = await startTestPlatform(kind, {
      env: { CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(clamd.port), LOG_LEVEL: 'warn' },
      logStream: { write: (line: string) => void log.push(line) },
    });
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    caseId = (
      await fileComplaintAtAml(fatima, {
        subject: 'Acte de naissance',
        description: 'Je joins la copie de mon acte de naissance pour la transcription.',
      })
    ).id;
  });
  afterAll(async () => {
    await clamd?.stop();
    await clamd?.remove();
    await p?.close();
  });

  const send = (bytes: Buffer, lang: 'fr' | 'ar', to = '/api/uploads') => {
    const m = multipartFile('acte-naissance.pdf', bytes);
    return fatima.request({
      method: 'POST',
      url: to,
      payload: m.payload,
      headers: { ...m.headers, 'accept-language': lang },
    });
  };
  const nothingKept = async (bytes: Buffer) => {
    expect(existsSync(blobPath(p.config.filesDir, sha256(bytes)))).toBe(false);
    expect((await fatima.get('/api/uploads')).json().items).toEqual([]);
    expect((await fatima.get(`/api/cases/${caseId}/attachments`)).json().items).toEqual([]);
  };

  it('refuses the file the signature names (422), keeps nothing, and logs the signature, not the person', async () => {
    for (const [lang, to] of [
      ['fr', '/api/uploads'],
      ['ar', `/api/cases/${caseId}/attachments`],
    ] as const) {
      const res = await send(marked, lang, to);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/upload-infected',
        detail: t(lang, 'error.upload.infected'),
      });
    }
    expect((await send(marked, 'fr')).json().detail).toContain('l’antivirus y a trouvé une menace');
    await nothingKept(marked);
    const audited = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'upload.infected'), eq(auditLog.entityType, 'account')));
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]!.data).toMatchObject({
      signature: expect.stringContaining(SIGNATURE),
      size: marked.length,
    });
    const lines = log.filter((l) => l.includes('antivirus found a threat'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) {
      expect(l).toContain(SIGNATURE);
      expect(l).not.toContain('acte-naissance');
      expect(l).not.toContain('fatima');
    }
  });

  it('takes a clean file', async () => {
    const clean = pdfWith('an ordinary paper');
    const res = await send(clean, 'fr');
    expect(res.statusCode, res.body).toBe(201);
    expect(existsSync(blobPath(p.config.filesDir, sha256(clean)))).toBe(true);
    expect((await fatima.delete(`/api/uploads/${res.json().id}`)).statusCode).toBe(204);
  });

  it('with clamd stopped, refuses every paper (503) in the person’s language and keeps nothing', async () => {
    await clamd.stop();
    const clean = pdfWith('an ordinary paper sent while the antivirus is down');
    for (const [lang, to] of [
      ['fr', '/api/uploads'],
      ['ar', `/api/cases/${caseId}/attachments`],
    ] as const) {
      const res = await send(clean, lang, to);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/upload-scan-unavailable',
        detail: t(lang, 'error.upload.scan_unavailable'),
      });
    }
    await nothingKept(clean);
    expect(log.some((l) => l.includes('antivirus unavailable'))).toBe(true);
  });
});
