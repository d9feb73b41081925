/**
 * `npm run bench`: floors and scenarios against the real server, on PostgreSQL and PGlite, at several data
 * sizes. Prints a summary table and writes bench/results/<timestamp>.json. `npm run bench -- --help`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { refreshPublicFigures } from '../src/modules/public-figures/rollup.js';
import {
  BENCH_ACCESS_CODE,
  type Fixtures,
  fixtures,
  generate,
  searchTermsAr,
  searchTermsFr,
} from './generate.js';
import { openSql } from './sql.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-secret-0123456789';
const PASSWORD = 'Jisr-demo-2026';

const help = `npm run bench -- [options]
  --quick               10,000 cases, 3 s per scenario, both databases (a couple of minutes)
  --db=postgres,pglite  databases to run (default both)
  --sizes=N,N           case counts for PostgreSQL (default 100000,1000000)
  --pglite-sizes=N,N    case counts for PGlite (default 100000)
  --duration=S          seconds per scenario (default 10)
  --connections=N       concurrent connections (default 10)
  --only=a,b            run only these scenarios (floors always run)
  --keep                keep the databases created (they are dropped at the end otherwise)
  --reuse=NAME          run on a PostgreSQL database kept by an earlier run (--keep) instead of a new one:
                        migrated by the server's first start, topped up to the sizes asked, never dropped
Environment: BENCH_DATABASE_URL, a PostgreSQL URL allowed to create databases
  (default postgres://postgres@127.0.0.1:5432/postgres).`;

type Options = {
  dbs: ('postgres' | 'pglite')[];
  sizes: number[];
  pgliteSizes: number[];
  duration: number;
  connections: number;
  only: string[] | null;
  keep: boolean;
  reuse: string | null;
};

function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (const a of argv) {
    if (a === '--help' || a === '-h') {
      console.log(help);
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}\n\n${help}`);
    flags.set(m[1]!, m[2] ?? 'true');
  }
  const quick = flags.get('quick') === 'true';
  const nums = (v: string | undefined, d: number[]) =>
    v ? v.split(',').map((s) => Number(s.replace(/_/g, ''))) : d;
  return {
    dbs: (flags.get('db')?.split(',') ?? ['postgres', 'pglite']) as Options['dbs'],
    sizes: nums(flags.get('sizes'), quick ? [10_000] : [100_000, 1_000_000]),
    pgliteSizes: nums(flags.get('pglite-sizes'), quick ? [10_000] : [100_000]),
    duration: Number(flags.get('duration') ?? (quick ? 3 : 10)),
    connections: Number(flags.get('connections') ?? 10),
    only: flags.get('only')?.split(',') ?? null,
    keep: flags.get('keep') === 'true',
    reuse: flags.get('reuse') ?? null,
  };
}

// ---------- measuring ----------

type Measure = {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** Server CPU time (all threads) per request, in ms: less sensitive to other load on the machine. */
  cpuMsPerRequest: number;
  /** The machine's 1-minute load average at the end of the run. */
  load1: number;
  ratio?: number;
  floor?: string;
};

type Req = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `next()`-built requests against `base` for `seconds`, after a short warm-up. */
async function load(
  name: string,
  base: string,
  next: () => Req,
  seconds: number,
  connections: number,
  pid: number,
): Promise<Measure> {
  const run = async (duration: number, record: boolean) => {
    const latencies: number[] = [];
    const first = next();
    let done: (r: autocannon.Result) => void = () => {};
    let failed: (e: unknown) => void = () => {};
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      done = resolve;
      failed = reject;
    });
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        timeout: 10,
        requests: [
          {
            method: first.method,
            path: first.path,
            setupRequest: (req) => {
              const r = next();
              return {
                ...req,
                method: r.method,
                path: r.path,
                headers: { ...req.headers, ...r.headers },
                body: r.body,
              };
            },
          },
        ],
      },
      (err, result) => (err ? failed(err) : done(result)),
    );
    if (record) instance.on('response', (_c, _s, _b, t) => latencies.push(t));
    const result = await finished;
    return { result, latencies };
  };
  await run(Math.max(1, Math.min(2, Math.round(seconds / 3))), false);
  const cpuBefore = cpuTicks(pid);
  const { result, latencies } = await run(seconds, true);
  const cpuMs = ((cpuTicks(pid) - cpuBefore) * 1000) / 100;
  const sorted = Float64Array.from(latencies).sort();
  const m: Measure = {
    name,
    rps: Math.round(result.requests.total / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: result.requests.total ? Math.round((cpuMs / result.requests.total) * 100) / 100 : 0,
    load1: round(os.loadavg()[0]!),
  };
  process.stderr.write(
    `  ${name.padEnd(26)} ${String(m.rps).padStart(7)} req/s  p50 ${m.p50} ms  p95 ${m.p95} ms  p99 ${m.p99} ms  errors ${m.errors}  cpu ${m.cpuMsPerRequest} ms/req  load ${m.load1}\n`,
  );
  return m;
}

