import { useTranslation } from 'react-i18next';
import { serviceName } from '../../../components/Appointments.js';
import { Field } from '../../../components/Field.js';
import type { DeskService } from './types.js';

/** A choice among the active services, or of none (the empty first option, `all`). */
export function ServiceSelect({
  label,
  all,
  services,
  value,
  onChange,
}: {
  label: string;
  all: string;
  services: DeskService[];
  value: string;
  onChange: (serviceId: string) => void;
}) {
  const { i18n } = useTranslation();
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{all}</option>
          {services
            .filter((s) => s.active)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {serviceName(s, i18n.language)}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}
