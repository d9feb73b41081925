import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The platform's own folder, the one holding its package.json, where `drizzle/` (the migrations),
 * `reference-data/` and the built web app (`dist/web`) are: found by going up from this file, so the same
 * answer comes whether the server runs from its sources (`src/`, tests and development) or compiled
 * (`dist/server`, production).
 */
export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json in ${start} or any folder above it`);
  }
}
