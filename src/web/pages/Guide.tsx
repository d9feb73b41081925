import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { api, type DocumentType, type Institution } from '../api.js';
import { GuideFacts } from '../components/GuideFacts.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { localName } from '../i18n.js';
import { keys } from '../query-keys.js';

const issuerTypes: Record<string, string[]> = {
  commune: ['commune'],
  urban_agency: ['urban_agency', 'commune'],
};

export default function Guide() {
  const { code } = useParams<{ code: string }>();
  const { t, i18n } = useTranslation();
  const doc = useQuery({
    queryKey: keys.document(code),
    queryFn: () => api<DocumentType>(`/api/catalog/documents/${code}`),
  });
  const institutions = useQuery({
    queryKey: keys.institutions(),
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <ErrorBox error={doc.error} />;
  const d = doc.data;
  const types = issuerTypes[d.issuingBodyType.value?.type ?? ''] ?? ['commune'];
  const bodies = (institutions.data?.items ?? []).filter((i) => types.includes(i.type) && !i.parentId);
  return (
    <article>
      <p>
        <Link href="/guides">{t('nav.guides')}</Link>
      </p>
      <h1>{localName(d, i18n.language)}</h1>
      <GuideFacts doc={d} />
      <h2>{t('guide.file')}</h2>
      <ul className="cards">
        {bodies.map((b) => (
          <li className="card" key={b.id}>
            <h3>{localName(b, i18n.language)}</h3>
            <Link className="button" href={`/file/${b.id}?document=${d.code}`}>
              {t('guide.file')}
            </Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
