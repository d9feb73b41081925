import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Database } from '../db/client.js';
import { applyNotifySettings } from '../jobs/worker.js';
import { oidcRoutes } from '../modules/accounts/oidc-routes.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { apiKeyRoutes } from '../modules/api-keys/routes.js';
import { appointmentRoutes } from '../modules/appointments/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { caseExportRoutes } from '../modules/cases/export-routes.js';
import { caseFeedRoutes } from '../modules/cases/feed-routes.js';
import { caseRoutes } from '../modules/cases/routes.js';
import { savedViewRoutes } from '../modules/cases/saved-views-routes.js';
import { catalogAdminRoutes } from '../modules/catalog/admin-routes.js';
import { legalBasisRoutes } from '../modules/catalog/legal-basis-routes.js';
import { catalogRoutes } from '../modules/catalog/routes.js';
import { deskRoutes } from '../modules/desk/routes.js';
import { institutionPrivacyRoutes } from '../modules/institutions/privacy-routes.js';
import { institutionRoutes } from '../modules/institutions/routes.js';
import { type Counters, databaseCounters } from '../modules/limits/counters.js';
import { redisCounters } from '../modules/limits/redis-counters.js';
import { rateLimitStore } from '../modules/limits/store.js';
import { mandateRoutes } from '../modules/mandates/routes.js';
import { devMailboxRoutes, notificationRoutes } from '../modules/notifications/routes.js';
import { open311Routes } from '../modules/open311/routes.js';
import { publicFiguresRoutes } from '../modules/public-figures/routes.js';
import { reportingRoutes } from '../modules/reporting/routes.js';
import { satisfactionRoutes } from '../modules/satisfaction/routes.js';
import type { BlobStore } from '../modules/storage/blob-store.js';
import { openBlobStore } from '../modules/storage/open.js';
import { territoryRoutes } from '../modules/territory/routes.js';
import { verificationRoutes } from '../modules/verification/routes.js';
import { webhookRoutes } from '../modules/webhooks/routes.js';
import { escalationRoutes } from '../modules/workflow/escalation-routes.js';
import { workflowRoutes } from '../modules/workflow/routes.js';
import { installAuth } from './auth.js';
import type { Config } from './config.js';
import { installErrorHandling, routerErrors, socketErrors } from './errors.js';
import { healthRoutes } from './health.js';
import { installInputPolicy } from './input-policy.js';
import { serializeError } from './log-errors.js';
import { docsAccess, docsCsp, installSecurityHeaders } from './security-headers.js';
import { webRoutes } from './web.js';
import './request-context.js';
import { randomUUID } from 'node:crypto';

export const JSON_BODY_LIMIT = 256 * 1024;

/** Composes the HTTP application. Starting, stopping and the worker are the caller's business. */
export async function buildApp(
  config: Config,
  database: Database,
  opts: {
    logStream?: DestinationStream;
    /** Where the papers are kept; default the store the configuration names (closed with the app). */
    files?: BlobStore;
  } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: JSON_BODY_LIMIT,
    // Only behind a reverse proxy may X-Forwarded-For be believed (rate limits count per client address).
    trustProxy: config.TRUST_PROXY,
    frameworkErrors: routerErrors,
    clientErrorHandler: socketErrors,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            // No personal data in logs: only the method, the route pattern and ids, never bodies, queries or cookies.
            serializers: {
              req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown', id: req.id }),
              res: (res) => ({ statusCode: res.statusCode }),
              err: (err) => serializeError(err),
            },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
  });
  // every limit counts in one place, shared by all processes: Redis when REDIS_URL is set, else the database
  const counters: Counters = config.REDIS_URL
    ? await redisCounters(config.REDIS_URL, config.REDIS_KEY_PREFIX)
    : databaseCounters(database.db);
  app.addHook('onClose', () => counters.close());
  // the papers' bytes: the folder DATA_DIR/files, or the S3-compatible bucket when S3_ENDPOINT is set
  const files = opts.files ?? openBlobStore(config);
  if (!opts.files) app.addHook('onClose', () => files.close());
  app.decorate('deps', { config, database, files, counters });
  applyNotifySettings(config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installSecurityHeaders(app, config);

  await app.register(cookie);
  // answers (JSON, pages) compressed for browsers that accept it: a phone on a slow line downloads the
  // categories in 4 KB instead of 32; the built assets are already compressed (server/web.ts). Requests are
  // never decompressed: a compressed body is refused like any unknown one.
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  // a limit holds across processes and restarts; the sign-in family adds its own (modules/limits/sign-in.ts)
  await app.register(rateLimit, { global: false, store: rateLimitStore(counters) });
  await app.register(multipart, {
    limits: { fileSize: config.MAX_UPLOAD_MB * 1024 * 1024 + 1, files: 1, fields: 5 },
  });
  installAuth(app);
  installErrorHandling(app);
  installInputPolicy(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jisr API',
        version: '0.1.0',
        description:
          'Requests, complaints and administrative documents for Moroccans living abroad. Errors are RFC 9457 problem+json in Arabic, French or English (Accept-Language).',
      },
    },
    transform: jsonSchemaTransform,
  });
  if (config.apiDocs !== 'off') {
    const onRequest = docsAccess(config.apiDocs);
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiHooks: { onRequest },
      staticCSP: true,
      transformStaticCSP: (csp) => docsCsp(csp, config.publicUrl),
    });
    app.get('/api/openapi.json', { schema: { hide: true }, onRequest }, async () => app.swagger());
  }

  await app.register(healthRoutes);
  await app.register(territoryRoutes);
  await app.register(catalogRoutes);
  await app.register(catalogAdminRoutes);
  await app.register(legalBasisRoutes);
  await app.register(institutionRoutes);
  await app.register(institutionPrivacyRoutes);
  await app.register(accountRoutes);
  await app.register(oidcRoutes);
  await app.register(caseRoutes);
  await app.register(caseFeedRoutes);
  await app.register(caseExportRoutes);
  await app.register(apiKeyRoutes);
  await app.register(webhookRoutes);
  await app.register(savedViewRoutes);
  await app.register(mandateRoutes);
  await app.register(appointmentRoutes);
  await app.register(auditRoutes);
  await app.register(deskRoutes);
  await app.register(workflowRoutes);
  await app.register(escalationRoutes);
  await app.register(reportingRoutes);
  await app.register(satisfactionRoutes);
  await app.register(publicFiguresRoutes);
  await app.register(notificationRoutes);
  await app.register(verificationRoutes);
  await app.register(open311Routes);
  if (config.NODE_ENV !== 'production') await app.register(devMailboxRoutes);
  await app.register(webRoutes);
  return app;
}
