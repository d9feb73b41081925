import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A row of a table opened into a form (rename a department, change a staff member): Save and Cancel. */
export function InlineEditRow({
  title,
  onSubmit,
  error,
  onCancel,
  children,
}: {
  title: string;
  onSubmit: (e: FormEvent) => void;
  /** A refusal that belongs to none of the fields. */
  error: string | undefined;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <tr>
      <td colSpan={4}>
        <form onSubmit={onSubmit} noValidate aria-label={title}>
          <p className="form-title">{title}</p>
          <div className="row">{children}</div>
          {error && (
            <p className="alert error" role="alert">
              {error}
            </p>
          )}
          <div className="buttons">
            <button type="submit">{t('people.save')}</button>
            <button type="button" className="secondary" onClick={onCancel}>
              {t('people.cancel')}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
