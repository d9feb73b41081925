/**
 * Provider adapters: e-mail over SMTP, SMS and WhatsApp through a generic HTTP webhook, WhatsApp through
 * the WhatsApp Business Cloud API. Chosen by environment variables (see the README).
 */
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../server/config.js';
import type { ReplyToOf } from '../email-in/reply-to.js';
import { createCallTask } from './calls.js';
import { type Adapters, type ExternalAdapter, type NotificationRow, PermanentError } from './delivery.js';
import { createLetter } from './letters.js';
import type { Channel } from './schema.js';

/** SMTP with bounded waits, so a mail server that hangs cannot hold a message past its lease. */

/** The iCalendar method of a calendar file (REQUEST, CANCEL…), for the e-mail's invitation part. */
const icsMethod = (ics: string) => /^METHOD:(\w+)\r?$/m.exec(ics)?.[1] ?? 'PUBLISH';

export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url, {
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  } as never);
}

/**
 * E-mail. The Message-ID is the notification's id, the same on every try, so a copy sent twice after a
 * crash is recognisably one message. A 5xx answer is a permanent refusal (a bounce); anything else is retried.
 */
export function emailAdapter(
  transport: Transporter,
  from: string,
  /** The address a reply goes to (e-mail in: the case's reply address), or null for the sender's. */
  replyTo?: ReplyToOf,
): ExternalAdapter {
  return {
    kind: 'external',
    channel: 'email',
    provider: 'smtp',
    async send(n) {
      try {
        const answerTo = (await replyTo?.(n)) ?? undefined;
        const info = await transport.sendMail({
          from,
          ...(answerTo && { replyTo: answerTo }),
          to: n.toAddress,
          subject: n.subject,
          text: n.textBody,
          html: n.htmlBody ?? undefined,
          messageId: `<${n.id}@jisr>`,
          headers: { 'Content-Language': n.language, 'X-Jisr-Notification': n.id },
          ...(n.ics
            ? { icalEvent: { filename: 'invitation.ics', method: icsMethod(n.ics), content: n.ics } }
            : {}),
        });
        if (info.rejected?.length) throw new PermanentError(`rejected: ${info.response ?? ''}`, true);
        return { providerMessageId: info.messageId };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (err instanceof PermanentError) throw err;
        if (code && code >= 500 && code < 600) throw new PermanentError((err as Error).message, true);
        throw err;
      }
    },
  };
}

const TRANSIENT_HTTP = new Set([408, 409, 425, 429]);

async function postJson(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // a provider that answers with something other than JSON: keep the status
  }
  return { status: res.status, json, text };
}

/** The signature a webhook provider can check: HMAC-SHA256 of `timestamp.body` with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A generic HTTP webhook provider for SMS or WhatsApp: POSTs the message as JSON with an `Idempotency-Key`
 * header (the notification id, the same on every try) and an HMAC signature. 2xx is sent; 4xx (but 408, 409,
 * 425, 429) is a permanent refusal; anything else is retried.
 */
export function webhookAdapter(channel: Channel, url: string, secret: string | undefined): ExternalAdapter {
  return {
    kind: 'external',
    channel,
    provider: 'webhook',
    async send(n) {
      const body = JSON.stringify({
        id: n.id,
        channel,
        to: n.toAddress,
        language: n.language,
        event: n.event,
        text: n.textBody,
        template: (n.payload as { template?: string }).template
          ? { name: n.payload.template, params: n.payload.params }
          : undefined,
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = { 'idempotency-key': n.id, 'x-jisr-timestamp': timestamp };
      if (secret) headers['x-jisr-signature'] = webhookSignature(secret, timestamp, body);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.ok) {
        let id: string | null = null;
        try {
          id = (JSON.parse(text) as { id?: string }).id ?? null;
        } catch {
          id = null;
        }
        return { providerMessageId: id };
      }
      const msg = `HTTP ${res.status}: ${text.slice(0, 300)}`;
      if (res.status >= 400 && res.status < 500 && !TRANSIENT_HTTP.has(res.status))
        throw new PermanentError(msg);
      throw new Error(msg);
    },
  };
}

/** WhatsApp Cloud API error codes that mean "later" (rate limits, temporary unavailability). */
const WHATSAPP_TRANSIENT = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056]);

/**
 * The WhatsApp Business Cloud API: a template message to `POST {api}/{phone-number-id}/messages` with the
 * access token. The API takes no idempotency key: a message retried after a crash between sending and
 * recording may arrive twice (never zero times).
 */
