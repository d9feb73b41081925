import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { numberRange } from '../../shared/number-range.js';
import type { Category, Field } from '../api.js';
import { TextField } from './FormField.js';

type Lang = 'ar' | 'fr' | 'en';

/** The label of a category's field in the reader's language. */
export const fieldLabel = (f: Field, lang: string) => f.label[(lang in f.label ? lang : 'fr') as Lang];

/** The typed values to send: numbers as numbers, empty fields left out. */
export function fieldValues(category: Category | undefined, raw: Record<string, string>) {
  const out: Record<string, string | number> = {};
  for (const f of category?.fields ?? []) {
    const v = raw[f.name]?.trim();
    if (v) out[f.name] = f.type === 'number' ? Number(v) : v;
  }
  return out;
}

/** What is wrong before sending, keyed `fields/<name>` like the server's pointers: missing or out of range. */
export function fieldProblems(
  category: Category | undefined,
  raw: Record<string, string>,
  t: TFunction,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of category?.fields ?? []) {
    const v = raw[f.name]?.trim() ?? '';
    if (!v) {
      if (f.required) out[`fields/${f.name}`] = t('common.required');
      continue;
    }
    if (f.type !== 'number') continue;
    const n = Number(v);
    const { min, max } = numberRange(f, new Date());
    if (!Number.isInteger(n)) out[`fields/${f.name}`] = t('common.wholeNumber');
    else if (n < min || n > max)
      // plain figures: these are years and small counts, never grouped (« 1900 », not « 1 900 »)
      out[`fields/${f.name}`] = t('common.between', { min: String(min), max: String(max) });
  }
  return out;
}

/** The structured fields a category asks for (name on the act, record year, copies…), one input each. */
export function CategoryFields(props: {
  category: Category | undefined;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  errorFor: (pointer: string) => string | undefined;
}) {
  const { i18n } = useTranslation();
  return (
    <>
      {props.category?.fields.map((f) => {
        const range = f.type === 'number' ? numberRange(f, new Date()) : undefined;
        return (
          <TextField
            key={f.name}
            id={`field-${f.name}`}
            label={fieldLabel(f, i18n.language)}
            type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
            value={props.values[f.name] ?? ''}
            onChange={(v) => props.onChange({ ...props.values, [f.name]: v })}
            error={props.errorFor(`fields/${f.name}`)}
            required={f.required}
            maxLength={f.maxLength}
            min={range?.min}
            max={range?.max}
          />
        );
      })}
    </>
  );
}
