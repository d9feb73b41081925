import path from 'node:path';
import { openDatabase } from '../db/client.js';
import { loadConfig } from '../server/config.js';

/** Opens the configured database (PGlite under DATA_DIR, or DATABASE_URL) with migrations applied. */
export async function openConfiguredDatabase() {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'pglite'),
  });
  await database.migrate();
  return { config, database };
}
