import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServiceSelect } from './ServiceSelect.js';
import type { DeskService } from './types.js';
import { useTriedForm } from './useTriedForm.js';

/** Gives a ticket to a visitor without an appointment. */
export function WalkIn({
  services,
  onCheckIn,
}: {
  services: DeskService[];
  onCheckIn: (name: string, serviceId: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [serviceId, setServiceId] = useState('');
  const { tried, onSubmit } = useTriedForm(
    () => !!name.trim(),
    () => onCheckIn(name.trim(), serviceId),
    () => setName(''),
  );
  const ids = { name: useId(), err: useId() };
  const nameError = tried && !name.trim() ? t('appt.desk.nameRequired') : null;
  return (
    <form className="panel" noValidate onSubmit={onSubmit}>
      <h2>{t('appt.desk.walkIn')}</h2>
      <div className="field">
        <label htmlFor={ids.name}>{t('appt.desk.walkInName')}</label>
        <input
          id={ids.name}
          value={name}
          dir="auto"
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!nameError}
          aria-describedby={nameError ? ids.err : undefined}
        />
        {nameError && (
          <p className="field-error" id={ids.err}>
            {nameError}
          </p>
        )}
      </div>
      <ServiceSelect
        label={t('appt.detail.service')}
        all={t('appt.desk.anyService')}
        services={services}
        value={serviceId}
        onChange={setServiceId}
      />
      <button type="submit">{t('appt.desk.issueTicket')}</button>
    </form>
  );
}
