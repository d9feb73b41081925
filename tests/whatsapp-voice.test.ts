import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { uploadRulesOf } from '../src/modules/cases/upload-check.js';
import { mediaDepsOf, retryInboundMedia } from '../src/modules/notifications/inbound-media.js';
import { inboundMessages } from '../src/modules/notifications/schema.js';
import { signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';
import { hubSignature, inboundVoice, useMessagingProviders } from './support/providers.js';

const APP_SECRET = 'whatsapp-app-secret-for-tests';

/** The first page of an Ogg Opus stream (what a WhatsApp voice note starts with), and some audio after. */
function oggOpus(seed: number): Buffer {
  const page = Buffer.alloc(28);
  page.write('OggS', 0, 'latin1');
  page[5] = 2; // beginning of stream
  page.writeUInt32LE(seed, 14); // serial number
  page[26] = 1; // one segment
  page[27] = 19;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1; // mono
  head.writeUInt32LE(48_000, 12);
  return Buffer.concat([page, head, Buffer.alloc(2000, seed)]);
}

type Attachment = {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  toTranscribe: boolean;
  transcription: string | null;
};

describe.each(testDatabases())('WhatsApp voice notes on %s', (kind) => {
  const providers = useMessagingProviders();
  const p = usePlatform(kind, () => ({
    env: {
      ...providers.env(),
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_DEFAULT_INSTITUTION: 'AML',
    },
  }));
  const { inst, cat } = useIdsByCode(p);

  const webhook = (body: string) =>
    p.app.inject({
      method: 'POST',
      url: '/api/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(APP_SECRET, body) },
      payload: body,
    });
  const messageRow = async (providerId: string) =>
    (
      await p.database.db
        .select()
        .from(inboundMessages)
        .where(eq(inboundMessages.providerMessageId, providerId))
    )[0]!;

  it('fetches a voice note with the access token and attaches it to the citizen’s open case, to transcribe', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const filed = await fatima.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['complaint-autre'],
      subject: 'شكاية صوتية',
      description: 'وصف كاف لهذه الشكاية من أجل الاختبار.',
      replyChannels: ['email'],
      language: 'ar',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = filed.json().id as string;
    const voice = oggOpus(7);
    providers.graph.media.set('media-voice-1', { bytes: voice, mimeType: 'audio/ogg; codecs=opus' });
    const seen = providers.graph.mediaRequests.length;

    const res = await webhook(inboundVoice('33612345678', 'wamid.voice1', 'media-voice-1'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ threaded: 1 });
    // the lookup, then the download, both with the bearer token
    const asked = providers.graph.mediaRequests.slice(seen);
    expect(asked.map((r) => r.path)).toEqual([
      '/v21.0/media-voice-1',
      '/whatsapp_business/attachments/?mid=media-voice-1',
    ]);
    expect(asked.every((r) => r.authorized)).toBe(true);

    const files = (await fatima.get(`/api/cases/${caseId}/attachments`)).json().items as Attachment[];
    const audio = files.find((f) => f.mediaType === 'audio/ogg');
    expect(audio, 'the citizen sees the voice note on the case').toMatchObject({
      size: voice.length,
      toTranscribe: true,
      transcription: null,
    });
    expect(audio!.name).toMatch(/^whatsapp-voice-\d{4}-\d{2}-\d{2}\.ogg$/);
    expect(await messageRow('wamid.voice1')).toMatchObject({
      mediaStatus: 'stored',
      attachmentId: audio!.id,
    });

    // the staff play it: the bytes, in their type, and a part of them for a player that seeks
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const url = `/api/cases/${caseId}/attachments/${audio!.id}`;
    const whole = await chief.get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/ogg');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(voice)).toBe(true);
    const part = await chief.request({ method: 'GET', url, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${voice.length}`);
    expect(part.rawPayload.equals(voice.subarray(100, 200))).toBe(true);
    const past = await chief.request({ method: 'GET', url, headers: { range: `bytes=${voice.length}-` } });
    expect(past.statusCode).toBe(416);

    // the queue's filter finds the cases with a voice message to transcribe
    const toTranscribe = async () =>
      (
        (await chief.get(`/api/cases?institutionId=${inst.AML}&voice=true`)).json().items as { id: string }[]
      ).map((c) => c.id);
    expect(await toTranscribe()).toEqual([caseId]);

    // the citizen may not transcribe; staff of the body do, audited without the words
    const transcription = 'السلام عليكم، الضو مقطوع فالزنقة ديالنا من سيمانة.';
    const byCitizen = await fatima.request({
      method: 'PUT',
      url: `${url}/transcription`,
      payload: { text: transcription },
    });
    expect(byCitizen.statusCode).toBe(403);
    const otherBody = await signedIn(p.app, 'admin@aubm.demo');
    expect(
      (await otherBody.request({ method: 'PUT', url: `${url}/transcription`, payload: { text: 'x' } }))
        .statusCode,
    ).toBe(404);
    const done = await chief.request({
      method: 'PUT',
      url: `${url}/transcription`,
      payload: { text: transcription },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ toTranscribe: false, transcription });
    const [entry] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.attachment_transcribe'), eq(auditLog.entityId, audio!.id)));
    expect(entry).toMatchObject({ institutionId: inst.AML, data: { caseId, length: transcription.length } });
    expect(JSON.stringify(entry!.data)).not.toContain('الضو');
    expect(await toTranscribe()).toEqual([]);
    const again = (await fatima.get(`/api/cases/${caseId}/attachments`)).json().items as Attachment[];
    expect(again.find((f) => f.id === audio!.id)).toMatchObject({ toTranscribe: false, transcription });

    // a paper that is not audio cannot be transcribed, said in the reader's language
    const pdf = await chief.upload(
      `/api/cases/${caseId}/attachments`,
      'note.pdf',
      Buffer.from('%PDF-1.4\n%%EOF\n'),
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    const notAudio = await chief.request({
      method: 'PUT',
      url: `/api/cases/${caseId}/attachments/${pdf.json().id}/transcription`,
      payload: { text: 'x' },
    });
    expect(notAudio.statusCode).toBe(422);
    expect(notAudio.json().detail).toBe('Seul un message vocal (un fichier audio) peut être transcrit.');
  });

  it('keeps the voice note of an unknown number with its desk intake, attached to the case made of it', async () => {
    providers.graph.media.set('media-voice-2', { bytes: oggOpus(9), mimeType: 'audio/ogg' });
    const res = await webhook(inboundVoice('447700900999', 'wamid.voice2', 'media-voice-2', 'Samir'));
    expect(res.json()).toMatchObject({ intakes: 1 });
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const intake = (await reception.get(`/api/institutions/${inst.AML}/desk-intakes`))
      .json()
      .items.find((i: { fromPhone: string }) => i.fromPhone === '+447700900999');
    expect(intake.messages[0].media).toMatchObject({ status: 'stored', type: 'audio/ogg' });
    const youssef = await signedIn(p.app, 'youssef@example.es');
    const who = (await youssef.get('/api/auth/session')).json().account.id;
    const made = await reception.post(`/api/desk-intakes/${intake.id}/convert`, {
      categoryId: cat['complaint-autre'],
      subject: 'Message vocal reçu par WhatsApp',
      description: 'Demande dictée par message vocal, à transcrire.',
      requesterId: who,
      replyChannels: ['email'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const files = (await youssef.get(`/api/cases/${made.json().caseId}/attachments`)).json()
      .items as Attachment[];
    expect(files).toEqual([expect.objectContaining({ mediaType: 'audio/ogg', toTranscribe: true })]);
  });

  it('refuses what is not audio or too large, and tries again a lookup that failed', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    // an executable dressed as a voice note
    providers.graph.media.set('media-exe', {
      bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]),
      mimeType: 'audio/ogg',
    });
    await webhook(inboundVoice('33612345678', 'wamid.exe', 'media-exe'));
    expect(await messageRow('wamid.exe')).toMatchObject({
      mediaStatus: 'refused',
      mediaError: 'file-type-not-allowed',
      attachmentId: null,
    });
    // announced larger than WhatsApp's 16 MB: not even downloaded
    providers.graph.media.set('media-big', {
      bytes: oggOpus(3),
      mimeType: 'audio/ogg',
      statedSize: 17 * 1024 * 1024,
    });
    const seen = providers.graph.mediaRequests.length;
    await webhook(inboundVoice('33612345678', 'wamid.big', 'media-big'));
    expect(providers.graph.mediaRequests.slice(seen).map((r) => r.path)).toEqual(['/v21.0/media-big']);
    expect(await messageRow('wamid.big')).toMatchObject({ mediaStatus: 'refused', attachmentId: null });
    // the provider fails once: the message is kept, its voice note fetched by the worker's next pass
    providers.graph.media.set('media-later', { bytes: oggOpus(5), mimeType: 'audio/ogg', fail: 500 });
    const res = await webhook(inboundVoice('33612345678', 'wamid.later', 'media-later'));
    expect(res.json()).toMatchObject({ threaded: 1 });
    const waiting = await messageRow('wamid.later');
    expect(waiting).toMatchObject({ mediaStatus: 'pending', mediaAttempts: 1, text: '[audio]' });
    const deps = mediaDepsOf(p.app.deps.config, p.app.deps.files, uploadRulesOf(p.app.deps.config))!;
    await retryInboundMedia(p.database.db, deps, new Date(waiting.receivedAt.getTime() + 120_000));
    const fetched = await messageRow('wamid.later');
    expect(fetched).toMatchObject({ mediaStatus: 'stored' });
    const files = (await fatima.get(`/api/cases/${fetched.caseId}/attachments`)).json().items as Attachment[];
    expect(files.some((f) => f.id === fetched.attachmentId)).toBe(true);
  });
});
