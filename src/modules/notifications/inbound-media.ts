/**
 * The voice notes that arrive by WhatsApp: fetched from the provider (the message itself only names the
 * file), checked like every paper (type from the bytes, size, antivirus), stored, and attached to the case
 * the message joined — or kept with the message while it waits at the reception desk, attached to the case
 * the desk makes of it. A fetch that fails for a while is tried again by the worker; one the provider or our
 * checks refuse is marked, with why, and the message stays as it came.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { AppError } from '../../server/problems.js';
import { recordAttachments, storeChecked } from '../cases/attachments.js';
import { allowedMediaTypes, isAudio } from '../cases/files.js';
import { cases } from '../cases/schema.js';
import { checkContent, scanContent, type UploadRules } from '../cases/upload-check.js';
import type { BlobStore } from '../storage/blob-store.js';
import { fetchWhatsappMedia, MediaRefused } from './providers.js';
import { inboundMessages } from './schema.js';

/** The largest voice note kept: WhatsApp's own limit for audio. */
export const VOICE_MAX_BYTES = 16 * 1024 * 1024;
/** Tries before a voice note that cannot be fetched is marked `failed`. */
export const MEDIA_MAX_ATTEMPTS = 5;

export type MediaDeps = {
  files: BlobStore;
  rules: UploadRules;
  fetch: (mediaId: string, maxBytes: number) => Promise<{ bytes: Buffer; mimeType: string | null }>;
  log?: { warn(o: object, msg: string): void };
};

/** How to fetch voice notes with this configuration: through the Cloud API, or not at all. */
export function mediaDepsOf(
  config: Config,
  files: BlobStore,
  rules: UploadRules,
  log?: MediaDeps['log'],
): MediaDeps | null {
  if (config.WHATSAPP_PROVIDER !== 'cloud' || !config.WHATSAPP_ACCESS_TOKEN) return null;
  const api = { apiUrl: config.WHATSAPP_API_URL, accessToken: config.WHATSAPP_ACCESS_TOKEN };
  return { files, rules, log, fetch: (id, max) => fetchWhatsappMedia(api, id, max) };
}

type Row = typeof inboundMessages.$inferSelect;

/**
 * Fetches, checks and keeps the voice note of one message still `pending`. Refused (type, size, the
 * provider's 4xx, a virus): marked `refused` with the reason. Failing otherwise: counted, left to the worker,
 * `failed` after the last try.
 */
export async function fetchInboundMedia(db: Db, deps: MediaDeps, messageId: string, requestId: string) {
  const [row] = await db.select().from(inboundMessages).where(eq(inboundMessages.id, messageId));
  if (!row?.mediaId || row.mediaStatus !== 'pending') return row?.mediaStatus ?? null;
  const mark = async (set: Partial<Row>) => {
    await db
      .update(inboundMessages)
      .set(set)
      .where(and(eq(inboundMessages.id, row.id), eq(inboundMessages.mediaStatus, 'pending')));
    return set.mediaStatus ?? 'pending';
  };
  let stored: Awaited<ReturnType<typeof storeChecked>>;
  try {
    const got = await deps.fetch(row.mediaId, VOICE_MAX_BYTES);
    const checked = await checkContent({
      bytes: got.bytes,
      name: 'whatsapp-voice',
      maxBytes: VOICE_MAX_BYTES,
    });
    if (!isAudio(checked.mediaType)) return mark({ mediaStatus: 'refused', mediaError: 'not audio' });
    const ext = allowedMediaTypes[checked.mediaType]![0];
    const named = { ...checked, name: `whatsapp-voice-${row.receivedAt.toISOString().slice(0, 10)}.${ext}` };
    const who = { accountId: row.accountId, entity: { type: 'inbound_message', id: row.id }, requestId };
    const scan = await scanContent(db, named, deps.rules, { ...who, log: deps.log });
    stored = await storeChecked(deps.files, named, scan);
  } catch (err) {
    if (err instanceof MediaRefused || (err instanceof AppError && err.status < 500))
      return mark({ mediaStatus: 'refused', mediaError: refusal(err) });
    const attempts = row.mediaAttempts + 1;
    deps.log?.warn({ err, messageId: row.id, attempts }, 'voice note could not be fetched');
    return mark({
      mediaAttempts: attempts,
      mediaError: String((err as Error).message).slice(0, 300),
      ...(attempts >= MEDIA_MAX_ATTEMPTS && { mediaStatus: 'failed' as const }),
    });
  }
  return db.transaction(async (tx) => {
    // the message may have joined a case meanwhile (the desk made one of it): locked, read again
    const [now] = await tx
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.id, row.id), eq(inboundMessages.mediaStatus, 'pending')))
      .for('update');
    if (!now) return null;
    await tx
      .update(inboundMessages)
      .set({
        mediaStatus: 'stored',
        mediaError: null,
        mediaSha256: stored.sha256,
        mediaSize: stored.size,
        mediaType: stored.mediaType,
        mediaScanStatus: stored.scanStatus,
      })
      .where(eq(inboundMessages.id, row.id));
    if (now.caseId && now.accountId)
      await attachMessageMedia(tx, { ...now, mediaStatus: 'stored', ...fileColumns(stored) }, requestId);
    return 'stored' as const;
  });
}

const fileColumns = (f: Awaited<ReturnType<typeof storeChecked>>) => ({
  mediaSha256: f.sha256,
  mediaSize: f.size,
  mediaType: f.mediaType,
  mediaScanStatus: f.scanStatus as Row['mediaScanStatus'],
});

/** Why a voice note was refused, in words for the staff's log (no personal data). */
function refusal(err: unknown): string {
  if (err instanceof AppError) return err.code;
  return String((err as Error).message).slice(0, 300);
}

/**
 * Attaches a message's stored voice note to its case (once): the attachment is the citizen's, as if they had
 * sent it from the portal, with its timeline step and audit entry.
 */
export async function attachMessageMedia(tx: Executor, m: Row, requestId: string) {
  if (m.mediaStatus !== 'stored' || m.attachmentId || !m.caseId || !m.accountId || !m.mediaSha256) return;
  const [c] = await tx
    .select({ institutionId: cases.institutionId })
    .from(cases)
    .where(eq(cases.id, m.caseId));
  if (!c) return;
  const [added] = await recordAttachments(
    tx,
    { caseId: m.caseId, institutionId: c.institutionId, actorId: m.accountId, requestId },
    [
      {
        sha256: m.mediaSha256,
        size: m.mediaSize ?? 0,
        mediaType: m.mediaType ?? 'application/octet-stream',
        name: `whatsapp-voice-${m.receivedAt.toISOString().slice(0, 10)}.${allowedMediaTypes[m.mediaType ?? '']?.[0] ?? 'bin'}`,
        scanStatus: m.mediaScanStatus ?? null,
      },
    ],
  );
  await tx.update(inboundMessages).set({ attachmentId: added!.id }).where(eq(inboundMessages.id, m.id));
}

/** The worker's pass: tries again the voice notes still to fetch, oldest first, a batch at a time. */
export async function retryInboundMedia(db: Db, deps: MediaDeps, now: Date, limit = 20) {
  // not the ones arriving right now (their webhook is fetching them)
  const rows = await db
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.mediaStatus, 'pending'),
        lt(inboundMessages.receivedAt, new Date(now.getTime() - 60_000)),
      ),
    )
    .orderBy(asc(inboundMessages.receivedAt))
    .limit(limit);
  for (const r of rows) await fetchInboundMedia(db, deps, r.id, 'worker');
  return rows.length;
}
