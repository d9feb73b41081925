import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api.js';
import { useTriedForm } from './useTriedForm.js';

/** Checks in a visitor who booked, by the reference of their appointment. */
export function CheckInByReference({
  onCheckIn,
  error,
}: {
  onCheckIn: (reference: string) => Promise<boolean>;
  error: ApiError | null;
}) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const { tried, onSubmit } = useTriedForm(
    () => reference.trim().length >= 5,
    () => onCheckIn(reference.trim()),
    () => setReference(''),
  );
  const ids = { ref: useId(), hint: useId(), err: useId() };
  const fieldError =
    error?.field('reference') ?? (tried && reference.trim().length < 5 ? t('appt.desk.referenceHint') : null);
  return (
    <form className="panel" noValidate onSubmit={onSubmit}>
      <h2>{t('appt.desk.checkInBooked')}</h2>
      <div className="field">
        <label htmlFor={ids.ref}>{t('appt.desk.reference')}</label>
        <p className="hint" id={ids.hint}>
          {t('appt.desk.referenceHint')}
        </p>
        <input
          id={ids.ref}
          dir="ltr"
          autoComplete="off"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          aria-invalid={!!fieldError}
          aria-describedby={`${ids.hint}${fieldError ? ` ${ids.err}` : ''}`}
        />
        {fieldError && (
          <p className="field-error" id={ids.err}>
            {fieldError}
          </p>
        )}
      </div>
      <button type="submit">{t('appt.desk.checkIn')}</button>
    </form>
  );
}
