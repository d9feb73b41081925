/** A unique-index violation, from either driver (PostgreSQL or PGlite), possibly wrapped by the ORM. */
export function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
}