const round = (n: number) => Math.round(n * 10) / 10;
/** utime + stime of a process, in clock ticks (1/100 s). */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const rotate = <T>(items: T[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};

// ---------- processes ----------

type Child = { proc: ChildProcess; port: number; stderr: string[] };

/**
 * Starts a server process: a TypeScript script (the floor server) through the tsx loader, or compiled
 * JavaScript (`.js`: the platform as `npm start` runs it in production, without a loader in its memory).
 */
async function startChild(
  script: string,
  env: Record<string, string>,
  port: number,
  nodeFlags: string[] = [],
): Promise<Child> {
  const args = [...nodeFlags, ...(script.endsWith('.js') ? [script] : ['--import', 'tsx', script])];
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => {
    stderr.push(d.toString());
    if (stderr.length > 50) stderr.shift();
  });
  const started = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${script} exited: ${stderr.join('')}`);
    try {
      const res = await fetch(
        `http://127.0.0.1:${port}${script.includes('floor') ? '/hello' : '/api/health'}`,
      );
      if (res.ok) break;
    } catch {}
    if (Date.now() - started > 600_000) throw new Error(`${script} did not start: ${stderr.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { proc, port, stderr };
}

/** Peak resident memory of a child (VmHWM), in MB. */
function peakRss(child: Child): number {
  const status = readFileSync(`/proc/${child.proc.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null) return;
  const exited = new Promise((r) => child.proc.once('exit', r));
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---------- sessions ----------

type Session = { cookie: string; csrf: string };

async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('jisr_session='));
  if (!cookie) throw new Error(`sign-in ${email}: no session cookie`);
  const session = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
  const body = (await session.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

// ---------- the runs ----------

const progressBar = (done: number, total: number, label: string) => {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r  ${label.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}   `,
  );
  if (done >= total) process.stderr.write('\n');
};

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

type Floors = { hello: Measure; insert: Measure; select: Measure; rssMb: number };

async function runFloors(
  kind: 'postgres' | 'pglite',
  target: { url?: string; dataDir?: string },
  o: Options,
): Promise<Floors> {
  process.stderr.write(`\n[${kind}] floors\n`);
  const env: Record<string, string> = target.url
    ? { DATABASE_URL: target.url }
    : { DATA_DIR: target.dataDir! };
  const child = await startChild('bench/floor-server.ts', env, 3101);
  const base = `http://127.0.0.1:${child.port}`;
  try {
    const hello = await load(
      'floor: hello-world',
      base,
      () => ({ method: 'GET', path: '/hello' }),
      o.duration,
      o.connections,
      child.proc.pid!,
    );
    const body = JSON.stringify({
      subject: 'Réclamation : aucune réponse depuis trois mois',
      description: 'Je vous prie de bien vouloir traiter ma demande dans les meilleurs délais. '.repeat(4),
    });
    const insert = await load(
      'floor: insert',
      base,
      () => ({ method: 'POST', path: '/insert', headers: { 'content-type': 'application/json' }, body }),
      o.duration,
      o.connections,
      child.proc.pid!,
    );
    let k = 0;
    const select = await load(
      'floor: select by key',
      base,
      () => ({ method: 'GET', path: `/select?key=K${(k++ % 10_000) + 1}` }),
      o.duration,
      o.connections,
      child.proc.pid!,
    );
    return { hello, insert, select, rssMb: peakRss(child) };
  } finally {
    await stopChild(child);
  }
}

type SizeRun = {
  cases: number;
  generatedSeconds: number;
  publicFiguresRollupSeconds: number;
  databaseMb: number;
  serverPeakRssMb: number;
  scenarios: Measure[];
};

function scenarios(
  base: string,
  f: Fixtures,
  s: { citizen: Session; chef: Session; region: Session; national: Session },
) {
  const auth = (x: Session) => ({ cookie: x.cookie });
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const queueFilters = (
    [
      { status: 'open', kind: 'complaint', sort: 'due', counts: 'true' },
      { status: 'open', sort: 'newest', counts: 'true' },
      { state: 'in_progress,awaiting_citizen', country: 'FR', sort: 'updated', counts: 'true' },
      { status: 'all', channel: 'web,desk', sort: 'oldest', counts: 'true' },
      { due: 'overdue', sort: 'due', counts: 'true' },
    ] as Record<string, string>[]
  ).map((p) => `/api/cases?${q({ institutionId: f.institutionId, ...p })}`);
  const search = (terms: string[]) =>
    terms.map((t) => `/api/cases?${q({ institutionId: f.institutionId, q: t, status: 'all' })}`);
  let n = 0;
  const list: { name: string; floor: 'hello' | 'insert' | 'select'; next: () => Req }[] = [
    {
      name: 'submit a case',
      floor: 'insert',
      next: () => ({
        method: 'POST',
        path: '/api/cases',
        headers: { ...auth(s.citizen), 'x-csrf-token': s.citizen.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({
          institutionId: f.institutionId,
          categoryId: f.categoryId,
          subject: `Réclamation : aucune réponse depuis trois mois (${++n})`,
          description: 'Je vous prie de bien vouloir traiter ma demande dans les meilleurs délais. '.repeat(
            4,
          ),
          replyChannels: ['email'],
        }),
      }),
    },
    {
      name: 'track a case',
      floor: 'select',
      next: (() => {
        const t = rotate(f.trackingNumbers);
        return () => ({
          method: 'POST' as const,
          path: '/api/track',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ trackingNumber: t(), accessCode: BENCH_ACCESS_CODE }),
        });
      })(),
    },
    {
      name: 'staff queue (filters)',
      floor: 'select',
      next: (() => {
        const p = rotate(queueFilters);
        return () => ({ method: 'GET' as const, path: p(), headers: auth(s.chef) });
      })(),
    },
    {
      name: 'search (Arabic)',
      floor: 'select',
      next: (() => {
        const p = rotate(search(searchTermsAr));
        return () => ({ method: 'GET' as const, path: p(), headers: auth(s.chef) });
      })(),
    },
    {
      name: 'search (French)',
      floor: 'select',
      next: (() => {
        const p = rotate(search(searchTermsFr));
        return () => ({ method: 'GET' as const, path: p(), headers: auth(s.chef) });
      })(),
    },
    {
      name: 'case page + timeline',
      floor: 'select',
      next: (() => {
        const id = rotate(f.caseIds);
        return () => ({ method: 'GET' as const, path: `/api/cases/${id()}`, headers: auth(s.chef) });
      })(),
    },
    {
      name: 'dashboard (region)',
      floor: 'select',
      next: () => ({ method: 'GET', path: '/api/oversight', headers: auth(s.region) }),
    },
    {
      name: 'dashboard (nation)',
      floor: 'select',
      next: () => ({ method: 'GET', path: '/api/oversight', headers: auth(s.national) }),
    },
    {
      name: 'dashboard (supervisor)',
      floor: 'select',
      next: () => ({ method: 'GET', path: '/api/oversight', headers: auth(s.chef) }),
    },
    {
      // no sign-in: the nation, a region, a province, a body, a category, and a CSV, in turn
      name: 'public figures',
      floor: 'select',
      next: (() => {
        const p = rotate([
          '/api/public/figures',
          '/api/public/figures?territory=09',
          '/api/public/figures?territory=09.273',
          '/api/public/figures?body=AML',
          '/api/public/figures?territory=09&category=complaint-autre',
          '/api/public/figures.csv?territory=09&by=parts',
        ]);
        return () => ({ method: 'GET' as const, path: p() });
      })(),
    },
    {
      name: 'institution dashboard',
      floor: 'select',
      next: () => ({
        method: 'GET',
        path: `/api/institutions/${f.institutionId}/dashboard`,
        headers: auth(s.chef),
      }),
    },
  ];
  return { base, list };
}

