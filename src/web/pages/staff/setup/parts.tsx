/** Pieces shared by the parts of the appointments setup page: types, fields with their errors, forms, deletion. */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api.js';

export type Names = { nameAr: string; nameFr: string; nameEn: string };
export type SetupService = Names & {
  id: string;
  code: string;
  departmentId: string | null;
  bookWith: 'window' | 'official';
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  modes: ('in_person' | 'video')[];
  minNoticeMinutes: number;
  horizonDays: number;
  videoRoomBase?: string | null;
  active: boolean;
  officials: { id: string; name: string }[];
};
export type SetupOfficial = {
  id: string;
  accountId: string;
  name: string;
  titleAr: string;
  titleFr: string;
  titleEn: string;
  active: boolean;
  serviceIds: string[];
};
export type SetupRule = {
  id: string;
  serviceId: string | null;
  officialId: string | null;
  kind: 'office' | 'after_hours' | 'saturday' | 'special';
  weekday: number;
  start: string;
  end: string;
  capacity: number | null;
  everyWeeks: number;
  anchorDate: string | null;
  validFrom: string | null;
  validTo: string | null;
};
export type SetupClosure = {
  id: string;
  serviceId: string | null;
  kind: 'holiday' | 'closure';
  startDate: string;
  endDate: string;
  reasonAr: string;
  reasonFr: string;
  reasonEn: string;
};

export const ruleKinds = ['office', 'after_hours', 'saturday', 'special'] as const;
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

const locale = (lang: string) => (lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB');
/** The name of an ISO weekday (1 = Monday) in the reader's language. */
export const weekdayName = (n: number, lang: string) =>
  new Intl.DateTimeFormat(locale(lang), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, n)), // 1 January 2024 was a Monday
  );
/** A number typed in a field; empty means "not given" (the API then says it is required). */
export const numberOf = (s: string) => (s.trim() === '' ? undefined : Number(s));
/** A required text; empty means "not given", so the API says the field is required. */
export const given = (s: string) => (s.trim() === '' ? undefined : s);
/** An optional text or date; empty means none. */
export const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/**
 * The message of the API for one field: its validation error, or a refusal that is about that field
 * (a code already taken), by the problem's type.
 */
export function fieldError(error: ApiError | null, name: string, types: Record<string, string> = {}) {
  if (!error) return undefined;
  const own = error.field(name);
  if (own) return own;
  const code = error.problem.type?.split('/').pop() ?? '';
  return types[code] === name ? error.message : undefined;
}

type FieldProps = {
  label: string;
  error?: string;
  hint?: string;
  children: (a: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
};

/** A labelled control with its hint and, next to it, the API's message. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-h` : '', error ? `${id}-e` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-h`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': described || undefined })}
      {error && (
        <p className="field-error" id={`${id}-e`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A form in a panel: its title, the fields, a general message when the refusal is not about a field shown,
 * and the buttons. The first field takes the focus when it opens.
 */
export function EditForm(props: {
  title: string;
  error: ApiError | null;
  /** Whether the error was shown next to a field. */
  shownAtField: boolean;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  return (
    <form
      ref={ref}
      className="panel setup-form"
      noValidate
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <h3 id={titleId}>{props.title}</h3>
      {props.children}
      {props.error && (
        <p className="alert error" role="alert">
          {props.shownAtField ? t('setup.formErrors') : props.error.message}
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={props.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Asks before deleting, in the page (not a browser pop-up), and says why it could not be done. */
export function ConfirmDelete(props: {
  name: string;
  lead: string;
  error: ApiError | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="panel asked"
      role="alertdialog"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <h3 id={`${id}-t`}>{t('setup.deleteTitle', { name: props.name })}</h3>
      <p id={`${id}-d`}>{props.lead}</p>
      {props.error && (
        <p className="alert error" role="alert">
          {props.error.message}
        </p>
      )}
      <div className="buttons">
        <button type="button" className="danger" disabled={props.busy} onClick={props.onConfirm}>
          {t('setup.confirmDelete')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('setup.keep')}
        </button>
      </div>
    </div>
  );
}

/** One line of a list with its Edit and Delete buttons (named after the line for screen readers). */
export function ManagedItem(props: {
  name: string;
  children: ReactNode;
  deleteLead: string;
  onDelete: () => Promise<void>;
  /** The form, given a function that closes it. */
  form: (close: () => void) => ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const itemRef = useRef<HTMLLIElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (mode === 'view' && back.current) editRef.current?.focus();
  }, [mode]);
  const close = () => {
    back.current = true;
    setError(null);
    setMode('view');
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    // the line goes away: the focus goes to the heading of its part, not to the top of the page
    const heading = itemRef.current?.closest('section')?.querySelector('h2');
    try {
      await props.onDelete();
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const hidden = <span className="visually-hidden"> {props.name}</span>;
  return (
    <li ref={itemRef}>
      {props.children}
      {mode === 'view' && (
        <div className="buttons compact">
          <button ref={editRef} type="button" className="secondary" onClick={() => setMode('edit')}>
            {t('setup.edit')}
            {hidden}
          </button>
          {props.extra}
          <button type="button" className="danger" onClick={() => setMode('delete')}>
            {t('setup.delete')}
            {hidden}
          </button>
        </div>
      )}
      {mode === 'edit' && props.form(close)}
      {mode === 'delete' && (
        <ConfirmDelete
          name={props.name}
          lead={props.deleteLead}
          error={error}
          busy={busy}
          onConfirm={remove}
          onCancel={close}
        />
      )}
    </li>
  );
}

/** A polite message for what just happened ("Saved."), and a function to say it. */
export function useStatus(): [ReactNode, (message: string) => void] {
  const [msg, setMsg] = useState('');
  const node = (
    <div aria-live="polite" className="setup-status">
      {msg && (
        <p className="alert info" role="status">
          {msg}
        </p>
      )}
    </div>
  );
  return [node, setMsg];
}

/** Runs a change: busy while it runs, the API's refusal kept to show next to the fields. */
export function useSubmit(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/** The button that opens the form of a new line; the focus comes back to it when the form closes. */
export function AddButton(props: { label: string; form: (close: () => void) => ReactNode }) {
  const [adding, setAdding] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (!adding && back.current) ref.current?.focus();
  }, [adding]);
  if (adding)
    return props.form(() => {
      back.current = true;
      setAdding(false);
    });
  return (
    <button ref={ref} type="button" onClick={() => setAdding(true)}>
      {props.label}
    </button>
  );
}
