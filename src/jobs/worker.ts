import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { runAppointmentJobs } from '../modules/appointments/jobs.js';
import { addressOf } from '../modules/appointments/service.js';
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

/** How often the scheduled jobs (appointment reminders, no-shows) run, at most. */
const SCHEDULED_EVERY_MS = 30_000;

/**
 * The background loop: runs the scheduled jobs (at most every 30 seconds), then delivers the outbox.
 * Stops cleanly, finishing the message in hand.
 */
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
  let lastScheduled = 0;
  const jobContext = {
    secret: config.secret,
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.MAIL_FROM),
  };
  const tick = async () => {
    if (running) return running;
    running = (async () => {
      try {
        if (Date.now() - lastWatch > WATCH_EVERY_MS) {
          lastWatch = Date.now();
          await runDeadlineWatch(db, new Date(), config.publicUrl).catch((err) =>
            log.error({ err }, 'deadline watch failed'),
          );
        }
        if (Date.now() - lastScheduled >= SCHEDULED_EVERY_MS) {
          lastScheduled = Date.now();
          // A failing job must not hold up the mail: it is logged and tried again next time.
          await runAppointmentJobs(db, jobContext).catch((err) =>
            log.error({ err }, 'scheduled jobs failed'),
          );
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
