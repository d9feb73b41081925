import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** Starts the real server as a user would (`npm start` runs the same file) and talks to it over HTTP. */
async function startServer(env: Record<string, string>) {
  // `npm start` runs the server in one process (tsx as a loader), so signals reach it directly
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const started = Date.now();
  while (!out.includes('Jisr is running at')) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() - started > 90_000) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('running the platform', () => {
  let dir: string;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('starts with demo data, prints the address and accounts, logs without personal data, and stops cleanly', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-run-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { child, output } = await startServer({
      DATA_DIR: dir,
      PORT: port,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
    const base = `http://127.0.0.1:${port}`;
    expect(output()).toContain(`Jisr is running at ${base}`);
    expect(output()).toContain('fatima@example.fr');
    expect(output()).toContain('chef@aml.demo');
    expect(output()).toContain('Jisr-demo-2026');

    const login = await fetch(`${base}/api/auth/login?email=fatima@example.fr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-test-0001' },
      body: JSON.stringify({ email: 'fatima@example.fr', password: 'Jisr-demo-2026' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-request-id')).toBe('trace-test-0001');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const cases = await (await fetch(`${base}/api/cases`, { headers: { cookie } })).json();
    expect(cases.items.length).toBeGreaterThan(0);

    const logs = output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const requestLogs = logs.filter((l) => l.includes('trace-test-0001'));
    expect(requestLogs.length).toBeGreaterThan(0);
    for (const l of logs) {
      expect(l).not.toContain('fatima@example.fr');
      expect(l).not.toContain('Jisr-demo-2026');
      expect(l).not.toContain('jisr_session');
    }

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('shutting down');
  }, 120_000);

  it('keeps its data between starts and does not seed twice', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { child } = await startServer({ DATA_DIR: dir, PORT: port, LOG_LEVEL: 'warn' });
    const res = await fetch(`http://127.0.0.1:${port}/api/institutions`);
    const codes = (await res.json()).items.map((i: { code: string }) => i.code).sort();
    expect(codes).toEqual(['AML', 'AUAZ', 'AUBM', 'AUFBS', 'AUKH', 'MDSM', 'PIAM']);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
  }, 120_000);
});
