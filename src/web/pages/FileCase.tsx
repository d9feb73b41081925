import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearch } from 'wouter';
import { ApiError, api, type DocumentType, type Institution, newClientKey } from '../api.js';
import { CategoryFields, fieldLabel, fieldProblems, fieldValues } from '../components/CategoryFields.js';
import { ChannelChoice } from '../components/ChannelChoice.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { FilePicker } from '../components/FilePicker.js';
import { TextAreaField, TextField, writtenTextProblem } from '../components/FormField.js';
import { GuideFacts } from '../components/GuideFacts.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { NameCheck } from '../components/NameCheck.js';
import { useCategories } from '../hooks.js';
import { localName } from '../i18n.js';
import { PaperRefused, usePendingPapers } from '../pending-papers.js';
import { useSession } from '../session.js';

const kinds = ['document_request', 'complaint', 'grievance', 'observation', 'information_request'];
const STEPS = ['kind', 'details', 'files', 'channels', 'review'] as const;

type Form = {
  kind: string;
  categoryId: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  replyChannels: string[];
  step: number;
  /** The names of the papers chosen: files themselves cannot be kept in a draft, so a restored one says so. */
  paperNames?: string[];
  /** Names this filing: a second send (a retry, a double press) gets the same case back. */
  clientKey?: string;
};
const empty: Form = {
  kind: '',
  categoryId: '',
  subject: '',
  description: '',
  fields: {},
  replyChannels: ['email'],
  step: 0,
};

/** Records the form's step in the browser's history entry (a new entry for a step forward). */
function markStep(step: number, how: 'push' | 'replace') {
  const state = { ...(history.state as object | null), jisrStep: step, jisrPushed: how === 'push' };
  if (how === 'push') history.pushState(state, '');
  else history.replaceState(state, '');
}

