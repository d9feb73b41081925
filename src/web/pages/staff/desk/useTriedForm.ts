import { type FormEvent, useState } from 'react';

/**
 * The submit of a desk form: its errors show once it was tried; it is emptied (`reset`) when `send` worked.
 * `ok` says whether what was typed can be sent.
 */
export function useTriedForm(ok: () => boolean, send: () => Promise<boolean>, reset: () => void) {
  const [tried, setTried] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!ok()) return;
    if (await send()) {
      reset();
      setTried(false);
    }
  };
  return { tried, onSubmit };
}
