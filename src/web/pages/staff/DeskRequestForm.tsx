import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type DeskFiling, newClientKey } from '../../api.js';
import { CategoryFields, fieldProblems, fieldValues } from '../../components/CategoryFields.js';
import { ChannelChoice } from '../../components/ChannelChoice.js';
import { FilePicker, MAX_MB } from '../../components/FilePicker.js';
import { TextAreaField, TextField, writtenTextProblem } from '../../components/FormField.js';
import { Loading } from '../../components/Layout.js';
import { type LegacyDraft, LegacyFields, legacyBody, legacyProblems } from '../../components/LegacyFiling.js';
import { useCategories } from '../../hooks.js';
import { keyIn, localName } from '../../i18n.js';
import { PaperRefused, usePendingPapers } from '../../pending-papers.js';
import { useAction } from '../../useAction.js';

const intake = ['desk', 'phone', 'whatsapp', 'email', 'post'];
const kinds = ['document_request', 'complaint', 'grievance', 'observation', 'information_request'];
const shownBesideField = /^\/body\/(categoryId|subject|description|visitorName|fields\/.+|legacy\/.+)$/;
export type DeskReceipt = DeskFiling;

/**
 * Registers one request for the chosen person: any kind (a birth certificate as well as a complaint),
 * the document's own fields, the papers scanned at the desk, in one act that a second press cannot double.
 */
