/**
 * A real clamd (Debian's clamav-daemon) for tests: a signature database made here from a harmless file
 * (nothing downloaded), started on a free port of 127.0.0.1. Without clamd installed the tests that use it
 * fail, unless TEST_SKIP_CLAMD=true says to skip them (`skipClamd`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clamdPing } from '../../src/modules/cases/clamd.js';
import { fixture } from './platform.js';

export const skipClamd = process.env.TEST_SKIP_CLAMD === 'true';
const clamdBinary = [process.env.CLAMD_PATH ?? ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd']]
  .flat()
  .find(existsSync);
export const SIGNATURE = 'Jisr.Test.Signature';

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
export async function startClamd(marked: Buffer) {
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
  const options = { host: '127.0.0.1', port, timeoutMs: 2000 };
  let child: ChildProcess;
  /** clamd started, on the same port each time: it answers PING before this returns. */
  const launch = async () => {
    child = spawn(clamdBinary, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.on('error', (err) => (output += String(err)));
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    for (let tries = 0; !(await clamdPing(options)); tries++) {
      if (child.exitCode !== null || tries > 300) {
        child.kill('SIGKILL');
        throw new Error(`clamd did not start:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await launch();
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { port, options, stop, restart: launch, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** clamd for a `describe` block (see `fixture`), stopped and its files removed after the tests. */
export const useClamd = (marked: Buffer) =>
  fixture(
    'clamd',
    () => startClamd(marked),
    async (clamd) => {
      await clamd.stop();
      await clamd.remove();
    },
  );
