import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { listStaff } from '../src/modules/accounts/service.js';
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
