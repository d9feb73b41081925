import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { addressOf } from '../modules/appointments/context.js';
import { runAppointmentJobs } from '../modules/appointments/jobs.js';
import { sweepFilingKeys } from '../modules/cases/filing-keys.js';
import { HELD_SCAN_BATCH, rescanHeldUploads } from '../modules/cases/held-uploads.js';
import { type RetentionCursor, runRetentionBatch } from '../modules/cases/retention.js';
import { clamdOf, uploadRulesOf } from '../modules/cases/upload-check.js';
import { sweepPendingUploads } from '../modules/cases/uploads.js';
import { replyToOf } from '../modules/email-in/reply-to.js';
import { sweepRateLimits } from '../modules/limits/store.js';
import {
  type Adapters,
  type DeliveryOptions,
  deliverDueNotifications,
} from '../modules/notifications/delivery.js';
import { mediaDepsOf, retryInboundMedia } from '../modules/notifications/inbound-media.js';
import { batchDueLetters } from '../modules/notifications/letters.js';
import { notifySettings } from '../modules/notifications/outbox.js';
import { buildAdapters, smtpTransport } from '../modules/notifications/providers.js';
import { parseQuietHours } from '../modules/notifications/quiet-hours.js';
import { notifyOverdue } from '../modules/notifications/service.js';
import { sweepOpen311Requests } from '../modules/open311/filing.js';
import { publishOpenData } from '../modules/public-figures/open-data.js';
import { refreshPublicFigures, rollupIsEmpty } from '../modules/public-figures/rollup.js';
import { claimantId, type JobState, type JobTiming, runIfDue } from '../modules/schedule/claims.js';
import type { BlobStore } from '../modules/storage/blob-store.js';
import { openBlobStore } from '../modules/storage/open.js';
import { deliverDueWebhooks } from '../modules/webhooks/delivery.js';
import { urlRulesOf } from '../modules/webhooks/url-rules.js';
import { runDeadlineWatch } from '../modules/workflow/deadline-watch.js';
import { sendEscalationDigests } from '../modules/workflow/escalation-digest.js';
import type { Config } from '../server/config.js';
import { currentMillis, currentTime } from '../shared/clock.js';

/** SMTP when configured; otherwise (development) e-mails are kept only in the development mailbox. */
export function mailTransport(config: Config): Transporter | null {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : null;
}

export function deliveryOptions(config: Config): DeliveryOptions {
  return {
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: config.NOTIFY_RETRY_BASE_SECONDS * 1000,
    retryMaxMs: config.NOTIFY_RETRY_MAX_SECONDS * 1000,
    leaseMs: config.NOTIFY_LEASE_SECONDS * 1000,
    quietHours: parseQuietHours(config.QUIET_HOURS),
    secret: config.secret,
  };
}

/** Applies the settings the writing side of notifications reads (quiet hours, WhatsApp template names). */
export function applyNotifySettings(config: Config) {
  notifySettings.quietHours = parseQuietHours(config.QUIET_HOURS);
  notifySettings.whatsappTemplatePrefix = config.WHATSAPP_TEMPLATE_PREFIX;
}

export type Worker = { stop(): Promise<void>; tick(): Promise<void>; adapters: Adapters };

const MINUTE = 60_000;
/** How often the appointment jobs (reminders, no-shows) run, at most. */
const SCHEDULED_EVERY_MS = 30_000;
/** How often deadlines are checked for reminders and escalations to supervisors and overseers. */
const WATCH_EVERY_MS = 10 * MINUTE;
/** How often the retention job looks for settled cases past their period (a backlog goes on batch after batch). */
const RETENTION_EVERY_MS = 60 * MINUTE;
/** The public figures are at most this old (their page says when the open cases were counted). */
const FIGURES_EVERY_MS = 10 * MINUTE;

/**
 * The background loop: delivers the outbox every interval (and, beside it, the bodies' webhooks); every 30 seconds runs the appointment jobs;
 * every 10 minutes the deadline watch (reminders, escalations); every minute tells citizens about cases that
 * became overdue and batches the day's letters after the batch hour, and (with an antivirus) scans again the
 * papers held while clamd could not answer, beside the loop so that a slow clamd never holds up the mail;
 * every hour the retention job (one batch a tick while more are due). Stops cleanly, finishing the messages
 * and the scan in hand.
 */
