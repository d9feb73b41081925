/**
 * Letters for citizens who chose post, and the cover list of a day's batch: A4 PDF, the address placed in
 * the window of a DL envelope, Arabic or French (or English) body, the institution's name in Arabic and
 * French, logo, reference, date and a QR code to the tracking page.
 */
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDate } from '../../../i18n/format.js';
import { type Lang, t } from '../../../i18n/index.js';
import type { PostalAddress } from '../../accounts/schema.js';
import { addressLines } from './address.js';
import { BidiText, type Fonts } from './bidi-text.js';

const require = createRequire(import.meta.url);
const fontFiles = {
  naskh: require.resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
  naskhBold: require.resolve('@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf'),
  sans: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  sansBold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};
const FONTS: Fonts = {
  regular: { arabic: 'naskh', latin: 'sans' },
  bold: { arabic: 'naskhBold', latin: 'sansBold' },
};

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 20 * MM;

/**
 * The address window of a DL envelope (A4 folded in three), measured from the sheet's top-left corner:
 * 85 × 45 mm, 45 mm from the top, 20 mm from the left edge (DIN 5008) or from the right edge.
 */
export function addressWindow(side: 'left' | 'right') {
  const width = 85 * MM;
  return {
    x: side === 'left' ? 20 * MM : A4.width - 20 * MM - width,
    y: 45 * MM,
    width,
    height: 45 * MM,
  };
}

export type LetterData = {
  institution: { nameAr: string; nameFr: string; nameEn: string };
  department?: { nameAr: string; nameFr: string; nameEn: string } | null;
  language: Lang;
  reference: string;
  date: Date;
  recipientName: string;
  /** Null for a letter handed over or downloaded rather than posted: the address block is left out. */
  address: PostalAddress | null;
  subject: string;
  body: string;
  trackingUrl: string | null;
  /** Who signs, when not the body (a paper the person makes, such as a referral file): their name. */
  signatory?: string;
  /** This letter's own verification code, when letters of several documents are printed together. */
  verification?: LetterOptions['verification'];
};

export type LetterOptions = {
  window: 'left' | 'right';
  logo?: string | null;
  /** The document's public verification code and the address of its page, printed under the QR codes. */
  verification?: { code: string; url: string } | null;
};

/** pdfkit, loaded with the first document: a process that writes no PDF never loads it. */
let pdfkit: Promise<typeof PDFDocument> | undefined;
function loadPdfkit(): Promise<typeof PDFDocument> {
  pdfkit ??= import('pdfkit').then((m) => m.default as typeof PDFDocument);
  return pdfkit;
}

/** A new document; dated (`date`, else now) so that the same content gives the same bytes. */
async function newDoc(title: string, date?: Date) {
  const Pdf = await loadPdfkit();
  const doc = new Pdf({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: title, Producer: 'Jisr', Creator: 'Jisr', ...(date ? { CreationDate: date } : {}) },
  });
  doc.registerFont('naskh', fontFiles.naskh);
  doc.registerFont('naskhBold', fontFiles.naskhBold);
  doc.registerFont('sans', fontFiles.sans);
  doc.registerFont('sansBold', fontFiles.sansBold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** A text engine on a blank document with the letter fonts: for measuring and for tests. */
export async function textEngine() {
  const { doc } = await newDoc('measure');
  doc.addPage();
  return new BidiText(doc, FONTS);
}

/** The platform's mark (a bridge), drawn as vectors when the institution has no logo file. */
function drawMark(doc: PDFKit.PDFDocument, cx: number, top: number, size: number) {
  const w = size;
  const h = size * 0.55;
  doc
    .save()
    .lineWidth(size * 0.06)
    .strokeColor('#0b5394');
  doc
    .moveTo(cx - w / 2, top + h)
    .bezierCurveTo(cx - w / 4, top, cx + w / 4, top, cx + w / 2, top + h)
    .stroke();
  doc
    .moveTo(cx - w / 2, top + h)
    .lineTo(cx + w / 2, top + h)
    .stroke();
  for (const f of [-0.25, 0, 0.25]) {
    const x = cx + f * w;
    const archY = top + h - (1 - (2 * f) ** 2) * h * 0.75;
    doc
      .moveTo(x, archY)
      .lineTo(x, top + h)
      .lineWidth(size * 0.03)
      .stroke();
  }
  doc.restore();
}

async function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 2);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
  doc.fill().restore();
}

