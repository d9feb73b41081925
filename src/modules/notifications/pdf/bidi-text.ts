/**
 * Text in Arabic and Latin scripts, right-to-left and left-to-right, for pdfkit.
 *
 * pdfkit shapes with fontkit (joining forms, ligatures) but knows nothing of the Unicode bidirectional
 * algorithm, and without `features` it lays out word by word, which puts Arabic words in the wrong order.
 * Here: bidi-js resolves the embedding levels of each paragraph; lines are wrapped on the logical text; each
 * line is cut into runs of one level and one font in visual order; a right-to-left run holding Arabic is
 * handed whole to fontkit in logical order (fontkit shapes it and reverses it), any other right-to-left run
 * (digits, punctuation) is mirrored and reversed here. Runs are drawn left to right on a shared baseline.
 */
import bidiFactory, { type EmbeddingLevels } from 'bidi-js';

const bidi = bidiFactory();

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/;
const FEATURES: PDFKit.Mixins.OpenTypeFeatures[] = [];

export type FontPair = { arabic: string; latin: string };
export type Fonts = { regular: FontPair; bold: FontPair };
export type Dir = 'rtl' | 'ltr';

export type Run = { text: string; font: string; rtl: boolean; width: number };
export type LaidLine = { runs: Run[]; width: number; start: number; end: number };

type Doc = PDFKit.PDFDocument;

export function hasArabic(s: string): boolean {
  return ARABIC.test(s);
}

/** The direction of a text from its first strong character (Arabic → rtl). */
export function directionOf(s: string): Dir {
  for (const ch of s) {
    if (ARABIC.test(ch)) return 'rtl';
    if (LATIN_LETTER.test(ch)) return 'ltr';
  }
  return 'ltr';
}

export class BidiText {
  constructor(
    readonly doc: Doc,
    readonly fonts: Fonts,
  ) {}

