import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Database, openDatabase } from '../db/client.js';
import { describeConnectionError } from '../db/connect-errors.js';
import { importReferenceData } from '../db/reference-data.js';
import type { DemoAccount } from '../demo/people.js';
import { seedDemo } from '../demo/seed.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import { countActiveDemoAccounts } from '../modules/accounts/service.js';
import { type EmailIn, startEmailIn } from '../modules/email-in/listener.js';
import { buildApp } from './app.js';
import type { Config } from './config.js';

export type Platform = {
  app: FastifyInstance;
  database: Database;
  worker: Worker | null;
  demo: DemoAccount[] | null;
  /** The SMTP listener of e-mail in, when INBOUND_SMTP_PORT is set. */
  emailIn: EmailIn | null;
  close(): Promise<void>;
};

/** A production start on a database that holds demo accounts, whose password is published. */
export class DemoAccountsInProduction extends Error {
  constructor(readonly count: number) {
    super(
      `Refusing to start in production: the database holds ${count} demo account(s), whose password is published. ` +
        'Start on a new database (demo data is never seeded in production), or, for a public demonstration ' +
        'server only, set ALLOW_DEMO_ACCOUNTS=true.',
    );
    this.name = 'DemoAccountsInProduction';
  }
}

/** The database could not be reached within DATABASE_WAIT_SECONDS; the message names the cause in one line. */
export class DatabaseUnreachable extends Error {
  constructor(reason: string) {
    super(`Cannot start: ${reason}.`);
    this.name = 'DatabaseUnreachable';
  }
}

/** A server that is not up yet (the platform started before PostgreSQL) is waited for, with backoff. */
async function waitForDatabase(database: Database, config: Config) {
  const url = config.DATABASE_URL!;
  const deadline = Date.now() + config.DATABASE_WAIT_SECONDS * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.db.execute(sql`select 1`);
      return;
    } catch (err) {
      const reason = describeConnectionError(err, url);
      const wait = Math.min(500 * 2 ** (attempt - 1), 10_000);
      if (Date.now() + wait > deadline) {
        await database.close().catch(() => {});
        throw new DatabaseUnreachable(reason);
      }
      console.error(`Waiting for the database: ${reason}; trying again in ${Math.round(wait / 1000)} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Opens the database, applies migrations and reference data, seeds the demo, and composes the app. */
export async function openPlatform(config: Config): Promise<Platform> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'pglite'),
  });
  if (config.DATABASE_URL) await waitForDatabase(database, config);
  await database.migrate();
  await importReferenceData(database.db);
  const demo = config.SEED_DEMO ? await seedDemo(database.db, config.secret, config.publicUrl) : null;
  if (config.NODE_ENV === 'production' && !config.ALLOW_DEMO_ACCOUNTS) {
    const n = await countActiveDemoAccounts(database.db);
    if (n > 0) {
      await database.close();
      throw new DemoAccountsInProduction(n);
    }
  }
  const app = await buildApp(config, database);
  // the worker keeps the papers in the app's store
  const worker = config.WORKER
    ? startWorker(database.db, config, app.log, undefined, { files: app.deps.files })
    : null;
  // e-mail in: citizens' replies and bodies' intake addresses, when a port is set
  const emailIn =
    config.INBOUND_SMTP_PORT === undefined
      ? null
      : await startEmailIn(
          { db: database.db, config, files: app.deps.files, counters: app.deps.counters, log: app.log },
          { port: config.INBOUND_SMTP_PORT, host: config.INBOUND_SMTP_HOST ?? config.HOST },
        ).catch(async (err) => {
          await worker?.stop();
          await app.close();
          await database.close();
          throw err;
        });
  return {
    app,
    database,
    worker,
    demo,
    emailIn,
    async close() {
      await emailIn?.close();
      await app.close();
      await worker?.stop();
      await database.close();
    },
  };
}
