import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type FiledCase, type Mandate, type MyMandates } from '../../api.js';
import { mandateRef } from '../../components/MandateBits.js';
import { keys } from '../../query-keys.js';

/** The signed-in person's active mandates that let them file this kind of request for someone else. */
export function useFilingMandates(signedIn: boolean, categoryId: string) {
  const mine = useQuery({
    queryKey: keys.myMandates(),
    queryFn: () => api<MyMandates>('/api/mandates'),
    enabled: signedIn,
  });
  return (mine.data?.received ?? []).filter(
    (m) => m.status === 'active' && m.category?.id === categoryId && m.actions.includes('file'),
  );
}

/** On the review step: file for oneself, or for a person under one of their mandates. */
export function MandateChoice({
  mandates,
  value,
  onChange,
}: {
  mandates: Mandate[];
  value: string | null;
  onChange: (mandateId: string | null) => void;
}) {
  const { t } = useTranslation();
  if (!mandates.length) return null;
  return (
    <fieldset id="file-for">
      <legend>{t('mandate.file.legend')}</legend>
      <div className="checks">
        <label>
          <input type="radio" name="file-for" checked={!value} onChange={() => onChange(null)} />
          {t('mandate.file.self')}
        </label>
        {mandates.map((m) => (
          <label key={m.id}>
            <input type="radio" name="file-for" checked={value === m.id} onChange={() => onChange(m.id)} />
            {t('mandate.file.for', { name: m.mandator.name, ref: mandateRef(m.id) })}
          </label>
        ))}
      </div>
      {value && <p className="muted">{t('mandate.file.note')}</p>}
    </fieldset>
  );
}

/** The confirmation after filing for someone: the request is theirs, and so is the receipt. */
export function FiledForPerson({ made, mandate }: { made: FiledCase; mandate: Mandate }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="filed-for-title">
      <h1 id="filed-for-title">{t('mandate.file.done.title', { name: mandate.mandator.name })}</h1>
      <p className="alert info" role="status">
        {t('mandate.file.done.lead', {
          tracking: `\u2066${made.trackingNumber}\u2069`,
          name: mandate.mandator.name,
          ref: mandateRef(mandate.id),
        })}
      </p>
      <p>
        <Link href={`/cases/${made.id}`}>{t('mandate.file.done.open')}</Link>
      </p>
    </section>
  );
}