/**
 * The public figures' rollup over the generated cases, as the worker builds it on its first pass (the bench's
 * server runs without a worker): every month, then the open cases. Returns the seconds it took.
 */
async function buildPublicFigures(target: { url?: string; dataDir?: string }): Promise<number> {
  const started = performance.now();
  const database = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 2 });
  try {
    await refreshPublicFigures(database.db, new Date(), { all: true });
  } finally {
    await database.close();
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

async function runSize(
  kind: 'postgres' | 'pglite',
  target: { url?: string; dataDir?: string },
  size: number,
  floors: Floors,
  o: Options,
): Promise<SizeRun> {
  process.stderr.write(`\n[${kind}] ${size.toLocaleString('en')} cases: generating\n`);
  const sqlTarget = target.url ? { url: target.url } : { dataDir: path.join(target.dataDir!, 'pglite') };
  const db = await openSql(sqlTarget);
  const hash = createHmac('sha256', SECRET)
    .update(BENCH_ACCESS_CODE.replace(/[^A-Z0-9]/g, ''))
    .digest('hex');
  const gen = await generate(db, size, hash, progressBar);
  const fx = await fixtures(db);
  let databaseMb = 0;
  if (kind === 'postgres') {
    const [r] = await db.query<{ b: string }>('select pg_database_size(current_database())::text as b');
    databaseMb = Math.round(Number(r!.b) / 1048576);
  }
  await db.close();
  if (kind === 'pglite') databaseMb = Math.round(dirSize(sqlTarget.dataDir!) / 1048576);
  process.stderr.write(`  database: ${databaseMb} MB (generated in ${Math.round(gen.seconds)} s)\n`);
  const rollupSeconds = await buildPublicFigures(sqlTarget);
  process.stderr.write(`  public figures rolled up in ${rollupSeconds} s\n`);

  const server = await startServer(kind, target);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const sessions = {
      citizen: await signIn(base, 'fatima@example.fr'),
      chef: await signIn(base, 'chef@aml.demo'),
      region: await signIn(base, 'region@souss.demo'),
      national: await signIn(base, 'national@interieur.demo'),
    };
    const { list } = scenarios(base, fx, sessions);
    const results: Measure[] = [];
    for (const sc of list) {
      if (o.only && !o.only.some((x) => sc.name.includes(x))) continue;
      const m = await load(sc.name, base, sc.next, o.duration, o.connections, server.proc.pid!);
      const fl = floors[sc.floor];
      m.floor = fl.name;
      m.ratio = Math.round((m.rps / fl.rps) * 1000) / 1000;
      results.push(m);
    }
    // PostgreSQL: two more processes of the platform on the same database, the load spread over the three
    if (kind === 'postgres') results.push(...(await threeProcesses(target, list, floors, o, server)));
    return {
      cases: size,
      generatedSeconds: Math.round(gen.seconds),
      publicFiguresRollupSeconds: rollupSeconds,
      databaseMb,
      serverPeakRssMb: peakRss(server),
      scenarios: results,
    };
  } finally {
    await stopChild(server);
  }
}

