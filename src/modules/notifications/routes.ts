import type { FastifyInstance } from 'fastify';
import { listMailbox } from './service.js';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Development mailbox: every e-mail the platform wrote, so confirmation codes can be read without a mail server.
 * Registered only outside production.
 */
export async function devMailboxRoutes(app: FastifyInstance) {
  const db = app.deps.database.db;
  app.get(
    '/api/dev/mailbox',
    { schema: { tags: ['development'], summary: 'Every e-mail written (development only)' } },
    async () => ({
      items: (await listMailbox(db)).map((m) => ({
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        language: m.language,
        status: m.status,
        calendar: m.ics,
        createdAt: m.createdAt.toISOString(),
      })),
    }),
  );
  app.get('/dev/mailbox', async (_req, reply) => {
    const rows = await listMailbox(db);
    const items = rows
      .map(
        (m) =>
          `<article lang="${esc(m.language)}" dir="${m.language === 'ar' ? 'rtl' : 'ltr'}"><h2>${esc(m.subject)}</h2><p><b>To:</b> <bdi>${esc(m.toAddress)}</bdi> · ${m.createdAt.toISOString()} · ${m.status}</p><pre>${esc(m.textBody)}</pre></article>`,
      )
      .join('');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Jisr development mailbox</title><style>body{font-family:system-ui,'Noto Sans Arabic',sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:8px;padding:0 1rem;margin-block:1rem}pre{white-space:pre-wrap;font-family:inherit}</style></head><body><h1>Development mailbox</h1><p>${rows.length} message(s). Newest first.</p>${items || '<p>No message yet.</p>'}</body></html>`,
      );
  });
}
