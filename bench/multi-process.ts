/**
 * Several server processes on one PostgreSQL database, driven at a steady rate with filings, staff actions
 * and bookings, one of them killed (`kill -9`) in the middle and started again. What must hold: every
 * acknowledged filing is in the database once, no message is sent twice, every reminder due in the window is
 * sent once, rate limits are counted across the processes. Used by `tests/multi-process.test.ts`, which is
 * also the drill to run by hand: `TEST_DATABASE_URL=postgres://… npm run drill:processes` (docs/deploy.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

export type ServerProcess = { port: number; url: string; child: ChildProcess; output: string[] };

/**
 * Starts `src/main.ts` on `port` with `env` (the database, the mail server, the clock) and waits until it
 * answers its health check. Its output is kept for the report of a failure.
 */
export async function startServer(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout!, child.stderr!]) s.on('data', (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} stopped: ${output.join('')}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { port, url, child, output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server on ${port} did not answer: ${output.join('')}`);
}

export async function stopServer(p: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const gone = once(p.child, 'exit');
  p.child.kill(signal);
  await gone;
}

/** A signed-in person's session, as a browser holds it: the cookie and the CSRF token. */
export type Session = { cookie: string; csrf: string; accountId: string };

export type Outcome = { status: number; body: unknown } | { status: 'down'; body: null };

/** One HTTP call to a process; a process that is not there answers `down`. */
export async function call(
  base: string,
  method: string,
  url: string,
  session?: Session | null,
  body?: unknown,
): Promise<Outcome> {
  const headers: Record<string, string> = { 'accept-language': 'fr' };
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 'down', body: null };
  }
}

export type LoadPlan = {
  /** The processes' addresses, read at each request (one may be down for a while). */
  targets: () => string[];
  ratePerSecond: number;
  seconds: number;
  citizens: Session[];
  staff: Session;
  institutionId: string;
  categoryId: string;
  /** A bookable service and its free slots (start instants). */
  serviceId: string;
  slots: string[];
  /** Called once, half-way. */
  halfway?: () => Promise<void>;
};

export type LoadReport = {
  sent: number;
  /** Filings answered 201 (or 200 for a repeated key): the client key and the case. */
  acknowledged: { clientKey: string; caseId: string }[];
  filingRetries: number;
  /** Filings never acknowledged (every process down at that moment). */
  filingsLost: number;
  staffActions: Record<string, number>;
  bookings: { made: string[]; refused: number };
  /** Answers 500 or more from a running process. */
  serverErrors: { url: string; status: number; body: unknown }[];
  /** Requests that found their process down (the killed one). */
  down: number;
  /** Answers 400–499 by route and status, with one body of each for the report. */
  refused: Record<string, { n: number; sample: unknown }>;
};

/**
 * Drives the processes at `ratePerSecond` for `seconds`: half filings (each with its own client key, tried
 * again on the next process when the one asked is down), three in ten staff actions (acknowledging a case
 * filed in the run), two in ten bookings. Requests go round the processes in turn.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadReport> {
  const report: LoadReport = {
    sent: 0,
    acknowledged: [],
    filingRetries: 0,
    filingsLost: 0,
    staffActions: {},
    bookings: { made: [], refused: 0 },
    serverErrors: [],
    down: 0,
    refused: {},
  };
  let turn = 0;
  const next = () => {
    const all = plan.targets();
    return all[turn++ % all.length]!;
  };
  const note = (url: string, o: Outcome) => {
    if (o.status === 'down') report.down++;
    else if (o.status >= 500) report.serverErrors.push({ url, status: o.status, body: o.body });
    else if (o.status >= 400) {
      const key = `${url} ${o.status}`;
      report.refused[key] ??= { n: 0, sample: o.body };
      report.refused[key].n++;
    }
  };
  const toAcknowledge: string[] = [];

  const file = async (i: number) => {
    const citizen = plan.citizens[i % plan.citizens.length]!;
    const clientKey = randomUUID();
    const body = {
      institutionId: plan.institutionId,
      categoryId: plan.categoryId,
      subject: `Charge ${clientKey}`,
      description: 'Demande déposée pendant l’essai à plusieurs processus.',
      replyChannels: ['email'],
      clientKey,
    };
    const first = turn++;
    // five tries, half a second apart: a loaded machine may keep a process from answering within the timeout
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) report.filingRetries++;
      // tried again on the next process, with the same key: filed once, whichever answers
      const all = plan.targets();
      const o = await call(all[(first + attempt) % all.length]!, 'POST', '/api/cases', citizen, body);
      note('POST /api/cases', o);
      if (o.status === 201 || o.status === 200) {
        const id = (o.body as { id: string }).id;
        report.acknowledged.push({ clientKey, caseId: id });
        toAcknowledge.push(id);
        return;
      }
      if (o.status !== 'down' && o.status < 500) return; // refused: not a filing to count
      await new Promise((r) => setTimeout(r, 500));
    }
    report.filingsLost++;
  };
  const act = async () => {
    const id = toAcknowledge.shift();
    if (!id) return;
    const o = await call(next(), 'POST', `/api/cases/${id}/actions`, plan.staff, {
      action: 'acknowledge',
      version: 1,
    });
    note('POST /api/cases/:id/actions', o);
    const key = String(o.status);
    report.staffActions[key] = (report.staffActions[key] ?? 0) + 1;
  };
  let bookingTurn = 0;
  const book = async () => {
    // each booking its own slot while there are slots, each citizen in turn
    const k = bookingTurn++;
    const citizen = plan.citizens[k % plan.citizens.length]!;
    const startsAt = plan.slots[k % plan.slots.length];
    if (!startsAt) return;
    const o = await call(next(), 'POST', '/api/appointments', citizen, {
      serviceId: plan.serviceId,
      startsAt,
      mode: 'in_person',
    });
    note('POST /api/appointments', o);
    if (o.status === 201) report.bookings.made.push((o.body as { id: string }).id);
    else if (o.status !== 'down') report.bookings.refused++;
  };

  const inFlight = new Set<Promise<void>>();
  const total = plan.ratePerSecond * plan.seconds;
  const gap = 1000 / plan.ratePerSecond;
  const started = performance.now();
  let halfwayDone: Promise<void> | null = null;
  for (let i = 0; i < total; i++) {
    const due = started + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!halfwayDone && i >= total / 2 && plan.halfway) halfwayDone = plan.halfway();
    const kind = i % 10;
    const work = kind < 5 ? file(i) : kind < 8 ? act() : book();
    report.sent++;
    const p = work.finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  await halfwayDone;
  return report;
}
