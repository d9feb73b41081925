import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Database, openDatabase } from '../db/client.js';
import { type DemoAccount, seedDemo } from '../db/demo-seed.js';
import { importReferenceData } from '../db/reference-data.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import { buildApp } from './app.js';
import type { Config } from './config.js';

export type Platform = {
  app: FastifyInstance;
  database: Database;
  worker: Worker | null;
  demo: DemoAccount[] | null;
  close(): Promise<void>;
};

/** Opens the database, applies migrations and reference data, seeds the demo, and composes the app. */
export async function openPlatform(config: Config): Promise<Platform> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'pglite'),
  });
  await database.migrate();
  await importReferenceData(database.db);
  const demo = config.SEED_DEMO ? await seedDemo(database.db, config.secret) : null;
  const app = await buildApp(config, database);
  const worker = config.WORKER ? startWorker(database.db, config, app.log) : null;
  return {
    app,
    database,
    worker,
    demo,
    async close() {
      await app.close();
      await worker?.stop();
      await database.close();
    },
  };
}
