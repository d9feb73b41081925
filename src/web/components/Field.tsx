import { type ReactNode, useId } from 'react';
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
