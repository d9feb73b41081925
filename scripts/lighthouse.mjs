// Lighthouse (mobile, its default simulated throttling: a slow 4G phone) on the citizen portal's home, filing
// and tracking pages; prints the performance and accessibility scores and writes them to a JSON file.
//
//   npm run lighthouse                                 starts the built platform on a fresh demo database
//   npm run lighthouse -- --url=https://jisr.example   measures a running platform instead
//   npm run lighthouse -- --out=lighthouse.json --runs=3 --lang=ar
//
// Chromium is CHROME_PATH (default /usr/bin/chromium). Each page is measured `--runs` times (default 3) and
// the median kept, as Lighthouse's own documentation advises: a single run varies by a few points.
// Plain JavaScript, like the other scripts: it runs the compiled platform (see build-if-needed.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.join('=') || 'true'];
  }),
);
const runs = Number(args.runs ?? 3);
const out = path.resolve(args.out ?? 'test-output/lighthouse.json');
const lang = args.lang ?? 'fr';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The built platform on a throw-away demo database; stopped at the end. */
async function startPlatform() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jisr-lighthouse-'));
  const child = spawn(process.execPath, ['--max-old-space-size=128', 'dist/server/main.js'], {
    cwd: root,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      WORKER: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the platform stopped (exit ${child.exitCode})`);
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop() {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const platform = args.url ? { url: args.url.replace(/\/$/, ''), stop() {} } : await startPlatform();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const bodies = await (await fetch(`${platform.url}/api/institutions`)).json();
  const body = bodies.items.find((b) => b.code === 'AML') ?? bodies.items[0];
  const pages = {
    home: `/?lang=${lang}`,
    filing: `/file/${body.id}?lang=${lang}`,
    tracking: `/track?lang=${lang}`,
  };
  const results = {};
  for (const [name, where] of Object.entries(pages)) {
    const scores = { performance: [], accessibility: [] };
    const metrics = { fcp: [], lcp: [], tbt: [], cls: [] };
    const failed = new Set();
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(`${platform.url}${where}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      scores.performance.push(Math.round(lhr.categories.performance.score * 100));
      scores.accessibility.push(Math.round(lhr.categories.accessibility.score * 100));
      metrics.fcp.push(lhr.audits['first-contentful-paint'].numericValue);
      metrics.lcp.push(lhr.audits['largest-contentful-paint'].numericValue);
      metrics.tbt.push(lhr.audits['total-blocking-time'].numericValue);
      metrics.cls.push(lhr.audits['cumulative-layout-shift'].numericValue);
      for (const [id, a] of Object.entries(lhr.audits))
        if (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative') failed.add(id);
    }
    results[name] = {
      path: where,
      performance: median(scores.performance),
      accessibility: median(scores.accessibility),
      runs: scores,
      firstContentfulPaintMs: Math.round(median(metrics.fcp)),
      largestContentfulPaintMs: Math.round(median(metrics.lcp)),
      totalBlockingTimeMs: Math.round(median(metrics.tbt)),
      cumulativeLayoutShift: Number(median(metrics.cls).toFixed(3)),
      auditsBelow90: [...failed].sort(),
    };
    const r = results[name];
    console.log(
      `${name.padEnd(9)} performance ${String(r.performance).padStart(3)}  accessibility ${String(r.accessibility).padStart(3)}  ` +
        `FCP ${r.firstContentfulPaintMs} ms  LCP ${r.largestContentfulPaintMs} ms  TBT ${r.totalBlockingTimeMs} ms  CLS ${r.cumulativeLayoutShift}` +
        (r.auditsBelow90.length ? `\n          below 0.9: ${r.auditsBelow90.join(', ')}` : ''),
    );
  }
  writeFileSync(
    out,
    `${JSON.stringify({ lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version, formFactor: 'mobile', throttling: 'simulated (default)', runsPerPage: runs, url: args.url ?? 'local demo platform', pages: results }, null, 2)}\n`,
  );
  console.log(`written to ${path.relative(process.cwd(), out)}`);
} finally {
  await chrome.kill();
  platform.stop();
}
