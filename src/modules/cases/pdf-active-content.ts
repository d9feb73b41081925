import { constants, inflateSync } from 'node:zlib';

/**
 * Names that make a PDF do something when opened, or carry another file: scripts, launching a program,
 * embedded or attached files, actions on events, rich media, XFA forms. An `/OpenAction` that only turns to
 * a page is harmless; one that runs a script or launches a program names `/JavaScript`, `/JS` or `/Launch`.
 */
const ACTIVE = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'FileAttachment',
  'GoToE',
  'AA',
  'RichMedia',
  'XFA',
]);
/** Decoding filters other than Flate, and their parameters: an object stream using them is not read here. */
const OTHER_FILTERS = new Set(
  'ASCIIHexDecode AHx ASCII85Decode A85 LZWDecode LZW RunLengthDecode RL CCITTFaxDecode CCF JBIG2Decode DCTDecode DCT JPXDecode Crypt DecodeParms DP Predictor'.split(
    ' ',
  ),
);

/** Largest object stream once inflated, and all of them together: more is refused as not checkable. */
const MAX_INFLATED = 32 * 1024 * 1024;
const MAX_INFLATED_TOTAL = 64 * 1024 * 1024;

export type PdfVerdict =
  | { verdict: 'clean' }
  | { verdict: 'active'; name: string }
  | { verdict: 'unchecked'; reason: 'object_stream_filter' | 'object_stream_unreadable' | 'too_large' };

// A name: a solidus and the regular characters after it (ISO 32000-1, 7.3.5); #xx escapes decoded after.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is white space in a PDF
const NAME = /\/([^\x00\t\n\f\r ()<>[\]{}/%]*)/g;
// An object's header, as a reader finds it when the cross-reference table sends it to an offset.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is white space in a PDF
const OBJECT_HEADER = /\d+\s+\d+\s+obj(?![^\x00\t\n\f\r ()<>[\]{}/%])/g;
// The `stream` keyword (not `endstream`), then the rest of its line: the data starts on the next one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is white space in a PDF
const STREAM = /(?<=[\x00\s>])stream(?![^\x00\t\n\f\r ()<>[\]{}/%])[^\r\n]*(?:\r\n|\r|\n)/g;
// What an object stream starts with: pairs of object numbers and offsets (after blanks or comments).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is white space in a PDF
const OBJECT_PAIRS = /^(?:[\x00\s]|%[^\r\n]*[\r\n])*\d+\s+\d+\s/;

/** A name as the reader sees it: `/J#61vaScript` is `/JavaScript`. */
export const decodeName = (raw: string) =>
  raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const namesIn = (text: string) => new Set([...text.matchAll(NAME)].map((m) => decodeName(m[1]!)));
const activeIn = (names: Set<string>) => [...names].find((n) => ACTIVE.has(n)) ?? null;

/** Whether compressed bytes start as an object stream does (inflating only their first bytes). */
function looksLikeObjects(data: Buffer): boolean {
  if (data.length < 2 || (data[0]! & 0x0f) !== 8 || (data[0]! * 256 + data[1]!) % 31 !== 0) return false;
  try {
    const head = inflateSync(data.subarray(0, 256), { finishFlush: constants.Z_SYNC_FLUSH });
    return OBJECT_PAIRS.test(head.toString('latin1', 0, 200));
  } catch {
    return false;
  }
}

/**
 * Looks for active content in a PDF. Every name outside stream data counts, wherever it stands (in a
 * comment or a string too: a reader may be sent to an object hidden there). Stream data is skipped (images,
 * fonts: data a reader never takes for objects) unless it holds an object header, then read as objects too;
 * object streams, where a compressed PDF keeps most of its dictionaries, are inflated and read. An object
 * stream we cannot read (another filter, a predictor, encrypted, too large) refuses the file.
 */
export function findPdfActiveContent(bytes: Buffer): PdfVerdict {
  const text = bytes.toString('latin1');
  let inflated = 0;
  let from = 0;
  const outside: string[] = [];
  STREAM.lastIndex = 0;
  for (let m = STREAM.exec(text); m; m = STREAM.exec(text)) {
    const dataStart = m.index + m[0].length;
    const found = text.indexOf('endstream', dataStart);
    const dataEnd = found < 0 ? text.length : found;
    OBJECT_HEADER.lastIndex = 0;
    if (OBJECT_HEADER.test(text.slice(dataStart, dataEnd))) continue; // objects inside: read on as objects
    // what stands between the previous stream and this one, and this stream's own dictionary
    const before = text.slice(from, m.index);
    const own = before.slice([...before.matchAll(OBJECT_HEADER)].at(-1)?.index ?? 0);
    outside.push(before);
    const data = bytes.subarray(dataStart, dataEnd);
    const names = namesIn(before);
    if (names.has('ObjStm') || namesIn(own).has('First') || looksLikeObjects(data)) {
      const objects = readObjectStream(data, names);
      if (typeof objects !== 'string') return objects;
      inflated += objects.length;
      if (inflated > MAX_INFLATED_TOTAL) return { verdict: 'unchecked', reason: 'too_large' };
      const name = activeIn(namesIn(objects));
      if (name) return { verdict: 'active', name };
    }
    from = found < 0 ? text.length : dataEnd + 'endstream'.length;
    STREAM.lastIndex = from;
  }
  outside.push(text.slice(from));
  for (const part of outside) {
    const name = activeIn(namesIn(part));
    if (name) return { verdict: 'active', name };
  }
  return { verdict: 'clean' };
}

/** The objects of an object stream as text, or why they cannot be read. */
function readObjectStream(data: Buffer, dictNames: Set<string>): string | PdfVerdict {
  if ([...dictNames].some((n) => OTHER_FILTERS.has(n)))
    return { verdict: 'unchecked', reason: 'object_stream_filter' };
  const zlib = (data[0]! & 0x0f) === 8 && (data[0]! * 256 + data[1]!) % 31 === 0;
  if (!dictNames.has('FlateDecode') && !dictNames.has('Fl') && !zlib) return data.toString('latin1');
  try {
    return inflateSync(data, { maxOutputLength: MAX_INFLATED }).toString('latin1');
  } catch (err) {
    const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return { verdict: 'unchecked', reason: tooLarge ? 'too_large' : 'object_stream_unreadable' };
  }
}
