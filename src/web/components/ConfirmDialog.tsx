import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal confirmation (native <dialog>: focus stays inside, Escape cancels, focus goes back where it was).
 * The error of a refused action is shown inside, next to the buttons.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), message: useId() };
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    cancelRef.current?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={ids.title}
      aria-describedby={ids.message}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={ids.title} className="confirm-title">
        {title}
      </h2>
      <p id={ids.message}>{message}</p>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="button" className={danger ? 'danger' : undefined} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" ref={cancelRef} onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </dialog>
  );
}