export function startWorker(
  db: Db,
  config: Config,
  log: { error(o: object, m: string): void; warn?(o: object, m: string): void },
  intervalMs = 1000,
  opts: {
    adapters?: Adapters /** false: deliver only, no scheduled jobs (tests drive those themselves) */;
    scheduled?: boolean;
    /** Where the papers are kept (the app's store); default the store the configuration names. */
    files?: BlobStore;
  } = {},
): Worker {
  applyNotifySettings(config);
  const transport = opts.adapters ? null : mailTransport(config);
  const adapters = opts.adapters ?? buildAdapters(config, transport, replyToOf(db, config));
  const delivery = deliveryOptions(config);
  const files = opts.files ?? openBlobStore(config);
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastHeldScan = 0;
  /** This worker's name in the claims of scheduled jobs. */
  const claimant = claimantId();
  const onError = (what: string) => (err: unknown) => log.error({ err }, `${what} failed`);
  /** A scheduled job, run here only when due and claimed by this worker (never by two processes at once). */
  const scheduledJob = (name: string, timing: JobTiming, run: (state: JobState) => Promise<unknown>) =>
    runIfDue(db, name, claimant, timing, currentTime, run, onError(name));
  /** The pass of webhook deliveries in progress, if any. */
  let webhookPass: Promise<void> | null = null;
  /** The scan of held papers in progress, if any. */
  let heldScan: Promise<void> | null = null;
  const clamd = clamdOf(config);
  const media = mediaDepsOf(config, files, uploadRulesOf(config), {
    warn: (o: object, m: string) => log.warn?.(o, m),
  });
  const heldLog = {
    warn: (o: object, m: string) => log.warn?.(o, m),
    error: (o: object, m: string) => log.error(o, m),
  };
  /** Batch after batch while full ones come and clamd answers. */
  const scanHeld = async () => {
    if (!clamd) return;
    for (;;) {
      const r = await rescanHeldUploads(db, { files, clamd, log: heldLog });
      if (r.unavailable || r.claimed < HELD_SCAN_BATCH || stopped) return;
    }
  };
  const jobContext = {
    secret: config.secret,
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.MAIL_FROM),
  };
  const tick = async () => {
    if (running) return running;
    running = (async () => {
      try {
        while ((await deliverDueNotifications(db, adapters, delivery)) > 0 && !stopped) {
          // keep going while a full pass sent something: a burst drains without waiting for the timer
        }
        // the bodies' webhooks, beside the loop so that a slow receiver never holds up the mail
        if (!webhookPass && !stopped)
          webhookPass = deliverDueWebhooks(db, { ...urlRulesOf(config), secret: config.secret })
            .then(() => {}, onError('webhook delivery'))
            .finally(() => {
              webhookPass = null;
            });
        const scheduled = opts.scheduled !== false;
        if (scheduled) {
          // a failing job must not hold up the mail: it is logged and tried again at its next period
          await scheduledJob(
            'appointments',
            { everyMs: SCHEDULED_EVERY_MS, leaseMs: 5 * MINUTE },
            async () => {
              await runAppointmentJobs(db, jobContext);
            },
          );
          await scheduledJob(
            'deadline-watch',
            { everyMs: WATCH_EVERY_MS, leaseMs: 15 * MINUTE },
            async () => {
              await runDeadlineWatch(db, currentTime(), config.publicUrl);
              await sendEscalationDigests(db, currentTime(), config.publicUrl);
            },
          );
          // the rollup of the public figures (every month once, then the recent ones), then the day's open data
          await scheduledJob(
            'public-figures',
            { everyMs: FIGURES_EVERY_MS, leaseMs: 30 * MINUTE },
            async () => {
              const all = await rollupIsEmpty(db);
              await refreshPublicFigures(db, currentTime(), { all });
              await publishOpenData(db, files, currentTime());
            },
          );
          // the pass's cursor is kept with the job: a backlog goes on batch after batch, in any process
          await scheduledJob(
            'retention',
            { everyMs: RETENTION_EVERY_MS, leaseMs: 15 * MINUTE },
            async (state) => {
              const batch = await runRetentionBatch(
                db,
                { files, defaultMonths: config.RETENTION_MONTHS },
                (state.cursor as RetentionCursor | undefined) ?? null,
                (err, caseId) => log.error({ err, caseId }, 'retention failed for a case'),
              );
              return { state: { cursor: batch.next }, again: batch.next !== null };
            },
          );
          await scheduledJob('minute', { everyMs: MINUTE, leaseMs: 5 * MINUTE }, async (state) => {
            const now = currentTime();
            // from where the last run looked (the first run looks back 30 days)
            const since =
              typeof state.lastScan === 'string'
                ? new Date(state.lastScan)
                : new Date(now.getTime() - 30 * 24 * 60 * MINUTE);
            await notifyOverdue(db, since, now, config.publicUrl);
            await batchDueLetters(db, config.LETTER_BATCH_HOUR, now);
            await sweepRateLimits(db);
            await sweepPendingUploads(db, files, now);
            await sweepFilingKeys(db, now);
            await sweepOpen311Requests(db, now);
            // the WhatsApp voice notes the provider would not give yet
            if (media) await retryInboundMedia(db, media, now);
            return { state: { lastScan: now.toISOString() } };
          });
        }
        if (scheduled && clamd && !heldScan && currentMillis() - lastHeldScan >= MINUTE) {
          lastHeldScan = currentMillis();
          heldScan = scanHeld()
            .catch((err) => log.error({ err }, 'scan of held papers failed'))
            .finally(() => {
              heldScan = null;
            });
        }
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
    adapters,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await heldScan;
      await webhookPass;
      transport?.close();
      if (!opts.files) await files.close();
    },
  };
}
