/**
 * Papers anyone can verify: each receipt and reply letter the platform issues carries a public code and a QR
 * code to `/verify/<code>`; the sha256 of its final bytes is recorded with an Ed25519 signature of the
 * canonical string (`codes.ts`). The public answers name the body, the date and the tracking number only.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { fail } from '../../server/problems.js';
import { nowOf, type ServiceContext } from '../../server/service-context.js';
import { getInstitution } from '../institutions/service.js';
import {
  canonicalString,
  codeFromBytes,
  displayCode,
  documentCode,
  normalizeCode,
  sha256Hex,
} from './codes.js';
import { activeKey, verifySignature } from './keys.js';
import { type DocumentKind, issuedDocuments } from './schema.js';

/** What a document prints: its code (as displayed) and the address of its public page (for the QR code). */
export type PrintedVerification = { code: string; url: string };

export type IssueInput = {
  kind: DocumentKind;
  caseId: string;
  institutionId: string;
  trackingNumber: string;
  /** Lays the document out with the given code printed on it; the same input gives the same bytes. */
  render: (verification: PrintedVerification) => Promise<Buffer>;
};

const PLACEHOLDER = '0'.repeat(10);

/**
 * Issues a document: its code is a keyed hash of what it is and of its content, so the same paper downloaded
 * again keeps its code and its record; a different content gets a new code. The code is printed before the
 * bytes are hashed; the record holds the final bytes' sha256, signed with the active key.
 */
export async function issueDocument(ctx: ServiceContext, input: IssueInput): Promise<Buffer> {
  return (await issueDocumentWithCode(ctx, input)).pdf;
}

/** `issueDocument`, with what the document prints (its code and page): for a paper printed again elsewhere. */
export async function issueDocumentWithCode(
  ctx: ServiceContext,
  input: IssueInput,
): Promise<{ pdf: Buffer; printed: PrintedVerification }> {
  const printed = (code: string) => ({
    code: displayCode(code),
    url: `${ctx.publicUrl ?? ''}/verify/${code}`,
  });
  const draft = await input.render(printed(PLACEHOLDER));
  let code = documentCode(ctx.secret, `${input.kind}|${input.caseId}`, sha256Hex(draft));
  let pdf = await input.render(printed(code));
  const [known] = await ctx.db.select().from(issuedDocuments).where(eq(issuedDocuments.code, code));
  if (known?.sha256 === sha256Hex(pdf)) return { pdf, printed: printed(code) };
  if (known) {
    // the same content laid out differently (another version of the layout): a code of its own
    code = codeFromBytes(randomBytes(8));
    pdf = await input.render(printed(code));
  }
  const institution = (await getInstitution(ctx.db, input.institutionId))!;
  const key = await activeKey(ctx.db, ctx.secret, nowOf(ctx));
  const facts = {
    code,
    kind: input.kind,
    institutionCode: institution.code,
    trackingNumber: input.trackingNumber,
    issuedAt: nowOf(ctx),
    sha256: sha256Hex(pdf),
  };
  await ctx.db
    .insert(issuedDocuments)
    .values({
      ...facts,
      caseId: input.caseId,
      institutionId: input.institutionId,
      signature: key.sign(canonicalString(facts)),
      keyId: key.id,
    })
    .onConflictDoNothing();
  return { pdf, printed: printed(code) };
}

/** The record of a code (typed in any form), or the `verification-unknown` refusal. */
async function issued(ctx: ServiceContext, typed: string) {
  const code = normalizeCode(typed);
  const [row] = code ? await ctx.db.select().from(issuedDocuments).where(eq(issuedDocuments.code, code)) : [];
  if (!row) throw fail('verification-unknown');
  const institution = (await getInstitution(ctx.db, row.institutionId))!;
  const signed = canonicalString({ ...row, institutionCode: institution.code });
  const authentic = await verifySignature(ctx.db, row.keyId, signed, row.signature);
  return { row, institution, signed, authentic };
}

/** What the public page shows of a document: no personal data, the body and the tracking number only. */
export async function verifyDocument(ctx: ServiceContext, typed: string) {
  const { row, institution, signed, authentic } = await issued(ctx, typed);
  return {
    code: row.code,
    displayCode: displayCode(row.code),
    kind: row.kind,
    institution: {
      code: institution.code,
      nameAr: institution.nameAr,
      nameFr: institution.nameFr,
      nameEn: institution.nameEn,
    },
    issuedAt: row.issuedAt,
    trackingNumber: row.trackingNumber,
    sha256: row.sha256,
    signature: row.signature,
    keyId: row.keyId,
    signed,
    authentic,
  };
}

export type CheckReason = 'matches' | 'altered' | 'signature-invalid';

/** Whether a file (its bytes, or their sha256) is the document issued under the code. */
export async function checkDocument(
  ctx: ServiceContext,
  typed: string,
  file: { bytes: Buffer } | { sha256: string },
): Promise<{ authentic: boolean; reason: CheckReason; sha256: string }> {
  const { row, authentic } = await issued(ctx, typed);
  const sha256 = 'bytes' in file ? sha256Hex(file.bytes) : file.sha256.toLowerCase();
  if (!authentic) return { authentic: false, reason: 'signature-invalid', sha256 };
  if (sha256 !== row.sha256) return { authentic: false, reason: 'altered', sha256 };
  return { authentic: true, reason: 'matches', sha256 };
}
