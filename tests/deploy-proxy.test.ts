import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { templateDatabase, testDatabases } from './support/platform.js';
import { TEST_SECRET } from './support/templates.js';

/**
 * deploy/nginx/jisr.conf run for real: nginx (Debian's package) in front of two platform processes on one
 * database, with only its ports (free ones on the loopback), its certificate (one made for the test), the
 * processes' addresses and the web app's root swapped; the root is a small folder of the test's own (a shell
 * and a hashed asset), so that nothing depends on a build.
 */
function findNginx(): string | null {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', 'nginx'].filter(Boolean) as string[];
  for (const c of candidates) if (spawnSync(c, ['-v']).status === 0) return c;
  return null;
}
const nginx = findNginx();
const openssl = spawnSync('openssl', ['version']).status === 0;
const ready = !!nginx && openssl;

const site = path.resolve('deploy/nginx/jisr.conf');
const proxySnippet = path.resolve('deploy/nginx/jisr-proxy.conf');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Replaces what `pattern` finds, failing when it finds nothing (the file changed: the test must follow). */
function swap(text: string, pattern: RegExp | string, by: string): string {
  const found = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  if (!found) throw new Error(`deploy/nginx/jisr.conf no longer has ${pattern}`);
  if (pattern instanceof RegExp) pattern.lastIndex = 0;
  return typeof pattern === 'string' ? text.split(pattern).join(by) : text.replace(pattern, by);
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request, over TLS (the test's own certificate) unless `plain`, from a chosen local address if given
 * (the loopback answers on all of 127.0.0.0/8).
 */
function request(
  port: number,
  urlPath: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer;
    from?: string;
    plain?: boolean;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = (opts.plain ? http : https).request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: opts.method ?? 'GET',
        headers: { host: 'jisr.example.ma', ...opts.headers },
        localAddress: opts.from,
        agent: false,
        servername: 'jisr.example.ma',
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe.skipIf(!ready)(
  ready
    ? 'nginx in front of two processes'
    : 'nginx in front of two processes (skipped: needs nginx and openssl; apt-get install nginx openssl, or set NGINX_PATH)',
  () => {
    let dir: string;
    let database: Database;
    const apps: FastifyInstance[] = [];
    const appPorts: number[] = [];
    let proxy: ChildProcess | undefined;
    let port = 0;
    let plainPort = 0;
    /** What each process saw of each request. */
    const seen: { app: number; url: string; ip: string; forwardedFor?: string; proto: string; id: string }[] =
      [];
    const shell = '<!doctype html><html lang="ar" dir="rtl"><title>Jisr shell (test)</title></html>';

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'jisr-nginx-'));
      const root = path.join(dir, 'web');
      await mkdir(path.join(root, 'assets'), { recursive: true });
      await writeFile(path.join(root, 'index.html'), shell);
      await writeFile(path.join(root, 'assets', 'index-Bx7Kq2aZ.js'), 'console.log("jisr");\n');
      await writeFile(path.join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
      for (const d of [dir, root, path.join(root, 'assets')]) await chmod(d, 0o755);

      // the first database kind of the run (PGlite unless the run is PostgreSQL only)
      database = await templateDatabase(testDatabases()[0] ?? 'pglite', 'reference');
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: path.join(dir, 'data'),
        SECRET: TEST_SECRET,
        WORKER: 'false',
        TRUST_PROXY: 'true',
      });
      for (const n of [0, 1]) {
        const app = await buildApp(config, database);
        app.addHook('onRequest', async (req) => {
          const xff = req.headers['x-forwarded-for'];
          seen.push({
            app: n,
            url: req.url,
            ip: req.ip,
            forwardedFor: typeof xff === 'string' ? xff : undefined,
            proto: req.protocol,
            id: req.id,
          });
        });
        await app.listen({ host: '127.0.0.1', port: 0 });
        apps.push(app);
        appPorts.push((app.server.address() as net.AddressInfo).port);
      }

      port = await freePort();
      plainPort = await freePort();
      let conf = await readFile(site, 'utf8');
      conf = swap(conf, /^\s*server 127\.0\.0\.1:\d+ [^\n]*\n/gm, '');
      conf = swap(
        conf,
        'least_conn;',
        `least_conn;\n${appPorts.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n')}`,
      );
      conf = swap(conf, 'listen 443 ssl http2;', `listen 127.0.0.1:${port} ssl http2;`);
      conf = swap(conf, /^\s*listen \[::\]:443[^;]*;\n/m, '');
      // a certificate of the test's own for the name
      const cert = spawnSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
        ].concat([
          '-subj',
          '/CN=jisr.example.ma',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ]),
        { encoding: 'utf8' },
      );
      if (cert.status !== 0) throw new Error(`openssl: ${cert.stderr}`);
      conf = swap(conf, '/etc/ssl/jisr/fullchain.pem', path.join(dir, 'cert.pem'));
      conf = swap(conf, '/etc/ssl/jisr/privkey.pem', path.join(dir, 'key.pem'));
      conf = swap(conf, /listen 80;/, `listen 127.0.0.1:${plainPort};`);
      conf = swap(conf, /^\s*listen \[::\]:80;\n/m, '');
      conf = swap(conf, '/srv/jisr/dist/web', root);
      conf = swap(conf, '/etc/nginx/snippets/jisr-proxy.conf', proxySnippet);
      conf = swap(conf, '/var/www/letsencrypt', path.join(dir, 'acme'));
      const temp = (name: string) => `${name}_temp_path ${path.join(dir, `${name}-temp`)};`;
      const mime = existsSync('/etc/nginx/mime.types')
        ? 'include /etc/nginx/mime.types;'
        : 'types { text/html html; application/javascript js; }';
      await writeFile(
        path.join(dir, 'nginx.conf'),
        `daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 128; }
http {
  ${mime}
  default_type application/octet-stream;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
${conf}
}
`,
      );
      const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf')];
      const check = spawnSync(nginx!, ['-t', ...args], { encoding: 'utf8' });
      if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);
      proxy = spawn(nginx!, args, { stdio: 'ignore' });
      // a wait of at most 10 s, on the monotonic timer (never the date)
      const started = performance.now();
      for (;;) {
        const up = await request(port, '/sw.js').then(
          () => true,
          () => false,
        );
        if (up) break;
        if (performance.now() - started > 10_000)
          throw new Error(
            `nginx did not start: ${await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    }, 60_000);

    afterAll(async () => {
      if (proxy?.pid) {
        const exited = new Promise((r) => proxy!.once('exit', r));
        proxy.kill('SIGQUIT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (proxy.exitCode === null) proxy.kill('SIGKILL');
      }
      for (const app of apps) await app.close();
      await database?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('serves hashed assets from disk for a year, and other files of the build never cached unasked', async () => {
      const asset = await request(port, '/assets/index-Bx7Kq2aZ.js');
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      const sw = await request(port, '/sw.js');
      expect(sw.status).toBe(200);
      expect(sw.headers['cache-control']).toBe('no-cache');
      expect((await request(port, '/assets/missing-0000.js')).status).toBe(404);
      // none of these reached a process
      expect(seen.filter((s) => s.url.startsWith('/assets') || s.url === '/sw.js')).toEqual([]);
    });

    it('ends TLS and passes the API to both processes, with the client’s address, scheme and a request id', async () => {
      seen.length = 0;
      for (let i = 0; i < 6; i++) {
        const res = await request(port, '/api/health', {
          from: '127.0.0.2',
          // a client's own X-Forwarded-For never reaches the platform
          headers: { 'x-forwarded-for': '203.0.113.9' },
        });
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
      }
      const categories = await request(port, '/api/categories', { from: '127.0.0.3' });
      expect(categories.status).toBe(200);
      expect(JSON.parse(categories.body).items.length).toBeGreaterThan(0);
      expect(new Set(seen.map((s) => s.app))).toEqual(new Set([0, 1]));
      const health = seen.filter((s) => s.url === '/api/health');
      expect(health).toHaveLength(6);
      for (const s of health) {
        expect(s).toMatchObject({ ip: '127.0.0.2', forwardedFor: '127.0.0.2', proto: 'https' });
        expect(s.id).toMatch(/^[0-9a-f]{32}$/);
      }
      expect(seen.find((s) => s.url === '/api/categories')?.ip).toBe('127.0.0.3');
    });

    it('passes page addresses to the processes, which answer the app’s index.html (or 404 unbuilt)', async () => {
      seen.length = 0;
      const page = await request(port, '/track', { headers: { 'accept-language': 'fr' } });
      expect(seen.map((s) => s.url)).toEqual(['/track']);
      // the processes serve dist/web of the package: built or not in this checkout
      if (existsSync(path.resolve('dist/web/index.html'))) {
        expect(page.status).toBe(200);
        expect(page.body).toContain('<html lang="fr" dir="ltr">');
      } else expect(page.status).toBe(404);
    });

    it('refuses a body larger than the upload limit before it reaches a process', async () => {
      seen.length = 0;
      const res = await request(port, '/api/cases/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(12 * 1024 * 1024),
      });
      expect(res.status).toBe(413);
      expect(seen).toEqual([]);
    });

    it('sends plain HTTP to https, but for the certificate challenge', async () => {
      const res = await request(plainPort, '/track/ABC?x=1', { plain: true });
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('https://jisr.example.ma/track/ABC?x=1');
      expect((await request(plainPort, '/.well-known/acme-challenge/none', { plain: true })).status).toBe(
        404,
      );
    });

    it('keeps answering with one process down, and serves the shell from disk with none', async () => {
      await apps[0]!.close();
      for (let i = 0; i < 4; i++) expect((await request(port, '/api/health')).status).toBe(200);
      await apps[1]!.close();
      expect((await request(port, '/api/health')).status).toBe(502);
      const page = await request(port, '/appointments');
      expect(page.status).toBe(200);
      expect(page.body).toBe(shell);
      expect(page.headers['cache-control']).toBe('no-cache');
    });
  },
);
