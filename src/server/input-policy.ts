import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '../i18n/index.js';
import { ValidationError } from './errors.js';

/**
 * One input policy at the edge, before any schema: no string anywhere in the path, the query or the body may
 * hold a NUL or half of a surrogate pair (the database refuses the first, and the second is not text), no
 * integer may pass the database's 2^31 - 1, and no body may nest deeper than MAX_DEPTH. A refusal is a 422 problem naming the field; nothing reaches a
 * service.
 */
const MAX_DEPTH = 32;
const MAX_INT = 2_147_483_647;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this refuses
const BAD_CHARS = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Finding = { path: (string | number)[]; key: MessageKey };

export function findHostileInput(value: unknown): Finding | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (BAD_CHARS.test(v)) return { path, key: 'validation.unsafe_characters' };
    } else if (typeof v === 'number') {
      // the database's integers stop at 2^31 - 1: no version, count or page number goes further
      if (Number.isInteger(v) && Math.abs(v) > MAX_INT) return { path, key: 'validation.number_too_large' };
    } else if (v && typeof v === 'object') {
      if (path.length >= MAX_DEPTH) return { path, key: 'validation.too_deep' };
      for (const [k, child] of Object.entries(v)) {
        if (BAD_CHARS.test(k)) return { path, key: 'validation.unsafe_characters' };
        stack.push({ v: child, path: [...path, Array.isArray(v) ? Number(k) : k] });
      }
    }
  }
  return null;
}

export function installInputPolicy(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const found = findHostileInput(value);
      if (found) throw new ValidationError([{ path: found.path, key: found.key }], where);
    }
  });
}
