import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearch } from 'wouter';
import { api, type DocumentType, type FiledCase, type Institution, newClientKey } from '../api.js';
import { fieldProblems, fieldValues } from '../components/CategoryFields.js';
import { ChannelChoice } from '../components/ChannelChoice.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { FilePicker } from '../components/FilePicker.js';
import { writtenTextProblem } from '../components/FormField.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { LegacyFields, legacyBody, legacyProblems } from '../components/LegacyFiling.js';
import { NameCheck } from '../components/NameCheck.js';
import { VoiceRecorder } from '../components/VoiceRecorder.js';
import { useCategories } from '../hooks.js';
import { localName } from '../i18n.js';
import { PaperRefused, usePendingPapers } from '../pending-papers.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction } from '../useAction.js';
import { DetailsStep } from './filing/DetailsStep.js';
import { empty, type Form, STEPS } from './filing/form.js';
import { KindStep } from './filing/KindStep.js';
import { FiledForPerson, MandateChoice, useFilingMandates } from './filing/MandateChoice.js';
import { ReviewStep } from './filing/ReviewStep.js';
import { markStep, stepBack, useBackToStep } from './filing/stepHistory.js';
import { useAutosave, useDraft } from './filing/useDraft.js';

export default function FileCase() {
  const { institutionId } = useParams<{ institutionId: string }>();
  const search = new URLSearchParams(useSearch());
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [, navigate] = useLocation();
  const session = useSession();
  const signedIn = session.data?.account.kind === 'citizen';
  const institutions = useQuery({
    queryKey: keys.institutions(),
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const categories = useCategories();
  const [form, setForm] = useState<Form>(empty);
  const papers = usePendingPapers();
  const files = papers.files;
  const [restored, setRestored] = useState(false);
  // papers chosen before the page was left: a browser does not let a page keep files, so they are named
  const [lostPapers, setLostPapers] = useState<string[]>([]);
  // the filing: the papers, then the case; `send` is the whole of it, written below with the form at hand
  const filing = useAction({
    run: (send: () => Promise<void>) => send(),
    onError: (e) => {
      // a paper kept waiting too long is sent again on the next try
      if (e.problem.type.endsWith('/upload-unknown')) papers.forget();
      if (e.problem.errors?.length) setForm((f) => ({ ...f, step: 1 }));
    },
  });
  const { error, busy: sending } = filing;
  // the connection broke after every try (see withRetries): the form stays, the button sends it again
  const dropped = error?.problem.status === 0;
  const progress = papers.progress;
  const [paperError, setPaperError] = useState<string | null>(null);
  // a person signed in by e-mail code gives their name before the first filing (see NameCheck)
  const [named, setNamed] = useState(false);
  const [tried, setTried] = useState(false);
  const draft = useDraft(institutionId, signedIn);
  const loaded = useRef(false);
  // filing for a person under their mandate for this kind of request; what was filed for them
  const [forMandate, setForMandate] = useState<string | null>(null);
  const [filedFor, setFiledFor] = useState<FiledCase | null>(null);
  const filingMandates = useFilingMandates(signedIn, form.categoryId);
  const mandate = filingMandates.find((m) => m.id === forMandate) ?? null;

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
  useBackToStep((step) => {
    setTried(false);
    setForm((f) => ({ ...f, step }));
  });
  useAutosave(form, draft.save, loaded);

  const category = categories.data?.items.find((c) => c.id === form.categoryId);
  const doc = useQuery({
    queryKey: keys.document(category?.documentTypeCode),
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
    Object.assign(localErrors, fieldProblems(category, form.fields, t), legacyProblems(form.legacy, t));
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

  const submit = () => {
    setPaperError(null);
    const clientKey = form.clientKey ?? newClientKey();
    if (!form.clientKey) set({ clientKey });
    return filing.run(async () => {
      const fields = fieldValues(category, form.fields);
      // the papers first, each checked by the server: a refused one stops here, before any case exists
      let attachmentIds: string[];
      try {
        attachmentIds = await papers.send();
      } catch (e) {
        if (!(e instanceof PaperRefused)) throw e;
        setPaperError(t('file.files.refused', { name: e.fileName, reason: e.message }));
        set({ step: STEPS.indexOf('files') });
        return;
      }
      // under a mandate the case is the person's, and the receipt goes to them
      const made = await api<FiledCase>(mandate ? `/api/mandates/${mandate.id}/cases` : '/api/cases', {
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
          legacy: legacyBody(form.legacy),
        },
      });
      await draft.clear();
      if (mandate) {
        setFiledFor(made);
        window.scrollTo(0, 0);
        return;
      }
      sessionStorage.setItem(`jisr-receipt-${made.id}`, JSON.stringify(made));
      navigate(`/receipt/${made.id}`);
    });
  };

  const kindCategories = (categories.data?.items ?? []).filter((c) => c.kind === form.kind);
  if (filedFor && mandate) return <FiledForPerson made={filedFor} mandate={mandate} />;
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
          {dropped ? t('file.upload.dropped') : error.message}
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
          <KindStep form={form} set={set} fieldError={fieldError} categories={kindCategories} />
        )}

        {step === 'details' && (
          <>
            <DetailsStep form={form} set={set} fieldError={fieldError} category={category} doc={doc.data} />
            <LegacyFields
              value={form.legacy}
              onChange={(legacy) => set({ legacy })}
              fieldError={fieldError}
            />
          </>
        )}

        {step === 'files' && (
          <>
            <FilePicker files={files} onChange={changeFiles} />
            <VoiceRecorder files={files} onChange={changeFiles} />
          </>
        )}

        {step === 'channels' && (
          <ChannelChoice
            legend={t('file.channels.label')}
            value={form.replyChannels}
            onChange={(v) => set({ replyChannels: v })}
          />
        )}

        {step === 'review' && (
          <ReviewStep inst={inst} form={form} category={category} files={files} progress={progress} />
        )}
      </form>
      {step === 'review' && signedIn && (
        <MandateChoice mandates={filingMandates} value={mandate?.id ?? null} onChange={setForMandate} />
      )}
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
            onClick={() => stepBack(form.step, (step) => set({ step }))}
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
              {sending ? t('file.review.sending') : dropped ? t('file.upload.retry') : t('file.review.send')}
            </button>
          )
        )}
      </div>
    </>
  );
}
