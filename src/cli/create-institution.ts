import { parseArgs } from 'node:util';
import { z } from 'zod';
import { importReferenceData } from '../db/reference-data.js';
import { t } from '../i18n/index.js';
import { createStaffAccount } from '../modules/accounts/service.js';
import { institutionTypes } from '../modules/institutions/schema.js';
import { createInstitution } from '../modules/institutions/service.js';
import { AppError, inLanguage } from '../server/errors.js';
import { emailSchema, passwordSchema, safeText } from '../server/validation.js';
import { openConfiguredDatabase } from './open.js';

const usage = `Usage: npm run create-institution -- --code AML --type commune --territory 09.273.01.05 \\
  --name-ar "جماعة آيت ملول" --name-fr "Commune d'Aït Melloul" --name-en "Aït Melloul commune" \\
  --admin-email admin@example.ma --admin-name "Latifa Ouaziz" --admin-password "…(10+ characters)"

Types: ${institutionTypes.join(', ')}. --territory is a code from the territory list (commune, province or region).`;

const schema = z.object({
  code: z.string().regex(/^[A-Z]{2,8}$/, 'code: 2 to 8 capital letters, used as the tracking-number prefix'),
  type: z.enum(institutionTypes),
  territory: z.string().min(2).max(20),
  'name-ar': safeText(1, 160),
  'name-fr': safeText(1, 160),
  'name-en': safeText(1, 160),
  'admin-email': emailSchema,
  'admin-name': safeText(1, 120),
  'admin-password': passwordSchema,
  parent: z.string().optional(),
});

if (process.argv.includes('--help') || process.argv.length <= 2) {
  console.log(usage);
  process.exit(0);
}

const { values } = parseArgs({
  options: Object.fromEntries(Object.keys(schema.shape).map((k) => [k, { type: 'string' as const }])),
  strict: true,
});
const parsed = schema.safeParse(values);
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
  console.error(`\n${usage}`);
  process.exit(2);
}
const a = parsed.data;
const { database } = await openConfiguredDatabase();
try {
  await importReferenceData(database.db);
  const result = await database.db.transaction(async (tx) => {
    const inst = await createInstitution(
      tx,
      {
        code: a.code,
        type: a.type,
        territoryCode: a.territory,
        nameAr: a['name-ar'],
        nameFr: a['name-fr'],
        nameEn: a['name-en'],
      },
      null,
      'cli',
    );
    const adminId = await createStaffAccount(
      tx,
      {
        email: a['admin-email'],
        password: a['admin-password'],
        displayName: a['admin-name'],
        language: 'fr',
        memberships: [{ institutionId: inst.id, role: 'institution_admin' }],
      },
      null,
      'cli',
    );
    return { inst, adminId };
  });
  console.log(
    `Created ${result.inst.code} (${result.inst.nameFr}), id ${result.inst.id}; admin ${a['admin-email']} (${result.adminId}).`,
  );
} catch (err) {
  if (err instanceof AppError) {
    console.error(t('en', err.key, inLanguage(err.params, 'en')));
    process.exitCode = 1;
  } else throw err;
} finally {
  await database.close();
}
