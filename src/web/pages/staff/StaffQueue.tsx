import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { api, type CaseList, type Department } from '../../api.js';
import { MoreCases, StaffCaseLink, StateBadge } from '../../components/CaseBits.js';
import { CountrySelect } from '../../components/CountrySelect.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { formatDate, formatNumber, keyIn, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import {
  activeFilters,
  type FilterKey,
  type Filters,
  filtersToQuery,
  parseFilters,
  queueStates,
} from './queueParams.js';
import { SavedViews } from './SavedViews.js';
import { useStaffContext, useWatchedName } from './useStaff.js';

type Page = CaseList;

const kinds = ['document_request', 'complaint', 'grievance', 'observation', 'information_request'];
const channels = ['web', 'desk', 'phone', 'whatsapp', 'email', 'post', 'referral', 'api'];

/** The staff queue: search, filters kept in the address bar, counts per state, saved views, pages. */
export default function StaffQueue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, membership } = useStaffContext();
  const watched = useWatchedName();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = parseFilters(search);
  const setFilters = (f: Filters) => navigate(`/staff?${filtersToQuery(f)}`, { replace: true });
  const set = (k: FilterKey, v: string) => setFilters({ ...filters, [k]: v || undefined });
  const scope = membership ? `institutionId=${membership.institutionId}&` : '';
  const query = filtersToQuery(filters);
  const list = useInfiniteQuery({
    queryKey: keys.staffQueueOf(scope, query),
    queryFn: ({ pageParam }) =>
      api<Page>(
        `/api/cases?${scope}${query}&limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : '&counts=true'}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: session.data?.account.kind === 'staff',
  });
  const departments = useQuery({
    queryKey: keys.departments(membership?.institutionId),
    queryFn: () => api<{ items: Department[] }>(`/api/institutions/${membership!.institutionId}/departments`),
    enabled: !!membership,
  });
  const [text, setText] = useState(filters.q ?? '');
  // Filters start unfolded when the page opens with some set (a shared link); then the user folds them.
  const [filtersOpen] = useState(() => Object.keys(activeFilters(parseFilters(search))).length > 0);
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const ids = {
    q: useId(),
    kind: useId(),
    dept: useId(),
    who: useId(),
    chan: useId(),
    due: useId(),
    sort: useId(),
  };
  if (session.isPending) return <Loading />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = list.data?.pages[0]?.counts;
  const n = (v: number | undefined) => formatNumber(v ?? 0, lang);
  const select = (id: string, key: FilterKey, label: string, options: [string, string][], any: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={filters[key] ?? ''} onChange={(e) => set(key, e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const hasFilters = Object.keys(activeFilters(filters)).length > 0;
  // supervisors, administrators, auditors and overseers take the queue away as a spreadsheet
  const mayExport =
    (session.data?.scopes.length ?? 0) > 0 ||
    (!!membership && ['supervisor', 'institution_admin', 'auditor'].includes(membership.role));
  return (
    <>
      <h1>{t('staff.queue.title', { body: watched ?? '…' })}</h1>
      <p className="links-row">
        <button
          type="button"
          className="linklike"
          aria-pressed={filters.assignee === 'me'}
          onClick={() => setFilters({ status: 'open', assignee: 'me', sort: 'due' })}
        >
          {t('staff.queue.inboxMine')}
        </button>
        {membership?.departmentId && (
          <button
            type="button"
            className="linklike"
            aria-pressed={filters.departmentId === membership.departmentId}
            onClick={() =>
              setFilters({ status: 'open', departmentId: membership.departmentId ?? undefined, sort: 'due' })
            }
          >
            {t('staff.queue.inboxDepartment')}
          </button>
        )}
        <button type="button" className="linklike" onClick={() => setFilters({})}>
          {t('staff.queue.inboxAll')}
        </button>
      </p>
      <search>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            set('q', text.trim());
          }}
        >
          <div className="field">
            <label htmlFor={ids.q}>{t('staff.queue.search')}</label>
            <input
              id={ids.q}
              type="search"
              value={text}
              maxLength={200}
              placeholder={t('staff.queue.searchHint')}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="buttons">
            <button type="submit">{t('staff.queue.searchButton')}</button>
          </div>
        </form>
      </search>
      <nav className="tabs wrap" aria-label={t('staff.queue.state')}>
        <button
          type="button"
          aria-pressed={filters.status === 'open' && !filters.state}
          onClick={() => setFilters({ ...filters, state: undefined, status: 'open' })}
        >
          {t('staff.queue.open')} <span className="count">{n(counts?.open)}</span>
        </button>
        {queueStates
          .filter((s) => counts?.byState[s] || filters.state === s)
          .map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={filters.state === s}
              onClick={() => setFilters({ ...filters, state: s, status: undefined })}
            >
              {t(s === 'awaiting_citizen' ? 'staff.state.awaiting_citizen' : `state.${s}`)}{' '}
              <span className="count">{n(counts?.byState[s])}</span>
            </button>
          ))}
        <button
          type="button"
          aria-pressed={filters.status === 'all' && !filters.state}
          onClick={() => setFilters({ ...filters, state: undefined, status: 'all' })}
        >
          {t('staff.queue.allOpen')} <span className="count">{n(counts?.total)}</span>
        </button>
      </nav>
      <details className="queue-filters" open={filtersOpen || undefined}>
        <summary>{t('staff.queue.filters')}</summary>
        <div className="filter-grid">
          {select(
            ids.kind,
            'kind',
            t('staff.queue.kind'),
            kinds.map((k) => [k, t(keyIn('kind.', k))]),
            t('staff.queue.any'),
          )}
          {membership &&
            select(
              ids.dept,
              'departmentId',
              t('staff.queue.department'),
              (departments.data?.items ?? []).map((d) => [d.id, localName(d, lang)]),
              t('staff.queue.any'),
            )}
          {select(
            ids.who,
            'assignee',
            t('staff.queue.assignee'),
            [
              ['me', t('staff.queue.mine')],
              ['none', t('staff.queue.unassigned')],
            ],
            t('staff.queue.anyone'),
          )}
          {select(
            ids.chan,
            'channel',
            t('staff.queue.channel'),
            channels.map((c) => [c, t(keyIn('intake.', c))]),
            t('staff.queue.any'),
          )}
          <CountrySelect
            label={t('staff.queue.country')}
            value={filters.country ?? ''}
            onChange={(v) => set('country', v)}
            emptyLabel={t('staff.queue.any')}
          />
          {select(
            ids.due,
            'due',
            t('staff.queue.due'),
            [
              ['overdue', t('staff.queue.overdue', { count: counts?.overdue ?? 0, n: n(counts?.overdue) })],
              ['week', t('staff.queue.dueWeek')],
            ],
            t('staff.queue.any'),
          )}
          {select(
            ids.sort,
            'sort',
            t('staff.queue.sort'),
            [
              ['oldest', t('staff.queue.sortOldest')],
              ['due', t('staff.queue.sortDue')],
              ['updated', t('staff.queue.sortUpdated')],
            ],
            t('staff.queue.sortNewest'),
          )}
        </div>
        {hasFilters && (
          <button type="button" className="secondary" onClick={() => setFilters({})}>
            {t('staff.queue.clear')}
          </button>
        )}
      </details>
      {membership && (
        <SavedViews institutionId={membership.institutionId} filters={filters} onOpen={setFilters} />
      )}
      <p className="muted" role="status">
        {list.isPending ? '' : t('staff.queue.found', { count: items.length, shown: n(items.length) })}
      </p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty">
          {filters.q ? t('staff.queue.noMatch', { q: filters.q }) : t('staff.queue.empty')}
        </p>
      ) : (
        <ul className="case-list">
          {items.map((c) => (
            <li key={c.id} className={c.overdue ? 'late' : ''}>
              <StaffCaseLink c={c} />
              <div className="meta">
                <StateBadge state={c.state} staff />
                <span className="tag">{t(keyIn('kind.', c.kind))}</span>
                {c.overdue && <span className="tag late">{t('cases.late')}</span>}
                <span>
                  <bdi>{c.requesterName}</bdi>
                  {c.requesterCountry && <span className="muted"> · {c.requesterCountry}</span>}
                </span>
                <span className="muted">{t('cases.due', { date: formatDate(c.dueAt, lang) })}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <MoreCases list={list} saysLoading />
      {mayExport && (
        <p className="links-row">
          {(['csv', 'xlsx'] as const).map((format) => (
            <a key={format} href={`/api/cases/export?${scope}${query}&format=${format}`} download>
              {t(format === 'csv' ? 'staff.queue.exportCsv' : 'staff.queue.exportXlsx')}
            </a>
          ))}
        </p>
      )}
    </>
  );
}
