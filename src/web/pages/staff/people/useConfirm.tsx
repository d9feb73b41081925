import { useState } from 'react';
import type { ApiError } from '../../../api.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import type { Confirm } from './types.js';

/** An action asked for in a dialog and run on a yes; `onDone` receives the notice it answers. */
export function useConfirm(onDone: (notice: string) => Promise<void>) {
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = (c: Confirm) => {
    setConfirmError(null);
    setConfirm(c);
  };
  const runConfirmed = async () => {
    if (!confirm) return;
    setBusy(true);
    setConfirmError(null);
    try {
      const done = await confirm.run();
      setConfirm(null);
      await onDone(done);
    } catch (e) {
      setConfirmError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  const dialog = confirm && (
    <ConfirmDialog
      title={confirm.title}
      message={confirm.message}
      confirmLabel={confirm.label}
      danger={confirm.danger}
      busy={busy}
      error={confirmError}
      onConfirm={runConfirmed}
      onCancel={() => setConfirm(null)}
    />
  );
  return { ask, dialog };
}