/** Keeps the form: on the server for signed-in people, on this device otherwise, so nothing typed is lost. */
function useDraft(institutionId: string, signedIn: boolean) {
  const key = `jisr-draft-${institutionId}`;
  const [draftId] = useState(() => localStorage.getItem(`${key}-id`) ?? crypto.randomUUID());
  const [saved, setSaved] = useState(false);
  useEffect(() => localStorage.setItem(`${key}-id`, draftId), [key, draftId]);
  const load = async (): Promise<Form | null> => {
    if (signedIn) {
      const res = await api<{ items: { id: string; data: Form }[] }>('/api/me/drafts').catch(() => null);
      const mine = res?.items.find((d) => d.id === draftId);
      if (mine) return mine.data;
    }
    const local = localStorage.getItem(key);
    return local ? (JSON.parse(local) as Form) : null;
  };
  const save = (form: Form) => {
    localStorage.setItem(key, JSON.stringify(form));
    if (signedIn) {
      api(`/api/me/drafts/${draftId}`, { method: 'PUT', body: { data: form } })
        .then(() => setSaved(true))
        .catch(() => setSaved(false));
    } else setSaved(true);
  };
  const clear = async () => {
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}-id`);
    if (signedIn) await api(`/api/me/drafts/${draftId}`, { method: 'DELETE' }).catch(() => undefined);
  };
  return { load, save, clear, saved };
}

export default function FileCase() {
  const { institutionId } = useParams<{ institutionId: string }>();
  const search = new URLSearchParams(useSearch());
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [, navigate] = useLocation();
  const session = useSession();
  const signedIn = session.data?.account.kind === 'citizen';
  const institutions = useQuery({
    queryKey: ['institutions'],
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const categories = useCategories();
  const [form, setForm] = useState<Form>(empty);
  const papers = usePendingPapers();
  const files = papers.files;
  const [restored, setRestored] = useState(false);
  // papers chosen before the page was left: a browser does not let a page keep files, so they are named
  const [lostPapers, setLostPapers] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const progress = papers.progress;
  const [paperError, setPaperError] = useState<string | null>(null);
  // a person signed in by e-mail code gives their name before the first filing (see NameCheck)
  const [named, setNamed] = useState(false);
  const [tried, setTried] = useState(false);
  const draft = useDraft(institutionId, signedIn);
  const loaded = useRef(false);
  const ids = {
    kind: useId(),
    cat: useId(),
    subject: useId(),
    desc: useId(),
    kindErr: useId(),
    catErr: useId(),
  };

  // restore a draft once, or start from a document chosen in a guide
  useEffect(() => {
    if (loaded.current || session.isPending || !categories.data) return;
    loaded.current = true;
    draft.load().then((d) => {
      if (d) {
        setForm(d);
        setRestored(true);
        setLostPapers(d.paperNames ?? []);
        markStep(d.step, 'replace');
      } else if (search.get('document')) {
        const c = categories.data.items.find((x) => x.documentTypeCode === search.get('document'));
        if (c) {
          setForm({ ...empty, kind: c.kind, categoryId: c.id, step: 1 });
          markStep(1, 'replace');
        }
      }
    });
  });
  // the browser's Back goes back one step, not out of the form: each step is an entry of the history
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const step = (e.state as { jisrStep?: number } | null)?.jisrStep;
      setTried(false);
      setForm((f) => ({ ...f, step: typeof step === 'number' ? step : 0 }));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  // save as the person types (debounced), and at once when the page is left or closed
  const latest = useRef<Form | null>(null);
  useEffect(() => {
    if (!loaded.current) return;
    latest.current = form;
    const id = setTimeout(() => {
      latest.current = null;
      draft.save(form);
    }, 800);
    return () => clearTimeout(id);
  }, [form, draft.save]);
  const save = useRef(draft.save);
  save.current = draft.save;
  useEffect(() => {
    const flush = () => {
      if (latest.current) save.current(latest.current);
      latest.current = null;
    };
    addEventListener('pagehide', flush);
    return () => {
      removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const category = categories.data?.items.find((c) => c.id === form.categoryId);
  const doc = useQuery({
    queryKey: ['document', category?.documentTypeCode],
    queryFn: () => api<DocumentType>(`/api/catalog/documents/${category!.documentTypeCode}`),
    enabled: !!category?.documentTypeCode,
  });
  if (institutions.isPending || categories.isPending) return <Loading />;
  if (institutions.isError) return <ErrorBox error={institutions.error} />;
  const inst = institutions.data.items.find((i) => i.id === institutionId);
  if (!inst) return <ErrorBox error={new Error(t('common.notFound'))} />;

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const step = STEPS[form.step]!;
  const localErrors: Record<string, string> = {};
  if (!form.kind) localErrors.kind = t('file.kind.missing');
  else if (!form.categoryId) localErrors.categoryId = t('file.category.missing');
  if (form.step >= 1) {
    const subject = writtenTextProblem(form.subject, 3, 200, t, lang);
    if (subject) localErrors.subject = subject;
    const description = writtenTextProblem(form.description, 10, 10_000, t, lang);
    if (description) localErrors.description = description;
    Object.assign(localErrors, fieldProblems(category, form.fields, t));
  }
  const canNext =
    (step === 'kind' && !!form.categoryId) ||
    (step === 'details' && Object.keys(localErrors).length === 0) ||
    step === 'files' ||
    (step === 'channels' && form.replyChannels.length > 0);
  const fieldError = (name: string) => error?.field(name) ?? (tried ? localErrors[name] : undefined);

  const changeFiles = (next: File[]) => {
    setPaperError(null);
    setLostPapers([]);
    papers.change(next);
    set({ paperNames: next.map((f) => f.name) });
  };

  const submit = async () => {
    setSending(true);
    setError(null);
    setPaperError(null);
    const clientKey = form.clientKey ?? newClientKey();
    if (!form.clientKey) set({ clientKey });
    try {
      const fields = fieldValues(category, form.fields);
      // the papers first, each checked by the server: a refused one stops here, before any case exists
      const attachmentIds = await papers.send();
      const made = await api<{ id: string; trackingNumber: string; accessCode: string; dueAt: string }>(
        '/api/cases',
        {
          method: 'POST',
          body: {
            institutionId,
            categoryId: form.categoryId,
            subject: form.subject,
            description: form.description,
            fields,
            replyChannels: form.replyChannels,
            language: lang,
            attachmentIds,
            clientKey,
          },
        },
      );
      sessionStorage.setItem(`jisr-receipt-${made.id}`, JSON.stringify(made));
      await draft.clear();
      navigate(`/receipt/${made.id}`);
    } catch (e) {
      if (e instanceof PaperRefused) {
        setPaperError(t('file.files.refused', { name: e.fileName, reason: e.message }));
        set({ step: STEPS.indexOf('files') });
        return;
      }
      // a paper kept waiting too long is sent again on the next try
      if (e instanceof ApiError && e.problem.type.endsWith('error.upload.unknown')) papers.forget();
      setError(e as ApiError);
      if (e instanceof ApiError && e.problem.errors?.length) set({ step: 1 });
    } finally {
      setSending(false);
    }
  };

  const kindCategories = (categories.data?.items ?? []).filter((c) => c.kind === form.kind);
  return (
    <>
      <h1>{t('file.title', { body: localName(inst, lang) })}</h1>
      <p className="muted">
        {t('file.step', { n: form.step + 1, total: STEPS.length })} ·{' '}
        <strong>{t(`file.steps.${step}`)}</strong>
        {draft.saved && <span className="tag">{t('file.draftSaved')}</span>}
      </p>
      <ol className="progress" aria-hidden="true">
        {STEPS.map((s, i) => (
          <li key={s} className={i <= form.step ? 'done' : ''} />
        ))}
      </ol>
      {restored && <p className="alert info">{t('file.draftRestored')}</p>}
      {lostPapers.length > 0 && (
        <p className="alert warn-box" role="status">
          {t('file.files.chooseAgain', { count: lostPapers.length, names: lostPapers.join(', ') })}
        </p>
      )}
      {paperError && (
        <p className="alert error" role="alert">
          {paperError}
        </p>
      )}
      {error && !error.problem.errors?.length && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}

      <form
        id="file-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (step === 'review') submit();
          else if (canNext) {
            setTried(false);
            markStep(form.step + 1, 'push');
            set({ step: form.step + 1 });
          } else {
            setTried(true);
            requestAnimationFrame(() =>
              (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(),
            );
          }
        }}
        noValidate
      >
        {step === 'kind' && (
          <fieldset aria-describedby={fieldError('kind') ? ids.kindErr : undefined}>
            <legend>{t('file.kind.label')}</legend>
            {fieldError('kind') && (
              <p className="field-error" id={ids.kindErr}>
                {fieldError('kind')}
              </p>
            )}
            <div className="radios">
              {kinds.map((k) => (
                <label key={k}>
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={form.kind === k}
                    aria-invalid={k === kinds[0] && !!fieldError('kind')}
                    onChange={() => set({ kind: k, categoryId: '' })}
                  />
                  {t(`kind.${k}`)}
                </label>
              ))}
            </div>
            {form.kind && (
              <div className="field">
                <label htmlFor={ids.cat}>{t('file.category.label')}</label>
                <select
                  id={ids.cat}
                  value={form.categoryId}
                  onChange={(e) => set({ categoryId: e.target.value, fields: {} })}
                  aria-invalid={!!fieldError('categoryId')}
                  aria-describedby={fieldError('categoryId') ? ids.catErr : undefined}
                >
                  <option value="">{t('file.category.choose')}</option>
                  {kindCategories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {localName(c, lang)}
                    </option>
                  ))}
                </select>
                {fieldError('categoryId') && (
                  <p className="field-error" id={ids.catErr}>
                    {fieldError('categoryId')}
                  </p>
                )}
              </div>
            )}
          </fieldset>
        )}

        {step === 'details' && (
          <>
            {doc.data && (
              <details className="guide-inline" open>
                <summary>{localName(doc.data, lang)}</summary>
                <GuideFacts doc={doc.data} />
              </details>
            )}
            <TextField
              id={ids.subject}
              label={t('file.subject.label')}
              hint={t('file.subject.hint')}
              value={form.subject}
              onChange={(v) => set({ subject: v })}
              error={fieldError('subject')}
              required
            />
            <TextAreaField
              id={ids.desc}
              label={t('file.description.label')}
              hint={t('file.description.hint')}
              value={form.description}
              onChange={(v) => set({ description: v })}
              error={fieldError('description')}
              max={10_000}
            />
            <CategoryFields
              category={category}
              values={form.fields}
              onChange={(fields) => set({ fields })}
              errorFor={fieldError}
            />
          </>
        )}

        {step === 'files' && <FilePicker files={files} onChange={changeFiles} />}

        {step === 'channels' && (
          <ChannelChoice
            legend={t('file.channels.label')}
            value={form.replyChannels}
            onChange={(v) => set({ replyChannels: v })}
          />
        )}

        {step === 'review' && (
          <section aria-labelledby="review-title">
            <h2 id="review-title">{t('file.review.title')}</h2>
            <dl className="facts">
              <dt>{t('file.review.body')}</dt>
              <dd>{localName(inst, lang)}</dd>
              <dt>{t('file.kind.label')}</dt>
              <dd>
                {t(`kind.${form.kind}`)} — {category && localName(category, lang)}
              </dd>
              <dt>{t('file.subject.label')}</dt>
              <dd>
                <bdi>{form.subject}</bdi>
              </dd>
              <dt>{t('file.description.label')}</dt>
              <dd className="pre" dir="auto">
                {form.description}
              </dd>
              {category?.fields
                .filter((f) => form.fields[f.name])
                .map((f) => (
                  <div key={f.name}>
                    <dt>{fieldLabel(f, lang)}</dt>
                    <dd>
                      <bdi>{form.fields[f.name]}</bdi>
                    </dd>
                  </div>
                ))}
              <dt>{t('file.steps.files')}</dt>
              <dd>{files.length ? files.map((f) => f.name).join(', ') : t('file.files.none')}</dd>
              <dt>{t('file.channels.label')}</dt>
              <dd>{form.replyChannels.map((c) => t(`channel.${c}`)).join(', ')}</dd>
            </dl>
            {progress && (
              <p role="status">
                {t('file.uploading', progress)}
                <progress max={100} value={progress.percent} />
              </p>
            )}
          </section>
        )}
      </form>
      {step === 'review' && signedIn && <NameCheck onNamed={setNamed} />}
      {step === 'review' && !signedIn && (
        <section className="panel" aria-labelledby="signin-title">
          <h2 id="signin-title">{t('file.signin.title')}</h2>
          <p>{t('file.signin.lead')}</p>
          <EmailCodeSignIn />
        </section>
      )}
      <div className="buttons">
        {form.step > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              // the same as the browser's Back when the previous step is the previous entry
              const here = history.state as { jisrStep?: number; jisrPushed?: boolean } | null;
              if (here?.jisrPushed && here.jisrStep === form.step) history.back();
              else set({ step: form.step - 1 });
            }}
          >
            {t('common.back')}
          </button>
        )}
        {step !== 'review' ? (
          <button type="submit" form="file-form">
            {t('common.next')}
          </button>
        ) : (
          signedIn && (
            <button type="submit" form="file-form" disabled={sending || !named}>
              {sending ? t('file.review.sending') : t('file.review.send')}
            </button>
          )
        )}
      </div>
    </>
  );
}
