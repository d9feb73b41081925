import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n.js';

type T = (key: string, opts?: Record<string, unknown>) => string;

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

/** A field's label (saying whether it is required) and its hint. */
function FieldHead(props: { id: string; label: string; hint?: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={props.id}>
        {props.label}{' '}
        <span className="muted">({props.required ? t('common.required') : t('common.optional')})</span>
      </label>
      {props.hint && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
    </>
  );
}

/** One labelled input with its hint, its error and (for long text) how many characters are left. */
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
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <FieldHead {...props} />
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        inputMode={props.type === 'number' ? 'numeric' : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={!!props.error}
        aria-describedby={describedBy || undefined}
        dir={props.type === 'number' || props.type === 'date' ? 'ltr' : undefined}
      />
      {props.error && (
        <p className="field-error" id={`${props.id}-err`}>
          {props.error}
        </p>
      )}
    </div>
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
  const describedBy = [
    props.hint ? `${props.id}-hint` : '',
    props.error ? `${props.id}-err` : '',
    `${props.id}-count`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <FieldHead {...props} required />
      <textarea
        id={props.id}
        rows={props.rows ?? 6}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={!!props.error}
        aria-describedby={describedBy}
        dir="auto"
      />
      <p
        className={`counter${n > props.max ? ' over' : ''}`}
        id={`${props.id}-count`}
        aria-live={near ? 'polite' : 'off'}
      >
        {t('common.counter', {
          n: formatNumber(n, i18n.language),
          max: formatNumber(props.max, i18n.language),
        })}
      </p>
      {props.error && (
        <p className="field-error" id={`${props.id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