/** The verification code in the letter's language, with a QR code to its public page: answers the bottom. */
async function drawVerification(
  doc: PDFKit.PDFDocument,
  bt: BidiText,
  v: { code: string; url: string },
  lang: Lang,
  side: { x: number; width: number },
  y: number,
) {
  const rtl = lang === 'ar';
  const dir = rtl ? 'rtl' : 'ltr';
  // In an Arabic line the bidirectional algorithm would reorder a code that starts with digits (533-TVH5-SCY
  // drawn as TVH5-SCY-533): there the code goes on its own line, left to right.
  const label = (at: { x: number; y: number; width: number }) => {
    if (!rtl)
      return bt.paragraph(t(lang, 'letter.verification', { code: v.code }), {
        ...at,
        size: 9,
        bold: true,
        dir,
      });
    const after = bt.paragraph(t(lang, 'letter.verification', { code: '' }).trim(), {
      ...at,
      size: 9,
      bold: true,
      dir,
    });
    return bt.paragraph(v.code, { ...at, y: after, size: 9, bold: true, dir: 'ltr', align: 'end' });
  };
  if (!/^https?:\/\//.test(v.url)) return label({ ...side, y });
  const q = 18 * MM;
  await drawQr(doc, v.url, rtl ? side.x + side.width - q : side.x, y, q);
  const cx = rtl ? side.x : side.x + q + 3 * MM;
  const cw = side.width - q - 3 * MM;
  let cy = label({ x: cx, y, width: cw });
  cy = bt.paragraph(t(lang, 'letter.verification_hint'), { x: cx, y: cy, width: cw, size: 7, dir });
  let cs = 7;
  while (cs > 5 && bt.layout(v.url, { width: 1e6, size: cs })[0]!.width > cw) cs -= 0.25;
  const end = bt.paragraph(v.url, {
    x: cx,
    y: cy,
    width: cw,
    size: cs,
    dir: 'ltr',
    align: rtl ? 'end' : 'start',
  });
  return Math.max(y + q, end);
}

function drawHeader(doc: PDFKit.PDFDocument, bt: BidiText, l: LetterData, o: LetterOptions) {
  const top = 12 * MM;
  const colW = 70 * MM;
  bt.paragraph(
    `${t('fr', 'letter.kingdom').toLocaleUpperCase('fr')}\n${l.institution.nameFr}${l.department ? `\n${l.department.nameFr}` : ''}`,
    {
      x: MARGIN,
      y: top,
      width: colW,
      size: 9,
      dir: 'ltr',
      align: 'center',
      paragraphGap: 0,
    },
  );
  bt.paragraph(
    `${t('ar', 'letter.kingdom')}\n${l.institution.nameAr}${l.department ? `\n${l.department.nameAr}` : ''}`,
    {
      x: A4.width - MARGIN - colW,
      y: top - 2,
      width: colW,
      size: 10,
      dir: 'rtl',
      align: 'center',
      paragraphGap: 0,
    },
  );
  if (o.logo) doc.image(o.logo, A4.width / 2 - 9 * MM, top, { fit: [18 * MM, 18 * MM], align: 'center' });
  else drawMark(doc, A4.width / 2, top + 2 * MM, 16 * MM);
}

/** Fold marks for a DL envelope (thirds) and the punch mark, on the left edge. */
function drawMarks(doc: PDFKit.PDFDocument) {
  doc.save().lineWidth(0.4).strokeColor('#888888');
  for (const y of [99, 198])
    doc
      .moveTo(4 * MM, y * MM)
      .lineTo(8 * MM, y * MM)
      .stroke();
  doc
    .moveTo(4 * MM, 148.5 * MM)
    .lineTo(6 * MM, 148.5 * MM)
    .stroke();
  doc.restore();
}

async function drawLetter(doc: PDFKit.PDFDocument, bt: BidiText, l: LetterData, o: LetterOptions) {
  const lang = l.language;
  const rtl = lang === 'ar';
  doc.addPage();
  const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  drawHeader(doc, bt, l, o);
  drawMarks(doc);

  // The window: return address on one small line, then the recipient, always in the destination's order.
  const win = addressWindow(o.window);
  const inner = { x: win.x + 4 * MM, width: win.width - 8 * MM };
  if (l.address) {
    bt.paragraph(`${l.institution.nameFr} · MAROC`, {
      x: inner.x,
      y: win.y + 2 * MM,
      width: inner.width,
      size: 6.5,
      dir: 'ltr',
      color: '#555555',
    });
    doc
      .save()
      .lineWidth(0.3)
      .strokeColor('#999999')
      .moveTo(inner.x, win.y + 7.5 * MM)
      .lineTo(inner.x + inner.width, win.y + 7.5 * MM)
      .stroke()
      .restore();
    const lines = addressLines(l.recipientName, l.address);
    let size = 10;
    while (
      size > 7 &&
      lines.some((line) => bt.layout(line, { width: 1e6, size }).some((x) => x.width > inner.width))
    )
      size -= 0.5;
    let ay = win.y + 10 * MM;
    for (const line of lines) {
      ay = bt.paragraph(line, {
        x: inner.x,
        y: ay,
        width: inner.width,
        size,
        dir: undefined,
        align: 'start',
        lineHeight: size * 1.3,
      });
    }
  } else {
    // handed over or downloaded: no address, but the letter still says whom it is for
    bt.paragraph(l.recipientName, {
      x: inner.x,
      y: win.y + 10 * MM,
      width: inner.width,
      size: 11,
      bold: true,
    });
  }

  // Beside the window: reference, date, QR code.
  const side =
    o.window === 'right'
      ? { x: MARGIN, width: win.x - MARGIN - 8 * MM }
      : { x: win.x + win.width + 8 * MM, width: A4.width - MARGIN - (win.x + win.width + 8 * MM) };
  let sy = win.y;
  sy = bt.paragraph(`${t(lang, 'letter.reference')}: ${l.reference}`, {
    ...side,
    y: sy,
    size: 10,
    bold: true,
    dir: rtl ? 'rtl' : 'ltr',
  });
  sy = bt.paragraph(`${t(lang, 'letter.date')}: ${formatDate(l.date, lang)}`, {
    ...side,
    y: sy,
    size: 10,
    dir: rtl ? 'rtl' : 'ltr',
  });
  const qrShown = l.trackingUrl !== null && /^https?:\/\//.test(l.trackingUrl);
  if (l.trackingUrl && qrShown) {
    const q = 22 * MM;
    const qy = sy + 2 * MM;
    const qx = rtl ? side.x + side.width - q : side.x;
    await drawQr(doc, l.trackingUrl, qx, qy, q);
    const cx = rtl ? side.x : side.x + q + 3 * MM;
    const cw = side.width - q - 3 * MM;
    // The link on one line when it can be: a smaller size rather than a cut address.
    let cs = 7.5;
    while (cs > 5.5 && bt.layout(l.trackingUrl, { width: 1e6, size: cs })[0]!.width > cw) cs -= 0.25;
    const cy = bt.paragraph(t(lang, 'letter.follow'), {
      x: cx,
      y: qy,
      width: cw,
      size: 7.5,
      dir: rtl ? 'rtl' : 'ltr',
    });
    bt.paragraph(l.trackingUrl, {
      x: cx,
      y: cy,
      width: cw,
      size: cs,
      dir: 'ltr',
      align: rtl ? 'end' : 'start',
    });
  }

  // Under it: the public verification code, and a QR code to its page.
  const verification = l.verification !== undefined ? l.verification : o.verification;
  const vy = verification
    ? await drawVerification(doc, bt, verification, lang, side, sy + (qrShown ? 26 : 2) * MM)
    : 0;

  // Subject and body, continuing on new pages as needed.
  const bodyX = MARGIN;
  const bodyW = A4.width - 2 * MARGIN;
  const bottom = A4.height - 22 * MM;
  let y = Math.max(win.y + win.height + 10 * MM, sy + 26 * MM, vy + 4 * MM);
  y = bt.paragraph(`${t(lang, 'letter.subject')}: ${l.subject}`, {
    x: bodyX,
    y,
    width: bodyW,
    size: 11.5,
    bold: true,
    dir: rtl ? 'rtl' : 'ltr',
  });
  y += 4 * MM;
  const newPage = () => {
    doc.addPage();
    drawMarks(doc);
    return 20 * MM;
  };
  // A line marked `## ` is a heading (the parts of a reasoned reply): set in bold, without its mark.
  for (const block of bodyBlocks(l.body)) {
    y = bt.paragraph(block.text, {
      x: bodyX,
      y,
      width: bodyW,
      size: 11.5,
      bold: block.heading,
      dir: rtl ? 'rtl' : 'ltr',
      bottom,
      onPageBreak: newPage,
    });
  }
  // The signatory block, at the end of the line: the body and the department that answers for it.
  const named = (x: { nameAr: string; nameFr: string; nameEn: string }) =>
    lang === 'ar' ? x.nameAr : lang === 'fr' ? x.nameFr : x.nameEn;
  const signatory =
    l.signatory ??
    [
      t(lang, 'letter.signedFor', { institution: named(l.institution) }),
      ...(l.department ? [named(l.department)] : []),
    ].join('\n');
  y += 8 * MM;
  if (y + 14 * MM > bottom) y = newPage();
  bt.paragraph(signatory, {
    x: rtl ? bodyX : bodyX + bodyW / 2,
    y,
    width: bodyW / 2,
    size: 11.5,
    bold: true,
    dir: rtl ? 'rtl' : 'ltr',
    align: 'center',
  });
  const range = doc.bufferedPageRange();
  const last = range.start + range.count - 1;
  const pages = last - firstPage + 1;
  for (let p = firstPage; p <= last; p++) {
    doc.switchToPage(p);
    bt.paragraph(`${l.reference} · ${t(lang, 'letter.page', { page: p - firstPage + 1, pages })}`, {
      x: MARGIN,
      y: A4.height - 15 * MM,
      width: bodyW,
      size: 8,
      align: 'center',
      dir: rtl ? 'rtl' : 'ltr',
      color: '#555555',
    });
  }
  return pages;
}

/** One PDF holding the given letters, each starting on a new sheet; with the page count of each. */
export async function renderLetters(
  items: LetterData[],
  o: LetterOptions,
): Promise<{ pdf: Buffer; pages: number[] }> {
  const { doc, done } = await newDoc(items.length === 1 ? items[0]!.reference : 'Jisr', items[0]?.date);
  const bt = new BidiText(doc, FONTS);
  const pages: number[] = [];
  for (const l of items) pages.push(await drawLetter(doc, bt, l, o));
  doc.end();
  return { pdf: await done, pages };
}

export type CoverRow = { reference: string; recipientName: string; country: string; pages: number };

/** The cover list of a batch: what is in the pile, to check before posting. */
export async function renderCoverList(
  m: { institution: { nameAr: string; nameFr: string; nameEn: string }; day: Date; rows: CoverRow[] },
  lang: Lang,
): Promise<Buffer> {
  const day = formatDate(m.day, lang);
  const { doc, done } = await newDoc(t(lang, 'letter.cover.title', { day }));
  const bt = new BidiText(doc, FONTS);
  const rtl = lang === 'ar';
  const dir = rtl ? 'rtl' : 'ltr';
  const width = A4.width - 2 * MARGIN;
  const name =
    lang === 'ar' ? m.institution.nameAr : lang === 'fr' ? m.institution.nameFr : m.institution.nameEn;
  const cols = [0.07, 0.28, 0.37, 0.18, 0.1];
  const header = t(lang, 'letter.cover.columns').split('|');
  const startPage = () => {
    doc.addPage();
    let y = 18 * MM;
    y = bt.paragraph(name, { x: MARGIN, y, width, size: 11, dir });
    y = bt.paragraph(t(lang, 'letter.cover.title', { day }), {
      x: MARGIN,
      y,
      width,
      size: 14,
      bold: true,
      dir,
    });
    y = bt.paragraph(t(lang, 'letter.cover.count', { count: m.rows.length }), {
      x: MARGIN,
      y,
      width,
      size: 10,
      dir,
    });
    return row(header, y + 4 * MM, true);
  };
  const row = (cells: string[], y: number, bold = false) => {
    let x = rtl ? MARGIN + width : MARGIN;
    let next = y;
    cells.forEach((cell, i) => {
      const w = cols[i]! * width;
      if (rtl) x -= w;
      next = Math.max(
        next,
        bt.paragraph(cell, { x: x + 2, y, width: w - 4, size: 9, bold, dir: undefined, align: 'start' }),
      );
      if (!rtl) x += w;
    });
    doc
      .save()
      .lineWidth(0.3)
      .strokeColor('#999999')
      .moveTo(MARGIN, next + 1)
      .lineTo(MARGIN + width, next + 1)
      .stroke()
      .restore();
    return next + 3;
  };
  let y = startPage();
  m.rows.forEach((r, i) => {
    if (y > A4.height - 25 * MM) y = startPage();
    y = row([String(i + 1), r.reference, r.recipientName, r.country, String(r.pages)], y);
  });
  doc.end();
  return done;
}

/** A letter's body cut at its heading lines (`## Facts`): the headings and the text between them, in order. */
export function bodyBlocks(body: string): { text: string; heading: boolean }[] {
  const blocks: { text: string; heading: boolean }[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.some((line) => line.trim())) blocks.push({ text: text.join('\n'), heading: false });
    text = [];
  };
  for (const line of body.split('\n')) {
    if (line.startsWith('## ')) {
      flush();
      blocks.push({ text: line.slice(3), heading: true });
    } else text.push(line);
  }
  flush();
  return blocks;
}
