import { rotateKey } from '../modules/verification/keys.js';
import { openConfiguredDatabase } from './open.js';

const usage = `Usage: npm run keys:rotate

Retires the platform's active signing key (Ed25519) and makes a new one: papers issued from now on are signed
with the new key; those issued before keep their signature and still verify, since every key, retired or not,
stays listed at /.well-known/jisr-keys.json. The private key is kept in the database, sealed with SECRET: run
it with the platform's own SECRET.`;

if (process.argv.includes('--help')) {
  console.log(usage);
  process.exit(0);
}
if (process.argv.length > 2) {
  console.error(usage);
  process.exit(2);
}
const { config, database } = await openConfiguredDatabase();
try {
  const { id, retired } = await rotateKey(database.db, config.secret);
  console.log(`New signing key ${id}${retired.length ? `; retired ${retired.join(', ')}` : ''}.`);
} finally {
  await database.close();
}
