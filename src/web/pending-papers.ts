import { useRef, useState } from 'react';
import { api, uploadPending } from './api.js';
import { isTransient } from './retry.js';

/** A paper the server refused (wrong type, too large…): nothing was filed. */
export class PaperRefused extends Error {
  constructor(
    readonly fileName: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The papers chosen for a filing, sent ahead to the server's waiting area and checked there, so that a
 * case is created only once every paper has passed. Used by the citizen's form and the desk.
 */
export function usePendingPapers() {
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  // papers already received by the server, so that a second send does not send them again
  const uploaded = useRef(new Map<File, string>());

  /** A new choice of papers; one taken out of the list is withdrawn from the server too. */
  const change = (next: File[]) => {
    for (const f of files) {
      const id = uploaded.current.get(f);
      if (id && !next.includes(f)) {
        uploaded.current.delete(f);
        api(`/api/uploads/${id}`, { method: 'DELETE' }).catch(() => undefined);
      }
    }
    setFiles(next);
  };

  /** Sends what the server does not hold yet; the ids to name in the filing, or PaperRefused. */
  const send = async (): Promise<string[]> => {
    const ids: string[] = [];
    try {
      for (const f of files) {
        let id = uploaded.current.get(f);
        if (!id) {
          setProgress({ name: f.name, percent: 0 });
          try {
            id = (await uploadPending(f, (percent) => setProgress({ name: f.name, percent }))).id;
          } catch (e) {
            // the line broke after every try (see withRetries): not a refusal, the same send can be tried again
            if (isTransient(e)) throw e;
            throw new PaperRefused(f.name, (e as Error).message);
          }
          uploaded.current.set(f, id);
        }
        ids.push(id);
      }
    } finally {
      setProgress(null);
    }
    return ids;
  };

  /** The server no longer holds them (kept waiting too long): the next send sends them again. */
  const forget = () => uploaded.current.clear();

  return { files, change, send, progress, forget };
}
