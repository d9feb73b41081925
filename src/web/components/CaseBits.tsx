import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { keyIn } from '../i18n.js';

/** A case's state; staff read "waiting for the citizen" where the citizen reads "waiting for your reply". */
export function StateBadge({ state, staff = false }: { state: string; staff?: boolean }) {
  const { t } = useTranslation();
  const key = staff && state === 'awaiting_citizen' ? 'staff.state.awaiting_citizen' : keyIn('state.', state);
  return <span className={`state state-${state}`}>{t(key)}</span>;
}

/** A case's subject, or that its content was removed at the end of its retention period. */
export function CaseSubject({ c }: { c: { subject: string; anonymisedAt?: string | null } }) {
  const { t } = useTranslation();
  if (c.anonymisedAt) return <span className="muted">{t('case.anonymised.short')}</span>;
  return <bdi>{c.subject}</bdi>;
}

/** A case in a staff list: its tracking number and subject, linking to its page. */
export function StaffCaseLink({
  c,
}: {
  c: { id: string; trackingNumber: string; subject: string; anonymisedAt?: string | null };
}) {
  return (
    <Link href={`/staff/cases/${c.id}`}>
      <span className="tracking">
        <bdi dir="ltr">{c.trackingNumber}</bdi>
      </span>
      <strong>
        <CaseSubject c={c} />
      </strong>
    </Link>
  );
}

/** The button under a list of cases that loads the next page, while there is one; it may say it loads. */
export function MoreCases({
  list,
  saysLoading = false,
  label,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  saysLoading?: boolean;
  /** What the button says (by default, "more cases"). */
  label?: string;
}) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="secondary"
      disabled={list.isFetchingNextPage}
      onClick={() => list.fetchNextPage()}
    >
      {saysLoading && list.isFetchingNextPage ? t('common.loading') : (label ?? t('cases.more'))}
    </button>
  );
}
