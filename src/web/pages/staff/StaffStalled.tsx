import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type StalledCases } from '../../api.js';
import { StaffCaseLink, StateBadge } from '../../components/CaseBits.js';
import { ageText } from '../../components/LegacyFiling.js';
import { Loaded } from '../../components/Loaded.js';
import { useDebounced } from '../../hooks.js';
import { formatDate, formatNumber, keyIn, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useStaffContext } from './useStaff.js';

const stalledViews = ['idle', 'legacy', 'escalated'] as const;
type StalledView = (typeof stalledViews)[number];

/** Open files nobody has touched for N days, oldest first, and who holds them. */
export default function StaffStalled() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session } = useStaffContext();
  // several bodies: an overseer's territory, or a supervisor of more than one body
  const manyBodies = (session.data?.scopes.length ?? 0) > 0 || (session.data?.memberships.length ?? 0) > 1;
  const [days, setDays] = useState(7);
  // which stuck files: those with no action for N days, or the paper files registered late
  const [view, setView] = useState<StalledView>('idle');
  const d = useDebounced(days, 300);
  const id = useId();
  const viewId = useId();
  const list = useQuery({
    queryKey: [...keys.stalled(d), view],
    queryFn: () => api<StalledCases>(`/api/stalled?days=${d}&limit=200&only=${view}`),
  });
  return (
    <>
      <h1>
        {view === 'legacy'
          ? t('staff.stalled.legacyTitle')
          : view === 'escalated'
            ? t('staff.stalled.escalatedTitle')
            : t('staff.stalled.title', { days: d, count: d })}
      </h1>
      <div className="field narrow">
        <label htmlFor={viewId}>{t('staff.stalled.view')}</label>
        <select id={viewId} value={view} onChange={(e) => setView(e.target.value as StalledView)}>
          {stalledViews.map((v) => (
            <option key={v} value={v}>
              {t(keyIn('staff.stalled.views.', v))}
            </option>
          ))}
        </select>
      </div>
      {view === 'idle' && (
        <div className="field narrow">
          <label htmlFor={id}>{t('staff.stalled.days')}</label>
          <input
            id={id}
            type="number"
            min={1}
            max={3650}
            dir="ltr"
            value={days}
            onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))}
          />
        </div>
      )}
      <Loaded
        query={list}
        empty={
          view === 'legacy'
            ? t('staff.stalled.legacyEmpty')
            : view === 'escalated'
              ? t('staff.stalled.escalatedEmpty')
              : t('staff.stalled.empty')
        }
      >
        {(data) => (
          <>
            <p role="status">
              {t('staff.stalled.count', {
                count: data.total,
                shown: formatNumber(data.items.length, lang),
                total: formatNumber(data.total, lang),
              })}
            </p>
            <ul className="case-list">
              {data.items.map((c) => (
                <li key={c.id} className="late">
                  <StaffCaseLink c={c} />
                  <div className="meta">
                    {manyBodies && (
                      <span dir="auto">
                        {localName(
                          { nameAr: c.institutionAr, nameFr: c.institutionFr, nameEn: c.institutionEn },
                          lang,
                        )}
                      </span>
                    )}
                    <StateBadge state={c.state} staff />
                    {c.escalationLevel && (
                      <span className="tag warn" data-testid="escalation-level">
                        {t(keyIn('staff.stalled.escalated.', String(c.escalationLevel)))}
                      </span>
                    )}
                    {c.legacyReference ? (
                      <span className="tag late" data-testid="legacy-age">
                        {t('staff.stalled.filedAt', {
                          date: formatDate(c.filedAt, lang),
                          age: ageText(c.filedAt, lang),
                        })}{' '}
                        · <bdi>{c.legacyReference}</bdi>
                      </span>
                    ) : (
                      <span className="tag late">{t('staff.stalled.idle', { count: c.idleDays })}</span>
                    )}
                    <span>
                      {t('staff.stalled.heldBy', { who: c.assignee ?? t('staff.stalled.nobody') })}
                      {c.departmentFr ? ` · ${i18n.language === 'ar' ? c.departmentAr : c.departmentFr}` : ''}
                    </span>
                    <span className="muted">
                      {t('cases.due', { date: formatDate(c.dueAt, i18n.language) })}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </>
  );
}
