import { useTranslation } from 'react-i18next';
import type { DocumentType, Sourced } from '../api.js';

type Lang = 'ar' | 'fr' | 'en';

/** A guide's texts in the reader's language; the catalogue's own wording only where no translation exists. */
export function guideIn(doc: DocumentType, language: string) {
  const lang = (['ar', 'fr', 'en'].includes(language) ? language : 'fr') as Lang;
  const g = doc.guide;
  return {
    papers: g?.papers?.[lang] ?? doc.requiredDocuments.value,
    issuer: g?.issuer?.[lang] ?? doc.issuingBodyType.value?.detail ?? null,
    fee: g?.fee?.[lang] ?? doc.fee.value?.text ?? null,
    delay: g?.delay?.[lang] ?? doc.delay.value?.text ?? null,
    validity: g?.validity?.[lang] ?? doc.validity.value?.text ?? null,
    remote: g?.remote?.[lang] ?? doc.remoteRequest.value?.channels ?? null,
    notes: g?.notes?.[lang] ?? null,
    aliases: g?.aliases[lang] ?? [],
  };
}

/** What a document needs, costs and takes, in the reader's language; values the catalogue inferred are flagged. */
export function GuideFacts({ doc }: { doc: DocumentType }) {
  const { t, i18n } = useTranslation();
  const text = guideIn(doc, i18n.language);
  const mark = (s: Sourced<unknown>) =>
    s.inferred ? <span className="tag warn">{t('guide.inferred')}</span> : null;
  const unknown = <span className="muted">{t('common.notKnown')}</span>;
  const fee = doc.fee.value;
  const months = doc.validity.value?.months;
  const remote = doc.remoteRequest.value?.possible;
  return (
    <dl className="facts">
      <dt>{t('guide.papers')}</dt>
      <dd>
        {text.papers?.length ? (
          <ul>
            {text.papers.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : (
          unknown
        )}
        {mark(doc.requiredDocuments)}
      </dd>
      <dt>{t('guide.fee')}</dt>
      <dd>
        {fee ? (
          <>
            {fee.amount_mad != null && <strong>{t('guide.feeAmount', { amount: fee.amount_mad })}</strong>}
            {text.fee && <p>{text.fee}</p>}
          </>
        ) : (
          unknown
        )}
        {mark(doc.fee)}
      </dd>
      <dt>{t('guide.delay')}</dt>
      <dd>
        {text.delay ? <p>{text.delay}</p> : unknown}
        {mark(doc.delay)}
      </dd>
      <dt>{t('guide.validity')}</dt>
      <dd>{months ? t('guide.validityMonths', { count: months }) : (text.validity ?? unknown)}</dd>
      <dt>{t('guide.issuer')}</dt>
      <dd>{text.issuer ? <p>{text.issuer}</p> : unknown}</dd>
      <dt>{t('guide.remote')}</dt>
      <dd>
        {remote == null ? unknown : remote ? t('guide.remoteYes') : t('guide.remoteNo')}
        {remote && text.remote?.length ? (
          <ul>
            {text.remote.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : null}
        {mark(doc.remoteRequest)}
      </dd>
      {text.notes && (
        <>
          <dt>{t('guide.notes')}</dt>
          <dd>
            <p>{text.notes}</p>
          </dd>
        </>
      )}
    </dl>
  );
}
