import path from 'node:path';
import pino from 'pino';
import { openDatabase } from '../db/client.js';
import { loadConfig } from '../server/config.js';
import { startWorker } from './worker.js';

/** The worker alone, for deployments that run it apart from the web process. */
const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL });
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: path.join(config.DATA_DIR, 'pglite'),
});
await database.migrate();
const worker = startWorker(database.db, config, log);
log.info('worker started');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await worker.stop();
    await database.close();
    process.exit(0);
  });
}
