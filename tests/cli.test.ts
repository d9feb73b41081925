import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { listStaff } from '../src/modules/accounts/service.js';
import { caseCategories, institutionCategorySettings } from '../src/modules/catalog/schema.js';
import { getInstitutionByCode } from '../src/modules/institutions/service.js';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

describe('command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const env = () => ({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' });
  const args = [
    'src/cli/create-institution.ts',
    '--code',
    'TZN',
    '--type',
    'commune',
    '--territory',
    '09.581.01.05',
    '--name-ar',
    'جماعة تيزنيت',
    '--name-fr',
    'Commune de Tiznit',
    '--name-en',
    'Tiznit commune',
    '--admin-email',
    'Admin@Tiznit.example.ma',
    '--admin-name',
    'Admin Tiznit',
    '--admin-password',
    'motdepasse-solide',
  ];

  it('creates an institution and its first admin, then refuses the same code twice', async () => {
    const first = await run(tsx, args, { env: env() });
    expect(first.stdout).toMatch(/^Created TZN \(Commune de Tiznit\)/);
    const second = await run(tsx, args, { env: env() }).catch((e) => e);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('An institution already uses this code.');
    const db = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    const inst = await getInstitutionByCode(db.db, 'TZN');
    expect(inst).toMatchObject({
      type: 'commune',
      provinceCode: '09.581',
      regionCode: '09',
      nameAr: 'جماعة تيزنيت',
    });
    expect(await listStaff(db.db, inst!.id)).toEqual([
      expect.objectContaining({ email: 'admin@tiznit.example.ma', role: 'institution_admin' }),
    ]);
    await db.close();
  }, 60_000);

  it('writes the processing register, with the periods a body set in the database', async () => {
    const db = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    const inst = await getInstitutionByCode(db.db, 'TZN');
    const [category] = await db.db
      .select()
      .from(caseCategories)
      .where(eq(caseCategories.code, 'complaint-accueil'));
    await db.db
      .insert(institutionCategorySettings)
      .values({ institutionId: inst!.id, categoryId: category!.id, retentionMonths: 24 });
    await db.close();
    const en = await run(tsx, ['src/cli/privacy-register.ts', '--lang', 'en', '--institution', 'TZN'], {
      env: { ...env(), RETENTION_MONTHS: '72', SMTP_URL: 'smtp://jisr:s3cret-pass@mail.example.ma:587' },
    });
    for (const heading of [
      '# Register of the processing of personal data',
      '## 1. Controller',
      '## 2. Processings',
      '## 3. Personal data, table by table',
      '## 4. Retention periods',
      '## 5. Recipients',
      '## 6. Transfers abroad',
      '## 7. Security measures',
    ])
      expect(en.stdout).toContain(heading);
    expect(en.stdout).toContain('`citizen_profiles.cin`');
    expect(en.stdout).toContain('**72 months**');
    expect(en.stdout).toContain('| `TZN` Tiznit commune | Reception and behaviour | 24 |');
    expect(en.stdout).toContain('`mail.example.ma`');
    expect(en.stdout).not.toContain('s3cret-pass');
    // French by default, into a file; --defaults reads no database
    const out = path.join(dir, 'registre.md');
    await run(tsx, ['src/cli/privacy-register.ts', '--defaults', '--out', out], { env: env() });
    const fr = await readFile(out, 'utf8');
    expect(fr).toContain('# Registre des traitements de données à caractère personnel');
    expect(fr).toContain('`citizen_profiles.cin`');
    expect(fr).toContain('Aucune base de données n’a été lue');
    const unknown = await run(tsx, ['src/cli/privacy-register.ts', '--institution', 'XYZ'], {
      env: env(),
    }).catch((e) => e);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--institution');
  }, 60_000);

  it('explains what is wrong with the arguments', async () => {
    const bad = await run(tsx, ['src/cli/create-institution.ts', '--code', 'tz', '--type', 'school'], {
      env: env(),
    }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--code');
    expect(bad.stderr).toContain('--type');
    expect(bad.stderr).toContain('Usage: npm run create-institution');
  }, 60_000);
});
