import { type RefObject, useEffect, useRef, useState } from 'react';
import { api } from '../../api.js';
import type { Form } from './form.js';

/** Keeps the form: on the server for signed-in people, on this device otherwise, so nothing typed is lost. */
export function useDraft(institutionId: string, signedIn: boolean) {
  const key = `jisr-draft-${institutionId}`;
  const [draftId] = useState(() => localStorage.getItem(`${key}-id`) ?? crypto.randomUUID());
  const [saved, setSaved] = useState(false);
  useEffect(() => localStorage.setItem(`${key}-id`, draftId), [key, draftId]);
  const load = async (): Promise<Form | null> => {
    // this device's copy first: written at every save, it is never older than the one sent to the server (a
    // save still on its way on a slow connection is lost when the page reloads); the server's copy serves
    // when this device has none
    const local = localStorage.getItem(key);
    if (local) return JSON.parse(local) as Form;
    if (signedIn) {
      const res = await api<{ items: { id: string; data: Form }[] }>('/api/me/drafts').catch(() => null);
      const mine = res?.items.find((d) => d.id === draftId);
      if (mine) return mine.data;
    }
    return null;
  };
  const save = (form: Form) => {
    localStorage.setItem(key, JSON.stringify(form));
    if (signedIn) {
      api(`/api/me/drafts/${draftId}`, { method: 'PUT', body: { data: form } })
        .then(() => setSaved(true))
        .catch(() => setSaved(false));
    } else setSaved(true);
  };
  const clear = async () => {
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}-id`);
    if (signedIn) await api(`/api/me/drafts/${draftId}`, { method: 'DELETE' }).catch(() => undefined);
  };
  return { load, save, clear, saved };
}

/** Saves as the person types (debounced), and at once when the page is left or closed. */
export function useAutosave(form: Form, save: (form: Form) => void, loaded: RefObject<boolean>) {
  const latest = useRef<Form | null>(null);
  useEffect(() => {
    if (!loaded.current) return;
    latest.current = form;
    const id = setTimeout(() => {
      latest.current = null;
      save(form);
    }, 800);
    return () => clearTimeout(id);
  }, [form, save, loaded]);
  const saveNow = useRef(save);
  saveNow.current = save;
  useEffect(() => {
    const flush = () => {
      if (latest.current) saveNow.current(latest.current);
      latest.current = null;
    };
    addEventListener('pagehide', flush);
    return () => {
      removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
}
