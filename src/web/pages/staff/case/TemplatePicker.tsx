import { useTranslation } from 'react-i18next';
import type { CaseTemplate } from '../../../api.js';
import { Field } from '../../../components/Field.js';

/** "Start from a template": the body's templates for the case, the one chosen given to `onPick`. */
export function TemplatePicker({
  templates,
  onPick,
}: {
  templates: CaseTemplate[];
  onPick: (tpl: CaseTemplate) => void;
}) {
  const { t } = useTranslation();
  if (!templates.length) return null;
  return (
    <Field label={t('staff.ws.useTemplate')}>
      {(control) => (
        <select
          {...control}
          value=""
          onChange={(e) => {
            const tpl = templates.find((x) => x.id === e.target.value);
            if (tpl) onPick(tpl);
          }}
        >
          <option value="">{t('file.category.choose')}</option>
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
