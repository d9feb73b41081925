import { useTranslation } from 'react-i18next';
import type { DocumentType, Sourced } from '../api.js';

/** What a document needs, costs and takes; values the catalogue inferred are flagged. */
export function GuideFacts({ doc }: { doc: DocumentType }) {
  const { t } = useTranslation();
  const mark = (s: Sourced<unknown>) =>
    s.inferred ? <span className="tag warn">{t('guide.inferred')}</span> : null;
  const unknown = <span className="muted">{t('common.notKnown')}</span>;
  const fee = doc.fee.value;
  const months = doc.validity.value?.months;
  return (
    <dl className="facts">
      <dt>{t('guide.papers')}</dt>
      <dd>
        {doc.requiredDocuments.value?.length ? (
          <ul>
            {doc.requiredDocuments.value.map((p) => (
              <li key={p} dir="auto">
                {p}
              </li>
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
            {fee.text && <p dir="auto">{fee.text}</p>}
          </>
        ) : (
          unknown
        )}
        {mark(doc.fee)}
      </dd>
      <dt>{t('guide.delay')}</dt>
      <dd>
        {doc.delay.value?.text ? <p dir="auto">{doc.delay.value.text}</p> : unknown}
        {mark(doc.delay)}
      </dd>
      <dt>{t('guide.validity')}</dt>
      <dd>{months ? t('guide.validityMonths', { count: months }) : (doc.validity.value?.text ?? unknown)}</dd>
      <dt>{t('guide.issuer')}</dt>
      <dd>
        {doc.issuingBodyType.value?.detail ? <p dir="auto">{doc.issuingBodyType.value.detail}</p> : unknown}
      </dd>
      <dt>{t('guide.remote')}</dt>
      <dd>
        {doc.remoteRequest.value?.possible == null
          ? unknown
          : doc.remoteRequest.value.possible
            ? t('guide.remoteYes')
            : t('guide.remoteNo')}
        {mark(doc.remoteRequest)}
      </dd>
    </dl>
  );
}
