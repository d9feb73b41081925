import type { QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { useAction } from '../useAction.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/** An action that waits for a yes in the confirmation dialog; `run` may answer the notice to show. */
export type Confirm = {
  title: string;
  message?: string;
  label: string;
  cancelLabel?: string;
  danger?: boolean;
  run: () => Promise<unknown>;
  /** The queries to fetch again once it worked. */
  invalidate?: readonly QueryKey[];
};

/**
 * Asks before an action (`ask`), in the one confirmation dialog (`dialog`, to put in the page), and runs it on a
 * yes: the dialog stays open and busy while it runs, shows the refusal, and closes once it worked; then `onDone`
 * receives the notice the action answered.
 */
export function useConfirm(onDone?: (notice: string) => Promise<void> | void) {
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const action = useAction({
    run: (c: Confirm) => c.run(),
    invalidate: (_, c) => c.invalidate ?? [],
    onDone: async (notice) => {
      setConfirm(null);
      await onDone?.(typeof notice === 'string' ? notice : '');
    },
  });
  const ask = (c: Confirm) => {
    action.reset();
    setConfirm(c);
  };
  const dialog = confirm && (
    <ConfirmDialog
      title={confirm.title}
      message={confirm.message}
      confirmLabel={confirm.label}
      cancelLabel={confirm.cancelLabel}
      danger={confirm.danger}
      busy={action.busy}
      error={action.error?.message}
      onConfirm={() => action.run(confirm)}
      onCancel={() => setConfirm(null)}
    />
  );
  return { ask, dialog };
}