/** The scenarios measured again with three processes sharing the database (the first one is `first`). */
const SPREAD = ['submit a case', 'track a case', 'staff queue (filters)', 'case page + timeline'];

/**
 * Starts two more processes of the platform on the same PostgreSQL database and runs the writing and the
 * busiest reading scenarios against the three at once, each process given a third of the connections. The
 * figure is the sum of the three; the latencies are the slowest process's; the CPU per request is the three
 * processes' together.
 */
async function threeProcesses(
  target: { url?: string },
  list: ReturnType<typeof scenarios>['list'],
  floors: Floors,
  o: Options,
  first: Child,
): Promise<Measure[]> {
  const extra = [await startServer('postgres', target, 3103), await startServer('postgres', target, 3104)];
  try {
    const all = [first, ...extra];
    const out: Measure[] = [];
    for (const sc of list.filter((x) => SPREAD.includes(x.name))) {
      if (o.only && !o.only.some((x) => sc.name.includes(x))) continue;
      const each = await Promise.all(
        all.map((c) =>
          load(
            `${sc.name} @${c.port}`,
            `http://127.0.0.1:${c.port}`,
            sc.next,
            o.duration,
            Math.max(1, Math.round(o.connections / all.length)),
            c.proc.pid!,
          ),
        ),
      );
      const requests = each.reduce((n, m) => n + m.requests, 0);
      const m: Measure = {
        name: `${sc.name}, 3 processes`,
        rps: each.reduce((n, x) => n + x.rps, 0),
        p50: Math.max(...each.map((x) => x.p50)),
        p95: Math.max(...each.map((x) => x.p95)),
        p99: Math.max(...each.map((x) => x.p99)),
        requests,
        errors: each.reduce((n, x) => n + x.errors, 0),
        cpuMsPerRequest: requests
          ? Math.round((each.reduce((n, x) => n + x.cpuMsPerRequest * x.requests, 0) / requests) * 100) / 100
          : 0,
        load1: round(os.loadavg()[0]!),
      };
      const fl = floors[sc.floor];
      m.floor = fl.name;
      m.ratio = Math.round((m.rps / fl.rps) * 1000) / 1000;
      process.stderr.write(`  = ${m.name}: ${m.rps} req/s, p95 ${m.p95} ms\n`);
      out.push(m);
    }
    return out;
  } finally {
    for (const c of extra) await stopChild(c);
  }
}

