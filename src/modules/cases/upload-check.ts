import type { Executor } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { ByteSize, fail, type ProblemCode } from '../../server/problems.js';
import { recordAudit } from '../audit/service.js';
import { type ClamdOptions, clamdScan } from './clamd.js';
import { checkFile, type FileCheck, sha256Hex } from './files.js';
import { findPdfActiveContent } from './pdf-active-content.js';
import type { ScanStatus } from './schema.js';
import { type UploadQuota, uploadQuotaOf } from './upload-quota.js';

/** The problem for each reason a file's bytes or name are refused. */
const fileProblems = {
  empty: 'file-empty',
  name_unsafe: 'file-name-unsafe',
  type_not_allowed: 'file-type-not-allowed',
  extension_mismatch: 'file-type-not-allowed',
} as const satisfies Record<Extract<FileCheck, { ok: false }>['error'], ProblemCode>;

/** A file as it arrives: its bytes, the name it was sent with, the largest size accepted. */
export type IncomingFile = { bytes: Buffer; name: string; maxBytes: number };
/** A file that passed the checks of its content, ready to store. */
export type CheckedFile = { bytes: Buffer; name: string; mediaType: string };

/**
 * What the platform's settings add to the checks of every paper: the quotas, and the antivirus (clamd) when
 * one is configured, with what to do when it cannot answer (`refuse` the paper, or `hold` it until it can be
 * scanned). Without rules (a script, a test calling a service), neither applies.
 */
export type UploadRules = {
  quota: UploadQuota | null;
  clamd: ClamdOptions | null;
  whenUnavailable: 'refuse' | 'hold';
};

export const noUploadRules: UploadRules = { quota: null, clamd: null, whenUnavailable: 'refuse' };

/** The antivirus of the settings, or null when none is configured. */
export const clamdOf = (c: Config): ClamdOptions | null =>
  c.CLAMAV_HOST ? { host: c.CLAMAV_HOST, port: c.CLAMAV_PORT, timeoutMs: c.CLAMAV_TIMEOUT_MS } : null;

export const uploadRulesOf = (c: Config): UploadRules => ({
  quota: uploadQuotaOf(c),
  clamd: clamdOf(c),
  whenUnavailable: c.CLAMAV_UNAVAILABLE,
});

/** Who sends a paper, for the audit of a refused one and the log (which names no person). */
export type Sender = {
  /** null: a sender with no account (a voice note from a number nobody registered) */
  accountId: string | null;
  /** What the refusal is audited against, when not the sender's account (that voice note's message). */
  entity?: { type: string; id: string };
  requestId: string;
  log?: { warn(o: object, msg: string): void };
};

/**
 * Checks a file's content: size, type from its bytes, name, and no active content in a PDF. Throws the error
 * the sender sees. Shared by every way in.
 */
export async function checkContent(file: IncomingFile): Promise<CheckedFile> {
  if (file.bytes.length > file.maxBytes) throw fail('file-too-large', { limit: new ByteSize(file.maxBytes) });
  const check = await checkFile(file.bytes, file.name);
  if (!check.ok) {
    throw fail(fileProblems[check.error], {}, { reason: check.error });
  }
  if (check.mediaType === 'application/pdf') {
    const pdf = findPdfActiveContent(file.bytes);
    if (pdf.verdict === 'active')
      throw fail('upload-pdf-active', {}, { reason: 'pdf_active', found: pdf.name });
    if (pdf.verdict === 'unchecked') throw fail('upload-pdf-unchecked', {}, { reason: pdf.reason });
  }
  return { bytes: file.bytes, name: check.name, mediaType: check.mediaType };
}

/**
 * Has clamd scan the file when one is configured, and says what the paper is to be stored as: `clean`, or
 * null without an antivirus. Infected: refused (422), audited and logged with the signature's name, never the
 * file's name. clamd unreachable, too slow or failing: with `hold`, `pending` (stored, never served until the
 * worker's scan finds it clean); else refused (503), the sender asked to try again later. Never taken
 * unscanned and served.
 */
export async function scanContent(
  db: Executor,
  file: CheckedFile,
  rules: Pick<UploadRules, 'clamd' | 'whenUnavailable'>,
  who: Sender,
): Promise<ScanStatus | null> {
  if (!rules.clamd) return null;
  const result = await clamdScan(file.bytes, rules.clamd);
  if (result.status === 'clean') return 'clean';
  const facts = { size: file.bytes.length, mediaType: file.mediaType };
  if (result.status === 'unavailable') {
    if (rules.whenUnavailable === 'hold') {
      who.log?.warn({ reason: result.reason, ...facts }, 'antivirus unavailable: paper held until scanned');
      return 'pending';
    }
    who.log?.warn({ reason: result.reason, ...facts }, 'antivirus unavailable: paper refused');
    throw fail('upload-scan-unavailable', {}, { reason: 'scan_unavailable' });
  }
  const data = { signature: result.signature, sha256: sha256Hex(file.bytes), ...facts };
  who.log?.warn(data, 'antivirus found a threat: paper refused');
  await recordAudit(db, {
    actorId: who.accountId,
    action: 'upload.infected',
    entityType: who.entity?.type ?? 'account',
    entityId: who.entity?.id ?? who.accountId,
    requestId: who.requestId,
    data,
  });
  throw fail('upload-infected', {}, { reason: 'infected' });
}
