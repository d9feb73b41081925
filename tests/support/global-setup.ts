import type { TestProject } from 'vitest/node';
import { buildTemplates, type DbTemplates, dropTemplates, testDatabases } from './templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplates: DbTemplates;
  }
}

// The api and e2e tiers both ask for the templates; they are built once for the run and dropped after the last.
const shared = globalThis as { jisrTemplates?: { ready: Promise<DbTemplates>; users: number } };

/** Once per run, before any database test: the seeded template databases every test file copies. */
export default async function setup(project: TestProject) {
  shared.jisrTemplates ??= { ready: buildTemplates(testDatabases()), users: 0 };
  const entry = shared.jisrTemplates;
  entry.users++;
  project.provide('dbTemplates', await entry.ready);
  return async () => {
    if (--entry.users > 0) return;
    shared.jisrTemplates = undefined;
    await dropTemplates(await entry.ready);
  };
}
