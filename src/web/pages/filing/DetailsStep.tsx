import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, DocumentType } from '../../api.js';
import { CategoryFields } from '../../components/CategoryFields.js';
import { TextAreaField, TextField } from '../../components/FormField.js';
import { GuideFacts } from '../../components/GuideFacts.js';
import { localName } from '../../i18n.js';
import type { Form } from './form.js';

/** The second step: what the request is about, with the guide of the document asked for. */
export function DetailsStep({
  form,
  set,
  fieldError,
  category,
  doc,
}: {
  form: Form;
  set: (patch: Partial<Form>) => void;
  fieldError: (name: string) => string | undefined;
  category: Category | undefined;
  doc: DocumentType | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ids = { subject: useId(), desc: useId() };
  return (
    <>
      {doc && (
        <details className="guide-inline" open>
          <summary>{localName(doc, lang)}</summary>
          <GuideFacts doc={doc} />
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
  );
}
