import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { decodeName, findPdfActiveContent } from './pdf-active-content.js';

const pdf = (...parts: (string | Buffer)[]) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    ...parts.map((p) => Buffer.from(p)),
  ]);
const page =
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n';
const trailer = 'trailer<</Root 1 0 R>>\n%%EOF\n';
/** An object stream holding `objects` (numbered from 10), with the given dictionary entries and data. */
const objStm = (
  objects: string[],
  dict = '/Type/ObjStm/Filter/FlateDecode',
  encode: (b: Buffer) => Buffer = (b) => deflateSync(b),
) => {
  let offset = 0;
  const pairs = objects.map((o, i) => {
    const pair = `${10 + i} ${offset}`;
    offset += o.length + 1;
    return pair;
  });
  const head = `${pairs.join(' ')}\n`;
  const data = encode(Buffer.from(head + objects.join('\n')));
  return Buffer.concat([
    Buffer.from(`9 0 obj<</N ${objects.length}/First ${head.length}${dict}/Length ${data.length}>>stream\n`),
    data,
    Buffer.from('\nendstream\nendobj\n'),
  ]);
};
const verdict = (b: Buffer) => findPdfActiveContent(b);

describe('PDF active content', () => {
  it('finds nothing in a plain PDF', () => {
    expect(verdict(pdf(page, trailer))).toEqual({ verdict: 'clean' });
  });

  it('finds a script, a launch, an embedded file, actions, rich media and XFA', () => {
    const cases: [string, string][] = [
      ['4 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\n', 'JavaScript'],
      ['4 0 obj<</OpenAction<</S/Launch/F(cmd.exe)>>>>endobj\n', 'Launch'],
      ['4 0 obj<</Names<</EmbeddedFiles 5 0 R>>>>endobj\n', 'EmbeddedFiles'],
      ['4 0 obj<</Type/Filespec/F(a.exe)/EF<</F 6 0 R>>>>endobj\n', 'EF'],
      ['4 0 obj<</Type/Annot/Subtype/Widget/AA<</O 7 0 R>>>>endobj\n', 'AA'],
      ['4 0 obj<</Type/Annot/Subtype/RichMedia>>endobj\n', 'RichMedia'],
      ['4 0 obj<</AcroForm<</Fields[]/XFA 8 0 R>>>>endobj\n', 'XFA'],
    ];
    for (const [obj, name] of cases)
      expect(verdict(pdf(page, obj, trailer))).toEqual({ verdict: 'active', name });
  });

  it('reads names as the reader does: #xx escapes decoded, whole names only', () => {
    expect(decodeName('#4A#61vaScript')).toBe('JavaScript');
    expect(verdict(pdf(page, '4 0 obj<</S/#4A#61vaScript/J#53(x)>>endobj\n', trailer))).toEqual({
      verdict: 'active',
      name: 'JavaScript',
    });
    expect(verdict(pdf(page, '4 0 obj<</S/Launc#68>>endobj\n', trailer))).toMatchObject({ name: 'Launch' });
    // names that only start like one, and an OpenAction that turns to the first page
    const harmless = '4 0 obj<</JSON 1/AAB 2/Launcher 3/OpenAction[3 0 R/Fit]>>endobj\n';
    expect(verdict(pdf(page, harmless, trailer))).toEqual({ verdict: 'clean' });
  });

  it('finds a script inside a compressed object stream, with or without its type', () => {
    const js = '<</S/JavaScript/JS(app.alert\\(1\\))>>';
    expect(verdict(pdf(page, objStm(['<</Type/Font>>', js]), trailer))).toMatchObject({ verdict: 'active' });
    // no /Type, and the dictionary's /First hidden behind a fake object header in a string
    const hidden = objStm([js], '/Filter/FlateDecode/X(1 0 obj)');
    expect(verdict(pdf(page, hidden, trailer))).toMatchObject({ verdict: 'active', name: 'JavaScript' });
    // escaped names inside the stream too
    expect(verdict(pdf(page, objStm(['<</S/#4Aava#53cript>>']), trailer))).toMatchObject({
      verdict: 'active',
    });
    expect(verdict(pdf(page, objStm(['<</Type/Font/Subtype/Type1>>']), trailer))).toEqual({
      verdict: 'clean',
    });
  });

  it('refuses object streams it cannot read: another filter, a predictor, broken or too large data', () => {
    const hex = objStm(['<</Type/Font>>'], '/Type/ObjStm/Filter/ASCIIHexDecode', (b) =>
      Buffer.from(`${b.toString('hex')}>`),
    );
    expect(verdict(pdf(page, hex, trailer))).toEqual({
      verdict: 'unchecked',
      reason: 'object_stream_filter',
    });
    const predictor = objStm(
      ['<</Type/Font>>'],
      '/Type/ObjStm/Filter/FlateDecode/DecodeParms<</Predictor 12>>',
    );
    expect(verdict(pdf(page, predictor, trailer))).toMatchObject({ reason: 'object_stream_filter' });
    const broken = objStm(['<</Type/Font>>'], '/Type/ObjStm/Filter/FlateDecode', (b) => b);
    expect(verdict(pdf(page, broken, trailer))).toMatchObject({ reason: 'object_stream_unreadable' });
    const bomb = objStm([`<<>>${' '.repeat(40 * 1024 * 1024)}`]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(verdict(pdf(page, bomb, trailer))).toMatchObject({ reason: 'too_large' });
  });

  it('skips image data that happens to hold such bytes, but not objects hidden in a stream', () => {
    const noise = Buffer.concat([randomBytes(5000), Buffer.from('/JS /AA /EF '), randomBytes(5000)]);
    const image = Buffer.concat([
      Buffer.from(`5 0 obj<</Type/XObject/Subtype/Image/Filter/DCTDecode/Length ${noise.length}>>stream\n`),
      noise,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    expect(verdict(pdf(page, image, trailer))).toEqual({ verdict: 'clean' });
    const hiding = '5 0 obj<</Length 60>>stream\n6 0 obj<</S/Launch/F(cmd.exe)>>endobj\nendstream\nendobj\n';
    expect(verdict(pdf(page, hiding, trailer))).toMatchObject({ verdict: 'active', name: 'Launch' });
    // an object stream hidden inside a fake stream opened in a comment
    const fake = Buffer.concat([Buffer.from('% stream\n'), objStm(['<</JS(x)>>'], '/Filter/FlateDecode')]);
    expect(verdict(pdf(page, fake, trailer))).toMatchObject({ verdict: 'active', name: 'JS' });
  });

  it('passes a PDF written by pdfkit, the library of the platform’s own receipts and letters', async () => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Reçu' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.fontSize(14).text('Accusé de réception', 50, 50).link(50, 80, 100, 20, 'https://jisr.ma/track');
    doc.addPage().rect(10, 10, 100, 100).fill('#336699');
    doc.end();
    await done;
    expect(verdict(Buffer.concat(chunks))).toEqual({ verdict: 'clean' });
  });
});
