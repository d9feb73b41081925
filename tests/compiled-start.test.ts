import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve('.');
const pkg = JSON.parse(await readFile('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** The packages a production install (`npm ci --omit=dev`) leaves out. */
const devOnly = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies));

/**
 * A resolve hook for `node --import`: importing a development dependency fails, as it would after a
 * production install.
 */
const guard = `
import { register } from 'node:module';
const devOnly = ${JSON.stringify(devOnly)};
register('data:text/javascript,' + encodeURIComponent(\`
  const devOnly = new Set(\${JSON.stringify(devOnly)});
  export async function resolve(specifier, context, next) {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (devOnly.has(name)) throw new Error('development dependency imported at run time: ' + specifier);
    return next(specifier, context);
  }\`));
`;

/**
 * The folder of a production install: package.json and its lock, the build (dist/server compiled from src/ and
 * dist/web), the migrations and reference data, and node_modules holding the runtime dependencies only — no
 * sources, no tsx, no Vite.
 */
async function productionInstall(dir: string) {
  await Promise.all(['package.json', 'package-lock.json'].map((f) => copyFile(f, path.join(dir, f))));
  await Promise.all(
    ['drizzle', 'reference-data'].map((d) => symlink(path.join(repo, d), path.join(dir, d), 'dir')),
  );
  const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  // every package npm installs at the top of node_modules with --omit=dev (what they need is there too)
  const runtime = Object.entries(lock.packages)
    .filter(([p, info]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(p) && !info.dev)
    .map(([p]) => p);
  for (const p of runtime) {
    const target = path.join(repo, p);
    const link = path.join(dir, p);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link, 'dir').catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  await Promise.all([
    run(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      path.join(dir, 'dist', 'server'),
    ]),
    run(
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'build',
        '--outDir',
        path.join(dir, 'dist', 'web'),
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { env: { ...process.env, NODE_ENV: 'production' } },
    ),
  ]);
  await writeFile(path.join(dir, 'guard.mjs'), guard);
}

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves with the first output that matches, rejects with the whole output if the process ends first. */
function waitForOutput(child: ChildProcess, pattern: RegExp) {
  let output = '';
  return new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
}

describe('the compiled platform, on a production install', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-compiled-'));
    await productionInstall(dir);
  }, 300_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts without any development dependency, answers readiness and the home page, and stops on SIGTERM', async () => {
    // (TypeScript stays: npm keeps it as an optional peer of i18next; the guard fails any import of it)
    for (const tool of ['tsx', 'vite', 'vitest'])
      await expect(readFile(path.join(dir, 'node_modules', tool, 'package.json'))).rejects.toThrow();
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET: 'production-secret-0123456789',
      DATA_DIR: path.join(dir, 'data'),
      HOST: '127.0.0.1',
      PORT: String(port),
      WORKER: 'false',
      LOG_LEVEL: 'warn',
    };
    const server = spawn(process.execPath, ['--import', './guard.mjs', 'dist/server/main.js'], {
      cwd: dir,
      env,
    });
    try {
      await waitForOutput(server, /Jisr is running at/);
      const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(await home.text()).toMatch(/<html lang="ar" dir="rtl">[\s\S]*<script type="module"/);
    } finally {
      if (server.exitCode === null) {
        const exited = once(server, 'exit');
        server.kill('SIGTERM');
        const [code] = await exited;
        expect(code).toBe(0);
      }
    }

    // the command-line tools run compiled too, on the same data
    const cli = await run(
      process.execPath,
      ['--import', './guard.mjs', 'dist/server/cli/import-reference.js'],
      { cwd: dir, env },
    );
    expect(cli.stdout).toMatch(/^Imported \d+ places, \d+ documents, \d+ categories\./);
  }, 240_000);

  it('refuses to start in one line when nothing was built and the build tools are not installed', async () => {
    const bare = path.join(dir, 'unbuilt');
    await mkdir(path.join(bare, 'scripts'), { recursive: true });
    await copyFile('package.json', path.join(bare, 'package.json'));
    await copyFile('scripts/build-if-needed.mjs', path.join(bare, 'scripts', 'build-if-needed.mjs'));
    const refused = await run(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: bare }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Jisr is not built: run `npm run build`/),
    ]);
  });
});
