import { fileTypeFromBuffer } from 'file-type';

/** Types a case may carry, decided from the bytes, never from the name. */
export const allowedMediaTypes: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
};
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
  if (!sniffed || !allowedMediaTypes[sniffed.mime])
    return { ok: false, error: 'type_not_allowed', detected: sniffed?.mime };
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const claimed = knownExtensions.get(ext);
  if (ext && claimed !== sniffed.mime)
    return { ok: false, error: 'extension_mismatch', detected: sniffed.mime };
  return { ok: true, mediaType: sniffed.mime, name };
}

/** Files are stored by their content (`storage/`): identical files once, under their sha256. */
export { sha256Hex } from '../storage/blob-store.js';
/** Where the folder store keeps a file: `<dir>/aa/bb/<sha256>`. */
export { folderBlobPath as blobPath } from '../storage/folder.js';
