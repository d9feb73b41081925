/**
 * A body's API keys: made by its administrator (the key shown once, kept as a keyed hash), listed with their
 * last use, revoked at once. And the check every request made with a key goes through: the key is known and
 * live, it has the scope, it is within its rate; each use is audited and dated.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import {
  adminChange,
  audit,
  nowOf,
  requireAdmin,
  type ServiceContext,
} from '../../server/service-context.js';
import { currentTime } from '../../shared/clock.js';
import { hmac, safeEqual } from '../accounts/passwords.js';
import { recordAudit } from '../audit/service.js';
import { limitBy } from '../limits/limit-by.js';
import { type ApiKeyScope, apiKeys } from './schema.js';

/** Lower-case letters and digits a key is written with (no look-alikes: no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const randomWord = (n: number) => Array.from(randomBytes(n), (b) => ALPHABET[b % ALPHABET.length]).join('');

/** `jisr_<8 letters>_<32 letters>`: the first part names the key in lists and logs, the whole is the secret. */
export const KEY_PATTERN = /^jisr_([a-z2-9]{8})_([a-z2-9]{32})$/;

const keyHash = (secret: string, key: string) => hmac(secret, `api-key:${key}`);

/** A key as its administrator sees it: never the key itself. */
const listed = {
  id: apiKeys.id,
  label: apiKeys.label,
  scopes: apiKeys.scopes,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};
type ListedKey = {
  id: string;
  label: string;
  scopes: ApiKeyScope[];
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const present = (k: ListedKey) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** The body's keys, newest first, revoked ones included (greyed out by the page). */
export async function apiKeysOf(ctx: ServiceContext, institutionId: string) {
  requireAdmin(ctx, institutionId);
  const rows = await ctx.db
    .select(listed)
    .from(apiKeys)
    .where(eq(apiKeys.institutionId, institutionId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(present);
}

/** Makes a key; the answer is the only time the key itself is shown. */
export async function createApiKey(
  ctx: ServiceContext,
  institutionId: string,
  input: { label: string; scopes: ApiKeyScope[] },
) {
  const prefix = `jisr_${randomWord(8)}`;
  const key = `${prefix}_${randomWord(32)}`;
  return adminChange(ctx, institutionId, async (tx, actorId) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        institutionId,
        label: input.label,
        scopes: [...new Set(input.scopes)],
        prefix,
        secretHash: keyHash(ctx.secret, key),
        createdBy: actorId,
        createdAt: nowOf(ctx),
      })
      .returning(listed);
    await audit(tx, ctx, {
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: row!.id,
      institutionId,
      data: { prefix, scopes: row!.scopes },
    });
    return { key: present(row!), secret: key };
  });
}

/** Revokes a key at once: the next request made with it is refused. */
export async function revokeApiKey(ctx: ServiceContext, institutionId: string, keyId: string) {
  return adminChange(ctx, institutionId, async (tx, actorId) => {
    const [current] = await tx
      .select(listed)
      .from(apiKeys)
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.institutionId, institutionId)));
    if (!current) throw notFound();
    if (current.revokedAt) throw fail('api-key-revoked');
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: nowOf(ctx), revokedBy: actorId })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning(listed);
    await audit(tx, ctx, {
      action: 'api_key.revoke',
      entityType: 'api_key',
      entityId: keyId,
      institutionId,
      data: { prefix: current.prefix },
    });
    return present(row!);
  });
}

/** The key a request was made with: `Authorization: Bearer <key>`, or `X-Api-Key: <key>`. */
function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

export type KeyHolder = { keyId: string; institutionId: string; prefix: string; scopes: ApiKeyScope[] };

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key the request was made with, once checked (see `requireApiKey`). */
    apiKey?: KeyHolder;
  }
}

/**
 * A preHandler for the routes other systems call with a key: refuses an unknown, mistyped or revoked key
 * (401, the same for all three), a key without the scope (403), and a key over its rate (429, counted per key
 * in the shared counters, so across processes); then dates and audits the use.
 */
export function requireApiKey(scope: ApiKeyScope) {
  return async function checkApiKey(req: FastifyRequest, reply: FastifyReply) {
    const { database, config, counters } = req.server.deps;
    const db = database.db;
    const key = presentedKey(req);
    const match = key ? KEY_PATTERN.exec(key) : null;
    const [row] = match
      ? await db
          .select()
          .from(apiKeys)
          .where(eq(apiKeys.prefix, `jisr_${match[1]}`))
      : [];
    if (!row || !key || !safeEqual(row.secretHash, keyHash(config.secret, key)) || row.revokedAt) {
      throw fail('api-key-invalid');
    }
    if (!row.scopes.includes(scope)) throw fail('api-key-scope');
    await limitBy(counters, [
      { name: 'api-key', max: config.API_KEY_RATE_LIMIT, windowMs: 60_000, key: () => row.id },
    ])(req, reply);
    req.apiKey = { keyId: row.id, institutionId: row.institutionId, prefix: row.prefix, scopes: row.scopes };
    const now = currentTime();
    await db.transaction(async (tx) => {
      await tx.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
      await recordAudit(tx, {
        actorId: null,
        action: 'api_key.use',
        entityType: 'api_key',
        entityId: row.id,
        institutionId: row.institutionId,
        requestId: req.id,
        data: { prefix: row.prefix, scope, method: req.method, route: req.routeOptions.url ?? null },
      });
    });
  };
}