  /** Which font draws each character: Arabic letters the Arabic font, Latin letters the Latin one, the rest follows its neighbours. */
  private fontsOf(text: string, bold: boolean): string[] {
    const pair = bold ? this.fonts.bold : this.fonts.regular;
    const out: string[] = new Array(text.length);
    let last: string | null = null;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ARABIC.test(ch)) last = out[i] = pair.arabic;
      else if (LATIN_LETTER.test(ch)) last = out[i] = pair.latin;
      else out[i] = last ?? '';
    }
    // Neutrals before the first strong character take the font of the next one.
    let next: string | null = null;
    for (let i = text.length - 1; i >= 0; i--) {
      if (out[i]) next = out[i]!;
      else out[i] = next ?? pair.latin;
    }
    return out;
  }

  private measure(text: string, font: string, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text, { features: FEATURES });
  }

  /** Width of a logical range, summed over its font runs. */
  private widthOf(text: string, fonts: string[], start: number, end: number, size: number): number {
    let w = 0;
    let i = start;
    while (i < end) {
      let j = i + 1;
      while (j < end && fonts[j] === fonts[i]) j++;
      w += this.measure(text.slice(i, j), fonts[i]!, size);
      i = j;
    }
    return w;
  }

  /** Breaks one paragraph into lines no wider than `width`, at spaces (or anywhere in a word too long). */
  private wrap(text: string, fonts: string[], width: number, size: number): [number, number][] {
    const lines: [number, number][] = [];
    let start = 0;
    while (start < text.length) {
      while (start < text.length && text[start] === ' ') start++;
      if (start >= text.length) break;
      let end = start;
      let lastFit = -1;
      while (end < text.length) {
        let wordEnd = end;
        while (wordEnd < text.length && text[wordEnd] === ' ') wordEnd++;
        while (wordEnd < text.length && text[wordEnd] !== ' ') wordEnd++;
        if (this.widthOf(text, fonts, start, wordEnd, size) <= width) {
          lastFit = wordEnd;
          end = wordEnd;
        } else break;
      }
      if (lastFit === -1) {
        // A single word wider than the line: cut it where it stops fitting.
        let cut = start + 1;
        while (
          cut < text.length &&
          text[cut] !== ' ' &&
          this.widthOf(text, fonts, start, cut + 1, size) <= width
        )
          cut++;
        lastFit = cut;
      }
      lines.push([start, lastFit]);
      start = lastFit;
    }
    return lines;
  }

  /** One line (logical range) as runs in visual order, left to right. */
  private visualRuns(
    text: string,
    fonts: string[],
    levels: EmbeddingLevels,
    start: number,
    end: number,
    size: number,
  ): LaidLine {
    let last = end - 1;
    while (last > start && text[last] === ' ') last--;
    const order: number[] = [];
    for (let i = start; i <= last; i++) order.push(i);
    for (const [a, b] of bidi.getReorderSegments(text, levels, start, last)) {
      const from = a - start;
      const to = b - start;
      const slice = order.slice(from, to + 1).reverse();
      order.splice(from, slice.length, ...slice);
    }
    const lv = levels.levels;
    const runs: Run[] = [];
    let k = 0;
    while (k < order.length) {
      const first = order[k]!;
      const rtl = (lv[first]! & 1) === 1;
      let m = k + 1;
      while (
        m < order.length &&
        lv[order[m]!] === lv[first] &&
        fonts[order[m]!] === fonts[first] &&
        order[m]! === order[m - 1]! + (rtl ? -1 : 1)
      )
        m++;
      const idx = order.slice(k, m);
      // Brackets and guillemets in a right-to-left run take their mirrored form (fontkit does not do it).
      const chars = (rtl ? [...idx].reverse() : idx).map((i) =>
        rtl ? (bidi.getMirroredCharacter(text[i]!) ?? text[i]!) : text[i]!,
      );
      const logical = chars.join('');
      const font = fonts[first]!;
      // fontkit shapes a run it recognises as Arabic script and reverses it; any other right-to-left run
      // (digits, punctuation) we reverse ourselves.
      const draw = rtl && !hasArabic(logical) ? chars.reverse().join('') : logical;
      runs.push({ text: draw, font, rtl, width: this.measure(draw, font, size) });
      k = m;
    }
    return { runs, width: runs.reduce((s, r) => s + r.width, 0), start, end };
  }

  /** Lays out a paragraph (no line feeds) into lines of runs, without drawing. */
  layout(text: string, o: { width: number; size: number; dir?: Dir; bold?: boolean }): LaidLine[] {
    if (!text.trim()) return [];
    const dir = o.dir ?? directionOf(text);
    const levels = bidi.getEmbeddingLevels(text, dir);
    const fonts = this.fontsOf(text, !!o.bold);
    return this.wrap(text, fonts, o.width, o.size).map(([s, e]) =>
      this.visualRuns(text, fonts, levels, s, e, o.size),
    );
  }

  /** Draws one laid-out line with its baseline at `baseline`. */
  drawLine(
    line: LaidLine,
    x: number,
    baseline: number,
    size: number,
    width: number,
    align: 'left' | 'right' | 'center',
  ) {
    let cx =
      align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x;
    for (const r of line.runs) {
      this.doc
        .font(r.font)
        .fontSize(size)
        .text(r.text, cx, baseline, { lineBreak: false, features: FEATURES, baseline: 'alphabetic' });
      cx += r.width;
    }
  }

  /**
   * Draws a text (paragraphs separated by line feeds) in a box starting at `y`; returns the y after it.
   * `align` defaults to the paragraph's direction: right for Arabic, left for Latin.
   */
  paragraph(
    text: string,
    o: {
      x: number;
      y: number;
      width: number;
      size: number;
      dir?: Dir;
      bold?: boolean;
      align?: 'start' | 'end' | 'center';
      lineHeight?: number;
      paragraphGap?: number;
      color?: string;
      /** Called before a line that would pass this y; returns the y to continue at (a new page). */
      bottom?: number;
      onPageBreak?: () => number;
    },
  ): number {
    const lh = o.lineHeight ?? o.size * 1.55;
    let y = o.y;
    if (o.color) this.doc.fillColor(o.color);
    for (const para of text.split('\n')) {
      if (!para.trim()) {
        y += o.paragraphGap ?? lh * 0.6;
        continue;
      }
      const dir = o.dir ?? directionOf(para);
      const align =
        o.align === 'center' ? 'center' : (o.align === 'end') !== (dir === 'rtl') ? 'right' : 'left';
      for (const line of this.layout(para, { width: o.width, size: o.size, dir, bold: o.bold })) {
        if (o.bottom !== undefined && y + lh > o.bottom && o.onPageBreak) y = o.onPageBreak();
        this.drawLine(line, o.x, y + o.size * 1.05, o.size, o.width, align);
        y += lh;
      }
    }
    if (o.color) this.doc.fillColor('black');
    return y;
  }
}
