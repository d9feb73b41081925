import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n.js';
import { Field } from './Field.js';

type T = TFunction;

/** What is wrong with a text a person writes (a subject, a description), or nothing: the server's rules. */
export function writtenTextProblem(value: string, min: number, max: number, t: T, lang: string) {
  const v = value.trim();
  if (!v) return t('common.fieldRequired');
  if (v.length < min) return t('common.tooShort', { min, n: v.length });
  if (v.length > max)
    return t('common.tooLong', { n: formatNumber(v.length, lang), max: formatNumber(max, lang) });
  if (!/[\p{L}\p{N}]/u.test(v)) return t('common.noWords');
  return undefined;
}

/** One labelled input with its hint and its error (the one `Field`, with "required" or "optional"). */
export function TextField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  type?: string;
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      required={!!props.required}
    >
      {(control) => (
        <input
          {...control}
          type={props.type ?? 'text'}
          value={props.value}
          maxLength={props.maxLength}
          min={props.min}
          max={props.max}
          inputMode={props.type === 'number' ? 'numeric' : undefined}
          onChange={(e) => props.onChange(e.target.value)}
          dir={props.type === 'number' || props.type === 'date' ? 'ltr' : undefined}
        />
      )}
    </Field>
  );
}

/**
 * A long text with its hint, its error and a counter of characters. Nothing typed or pasted is ever cut:
 * past the limit the field says so, and the text stays for the person to shorten.
 */
export function TextAreaField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  max: number;
  rows?: number;
}) {
  const { t, i18n } = useTranslation();
  const n = props.value.trim().length;
  const near = n > props.max * 0.9;
  const countId = `${props.id}-count`;
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      required
      describedBy={countId}
    >
      {(control) => (
        <>
          <textarea
            {...control}
            rows={props.rows ?? 6}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
            dir="auto"
          />
          <p
            className={`counter${n > props.max ? ' over' : ''}`}
            id={countId}
            aria-live={near ? 'polite' : 'off'}
          >
            {t('common.counter', {
              n: formatNumber(n, i18n.language),
              max: formatNumber(props.max, i18n.language),
            })}
          </p>
        </>
      )}
    </Field>
  );
}
