/**
 * One line that names why the database cannot be reached, for the operator: refused, unknown host, wrong
 * password or role, unknown database. The URL is shown without its password.
 */
export function describeConnectionError(err: unknown, url: string): string {
  // the driver's error may be wrapped (the ORM's "failed query"): the cause holds the code
  let e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  while (e && !e.code && e.cause) e = e.cause as typeof e;
  const where = safeUrl(url);
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `the database server refused the connection (${where}): is PostgreSQL running and listening there?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the database host is unknown (${where})`;
    case 'ETIMEDOUT':
      return `the database server did not answer in time (${where})`;
    case '28P01':
      return `the database refused the password of this role (${where})`;
    case '28000':
      return `the database does not know this role or refuses it from here (${where})`;
    case '3D000':
      return `the database named in DATABASE_URL does not exist (${where})`;
    case '57P03':
      return `the database server is starting up or shutting down (${where})`;
    default:
      return `the database cannot be reached (${where}): ${(e?.message ?? String(err)).replaceAll(url, where)}`;
  }
}

export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}
