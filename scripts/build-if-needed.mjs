// Runs before `npm start`, `npm run worker` and the command-line tools, which all run the compiled platform
// (dist/server, and the web app in dist/web). It builds them when they are missing or older than the sources,
// if the build tools are installed; after a production install (`npm ci --omit=dev`) they are not, and it
// runs what was built, or stops in one line when nothing was.
// Plain JavaScript on purpose: it runs where TypeScript and its loaders are not installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

const outputs = [at('dist', 'server', 'main.js'), at('dist', 'web', 'index.html')];
// (not package-lock.json: `npm install` writes it again each time, changed or not)
const inputs = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts'].map((f) => at(f));

/** The newest modification time of a file or of any file under a folder but tests; 0 when it does not exist. */
function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(file)) {
    if (!entry.endsWith('.test.ts')) latest = Math.max(latest, newest(path.join(file, entry)));
  }
  return latest;
}

const built = outputs.every((f) => existsSync(f));
const sources = [at('src'), ...inputs];
const stale =
  built && Math.max(...sources.map(newest)) > Math.min(...outputs.map((f) => statSync(f).mtimeMs));
const canBuild = ['vite', 'typescript'].every((p) => existsSync(at('node_modules', p, 'package.json')));

if (built && !stale) process.exit(0);
if (!canBuild) {
  if (built) {
    console.warn(
      'Jisr: the build in dist/ is older than the sources; run `npm run build` to bring it up to date.',
    );
    process.exit(0);
  }
  console.error(
    'Jisr is not built: run `npm run build` with the development dependencies installed (`npm ci`), then start again.',
  );
  process.exit(1);
}
console.log(
  built ? 'Jisr: the sources changed, building again…' : 'Jisr: building the web app and the server…',
);
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: true });
process.exit(result.status ?? 1);
