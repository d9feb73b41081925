import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type OpenDataIndex } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { formatDate, formatFileSize } from '../i18n.js';
import { keys } from '../query-keys.js';

/** The open data: what the files hold (the dictionary), under which licence, and the files of each day. */
export default function OpenData() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useQuery({
    queryKey: [...keys.openData(), lang],
    queryFn: () => api<OpenDataIndex>('/api/public/open-data'),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const d = q.data;
  const latest = (format: 'csv' | 'json') => `/api/public/open-data/jisr-figures-latest.${format}`;
  return (
    <>
      <h1>{t('od.title')}</h1>
      <p className="lead">{t('od.lead')}</p>
      <h2 lang={lang}>{d.title}</h2>
      <p>{d.description}</p>
      <p>
        <Link href="/figures">{t('fig.nav')}</Link>
      </p>

      <h2>{t('od.editions')}</h2>
      {d.editions.length ? (
        <>
          <p>{t('od.latest')}</p>
          <ul className="downloads">
            {(['csv', 'json'] as const).map((format) => (
              <li key={format}>
                <a href={latest(format)} dir="ltr">
                  jisr-figures-latest.{format}
                </a>
              </li>
            ))}
          </ul>
          <DataTable
            caption={t('od.editions')}
            label={t('od.editions')}
            columns={[t('od.day'), 'CSV', 'JSON']}
            rows={d.editions}
            row={(e) => (
              <tr key={e.day}>
                <th scope="row">{formatDate(`${e.day}T12:00:00Z`, lang)}</th>
                {(['csv', 'json'] as const).map((format) => {
                  const file = e.files.find((x) => x.format === format);
                  return (
                    <td key={format}>
                      {file ? (
                        <>
                          <a href={file.url} dir="ltr">
                            {file.file}
                          </a>
                          <br />
                          <span className="muted">
                            {formatFileSize(file.size, lang)} · {t('od.rows', { count: file.rows })}
                          </span>
                          <br />
                          <code className="muted hash" title={t('od.checksum')} dir="ltr">
                            {file.sha256.slice(0, 16)}…
                          </code>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            )}
          />
        </>
      ) : (
        <p className="muted">{t('od.none')}</p>
      )}

      <h2>{t('od.dictionary')}</h2>
      <DataTable
        caption={t('od.dictionary')}
        label={t('od.dictionary')}
        columns={[t('od.column'), t('od.type'), t('od.description')]}
        rows={d.dictionary}
        row={(c) => (
          <tr key={c.column}>
            <th scope="row">
              <code dir="ltr">{c.column}</code>
            </th>
            <td dir="ltr">{c.type}</td>
            <td>{c.description}</td>
          </tr>
        )}
      />

      <h2>{t('od.licence')}</h2>
      <p>
        <a href={d.licence.url} rel="license noopener" dir="ltr">
          {d.licence.name}
        </a>
      </p>
      <p>{d.licence.summary}</p>
    </>
  );
}
