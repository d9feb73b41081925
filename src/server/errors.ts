import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type Counted, type Lang, type MessageKey, negotiateLanguage, t } from '../i18n/index.js';
import { StorageUnavailable } from '../modules/storage/blob-store.js';
import { formatFileSize } from '../shared/file-size.js';
import { AppError, ByteSize, fail, type ProblemCode, problems, problemType } from './problems.js';

export { AppError, ByteSize } from './problems.js';

export const notFound = () => fail('not-found');
export const forbidden = () => fail('forbidden');
export const unauthenticated = () => fail('unauthenticated');

/** A field-level error, as JSON pointer + translated message. */
export type FieldError = { pointer: string; code: string; message: string };

export class ValidationError extends Error {
  constructor(
    readonly errors: {
      path: (string | number)[];
      key: MessageKey;
      params?: Record<string, string | number>;
    }[],
    /** The part of the request the paths are in, as in schema validation pointers (`/body/...`). */
    readonly where = 'body',
  ) {
    super('validation');
  }
}

/** Writes a problem of the catalogue: its status from the catalogue, its detail in the request's language. */
function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ProblemCode,
  detail: string,
  extra = {},
) {
  const lang = req.lang ?? 'ar';
  const { status } = problems[code];
  const title = status === 422 ? t(lang, 'error.validation.title') : detail;
  return reply
    .code(status)
    .type('application/problem+json')
    .header('content-language', lang)
    .send({
      type: problemType(code),
      title,
      status,
      detail,
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...extra,
    });
}

/** A problem's message in a language, its parameters filled. */
export const detailOf = (lang: Lang, code: ProblemCode, params: AppError['params'] = {}) =>
  t(lang, problems[code].key, inLanguage(params, lang));

/** Turns a Zod issue into our own translated message, so every language reads naturally. */
export function zodIssueToField(issue: z.core.$ZodIssue, lang: Lang, prefix: string): FieldError {
  const pointer = `/${[prefix, ...issue.path.map(String)].filter(Boolean).join('/')}`;
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  const msg = (key: MessageKey, params?: Record<string, string | number>) => ({
    pointer,
    code: key.replace('validation.', ''),
    message: t(lang, key, params),
  });
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? msg('validation.required') : msg('validation.invalid_type');
    case 'too_small':
      if (i.origin === 'string')
        return msg('validation.too_short', { minimum: String(i.minimum), count: Number(i.minimum) });
      if (i.origin === 'array') return msg('validation.too_few_items', { minimum: String(i.minimum) });
      return msg('validation.too_small', { minimum: String(i.minimum) });
    case 'too_big':
      if (i.origin === 'string')
        return msg('validation.too_long', { maximum: String(i.maximum), count: Number(i.maximum) });
      return msg('validation.too_big', { maximum: String(i.maximum) });
    case 'unrecognized_keys':
      return msg('validation.unknown_field', { keys: (issue.keys ?? []).join(', ') });
    case 'invalid_value':
    case 'invalid_union':
      return msg('validation.invalid_value');
    case 'invalid_format':
      if (i.format === 'email') return msg('validation.email');
      if (i.format === 'date') return msg('validation.date');
      return msg('validation.invalid_format');
    case 'custom': {
      const key = (issue.params as { key?: MessageKey } | undefined)?.key ?? 'validation.invalid_format';
      return msg(key, (issue.params as { values?: Record<string, string> } | undefined)?.values);
    }
    default:
      return msg('validation.invalid_format');
  }
}

/** The framework's other client errors with a code of their own; any other answers `bad-request` (400). */
const frameworkProblems: Partial<Record<number, ProblemCode>> = {
  404: 'not-found',
  414: 'url-too-long',
  415: 'unsupported-media-type',
};

export function installErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, 'not-found', detailOf(req.lang ?? 'ar', 'not-found')),
  );

  app.setErrorHandler((err: FastifyError | AppError | ValidationError, req, reply) => {
    const lang = req.lang ?? 'ar';
    if (err instanceof AppError)
      return sendProblem(reply, req, err.code, detailOf(lang, err.code, err.params), err.extra);
    if (err instanceof ValidationError) {
      const errors = err.errors.map((e) => ({
        pointer: `/${[err.where, ...e.path].join('/')}`,
        code: e.key.replace('validation.', ''),
        message: t(lang, e.key, e.params),
      }));
      return sendProblem(reply, req, 'validation', errors[0]?.message ?? '', { errors });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      // The type provider hands over each issue without its code, path and input: rebuild them, the input
      // from the request itself (Zod drops it), so a missing value and a wrong type read differently.
      const source = (req as unknown as Record<string, unknown>)[where === 'querystring' ? 'query' : where];
      const errors = err.validation.map((v) => {
        const path = v.instancePath.split('/').filter(Boolean);
        const input = path.reduce<unknown>(
          (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
          source,
        );
        const issue = { ...v.params, code: v.keyword, path, input, message: v.message };
        return zodIssueToField(issue as z.core.$ZodIssue, lang, where);
      });
      return sendProblem(reply, req, 'validation', errors[0]?.message ?? '', { errors });
    }
    const fe = err as FastifyError;
    const framework = (code: ProblemCode, params?: AppError['params']) =>
      sendProblem(reply, req, code, detailOf(lang, code, params));
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return framework('malformed-json');
      case 'FST_REQ_FILE_TOO_LARGE':
        // An upload over MAX_UPLOAD_MB: say the file limit, not the JSON body limit.
        return framework('file-too-large', {
          limit: new ByteSize(app.deps.config.MAX_UPLOAD_MB * 1024 * 1024),
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return framework('body-too-large', { limit: new ByteSize(app.initialConfig.bodyLimit ?? 0) });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return framework('unsupported-media-type');
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return framework('file-too-many');
    }
    if (fe.statusCode === 429) {
      const seconds = Number(reply.getHeader('retry-after') ?? 60);
      return framework('rate-limited', { seconds, count: seconds });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      return framework(frameworkProblems[fe.statusCode] ?? 'bad-request');
    if (err instanceof StorageUnavailable) {
      // the bucket or the disk of the papers failed: said as such, the person asked to try again later
      req.log.error({ err }, 'storage of papers unavailable');
      return framework('file-storage-unavailable');
    }
    req.log.error({ err }, 'unhandled error');
    return framework('internal');
  });
}

/**
 * Errors the router meets before any hook (a path that is not valid UTF-8, a path parameter past its
 * length): problem+json too, in the language the client asks for.
 */
export function routerErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  req.lang = negotiateLanguage(req.headers['accept-language']);
  const code = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'url-too-long' : 'bad-url';
  return sendProblem(reply, req, code, detailOf(req.lang, code));
}

/**
 * Errors the HTTP parser meets before there is a request (headers too large, a malformed request line, a
 * client too slow): a problem+json written on the socket, in Arabic, the default language, as nothing of the
 * request could be read.
 */
export function socketErrors(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request-timeout'
        : 'bad-request';
  const { status } = problems[code];
  const detail = detailOf('ar', code);
  const body = JSON.stringify({ type: problemType(code), title: detail, status, detail });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nContent-Language: ar\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/** An error's parameters as its message shows them in a language. */
export function inLanguage(
  params: AppError['params'],
  lang: Lang,
): Record<string, string | number | Counted> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, v instanceof ByteSize ? formatFileSize(v.bytes, lang) : v]),
  );
}
