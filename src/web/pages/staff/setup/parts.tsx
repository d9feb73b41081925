/** Pieces shared by the parts of the appointments setup page: types, fields with their errors, forms, deletion. */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApiError,
  api,
  type BookableService,
  type Closure,
  type Official,
  type OpeningRule,
} from '../../../api.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { ErrorBox, Loading } from '../../../components/Layout.js';
import { useAction } from '../../../useAction.js';

export type Names = { nameAr: string; nameFr: string; nameEn: string };
export type SetupService = BookableService;
export type SetupOfficial = Official;
export type SetupRule = OpeningRule;
export type SetupClosure = Closure;

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
  const editRef = useRef<HTMLButtonElement>(null);
  const itemRef = useRef<HTMLLIElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (mode === 'view' && back.current) editRef.current?.focus();
  }, [mode]);
  // the line goes away: the focus goes to the heading of its part, not to the top of the page
  const heading = () => itemRef.current?.closest('section')?.querySelector('h2');
  const remove = useAction<HTMLElement | null | undefined>({
    run: () => props.onDelete(),
    // once the dialog has gone with the line (the page behind a modal dialog cannot take the focus)
    onDone: (_, h) =>
      requestAnimationFrame(() => {
        h?.setAttribute('tabindex', '-1');
        h?.focus();
      }),
  });
  const close = () => {
    back.current = true;
    remove.reset();
    setMode('view');
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
        <ConfirmDialog
          title={t('setup.deleteTitle', { name: props.name })}
          message={props.deleteLead}
          confirmLabel={t('setup.confirmDelete')}
          cancelLabel={t('setup.keep')}
          danger
          busy={remove.busy}
          error={remove.error?.message}
          onConfirm={() => remove.run(heading())}
          onCancel={close}
        />
      )}
    </li>
  );
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

/** Makes a line of the setup (a service, an official) bookable or not; says it worked, or why not. */
export function ActiveToggle(props: {
  url: string;
  active: boolean;
  name: string;
  changed: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const toggle = useAction({
    run: () => api(props.url, { method: 'PATCH', body: { active: !props.active } }),
    onDone: () => props.changed(t('setup.saved')),
    onError: (e) => props.changed(e.message),
  });
  return (
    <button type="button" className="secondary" onClick={() => toggle.run()} {...toggle.busyProps}>
      {t(props.active ? 'setup.deactivate' : 'setup.activate')}
      <span className="visually-hidden"> {props.name}</span>
    </button>
  );
}

/**
 * A part of the setup page: its heading, the lines (each with Edit and Delete), a message when there are
 * none, and the button that adds one. The lines come as they are, or from a query still loading.
 */
export function SetupList<T extends { id: string }>(props: {
  headingId: string;
  heading: string;
  /** What stands under the heading, before the lines. */
  intro?: ReactNode;
  items: T[] | undefined;
  query?: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  empty: string;
  /** The address of the lines; a line is deleted at its address and id. */
  url: string;
  deleteLead: string;
  addLabel: string;
  changed: (message: string) => Promise<void>;
  name: (item: T) => string;
  extra?: (item: T, name: string) => ReactNode;
  /** The form of a line, or of a new one (null). */
  form: (item: T | null, close: () => void) => ReactNode;
  children: (item: T, name: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query, items } = props;
  return (
    <section aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.heading}</h2>
      {props.intro}
      {query?.isPending ? (
        <Loading />
      ) : query?.isError ? (
        <ErrorBox error={query.error} retry={() => query.refetch()} />
      ) : !items || items.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="case-list setup-list">
          {items.map((item) => {
            const name = props.name(item);
            return (
              <ManagedItem
                key={item.id}
                name={name}
                deleteLead={props.deleteLead}
                onDelete={async () => {
                  await api(`${props.url}/${item.id}`, { method: 'DELETE' });
                  await props.changed(t('setup.deleted'));
                }}
                form={(close) => props.form(item, close)}
                extra={props.extra?.(item, name)}
              >
                {props.children(item, name)}
              </ManagedItem>
            );
          })}
        </ul>
      )}
      <AddButton label={props.addLabel} form={(close) => props.form(null, close)} />
    </section>
  );
}

/**
 * The saving of a form of the setup: the changes of a line at its address, or a new line (with what only a
 * new one gives); then the form closes and the page hears of it.
 */
export function useSave<R = unknown>(props: {
  url: string;
  /** The line changed, or null for a new one. */
  id: string | null | undefined;
  body: () => object;
  /** What a new line gives besides the body. */
  created?: () => object;
  close: () => void;
  saved: (result: R) => Promise<void>;
}) {
  return useAction({
    run: async () => {
      const body = props.body();
      const res = props.id
        ? await api<R>(`${props.url}/${props.id}`, { method: 'PATCH', body })
        : await api<R>(props.url, { method: 'POST', body: { ...body, ...props.created?.() } });
      props.close();
      await props.saved(res);
    },
  });
}
