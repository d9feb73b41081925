import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api.js';
import { StateBadge } from '../../components/CaseBits.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { useDebounced } from '../../hooks.js';
import { formatDate } from '../../i18n.js';
import { useStaffContext } from './useStaff.js';

type Stalled = {
  id: string;
  trackingNumber: string;
  subject: string;
  state: string;
  dueAt: string;
  idleDays: number;
  assignee: string | null;
  departmentFr: string | null;
  departmentAr: string | null;
};

/** Open files nobody has touched for N days, oldest first, and who holds them. */
export default function StaffStalled() {
  const { t, i18n } = useTranslation();
  const { institution } = useStaffContext();
  const [days, setDays] = useState(7);
  const d = useDebounced(days, 300);
  const id = useId();
  const list = useQuery({
    queryKey: ['stalled', institution?.id, d],
    queryFn: () =>
      api<{ items: Stalled[]; total: number }>(`/api/institutions/${institution!.id}/stalled?days=${d}`),
    enabled: !!institution,
  });
  return (
    <>
      <h1>{t('staff.stalled.title', { days: d })}</h1>
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
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t('staff.stalled.empty')}</p>
      ) : (
        <ul className="case-list">
          {list.data.items.map((c) => (
            <li key={c.id} className="late">
              <Link href={`/staff/cases/${c.id}`}>
                <span className="tracking">
                  <bdi dir="ltr">{c.trackingNumber}</bdi>
                </span>
                <strong dir="auto">{c.subject}</strong>
              </Link>
              <div className="meta">
                <StateBadge state={c.state} staff />
                <span className="tag late">{t('staff.stalled.idle', { count: c.idleDays })}</span>
                <span>
                  {t('staff.stalled.holder')}: {c.assignee ?? t('staff.stalled.nobody')}
                  {c.departmentFr ? ` · ${i18n.language === 'ar' ? c.departmentAr : c.departmentFr}` : ''}
                </span>
                <span className="muted">{t('cases.due', { date: formatDate(c.dueAt, i18n.language) })}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
