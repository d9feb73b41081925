import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api.js';
import { Field } from '../../../components/Field.js';
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
  const fieldError =
    error?.field('reference') ?? (tried && reference.trim().length < 5 ? t('appt.desk.referenceHint') : null);
  return (
    <form className="panel" noValidate onSubmit={onSubmit}>
      <h2>{t('appt.desk.checkInBooked')}</h2>
      <Field label={t('appt.desk.reference')} hint={t('appt.desk.referenceHint')} error={fieldError}>
        {(control) => (
          <input
            {...control}
            dir="ltr"
            autoComplete="off"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        )}
      </Field>
      <button type="submit">{t('appt.desk.checkIn')}</button>
    </form>
  );
}
