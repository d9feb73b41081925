/** The API keys' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime } from '../../shared/contract.js';

/**
 * What a key may do: read the public figures, file cases for citizens, read the body's cases, receive the
 * body's webhooks.
 */
export const apiKeyScopes = ['figures:read', 'cases:file', 'cases:read', 'webhooks'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** A key as its administrator sees it (never the key itself). */
export const apiKey = z.object({
  id: z.uuid(),
  label: z.string(),
  scopes: z.array(z.enum(apiKeyScopes)),
  /** The start of the key, which names it in lists and logs. */
  prefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});

/** A key just made: the only answer that carries the key itself. */
export const createdApiKey = z.object({ key: apiKey, secret: z.string() });
