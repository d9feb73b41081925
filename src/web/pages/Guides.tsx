import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { foldForSearch } from '../../shared/text-normalize.js';
import { api, type DocumentType } from '../api.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { keyIn, localName } from '../i18n.js';
import { keys } from '../query-keys.js';

export const useDocuments = () =>
  useQuery({
    queryKey: keys.documents(),
    queryFn: () => api<{ items: DocumentType[] }>('/api/catalog/documents'),
    staleTime: 3_600_000,
  });

/**
 * Everything a document is called, in the three languages (its name and the names people use, such as
 * « عقد الازدياد » or « acte de naissance »), folded: a search typed in any script or spelling finds it.
 */
function searchText(d: DocumentType): string {
  const aliases = d.guide ? [...d.guide.aliases.ar, ...d.guide.aliases.fr, ...d.guide.aliases.en] : [];
  return foldForSearch([d.nameAr, d.nameFr, d.nameEn, ...aliases].join(' '));
}

/** The guides whose names contain every word of the query. */
export function matchGuides(docs: DocumentType[], query: string): DocumentType[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (!words.length) return docs;
  return docs.filter((d) => {
    const text = searchText(d);
    return words.every((w) => text.includes(w));
  });
}

export default function Guides() {
  const { t, i18n } = useTranslation();
  const docs = useDocuments();
  const initial = new URLSearchParams(useSearch()).get('q') ?? '';
  const [query, setQuery] = useState(initial);
  const searchId = useId();
  if (docs.isPending) return <Loading />;
  if (docs.isError) return <ErrorBox error={docs.error} retry={() => docs.refetch()} />;
  const found = matchGuides(docs.data.items, query);
  const families = [...new Set(found.map((d) => d.category))];
  const search = (q: string) => {
    setQuery(q);
    // the search is part of the address: Back and a shared link show the same list
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
  };
  return (
    <>
      <h1>{t('guides.title')}</h1>
      <p className="lead">{t('guides.lead')}</p>
      <search className="field narrow">
        <label htmlFor={searchId}>{t('guides.search')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          placeholder={t('guides.searchHint')}
          onChange={(e) => search(e.target.value)}
          aria-controls="guide-results"
        />
      </search>
      <div id="guide-results">
        <p className="muted" role="status">
          {query.trim() ? t('guides.found', { count: found.length }) : ''}
        </p>
        {found.length === 0 && (
          <p>
            {t('guides.none', { query: query.trim() })} <Link href="/">{t('guides.noneAction')}</Link>
          </p>
        )}
        {families.map((f) => (
          <section key={f} aria-labelledby={`fam-${f}`}>
            <h2 id={`fam-${f}`}>{t(keyIn('guides.family.', f))}</h2>
            <ul className="list">
              {found
                .filter((d) => d.category === f)
                .map((d) => (
                  <li key={d.code}>
                    <Link href={`/guides/${d.code}`}>{localName(d, i18n.language)}</Link>
                    {d.remoteRequest.value?.possible && (
                      <span className="tag ok">{t('guide.remoteYes')}</span>
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
