import { fileTypeFromBuffer } from 'file-type';

/** Types a case may carry, decided from the bytes, never from the name. */
export const allowedMediaTypes: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  // voice: WhatsApp voice notes (Ogg Opus), recordings of the portal (WebM Opus, or MP4 AAC in Safari), MP3
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/webm': ['webm', 'weba'],
  'audio/mp4': ['m4a', 'mp4'],
  'audio/aac': ['aac'],
  'audio/mpeg': ['mp3', 'mpga'],
};

/** The audio types: a voice message, played in place and marked for transcription by staff. */
export const isAudio = (mediaType: string) => mediaType.startsWith('audio/');

const knownExtensions = new Map(
  Object.entries(allowedMediaTypes).flatMap(([type, exts]) => exts.map((e) => [e, type])),
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const UNSAFE_NAME = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export type FileCheck =
  | { ok: true; mediaType: string; name: string }
  | {
      ok: false;
      error: 'empty' | 'type_not_allowed' | 'name_unsafe' | 'extension_mismatch';
      detected?: string;
    };

/** Checks a file name as text to keep: no folders, no traversal, no invisible or direction-changing characters. */
export function checkFileName(raw: string): string | null {
  const name = raw.normalize('NFC').trim();
  if (!name || name.length > 200 || UNSAFE_NAME.test(name)) return null;
  if (/[/\\]/.test(name) || name === '.' || name === '..' || name.startsWith('.')) return null;
  return name;
}

export async function checkFile(bytes: Buffer, rawName: string): Promise<FileCheck> {
  if (bytes.length === 0) return { ok: false, error: 'empty' };
  const name = checkFileName(rawName);
  if (!name) return { ok: false, error: 'name_unsafe' };
  const sniffed = await fileTypeFromBuffer(bytes);
  const mediaType = sniffed && kept(sniffed.mime, bytes);
  if (!mediaType || !allowedMediaTypes[mediaType])
    return { ok: false, error: 'type_not_allowed', detected: sniffed?.mime };
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const claimed = knownExtensions.get(ext);
  if (ext && claimed !== mediaType) return { ok: false, error: 'extension_mismatch', detected: mediaType };
  return { ok: true, mediaType, name };
}

/**
 * The type a sniffed file is kept as. The sniffer names Ogg Opus with its codec, every WebM and most MP4s a
 * video, and M4A by its old name: an Ogg is kept as `audio/ogg`, an M4A as `audio/mp4`, and a WebM or MP4 is
 * taken only when its tracks are all audio (a recording of the voice, never a film), as `audio/webm` or
 * `audio/mp4`.
 */
function kept(sniffed: string, bytes: Buffer): string {
  if (sniffed.startsWith('audio/ogg')) return 'audio/ogg';
  if (sniffed === 'audio/x-m4a') return 'audio/mp4';
  if (sniffed === 'video/webm') return webmTracks(bytes) === 'audio' ? 'audio/webm' : sniffed;
  if (sniffed === 'video/mp4') return mp4Tracks(bytes) === 'audio' ? 'audio/mp4' : sniffed;
  return sniffed;
}

/** What an MP4's track handlers (`hdlr` boxes: `soun`, `vide`…) are, near the start: audio only, or more. */
function mp4Tracks(bytes: Buffer): 'audio' | 'other' {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  const handlers = [...head.matchAll(/hdlr[\s\S]{8}(\w{4})/g)].map((m) => m[1]);
  return handlers.length > 0 && handlers.every((h) => h === 'soun') ? 'audio' : 'other';
}

/** What a WebM's track headers (their CodecID elements, 0x86, near the start) carry: audio only, or more. */
function webmTracks(bytes: Buffer): 'audio' | 'other' {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  const codecs = [...head.matchAll(/\x86[\x81-\xa0]([A-Z])_/g)].map((m) => m[1]);
  return codecs.length > 0 && codecs.every((c) => c === 'A') ? 'audio' : 'other';
}

/** Files are stored by their content (`storage/`): identical files once, under their sha256. */
export { sha256Hex } from '../storage/blob-store.js';
/** Where the folder store keeps a file: `<dir>/aa/bb/<sha256>`. */
export { folderBlobPath as blobPath } from '../storage/folder.js';
