import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one confirmation of the app: a modal (native <dialog>, announced as an alert dialog) that takes the
 * focus (on the cancel button, the safe choice), cancels on Escape, and gives the focus back to the button that
 * opened it. The error of a refused action is shown inside, next to the buttons.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  message?: string;
  confirmLabel: string;
  /** The cancel button's text; "Cancel" when not given. */
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** What the action needs besides a yes (a note to write), between the message and the buttons. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), message: useId() };
  useEffect(() => {
    const d = ref.current;
    const trigger = document.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal();
    cancelRef.current?.focus();
    return () => {
      const now = document.activeElement;
      const inside = !now || now === document.body || !!d?.contains(now);
      // a dialog already taken out of the page (its line was deleted) has nothing to close
      if (d?.isConnected) d.close();
      // back to the button that opened it, unless the action moved the focus elsewhere (or removed that button)
      if (inside && trigger && trigger !== document.body && trigger.isConnected) trigger.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={ids.title}
      aria-describedby={message ? ids.message : undefined}
      aria-busy={busy || undefined}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={ids.title} className="confirm-title">
        {title}
      </h2>
      {message && <p id={ids.message}>{message}</p>}
      {children}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          className={danger ? 'danger' : undefined}
          onClick={onConfirm}
          disabled={busy}
          aria-busy={busy || undefined}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" ref={cancelRef} onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
