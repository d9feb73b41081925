/**
 * Papers anyone can verify: the receipt and the reply letter carry a public code; its page names the body,
 * the date and the tracking number, with the document's sha256 signed by the platform's Ed25519 key, which
 * anyone can check offline with the key listed at the well-known address.
 */
import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { rotateKey } from '../src/modules/verification/keys.js';
import {
  actOn,
  Client,
  fileComplaintAtAml,
  signedIn,
  testDatabases,
  usePlatform,
} from './support/platform.js';

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Verified = {
  code: string;
  kind: string;
  institution: { code: string; nameAr: string; nameFr: string; nameEn: string };
  issuedAt: string;
  trackingNumber: string;
  sha256: string;
  signature: string;
  keyId: string;
  signed: string;
  authentic: boolean;
};
type Keys = {
  keys: { id: string; algorithm: string; publicKey: string; publicKeyPem: string; retired: string | null }[];
};

describe.each(testDatabases())('verifiable papers on %s', (kind) => {
  const p = usePlatform(kind, { env: { PUBLIC_URL: 'https://jisr.example.ma', TRACK_RATE_LIMIT: '1000' } });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-verify-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The text of a PDF, on one line. */
  const textOf = async (pdf: Buffer, name: string) => {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, pdf);
    await run('pdftotext', ['-layout', file, path.join(dir, `${name}.txt`)]);
    return (await readFile(path.join(dir, `${name}.txt`), 'utf8')).replace(/\s+/g, ' ');
  };
  const printedCode = (text: string) =>
    /Code de vérification : ([0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{3})/.exec(text)?.[1];
  const anyone = () => new Client(p.app, 'fr');

  /** Checks a signature as a third party would: the canonical string rebuilt, the key from the well-known list. */
  async function verifiesOffline(v: Verified) {
    const keys = (await anyone().get('/.well-known/jisr-keys.json')).json() as Keys;
    const key = keys.keys.find((k) => k.id === v.keyId)!;
    expect(key.algorithm).toBe('Ed25519');
    const canonical = [
      'jisr-document-v1',
      v.code,
      v.kind,
      v.institution.code,
      v.trackingNumber,
      v.issuedAt,
      v.sha256,
    ].join('|');
    expect(v.signed).toBe(canonical);
    // the raw key (base64) and its PEM are the same key
    const raw = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey, 'base64').toString('base64url') },
      format: 'jwk',
    });
    const pem = createPublicKey(key.publicKeyPem);
    const sig = Buffer.from(v.signature, 'base64');
    expect(verify(null, Buffer.from(canonical), pem, sig)).toBe(true);
    expect(verify(null, Buffer.from(canonical), raw, sig)).toBe(true);
    // and the id is the key's fingerprint
    expect(createHash('sha256').update(Buffer.from(key.publicKey, 'base64')).digest('hex').slice(0, 16)).toBe(
      key.id,
    );
    return keys;
  }

  let receipt: { code: string; pdf: Buffer; trackingNumber: string; keyId: string };

  it('prints a code on the receipt, whose page answers authentic with the body and the number only', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'Certificat de résidence introuvable',
      description: 'Ma demande de certificat de résidence est restée sans suite.',
    });
    const res = await fatima.post(`/api/cases/${made.id}/receipt.pdf`, { accessCode: made.accessCode });
    expect(res.statusCode).toBe(200);
    const text = await textOf(res.rawPayload, 'receipt');
    const code = printedCode(text)!;
    expect(code, text).toBeTruthy();
    // on the Arabic page and the French one, with the address of its page
    expect(text.split(code).length - 1).toBe(2);
    const page = `https://jisr.example.ma/verify/${code.replaceAll('-', '')}`;
    expect(text.split(page).length - 1).toBe(2);

    // the same paper downloaded again: the same bytes, the same code
    const again = await fatima.post(`/api/cases/${made.id}/receipt.pdf`, { accessCode: made.accessCode });
    expect(sha256(again.rawPayload)).toBe(sha256(res.rawPayload));
    // another content (no secret code printed): another code
    const without = await fatima.post(`/api/cases/${made.id}/receipt.pdf`, {});
    expect(printedCode(await textOf(without.rawPayload, 'without'))).not.toBe(code);

    const answer = await anyone().get(`/api/verify/${code}`);
    expect(answer.statusCode).toBe(200);
    const v = answer.json() as Verified;
    expect(v).toMatchObject({
      code: code.replaceAll('-', ''),
      kind: 'receipt',
      trackingNumber: made.trackingNumber,
      sha256: sha256(res.rawPayload),
      authentic: true,
      institution: { code: 'AML' },
    });
    expect(v.institution.nameFr).toMatch(/Melloul/);
    // typed in lower case, without dashes, with O for 0: the same document
    const typed = code.replaceAll('-', '').toLowerCase().replaceAll('0', 'o');
    expect((await anyone().get(`/api/verify/${typed}`)).json().code).toBe(v.code);
    // nothing personal: no name, subject, e-mail or secret code
    for (const secret of ['Fatima', 'fatima', 'résidence', made.accessCode, made.id])
      expect(answer.body).not.toContain(secret);
    await verifiesOffline(v);
    receipt = { code, pdf: res.rawPayload, trackingNumber: made.trackingNumber, keyId: v.keyId };
  });

  it('tells the same bytes from altered ones, by file or by sha256', async () => {
    const same = await anyone().upload(`/api/verify/${receipt.code}/check`, 'receipt.pdf', receipt.pdf, {
      type: 'application/pdf',
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ authentic: true, reason: 'matches', sha256: sha256(receipt.pdf) });
    const altered = Buffer.from(receipt.pdf);
    altered[Math.floor(altered.length / 2)]! ^= 1;
    const changed = await anyone().upload(`/api/verify/${receipt.code}/check`, 'receipt.pdf', altered, {
      type: 'application/pdf',
    });
    expect(changed.json()).toMatchObject({ authentic: false, reason: 'altered' });
    const byHash = await anyone().post(`/api/verify/${receipt.code}/check`, { sha256: sha256(receipt.pdf) });
    expect(byHash.json()).toMatchObject({ authentic: true, reason: 'matches' });
  });

  it('answers an unknown code with a translated 404', async () => {
    for (const code of ['ZZZ-ZZZZ-ZZZ', 'not-a-code']) {
      const res = await new Client(p.app, 'ar').get(`/api/verify/${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/verification-unknown',
        detail: t('ar', 'error.verification.unknown'),
      });
    }
    const check = await anyone().post('/api/verify/ZZZZZZZZZZ/check', { sha256: sha256(receipt.pdf) });
    expect(check.statusCode).toBe(404);
  });

  it('after a key rotation, old papers still verify and new ones use the new key', async () => {
    const { id, retired } = await rotateKey(p.database.db, p.config.secret);
    expect(retired).toEqual([receipt.keyId]);
    const old = (await anyone().get(`/api/verify/${receipt.code}`)).json() as Verified;
    expect(old).toMatchObject({ authentic: true, keyId: receipt.keyId });
    const keys = await verifiesOffline(old);
    expect(keys.keys.find((k) => k.id === receipt.keyId)!.retired).not.toBeNull();
    expect(keys.keys.find((k) => k.id === id)!.retired).toBeNull();

    // a reply letter issued now: signed with the new key
    const youssef = await signedIn(p.app, 'youssef@example.es', 'fr');
    const made = await fileComplaintAtAml(youssef, {
      subject: 'Taxe réclamée deux fois',
      description: 'La commune me réclame deux fois la même taxe pour 2025.',
      language: 'fr',
    });
    await actOn(await signedIn(p.app, 'accueil@aml.demo'), made.id, [['acknowledge']]);
    await actOn(await signedIn(p.app, 'chef@aml.demo'), made.id, [
      ['start'],
      ['submit_reply', 'Le second avis a été annulé ; aucune somme ne vous est due.'],
      ['approve_reply'],
    ]);
    const letter = await youssef.get(`/api/cases/${made.id}/reply.pdf`);
    expect(letter.statusCode).toBe(200);
    const code = printedCode(await textOf(letter.rawPayload, 'reply'))!;
    expect(code).toBeTruthy();
    const v = (await anyone().get(`/api/verify/${code}`)).json() as Verified;
    expect(v).toMatchObject({
      kind: 'reply_letter',
      keyId: id,
      authentic: true,
      sha256: sha256(letter.rawPayload),
    });
    expect(v.keyId).not.toBe(receipt.keyId);
    await verifiesOffline(v);
  });
});

describe('the verification page’s rate limit', () => {
  const p = usePlatform('pglite', { env: { TRACK_RATE_LIMIT: '3' } });
  it('refuses a fourth look in the minute', async () => {
    const c = new Client(p.app, 'fr');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.get('/api/verify/ZZZZZZZZZZ')).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
