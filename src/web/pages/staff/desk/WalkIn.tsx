import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.js';
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
  const nameError = tried && !name.trim() ? t('appt.desk.nameRequired') : null;
  return (
    <form className="panel" noValidate onSubmit={onSubmit}>
      <h2>{t('appt.desk.walkIn')}</h2>
      <Field label={t('appt.desk.walkInName')} error={nameError}>
        {(control) => (
          <input
            {...control}
            value={name}
            dir="auto"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
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
