import { type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/** What a field gives its control: the id its label points to, and the ties to its hint and error. */
export type FieldControl = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };

/**
 * The one labelled field of every form: the label (with "required" or "optional" when `required` is given),
 * the hint, the control, and the error under it, tied to the control by aria-describedby and aria-invalid.
 * The control is drawn by `children`, which receives the attributes to spread on it.
 */
export function Field(props: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** true: "(required)" after the label; false: "(optional)"; not given: nothing. */
  required?: boolean;
  /** The control's id, when the page needs a known one; otherwise a generated one. */
  id?: string;
  /** Other elements that describe the control (a counter of characters). */
  describedBy?: string;
  className?: string;
  /** The error is announced at once (role="alert"), for a field whose error comes after sending. */
  alert?: boolean;
  children: (control: FieldControl) => ReactNode;
}) {
  const { t } = useTranslation();
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-err`;
  const describedBy =
    [props.hint ? hintId : '', props.error ? errorId : '', props.describedBy ?? '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.required !== undefined && (
          <>
            {' '}
            <span className="muted">({props.required ? t('common.required') : t('common.optional')})</span>
          </>
        )}
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.children({ id, 'aria-invalid': !!props.error, 'aria-describedby': describedBy })}
      {props.error && (
        <p className="field-error" id={errorId} role={props.alert ? 'alert' : undefined}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A labelled line of text; the other attributes (dir, required, type…) go to the input. */
export function LineField(
  props: {
    label: ReactNode;
    hint?: ReactNode;
    error?: string | null;
    value: string;
    onChange: (value: string) => void;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>,
) {
  const { label, hint, error, value, onChange, ...input } = props;
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input {...control} {...input} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** A labelled choice of one of a few values, each shown by its own words. */
export function OptionField<V extends string>(props: {
  label: ReactNode;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
  options: readonly V[];
  text: (option: V) => string;
  /** The language an option is written in (the name of a language, in that language). */
  lang?: (option: V) => string;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(control) => (
        <select {...control} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map((o) => (
            <option key={o} value={o} lang={props.lang?.(o)}>
              {props.text(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A code of six digits sent to the person or shown by their app; what is not a digit is left out as it is
 * typed. The error is announced at once: it comes after sending.
 */
export function CodeField(
  props: { label: ReactNode; error?: string | null; value: string; onChange: (code: string) => void } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onChange' | 'id'
  >,
) {
  const { label, error, value, onChange, ...input } = props;
  return (
    <Field label={label} error={error} alert>
      {(control) => (
        <input
          {...control}
          inputMode="numeric"
          autoComplete="one-time-code"
          dir="ltr"
          maxLength={6}
          {...input}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        />
      )}
    </Field>
  );
}
