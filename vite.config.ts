import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the build, compressed once at the
 * highest level, so the server sends them as they are to browsers that accept them (see server/web.ts). It
 * compresses in the folder the build wrote to (`dist/web`, or the one given with `--outDir`).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'jisr-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> =>
        (await readdir(dir, { withFileTypes: true })).flatMap((e) =>
          e.isDirectory() ? [] : [path.join(dir, e.name)],
        );
      const dirs = [outDir, path.join(outDir, 'assets')];
      const files = (await Promise.all(dirs.map(walk)))
        .flat()
        .filter((f) => /\.(js|css|svg|webmanifest|html)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const bytes = await readFile(f);
          if (bytes.length < 1024) return;
          await writeFile(
            `${f}.br`,
            await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
          await writeFile(`${f}.gz`, await gz(bytes, { level: 9 }));
        }),
      );
    },
  };
}

const outDir = path.resolve(import.meta.dirname, 'dist/web');

/** The web app (citizen portal), built into dist/web and served by the API server. */
export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    // read by the server to announce a page's own code in its head (server/web-hints.ts)
    manifest: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
      '/dev': 'http://127.0.0.1:3000',
    },
  },
});