export function whatsappCloudAdapter(c: {
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
}): ExternalAdapter {
  return {
    kind: 'external',
    channel: 'whatsapp',
    provider: 'cloud',
    async send(n: NotificationRow) {
      const p = n.payload as { template?: string; params?: string[] };
      const body = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: n.toAddress.replace(/^\+/, ''),
        type: 'template',
        template: {
          name: p.template,
          language: { code: n.language },
          components: [
            {
              type: 'body',
              parameters: (p.params ?? []).map((text) => ({ type: 'text', text: text || '-' })),
            },
          ],
        },
      };
      const res = await postJson(`${c.apiUrl.replace(/\/$/, '')}/${c.phoneNumberId}/messages`, body, {
        authorization: `Bearer ${c.accessToken}`,
      });
      if (res.status >= 200 && res.status < 300) {
        const id = (res.json.messages as { id: string }[] | undefined)?.[0]?.id ?? null;
        return { providerMessageId: id };
      }
      const error = (res.json.error ?? {}) as { code?: number; message?: string };
      const msg = `HTTP ${res.status} ${error.code ?? ''}: ${error.message ?? res.text.slice(0, 300)}`;
      const transient =
        res.status >= 500 ||
        res.status === 429 ||
        res.status === 401 ||
        WHATSAPP_TRANSIENT.has(error.code ?? -1);
      if (transient) throw new Error(msg);
      throw new PermanentError(msg);
    },
  };
}

/** Development: the message counts as sent and stays readable in the development mailbox. */
function developmentAdapter(channel: Channel): ExternalAdapter {
  return {
    kind: 'external',
    channel,
    provider: 'development',
    send: async (n) => ({ providerMessageId: `dev-${n.id}` }),
  };
}

/**
 * The adapters for this configuration. Without SMTP in development, e-mails stay in the development mailbox;
 * a channel without a provider in production is not faked: its messages fail visibly (dead letters an admin
 * sees and can retry once a provider is configured).
 */
export function buildAdapters(
  config: Config,
  transport: Transporter | null,
  /** Where replies to e-mails about a case go (modules/email-in), when e-mail in is set up. */
  replyTo?: ReplyToOf,
): Adapters {
  const dev = config.NODE_ENV !== 'production';
  const adapters: Adapters = {
    post: { kind: 'internal', channel: 'post', provider: 'print', deliver: createLetter },
    phone: { kind: 'internal', channel: 'phone', provider: 'call-task', deliver: createCallTask },
  };
  if (transport) adapters.email = emailAdapter(transport, config.MAIL_FROM, replyTo);
  else if (dev) adapters.email = developmentAdapter('email');

  if (config.SMS_PROVIDER === 'webhook')
    adapters.sms = webhookAdapter('sms', config.SMS_WEBHOOK_URL!, config.SMS_WEBHOOK_SECRET);
  else if (dev) adapters.sms = developmentAdapter('sms');

  if (config.WHATSAPP_PROVIDER === 'cloud')
    adapters.whatsapp = whatsappCloudAdapter({
      apiUrl: config.WHATSAPP_API_URL,
      phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!,
      accessToken: config.WHATSAPP_ACCESS_TOKEN!,
    });
  else if (config.WHATSAPP_PROVIDER === 'webhook')
    adapters.whatsapp = webhookAdapter(
      'whatsapp',
      config.WHATSAPP_WEBHOOK_URL!,
      config.WHATSAPP_WEBHOOK_SECRET,
    );
  else if (dev) adapters.whatsapp = developmentAdapter('whatsapp');
  return adapters;
}

/** A media file the provider would not give, for good (unknown or expired id, refused token, too large). */
export class MediaRefused extends Error {}

/**
 * Fetches a media file sent to us (a voice note…) from the WhatsApp Cloud API, the documented way: `GET
 * {api}/{media-id}` with the access token answers its `url`, `mime_type` and `file_size`; `GET {url}` with the
 * same token answers its bytes. A file larger than `maxBytes` is not downloaded (or, when the provider
 * understated its size, not read further). 4xx answers are `MediaRefused` (but 408 and 429); the rest is
 * thrown to be retried.
 */
export async function fetchWhatsappMedia(
  c: { apiUrl: string; accessToken: string },
  mediaId: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; mimeType: string | null }> {
  const auth = { authorization: `Bearer ${c.accessToken}` };
  const refusedOrLater = (step: string, status: number) => {
    const msg = `${step}: HTTP ${status}`;
    return status >= 400 && status < 500 && status !== 408 && status !== 429
      ? new MediaRefused(msg)
      : new Error(msg);
  };
  const info = await fetch(`${c.apiUrl.replace(/\/$/, '')}/${encodeURIComponent(mediaId)}`, {
    headers: auth,
    signal: AbortSignal.timeout(30_000),
  });
  if (!info.ok) throw refusedOrLater('media lookup', info.status);
  const meta = (await info.json()) as { url?: string; mime_type?: string; file_size?: number };
  if (!meta.url || !/^https?:\/\//.test(meta.url)) throw new MediaRefused('media lookup: no url');
  if (Number(meta.file_size) > maxBytes) throw new MediaTooLarge(Number(meta.file_size));
  const res = await fetch(meta.url, { headers: auth, signal: AbortSignal.timeout(120_000) });
  if (!res.ok || !res.body) throw refusedOrLater('media download', res.status);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new MediaTooLarge(size);
    chunks.push(Buffer.from(chunk));
  }
  return { bytes: Buffer.concat(chunks), mimeType: meta.mime_type ?? null };
}

/** A media file larger than what is accepted: not kept. */
export class MediaTooLarge extends MediaRefused {
  constructor(readonly size: number) {
    super(`media too large: ${size} bytes`);
  }
}
