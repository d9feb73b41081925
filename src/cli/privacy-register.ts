import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isLang } from '../i18n/index.js';
import { configFacts, databaseFacts } from '../modules/audit/register-facts.js';
import { writeRegister } from '../modules/audit/register-markdown.js';
import { loadConfig } from '../server/config.js';
import { currentTime } from '../shared/clock.js';
import { openConfiguredDatabase } from './open.js';

const usage = `Usage: npm run privacy-register -- [--lang fr|ar|en] [--institution AML] [--out register.md] [--defaults]

Writes the register of the processing of personal data (law 09-08) as Markdown, for the body's declaration to
the CNDP: every column holding personal data, its purpose, legal basis, retention and recipients, the
transfers abroad and the security measures. In French unless --lang says otherwise; on standard output unless
--out names a file. The retention periods come from the database (DATABASE_URL, or the embedded one under
DATA_DIR, which the platform must not be using at the same time); --defaults, or no database, shows the
platform's defaults. --institution keeps one body's periods only.`;

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'fr' },
    institution: { type: 'string' },
    out: { type: 'string' },
    defaults: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!isLang(values.lang)) {
  console.error(`--lang: one of ar, fr, en\n\n${usage}`);
  process.exit(2);
}
const lang = values.lang;
const config = loadConfig();
let facts = configFacts(config, currentTime());
const hasDatabase = !!config.DATABASE_URL || existsSync(path.join(config.DATA_DIR, 'pglite'));
if (values.institution && (values.defaults || !hasDatabase)) {
  console.error('--institution: a body’s periods are read from the database; none is read here.');
  process.exit(2);
}
if (!values.defaults && hasDatabase) {
  const { database } = await openConfiguredDatabase();
  try {
    facts = await databaseFacts(database.db, facts, values.institution);
  } finally {
    await database.close();
  }
  if (values.institution && !facts.bodies?.length) {
    console.error(`--institution: no body has the code ${values.institution}.`);
    process.exit(2);
  }
}
const markdown = writeRegister(facts, lang);
if (values.out) {
  await writeFile(values.out, markdown);
  console.log(`Register written to ${values.out}.`);
} else process.stdout.write(markdown);
