import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { templateEvents } from '../../src/modules/notifications/schema.js';
import { whatsappParams } from '../../src/modules/notifications/templates.js';
import { fixture } from './platform.js';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function listen(server: ReturnType<typeof createServer>) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

export type GraphMessage = {
  to: string;
  template: {
    name: string;
    language: { code: string };
    components: { type: string; parameters: { type: string; text: string }[] }[];
  };
  id: string;
};

/**
 * A local server speaking the WhatsApp Business Cloud API as documented for sending template messages:
 * `POST /{version}/{phone-number-id}/messages` with a bearer token, answering `{ messages: [{ id }] }`,
 * or `{ error: { code, message } }` (190 bad token, 132001 unknown template, 132000 wrong number of
 * parameters, 130429 rate limit). `failNext` queues errors to answer before the next successes.
 */
export async function startGraphApi(o: {
  token: string;
  phoneNumberId: string;
  templates: Record<string, number>;
}) {
  const sent: GraphMessage[] = [];
  const requests: unknown[] = [];
  const failNext: { status: number; code: number; message: string }[] = [];
  const media = new Map<string, GraphMedia>();
  const mediaRequests: { path: string; authorized: boolean }[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push(body);
    if (req.method === 'GET') return serveMedia(req, res);
    const m = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return send(res, 404, { error: { code: 100, message: 'Unknown path' } });
    if (req.headers.authorization !== `Bearer ${o.token}`)
      return send(res, 401, {
        error: { code: 190, type: 'OAuthException', message: 'Invalid OAuth access token.' },
      });
    if (m[1] !== o.phoneNumberId)
      return send(res, 400, { error: { code: 100, message: 'Unsupported post request.' } });
    const f = failNext.shift();
    if (f) return send(res, f.status, { error: { code: f.code, message: f.message } });
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(body);
    } catch {
      return send(res, 400, { error: { code: 100, message: 'Invalid JSON' } });
    }
    const tpl = msg.template as GraphMessage['template'] | undefined;
    if (
      msg.messaging_product !== 'whatsapp' ||
      msg.type !== 'template' ||
      !tpl ||
      !/^\d{6,15}$/.test(String(msg.to))
    )
      return send(res, 400, { error: { code: 100, message: 'Invalid parameter' } });
    if (!(tpl.name in o.templates) || !['ar', 'fr', 'en'].includes(tpl.language?.code))
      return send(res, 400, {
        error: { code: 132001, message: 'Template name does not exist in the translation' },
      });
    const params = tpl.components?.find((c) => c.type === 'body')?.parameters ?? [];
    if (params.length !== o.templates[tpl.name] || params.some((p) => p.type !== 'text' || !p.text))
      return send(res, 400, {
        error: { code: 132000, message: 'Number of parameters does not match the expected number of params' },
      });
    const id = `wamid.${randomBytes(12).toString('base64url')}`;
    sent.push({ to: String(msg.to), template: tpl, id });
    return send(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: msg.to, wa_id: msg.to }],
      messages: [{ id }],
    });
  });
  /**
   * Media sent to the business number, as documented: `GET /{version}/{media-id}` answers its `url`,
   * `mime_type`, `sha256`, `file_size`; `GET {url}` answers the bytes. Both need the bearer token (401 with
   * code 190 without); an unknown id is 404 (code 100); `fail` answers that status once, to the lookup.
   */
  function serveMedia(req: IncomingMessage, res: ServerResponse) {
    const path = req.url ?? '';
    const authorized = req.headers.authorization === `Bearer ${o.token}`;
    mediaRequests.push({ path, authorized });
    if (!authorized)
      return send(res, 401, {
        error: { code: 190, type: 'OAuthException', message: 'Invalid OAuth access token.' },
      });
    const lookup = /^\/v\d+\.\d+\/([^/?]+)$/.exec(path);
    if (lookup) {
      const m = media.get(lookup[1]!);
      if (!m) return send(res, 404, { error: { code: 100, message: 'Unsupported get request.' } });
      if (m.fail) {
        const status = m.fail;
        m.fail = undefined;
        return send(res, status, { error: { code: 131000, message: 'Something went wrong' } });
      }
      return send(res, 200, {
        messaging_product: 'whatsapp',
        url: `http://127.0.0.1:${port}/whatsapp_business/attachments/?mid=${lookup[1]}`,
        mime_type: m.mimeType,
        sha256: createHash('sha256').update(m.bytes).digest('hex'),
        file_size: m.statedSize ?? m.bytes.length,
        id: lookup[1],
      });
    }
    const download = /^\/whatsapp_business\/attachments\/\?mid=([^&]+)$/.exec(path);
    const m = download && media.get(download[1]!);
    if (!m) return send(res, 404, { error: { code: 100, message: 'Unknown path' } });
    res.writeHead(200, { 'content-type': m.mimeType, 'content-length': m.bytes.length });
    res.end(m.bytes);
  }
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/v21.0`,
    sent,
    requests,
    failNext,
    media,
    mediaRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A media file the fake Cloud API holds: `statedSize` to announce another size, `fail` to fail one lookup. */
export type GraphMedia = { bytes: Buffer; mimeType: string; statedSize?: number; fail?: number };

/** A Cloud API webhook body carrying one voice note (its media id; the file is fetched from the API). */
export function inboundVoice(from: string, id: string, mediaId: string, name = 'Fatima') {
  return webhookBody({
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [
      {
        from,
        id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'audio',
        audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true },
      },
    ],
  });
}

/** The X-Hub-Signature-256 header the Cloud API puts on its webhooks. */
export function hubSignature(appSecret: string, body: string) {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** A Cloud API webhook body: one change of the business account's number, carrying `value`'s messages or statuses. */
function webhookBody(value: Record<string, unknown>) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '212600000000', phone_number_id: '1234567890' },
              ...value,
            },
          },
        ],
      },
    ],
  });
}

/** A Cloud API webhook body carrying one text message from a number. */
export function inboundText(from: string, id: string, text: string, name = 'Fatima') {
  return webhookBody({
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [
      { from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } },
    ],
  });
}

/** A Cloud API webhook body carrying a delivery status for a message we sent. */
export function inboundStatus(
  id: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  recipient: string,
) {
  return webhookBody({
    statuses: [
      {
        id,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: recipient,
        ...(status === 'failed' ? { errors: [{ code: 131026, title: 'Message undeliverable' }] } : {}),
      },
    ],
  });
}

/**
 * A local SMS gateway speaking the generic webhook protocol: checks the HMAC signature of `timestamp.body`,
 * and keeps one delivery per Idempotency-Key (a repeated key gets the first answer back, and no new SMS).
 */
export async function startSmsGateway(secret: string) {
  const requests: { key: string; body: Record<string, unknown> }[] = [];
  const delivered: { key: string; to: string; text: string; id: string }[] = [];
  const answers = new Map<string, string>();
  const failNext: number[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const ts = String(req.headers['x-jisr-timestamp'] ?? '');
    const sig = String(req.headers['x-jisr-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
    if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected)))
      return send(res, 401, { error: 'bad signature' });
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!key) return send(res, 400, { error: 'Idempotency-Key required' });
    const msg = JSON.parse(body) as { to: string; text: string };
    requests.push({ key, body: msg });
    const status = failNext.shift();
    if (status) return send(res, status, { error: 'try later' });
    const known = answers.get(key);
    if (known) return send(res, 200, { id: known, duplicate: true });
    const id = `sms-${delivered.length + 1}`;
    answers.set(key, id);
    delivered.push({ key, to: msg.to, text: msg.text, id });
    return send(res, 200, { id });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    delivered,
    failNext,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The fake WhatsApp Cloud API (knowing every template of the catalogue) and SMS gateway of a `describe`
 * block (see `fixture`). `env()` gives the platform's settings to send through them.
 */
export function useMessagingProviders() {
  const running = fixture(
    'the messaging providers',
    async () => ({
      graph: await startGraphApi({
        token: 'graph-token',
        phoneNumberId: '1234567890',
        templates: Object.fromEntries(templateEvents.map((e) => [`jisr_${e}`, whatsappParams[e].length])),
      }),
      gateway: await startSmsGateway('sms-gateway-secret'),
    }),
    async ({ graph, gateway }) => {
      await graph.close();
      await gateway.close();
    },
  );
  return {
    get graph() {
      return running().graph;
    },
    get gateway() {
      return running().gateway;
    },
    env: () => ({
      WHATSAPP_PROVIDER: 'cloud',
      WHATSAPP_API_URL: running().graph.url,
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      WHATSAPP_ACCESS_TOKEN: 'graph-token',
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: running().gateway.url,
      SMS_WEBHOOK_SECRET: 'sms-gateway-secret',
    }),
  };
}
