import { DEMO_PASSWORD } from './demo/people.js';
import { loadConfig } from './server/config.js';
import { DatabaseUnreachable, DemoAccountsInProduction, openPlatform } from './server/platform.js';

const config = loadConfig();
const platform = await openPlatform(config).catch((err: Error) => {
  // a refusal that names its cause in one line, without a stack
  if (err instanceof DemoAccountsInProduction || err instanceof DatabaseUnreachable) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
});
await platform.app.listen({ host: config.HOST, port: config.PORT });

const lines = [
  '',
  `  Jisr is running at ${config.publicUrl}`,
  `  API documentation: ${config.publicUrl}/api/docs`,
  `  Database: ${platform.database.driver === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}/pglite` : 'PostgreSQL (DATABASE_URL)'}`,
];
if (platform.emailIn)
  lines.push(`  E-mail in: SMTP on port ${platform.emailIn.port} for @${config.INBOUND_MAIL_DOMAIN}`);
if (config.NODE_ENV !== 'production') lines.push(`  Development mailbox: ${config.publicUrl}/dev/mailbox`);
if (platform.demo?.length && config.NODE_ENV !== 'production') {
  lines.push('', `  Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of platform.demo)
    lines.push(`    ${a.email.padEnd(28)} ${a.role.padEnd(26)} ${a.institution}`);
}
console.log(lines.join('\n'));

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    platform.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await platform.close();
    process.exit(0);
  });
}
