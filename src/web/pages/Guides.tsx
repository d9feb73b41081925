import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type DocumentType } from '../api.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { localName } from '../i18n.js';

export const useDocuments = () =>
  useQuery({
    queryKey: ['documents'],
    queryFn: () => api<{ items: DocumentType[] }>('/api/catalog/documents'),
    staleTime: 3_600_000,
  });

export default function Guides() {
  const { t, i18n } = useTranslation();
  const docs = useDocuments();
  if (docs.isPending) return <Loading />;
  if (docs.isError) return <ErrorBox error={docs.error} retry={() => docs.refetch()} />;
  const families = [...new Set(docs.data.items.map((d) => d.category))];
  return (
    <>
      <h1>{t('guides.title')}</h1>
      <p className="lead">{t('guides.lead')}</p>
      {families.map((f) => (
        <section key={f} aria-labelledby={`fam-${f}`}>
          <h2 id={`fam-${f}`}>{t(`guides.family.${f}`)}</h2>
          <ul className="list">
            {docs.data.items
              .filter((d) => d.category === f)
              .map((d) => (
                <li key={d.code}>
                  <Link href={`/guides/${d.code}`}>{localName(d, i18n.language)}</Link>
                  {d.remoteRequest.value?.possible && <span className="tag ok">{t('guide.remoteYes')}</span>}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
