import { useTranslation } from 'react-i18next';
import type { Category, Institution } from '../../api.js';
import { fieldLabel } from '../../components/CategoryFields.js';
import { formatDate, keyIn, localName } from '../../i18n.js';
import type { Form } from './form.js';

/** The last step: all that will be sent, and the papers' upload as it goes. */
export function ReviewStep({
  inst,
  form,
  category,
  files,
  progress,
}: {
  inst: Institution;
  form: Form;
  category: Category | undefined;
  files: File[];
  progress: { name: string; percent: number } | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t('file.review.title')}</h2>
      <dl className="facts">
        <dt>{t('file.review.body')}</dt>
        <dd>{localName(inst, lang)}</dd>
        <dt>{t('file.kind.label')}</dt>
        <dd>
          {t(keyIn('kind.', form.kind))} — {category && localName(category, lang)}
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
        {form.legacy && (
          <>
            <dt>{t('legacy.legend')}</dt>
            <dd>
              <bdi>
                {t('legacy.review', {
                  date: formatDate(`${form.legacy.filedOn}T12:00:00+01:00`, lang),
                  reference: form.legacy.reference,
                })}
              </bdi>
            </dd>
          </>
        )}
        <dt>{t('file.steps.files')}</dt>
        <dd>{files.length ? files.map((f) => f.name).join(', ') : t('file.files.none')}</dd>
        <dt>{t('file.channels.label')}</dt>
        <dd>{form.replyChannels.map((c) => t(keyIn('channel.', c))).join(', ')}</dd>
      </dl>
      {progress && (
        <p role="status">
          {t('file.uploading', progress)}
          <progress max={100} value={progress.percent} />
        </p>
      )}
    </section>
  );
}
