import { describe, expect, it } from 'vitest';
import { checkFile } from './files.js';

/** An EBML (WebM) header and a Tracks element holding track entries with these codec ids. */
function webm(codecs: string[]): Buffer {
  const docType = Buffer.from([0x42, 0x82, 0x84, ...Buffer.from('webm')]);
  const ebml = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length]), docType]);
  const entries = codecs.map((c) => Buffer.concat([Buffer.from([0x86, 0x80 | c.length]), Buffer.from(c)]));
  return Buffer.concat([ebml, Buffer.from([0x16, 0x54, 0xae, 0x6b]), ...entries, Buffer.alloc(200)]);
}

/** An MP4 with an `ftyp` of this brand and `hdlr` boxes of these handler types. */
function mp4(brand: string, handlers: string[]): Buffer {
  const box = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const ftyp = box('ftyp', Buffer.concat([Buffer.from(brand), Buffer.alloc(4), Buffer.from(`${brand}mp41`)]));
  const hdlrs = handlers.map((h) =>
    box('hdlr', Buffer.concat([Buffer.alloc(8), Buffer.from(h), Buffer.alloc(12)])),
  );
  return Buffer.concat([ftyp, box('moov', Buffer.concat(hdlrs)), Buffer.alloc(200)]);
}

describe('voice recordings among the accepted papers', () => {
  it('takes a WebM only when all its tracks are audio', async () => {
    expect(await checkFile(webm(['A_OPUS']), 'voice-message.webm')).toEqual({
      ok: true,
      mediaType: 'audio/webm',
      name: 'voice-message.webm',
    });
    expect(await checkFile(webm(['V_VP8', 'A_OPUS']), 'film.webm')).toMatchObject({
      ok: false,
      error: 'type_not_allowed',
    });
  });

  it('takes an MP4 (Safari’s recording) only when all its tracks are sound', async () => {
    expect(await checkFile(mp4('isom', ['soun']), 'voice.m4a')).toMatchObject({
      ok: true,
      mediaType: 'audio/mp4',
    });
    expect(await checkFile(mp4('isom', ['vide', 'soun']), 'film.mp4')).toMatchObject({
      ok: false,
      error: 'type_not_allowed',
    });
  });

  it('refuses a recording whose name says another type', async () => {
    expect(await checkFile(webm(['A_OPUS']), 'voice.mp3')).toMatchObject({
      ok: false,
      error: 'extension_mismatch',
    });
  });
});