export function DeskRequestForm(props: {
  base: string;
  personId: string;
  /** For a person found by two identifiers, with no file at the body yet: lets the desk act for them. */
  intakeToken?: string;
  personName: string;
  onChangePerson: () => void;
  onRegistered: (r: DeskReceipt) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const categories = useCategories();
  const [form, setForm] = useState({
    categoryId: '',
    subject: '',
    description: '',
    intakeChannel: 'desk',
    replyChannels: ['phone'],
    visitorName: props.personName,
    fields: {} as Record<string, string>,
  });
  // "already filed on paper": the old reference and the day it was first filed
  const [legacy, setLegacy] = useState<LegacyDraft | null>(null);
  // names this registration: pressing "Register" twice (or again after an error) files it once
  const [clientKey] = useState(newClientKey);
  const papers = usePendingPapers();
  const [paperError, setPaperError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  // the registration: the papers, then the case; `send` is the whole of it, written below with the form at hand
  const registration = useAction({
    run: (send: () => Promise<void>) => send(),
    onError: (e) => {
      if (e.problem.type.endsWith('/upload-unknown')) papers.forget();
    },
  });
  const { error, busy: sending } = registration;
  const ids = { cat: useId(), chan: useId(), vis: useId(), subj: useId(), desc: useId() };
  if (categories.isPending) return <Loading />;
  const category = categories.data?.items.find((c) => c.id === form.categoryId);

  const local: Record<string, string> = {
    ...fieldProblems(category, form.fields, t),
    ...legacyProblems(legacy, t),
  };
  if (!form.categoryId) local.categoryId = t('staff.desk.subjectMissing');
  const subject = writtenTextProblem(form.subject, 3, 200, t, lang);
  if (subject) local.subject = subject;
  const description = writtenTextProblem(form.description, 10, 10_000, t, lang);
  if (description) local.description = description;
  const errorFor = (name: string) => error?.field(name) ?? (tried ? local[name] : undefined);

  const register = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    registration.reset();
    setPaperError(null);
    if (Object.keys(local).length) return;
    registration.run(async () => {
      let attachmentIds: string[];
      try {
        attachmentIds = await papers.send();
      } catch (err) {
        if (!(err instanceof PaperRefused)) throw err;
        setPaperError(t('staff.desk.paperRefused', { name: err.fileName, reason: err.message }));
        return;
      }
      const { fields, ...rest } = form;
      props.onRegistered(
        await api<DeskReceipt>(`${props.base}/cases`, {
          method: 'POST',
          body: {
            ...rest,
            personId: props.personId,
            intakeToken: props.intakeToken ?? null,
            fields: fieldValues(category, fields),
            language: lang,
            attachmentIds,
            clientKey,
            legacy: legacyBody(legacy),
          },
        }),
      );
    });
  };
  const byKind = kinds
    .map((k) => ({ kind: k, items: (categories.data?.items ?? []).filter((c) => c.kind === k) }))
    .filter((g) => g.items.length);

  return (
    <form onSubmit={register} className="narrow" noValidate>
      <p className="alert info">
        {t('staff.desk.chosen', { name: props.personName })}{' '}
        <button type="button" className="linklike" onClick={props.onChangePerson}>
          {t('staff.desk.change')}
        </button>
      </p>
      {error && (
        <p className="alert error" role="alert">
          {/* field errors show beside their field; any other (or none) is said here in full */}
          {error.problem.errors
            ?.filter((x) => !shownBesideField.test(x.pointer))
            .map((x) => x.message)
            .join(' ') || (error.problem.errors?.length ? t('staff.desk.incomplete') : error.message)}
        </p>
      )}
      {tried && Object.keys(local).length > 0 && (
        <p className="alert error" role="alert">
          {t('staff.desk.incomplete')}
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.chan}>{t('staff.desk.channel')}</label>
        <select
          id={ids.chan}
          value={form.intakeChannel}
          onChange={(e) => setForm({ ...form, intakeChannel: e.target.value })}
        >
          {intake.map((c) => (
            <option key={c} value={c}>
              {t(keyIn('intake.', c))}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id={ids.vis}
        label={t('staff.desk.visitor')}
        value={form.visitorName}
        onChange={(visitorName) => setForm({ ...form, visitorName })}
        required
        maxLength={200}
        error={errorFor('visitorName')}
      />
      <div className="field">
        <label htmlFor={ids.cat}>
          {t('staff.desk.subjectList')} <span className="muted">({t('common.required')})</span>
        </label>
        <select
          id={ids.cat}
          value={form.categoryId}
          onChange={(e) => setForm({ ...form, categoryId: e.target.value, fields: {} })}
          aria-invalid={!!errorFor('categoryId')}
          aria-describedby={errorFor('categoryId') ? `${ids.cat}-err` : undefined}
        >
          <option value="">{t('file.category.choose')}</option>
          {byKind.map((g) => (
            <optgroup key={g.kind} label={t(keyIn('kind.', g.kind))}>
              {g.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {localName(c, lang)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {errorFor('categoryId') && (
          <p className="field-error" id={`${ids.cat}-err`}>
            {errorFor('categoryId')}
          </p>
        )}
      </div>
      <TextField
        id={ids.subj}
        label={t('staff.desk.subject')}
        value={form.subject}
        onChange={(subject) => setForm({ ...form, subject })}
        hint={t('staff.desk.subjectHint')}
        required
        error={errorFor('subject')}
      />
      <TextAreaField
        id={ids.desc}
        label={t('staff.desk.description')}
        hint={t('staff.desk.descriptionHint')}
        value={form.description}
        onChange={(description) => setForm({ ...form, description })}
        error={errorFor('description')}
        max={10_000}
        rows={5}
      />
      <CategoryFields
        category={category}
        values={form.fields}
        onChange={(fields) => setForm({ ...form, fields })}
        errorFor={errorFor}
      />
      <LegacyFields value={legacy} onChange={setLegacy} fieldError={errorFor} />
      <FilePicker
        label={t('staff.desk.papers', { max: MAX_MB })}
        files={papers.files}
        onChange={(next) => {
          setPaperError(null);
          papers.change(next);
        }}
      />
      {paperError && (
        <p className="alert error" role="alert">
          {paperError}
        </p>
      )}
      <ChannelChoice
        legend={t('staff.desk.replyBy')}
        value={form.replyChannels}
        onChange={(v) => setForm({ ...form, replyChannels: v })}
      />
      {papers.progress && (
        <p role="status">
          {t('file.uploading', papers.progress)}
          <progress max={100} value={papers.progress.percent} />
        </p>
      )}
      <button type="submit" disabled={sending}>
        {sending ? t('file.review.sending') : t('staff.desk.register')}
      </button>
    </form>
  );
}
