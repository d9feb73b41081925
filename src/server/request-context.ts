import type { Database } from '../db/client.js';
import type { Lang } from '../i18n/index.js';
import type { Actor } from '../modules/accounts/actor.js';
import type { Config } from './config.js';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export type AppDeps = { config: Config; database: Database; filesDir: string };
