import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { startWorker, type Worker } from '../../src/jobs/worker.js';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import { runningClockFrom, setPlatformClock } from '../../src/shared/clock.js';
import { actionBody } from './reply.js';
import {
  adminQuery,
  type DbKind,
  fill,
  postgresUrl,
  TEST_SECRET,
  type TemplateName,
  testDatabases,
} from './templates.js';

export { type DbKind, testDatabases };

/** A new database of the given kind: in-memory PGlite, or a new PostgreSQL database dropped on close. */
async function newDatabase(kind: DbKind, opts: { from?: Blob | string } = {}): Promise<Database> {
  if (kind === 'pglite')
    return openDatabase({ dataDir: null, loadDataDir: opts.from instanceof Blob ? opts.from : undefined });
  const name = `jisr_t_${randomBytes(8).toString('hex')}`;
  const template = typeof opts.from === 'string' ? ` template ${opts.from}` : '';
  await adminQuery(`create database ${name}${template}`);
  const database = await openDatabase({ url: postgresUrl(name) });
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * A copy of a template built once for the run (see templates.ts); built here when the run has none (a test
 * started outside the runner's global setup).
 */
export async function templateDatabase(kind: DbKind, template: TemplateName): Promise<Database> {
  const source = inject('dbTemplates')?.[kind]?.[template];
  if (!source) return fill(await newDatabase(kind), template);
  return newDatabase(kind, { from: kind === 'pglite' ? new Blob([await readFile(source)]) : source });
}

export type TestPlatform = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
};

/**
 * The app on a copy of the seeded template database. `clockStart` pins the platform's clock for tests whose
 * expectations are written for a given date: the clock shows that instant and runs on from there (restored on
 * close), and the demo is seeded afresh at that date instead of copying the template.
 */
export async function startTestPlatform(
  kind: DbKind,
  opts: {
    demo?: boolean;
    env?: Record<string, string>;
    clockStart?: string;
    /** Where the log goes (with `env.LOG_LEVEL`), to read what it holds. */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestPlatform> {
  const restoreClock = opts.clockStart
    ? setPlatformClock(runningClockFrom(new Date(opts.clockStart)))
    : () => {};
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jisr-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SECRET: TEST_SECRET,
    WORKER: 'false',
    // every test client comes from one address: a file's sign-ins of many accounts must not add up to a
    // limit meant for one address of the real world (tests of that limit set their own)
    LOGIN_ADDRESS_RATE_LIMIT: '100000',
    ...opts.env,
  });
  const template = opts.demo === false ? 'reference' : 'demo';
  const database = opts.clockStart
    ? await fill(await newDatabase(kind), template)
    : await templateDatabase(kind, template);
  const app = await buildApp(config, database, { logStream: opts.logStream });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
      restoreClock();
    },
  };
}

/**
 * What a `describe` block (or a file) starts before its tests (after the hooks registered before this call,
 * within `timeoutMs` if given) and stops after them (before the things registered before it). The function
 * returned gives it, in a hook or a test.
 */
export function fixture<T>(
  what: string,
  start: () => T | Promise<T>,
  stop: (started: T) => unknown,
  timeoutMs?: number,
): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  }, timeoutMs);
  afterAll(async () => {
    if (started !== undefined) await stop(started);
  });
  return () => {
    if (started === undefined) throw new Error(`${what} has not started: use it in a hook or a test`);
    return started;
  };
}

export type PlatformOptions = NonNullable<Parameters<typeof startTestPlatform>[1]>;

/**
 * The platform of a `describe` block (see `fixture`). `opts` may be a function, called when the platform
 * starts, e.g. to start a fake mail server first and give its address in `env`. The handle reads the running
 * platform, so `p.app` works in any hook or test.
 */
export function usePlatform(
  kind: DbKind,
  opts: PlatformOptions | (() => PlatformOptions | Promise<PlatformOptions>) = {},
): Omit<TestPlatform, 'close'> {
  const running = fixture(
    'the platform',
    async () => startTestPlatform(kind, typeof opts === 'function' ? await opts() : opts),
    (p) => p.close(),
  );
  return {
    get app() {
      return running().app;
    },
    get database() {
      return running().database;
    },
    get config() {
      return running().config;
    },
  };
}

/**
 * The worker of a `describe` block on its platform, silent, on an hour's interval so that the tests drive it
 * with `tick`: started after the platform, stopped before it closes.
 */
export function useWorker(
  p: Omit<TestPlatform, 'close'>,
  opts?: Parameters<typeof startWorker>[4],
): Pick<Worker, 'tick' | 'adapters'> {
  const running = fixture(
    'the worker',
    () => startWorker(p.database.db, p.config, { error() {} }, 3_600_000, opts),
    (w) => w.stop(),
  );
  return {
    tick: () => running().tick(),
    get adapters() {
      return running().adapters;
    },
  };
}

