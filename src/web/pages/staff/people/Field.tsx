import { useId } from 'react';
import type { ApiError } from '../../../api.js';

/** The message of a refusal for one field (`/body/<name>`), or undefined. */
export function fieldError(e: ApiError | null, name: string): string | undefined {
  const hit = e?.problem.errors?.find((x) => x.pointer === `/body/${name}`);
  return hit ? (hit.message ?? e?.problem.detail) : undefined;
}
/** The message of a refusal that belongs to no field of the form. */
export function formError(e: ApiError | null, fields: readonly string[]): string | undefined {
  if (!e) return undefined;
  return fields.some((f) => fieldError(e, f)) ? undefined : e.message;
}

/** A labelled input with its error message tied to it. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (p: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => React.ReactNode;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': described })}
      {error && (
        <p id={`${id}-err`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
