import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { type PublicFigures as Answer, api } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { monthLabel, TrendChart } from '../components/TrendChart.js';
import { useCategories } from '../hooks.js';
import { formatDate, formatNumber, keyIn, localName } from '../i18n.js';
import { keys } from '../query-keys.js';

type Names = Answer['scope']['name'];
type Line = Answer['totals'];
const QUERY_PARAMS = ['territory', 'body', 'category', 'from', 'to'] as const;

/** The query string of a scope, keeping the period and (unless told) the category. */
function hrefOf(params: URLSearchParams, change: Record<string, string | null>): string {
  const next = new URLSearchParams();
  for (const k of QUERY_PARAMS) {
    const v = k in change ? change[k] : params.get(k);
    if (v) next.set(k, v);
  }
  const q = next.toString();
  return q ? `/figures?${q}` : '/figures';
}

/** The place's query parameter: a body by its code, a territory by its code, the nation by none. */
const placeParams = (p: { level: string; code: string }) =>
  p.level === 'nation'
    ? { territory: null, body: null }
    : p.level === 'body'
      ? { territory: null, body: p.code }
      : { territory: p.code, body: null };

/** The last 60 months up to this one, newest first (`YYYY-MM`). */
function recentMonths(): string[] {
  const now = new Date();
  return Array.from({ length: 60 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** How a scope answers, for anyone, without signing in: the nation, a territory or a body. */
export default function PublicFigures() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const search = useSearch();
  const params = new URLSearchParams(search);
  const apiQuery = new URLSearchParams(
    QUERY_PARAMS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  ).toString();
  const q = useQuery({
    queryKey: keys.publicFigures(apiQuery),
    queryFn: () => api<Answer>(`/api/public/figures${apiQuery ? `?${apiQuery}` : ''}`),
    placeholderData: (previous) => previous,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const f = q.data;
  const name = (n: Names) => n[lang as keyof Names] ?? n.fr;
  const count = (v: number | null) => (v === null ? t('fig.tooFew') : formatNumber(v, lang));
  const percent = (v: number | null) =>
    v === null ? t('fig.tooFew') : `${formatNumber(Math.round(v * 100), lang)} %`;
  const days = (v: number | null) =>
    v === null ? t('fig.tooFew') : t('fig.medianValue', { count: v, value: formatNumber(v, lang) });
  const rating = (v: number | null) =>
    v === null ? t('fig.tooFew') : t('fig.ratingValue', { value: formatNumber(v, lang) });
  const csv = (by: string) =>
    `/api/public/figures.csv?${new URLSearchParams([...new URLSearchParams(apiQuery), ['by', by]])}`;
  const partsTitle =
    f.scope.level === 'nation'
      ? t('fig.parts.region')
      : f.scope.level === 'region'
        ? t('fig.parts.territory')
        : t('fig.parts.body');
  const lineColumns = [t('fig.received'), t('fig.median'), t('fig.onTime'), t('fig.overdueNow')];
  const lineCells = (l: Line) => (
    <>
      <td>{count(l.received)}</td>
      <td>{days(l.medianWorkingDaysToReply)}</td>
      <td>{percent(l.shareRepliedOnTime)}</td>
      <td>{percent(l.shareOverdue)}</td>
    </>
  );
  return (
    <>
      <nav aria-label={t('fig.breadcrumb')} className="crumbs">
        <ol>
          {f.parents.map((p) => (
            <li key={p.code}>
              <Link href={hrefOf(params, placeParams(p))}>
                <span className="visually-hidden">{t(keyIn('fig.level.', p.level))} · </span>
                {name(p.name)}
              </Link>
            </li>
          ))}
          <li aria-current="page">{name(f.scope.name)}</li>
        </ol>
      </nav>
      <h1>{t('fig.title', { place: name(f.scope.name) })}</h1>
      <p className="lead">{t('fig.lead', { min: f.minVolume })}</p>
      <FiguresFilters key={apiQuery} answer={f} params={params} />
      <p className="muted">
        {t(keyIn('fig.level.', f.scope.level))}
        {f.category ? ` · ${name(f.category.name)}` : ''} ·{' '}
        {t('fig.period', {
          from: monthLabel(f.period.from, lang, 'long'),
          to: monthLabel(f.period.to, lang, 'long'),
        })}
      </p>
      <dl className="stats" aria-live="polite">
        {(
          [
            ['fig.received', f.totals.received, count],
            ['fig.median', f.totals.medianWorkingDaysToReply, days],
            ['fig.onTime', f.totals.shareRepliedOnTime, percent],
            ['fig.overdueNow', f.totals.shareOverdue, percent],
            ['fig.openNow', f.totals.open, count],
            ['fig.reopened', f.totals.reopened, count],
            ['fig.escalated', f.totals.escalated, count],
            ['fig.rating', f.totals.averageRating, rating],
          ] as const
        ).map(([label, value, shown]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            {value === null ? <dd className="too-few">{t('fig.tooFew')}</dd> : <dd>{shown(value)}</dd>}
          </div>
        ))}
      </dl>
      {f.asOf && <p className="muted">{t('fig.asOf', { date: formatDate(f.asOf, lang, true) })}</p>}

      <h2>{t('fig.trends')}</h2>
      <div className="trends">
        <TrendChart
          title={t('fig.chart.received')}
          kind="bar"
          points={f.months.map((m) => ({ month: m.month, value: m.received }))}
          format={(v) => formatNumber(Math.round(v), lang)}
        />
        <TrendChart
          title={t('fig.chart.median')}
          kind="line"
          points={f.months.map((m) => ({ month: m.month, value: m.medianWorkingDaysToReply }))}
          format={(v) => formatNumber(Math.round(v * 10) / 10, lang)}
        />
        <TrendChart
          title={t('fig.chart.onTime')}
          kind="bar"
          max={1}
          points={f.months.map((m) => ({ month: m.month, value: m.shareRepliedOnTime }))}
          format={(v) => `${formatNumber(Math.round(v * 100), lang)} %`}
        />
      </div>

      {f.scope.level !== 'body' && (
        <>
          <h2>{partsTitle}</h2>
          {f.children.length ? (
            <DataTable
              caption={partsTitle}
              label={partsTitle}
              columns={[t('fig.name'), ...lineColumns]}
              rows={f.children}
              row={(c) => (
                <tr key={c.code}>
                  <th scope="row">
                    <Link href={hrefOf(params, placeParams(c))}>{name(c.name)}</Link>
                  </th>
                  {lineCells(c)}
                </tr>
              )}
            />
          ) : (
            <p className="muted">{t('fig.parts.none')}</p>
          )}
        </>
      )}

      {!f.category && f.categories.length > 0 && (
        <>
          <h2>{t('fig.byCategory')}</h2>
          <DataTable
            caption={t('fig.byCategory')}
            label={t('fig.byCategory')}
            columns={[t('fig.category'), ...lineColumns]}
            rows={f.categories}
            row={(c) => (
              <tr key={c.code}>
                <th scope="row">
                  <Link href={hrefOf(params, { category: c.code })}>{name(c.name)}</Link>
                </th>
                {lineCells(c)}
              </tr>
            )}
          />
        </>
      )}

      <h2>{t('fig.download')}</h2>
      <ul className="downloads">
        <li>
          <a href={csv('month')} download>
            {t('fig.csv.month')}
          </a>
        </li>
        {f.scope.level !== 'body' && (
          <li>
            <a href={csv('parts')} download>
              {t('fig.csv.parts')}
            </a>
          </li>
        )}
        {!f.category && (
          <li>
            <a href={csv('category')} download>
              {t('fig.csv.category')}
            </a>
          </li>
        )}
        <li>
          <Link href="/open-data">{t('fig.openData')}</Link>
        </li>
      </ul>
      <p className="muted">
        {t('fig.api', { url: '' })}
        <a href={`/api/public/figures${apiQuery ? `?${apiQuery}` : ''}`} dir="ltr">
          /api/public/figures{apiQuery ? `?${apiQuery}` : ''}
        </a>
      </p>
      <p className="muted">{t('fig.method')}</p>
    </>
  );
}

/** The category and the months of the figures; the place is chosen by following the links. */
function FiguresFilters({ answer, params }: { answer: Answer; params: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const categories = useCategories();
  const [from, setFrom] = useState(answer.period.from);
  const [to, setTo] = useState(answer.period.to);
  const [category, setCategory] = useState(answer.category?.code ?? '');
  const ids = { category: useId(), from: useId(), to: useId(), error: useId() };
  const months = recentMonths();
  if (!months.includes(from)) months.push(from);
  const wrong = from > to;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (wrong) return;
    navigate(hrefOf(params, { category: category || null, from, to }));
  };
  const monthOptions = months.map((m) => (
    <option key={m} value={m}>
      {monthLabel(m, i18n.language, 'long')}
    </option>
  ));
  return (
    <form className="row filters" onSubmit={submit} aria-label={t('fig.filters')}>
      <div className="field">
        <label htmlFor={ids.category}>{t('fig.category')}</label>
        <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('fig.allCategories')}</option>
          {categories.data?.items.map((c) => (
            <option key={c.code} value={c.code}>
              {localName(c, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.from}>{t('fig.from')}</label>
        <select id={ids.from} value={from} onChange={(e) => setFrom(e.target.value)}>
          {monthOptions}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.to}>{t('fig.to')}</label>
        <select
          id={ids.to}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? ids.error : undefined}
        >
          {monthOptions}
        </select>
        {wrong && (
          <p className="error" id={ids.error}>
            {t('fig.rangeError')}
          </p>
        )}
      </div>
      <button type="submit" className="button">
        {t('fig.show')}
      </button>
    </form>
  );
}