export { DEMO_PASSWORD };

/** A browser-like client: keeps the session cookie and sends the CSRF token on changes. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly lang = 'fr',
  ) {}

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      'accept-language': this.lang,
      ...(opts.headers as Record<string, string>),
    };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.method && opts.method !== 'GET') headers['x-csrf-token'] ??= this.csrf;
    const res = await this.app.inject({ ...opts, headers });
    const set = res.cookies.find((c) => c.name === 'jisr_session');
    if (set) this.cookie = set.value ? `jisr_session=${set.value}` : null;
    return res;
  }

  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: unknown) =>
    this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  patch = (url: string, payload?: unknown) =>
    this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  delete = (url: string) => this.request({ method: 'DELETE', url });

  /** Sends one file as a browser's form does (see `multipartFile`), the answer asked in `lang` if given. */
  upload(url: string, name: string, bytes: Buffer, opts: { type?: string; lang?: string } = {}) {
    const m = multipartFile(name, bytes, opts.type);
    const headers = { ...m.headers, ...(opts.lang ? { 'accept-language': opts.lang } : {}) };
    return this.request({ method: 'POST', url, payload: m.payload, headers });
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    this.csrf = res.json().csrfToken;
    return this;
  }
}

export async function signedIn(app: FastifyInstance, email: string, lang = 'fr') {
  return new Client(app, lang).login(email);
}

/** A minimal valid multipart body with one file. */
export function multipartFile(name: string, bytes: Buffer, type = 'application/octet-stream') {
  const boundary = `----jisr${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Smallest real files of each kind, for upload tests. */
export const samples = {
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
  html: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
};

/** `code → id` of a public list (institutions, categories, departments), as tests refer to them by code. */
export async function idsByCode(app: FastifyInstance, url: string): Promise<Record<string, string>> {
  const res = await new Client(app).get(url);
  return Object.fromEntries(res.json().items.map((i: { code: string; id: string }) => [i.code, i.id]));
}

/**
 * The ids of the institutions (`inst`), categories (`cat`) and, if asked, the departments of one institution
 * (`dept`) by code, as tests refer to them, read once the platform of the `describe` block has started (the
 * records are filled then).
 */
export function useIdsByCode(p: Pick<TestPlatform, 'app'>, opts: { departmentsOf?: string } = {}) {
  const ids = {
    inst: {} as Record<string, string>,
    cat: {} as Record<string, string>,
    dept: {} as Record<string, string>,
  };
  beforeAll(async () => {
    Object.assign(ids.inst, await idsByCode(p.app, '/api/institutions'));
    Object.assign(ids.cat, await idsByCode(p.app, '/api/categories'));
    if (opts.departmentsOf)
      Object.assign(
        ids.dept,
        await idsByCode(p.app, `/api/institutions/${ids.inst[opts.departmentsOf]}/departments`),
      );
  });
  return ids;
}

/**
 * Files a case at the commune of Aït Melloul through the API, as the given citizen: an "other complaint"
 * unless `category` names another by its code.
 */
export async function fileComplaintAtAml(
  citizen: Client,
  {
    category = 'complaint-autre',
    ...c
  }: { subject: string; description: string; replyChannels?: string[]; language?: string; category?: string },
): Promise<{ id: string; trackingNumber: string; accessCode: string }> {
  const ids = await idsByCode(citizen.app, '/api/institutions');
  const categories = await idsByCode(citizen.app, '/api/categories');
  const res = await citizen.post('/api/cases', {
    institutionId: ids.AML,
    categoryId: categories[category],
    replyChannels: ['email'],
    ...c,
  });
  if (res.statusCode !== 201) throw new Error(`filing failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A citizen signed in (in French) with a complaint of theirs filed at Aït Melloul, to send papers to. */
export async function citizenWithComplaint(
  app: FastifyInstance,
  email: string,
  c: { subject: string; description: string },
): Promise<{ citizen: Client; caseId: string }> {
  const citizen = await signedIn(app, email, 'fr');
  return { citizen, caseId: (await fileComplaintAtAml(citizen, c)).id };
}

/** Moves a case through steps as a staff member, each at the case's current version. */
export async function actOn(staff: Client, caseId: string, steps: [action: string, reason?: string][]) {
  for (const [action, reason] of steps) {
    const version = (await staff.get(`/api/cases/${caseId}`)).json().version;
    const res = await staff.post(`/api/cases/${caseId}/actions`, actionBody(action, version, reason));
    if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  }
}