function startServer(kind: 'postgres' | 'pglite', target: { url?: string; dataDir?: string }, port = 3102) {
  // the compiled platform, built first if the sources are newer (as `npm start` does)
  const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the platform could not be built');
  // run as `npm start` runs it: the same script and Node flags (the heap limit), read from package.json
  const start = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start.split(/\s+/);
  return startChild(
    start.at(-1)!,
    {
      ...(kind === 'postgres' ? { DATABASE_URL: target.url! } : { DATA_DIR: target.dataDir! }),
      SECRET,
      WORKER: 'false',
      SEED_DEMO: 'true',
      STAFF_TOTP_REQUIRED: 'false',
      TRACK_RATE_LIMIT: '100000000',
      PUBLIC_FIGURES_RATE_LIMIT: '100000000',
      LOGIN_RATE_LIMIT: '100000',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    port,
    start.slice(1, -1),
  );
}

function webSize() {
  const dist = path.join(root, 'dist/web');
  if (!existsSync(path.join(dist, 'index.html'))) {
    process.stderr.write('building the web app (npm run build)\n');
    spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  }
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith('<script') && attr(tag, 'src')) js.add(attr(tag, 'src')!);
    else if (/rel="modulepreload"/.test(tag)) js.add(attr(tag, 'href')!);
    else if (/rel="stylesheet"/.test(tag)) css.add(attr(tag, 'href')!);
  }
  const gz = (files: Set<string>) =>
    [...files].reduce(
      (sum, f) => sum + gzipSync(readFileSync(path.join(dist, f.replace(/^\//, '')))).length,
      0,
    );
  const kb = (b: number) => Math.round(b / 102.4) / 10;
  return { jsFiles: [...js], cssFiles: [...css], jsGzipKb: kb(gz(js)), cssGzipKb: kb(gz(css)) };
}

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpu: /model name\s*:\s*(.*)/.exec(cpu)?.[1] ?? os.cpus()[0]?.model,
    cpus: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const report: Record<string, unknown> = {
    startedAt: started.toISOString(),
    options: o,
    machine: machine(),
    web: webSize(),
    databases: {} as Record<string, unknown>,
  };
  const cleanups: (() => Promise<void>)[] = [];
  try {
    for (const kind of o.dbs) {
      let target: { url?: string; dataDir?: string };
      let floorTarget: { url?: string; dataDir?: string };
      if (kind === 'postgres') {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        const version = await admin.query<{ server_version: string }>('show server_version');
        (report.machine as Record<string, unknown>).postgres = version.rows[0]?.server_version;
        if (o.reuse && !/^jisr_bench_[a-z0-9_]+$/.test(o.reuse))
          throw new Error(`--reuse: ${o.reuse} is not a bench database`);
        const names = [
          o.reuse ?? `jisr_bench_${stamp.replace(/-/g, '_').toLowerCase()}`,
          `jisr_bench_floor_${Date.now()}`,
        ];
        for (const n of o.reuse ? names.slice(1) : names) await admin.query(`create database ${n}`);
        await admin.end();
        const url = (n: string) => {
          const u = new URL(adminUrl);
          u.pathname = `/${n}`;
          return u.toString();
        };
        target = { url: url(names[0]!) };
        floorTarget = { url: url(names[1]!) };
        if (!o.keep)
          cleanups.push(async () => {
            const a = new pg.Client({ connectionString: adminUrl });
            await a.connect();
            for (const n of o.reuse ? names.slice(1) : names)
              await a.query(`drop database if exists ${n} with (force)`);
            await a.end();
          });
      } else {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'jisr-bench-'));
        target = { dataDir: path.join(dir, 'platform') };
        floorTarget = { dataDir: path.join(dir, 'floor') };
        if (!o.keep) cleanups.push(() => rm(dir, { recursive: true, force: true }));
      }
      const floors = await runFloors(kind, floorTarget, o);
      // First start: migrations, reference data and the demo (accounts the scenarios sign in with).
      process.stderr.write(`\n[${kind}] migrating and seeding the demo\n`);
      await stopChild(await startServer(kind, target));
      const sizes: SizeRun[] = [];
      for (const size of kind === 'postgres' ? o.sizes : o.pgliteSizes)
        sizes.push(await runSize(kind, target, size, floors, o));
      (report.databases as Record<string, unknown>)[kind] = { floors, sizes };
      writeResults(report, stamp);
    }
  } finally {
    for (const c of cleanups) await c();
  }
  report.finishedAt = new Date().toISOString();
  const file = writeResults(report, stamp);
  printSummary(report);
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

function writeResults(report: Record<string, unknown>, stamp: string): string {
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

function printSummary(report: Record<string, unknown>) {
  const lines: string[] = [];
  const m = report.machine as Record<string, unknown>;
  lines.push(
    `\nmachine: ${m.cpu} × ${m.cpus}, ${m.ramGb} GB, Node ${m.node}, PostgreSQL ${m.postgres ?? '-'}`,
  );
  const w = report.web as { jsGzipKb: number; cssGzipKb: number };
  lines.push(`web first page (gzip): JS ${w.jsGzipKb} KB, CSS ${w.cssGzipKb} KB`);
  const header = `| database | cases | scenario | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/req | ratio to floor |`;
  lines.push('', header, '|---|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const [kind, d] of Object.entries(
    report.databases as Record<string, { floors: Floors; sizes: SizeRun[] }>,
  )) {
    for (const f of [d.floors.hello, d.floors.insert, d.floors.select])
      lines.push(
        `| ${kind} | — | ${f.name} | ${f.rps} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors} | ${f.cpuMsPerRequest} | — |`,
      );
    for (const s of d.sizes) {
      for (const x of s.scenarios)
        lines.push(
          `| ${kind} | ${s.cases.toLocaleString('en')} | ${x.name} | ${x.rps} | ${x.p50} | ${x.p95} | ${x.p99} | ${x.errors} | ${x.cpuMsPerRequest} | ${Math.round((x.ratio ?? 0) * 1000) / 10} % of ${x.floor?.replace('floor: ', '')} |`,
        );
      lines.push(
        `| ${kind} | ${s.cases.toLocaleString('en')} | database size ${s.databaseMb} MB · server peak RSS ${s.serverPeakRssMb} MB | | | | | | | |`,
      );
    }
  }
  console.log(lines.join('\n'));
}

await main();
