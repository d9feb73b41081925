import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { deliverDueEmails } from '../modules/notifications/service.js';
import { runDeadlineWatch } from '../modules/workflow/deadline-watch.js';
import type { Config } from '../server/config.js';

/** How often deadlines are checked for reminders and escalations. */
const WATCH_EVERY_MS = 10 * 60_000;

/** SMTP when configured; otherwise (development) messages are kept only in the development mailbox. */
export function mailTransport(config: Config): Transporter {
  return config.SMTP_URL
    ? nodemailer.createTransport(config.SMTP_URL)
    : nodemailer.createTransport({ jsonTransport: true });
}

export type Worker = { stop(): Promise<void>; tick(): Promise<void> };

/** The background loop: delivers the outbox. Stops cleanly, finishing the message in hand. */
export function startWorker(
  db: Db,
  config: Config,
  log: { error(o: object, m: string): void },
  intervalMs = 1000,
): Worker {
  const transport = mailTransport(config);
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastWatch = 0;
  const tick = async () => {
    if (running) return running;
    running = (async () => {
      try {
        if (Date.now() - lastWatch > WATCH_EVERY_MS) {
          lastWatch = Date.now();
          await runDeadlineWatch(db, new Date(), config.publicUrl);
        }
        await deliverDueEmails(db, transport, config.MAIL_FROM);
      } catch (err) {
        log.error({ err }, 'worker tick failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
