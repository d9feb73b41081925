/**
 * Errors as the log writes them: no personal data by construction. A failed query keeps its SQL but never
 * its parameters (names, subjects, e-mail addresses); a database error keeps its code, table, column and
 * constraint but not its `detail` (which quotes the values, e.g. `Key (email)=(…) already exists`).
 */
type Loggable = {
  type: string;
  code?: string;
  message: string;
  stack: string;
  table?: string;
  column?: string;
  constraint?: string;
  cause?: Loggable;
};

const PARAMS = /\nparams: [\s\S]*$/;

export function safeMessage(message: string): string {
  return message.replace(PARAMS, '\nparams: [redacted]');
}

export function serializeError(err: unknown, depth = 0): Loggable {
  if (!(err instanceof Error)) return { type: typeof err, message: '[not an error]', stack: '' };
  const e = err as Error & { code?: unknown; table?: unknown; column?: unknown; constraint?: unknown };
  const message = safeMessage(e.message);
  const frames = e.stack?.split('\n').filter((l) => /^\s+at /.test(l)) ?? [];
  const out: Loggable = {
    type: e.name || e.constructor?.name || 'Error',
    message,
    stack: [`${e.name}: ${message}`, ...frames].join('\n'),
  };
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.table === 'string') out.table = e.table;
  if (typeof e.column === 'string') out.column = e.column;
  if (typeof e.constraint === 'string') out.constraint = e.constraint;
  if (e.cause && depth < 5) out.cause = serializeError(e.cause, depth + 1);
  return out;
}
