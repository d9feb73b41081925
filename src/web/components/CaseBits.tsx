import { useTranslation } from 'react-i18next';

/** A case's state; staff read "waiting for the citizen" where the citizen reads "waiting for your reply". */
export function StateBadge({ state, staff = false }: { state: string; staff?: boolean }) {
  const { t } = useTranslation();
  const key = staff && state === 'awaiting_citizen' ? 'staff.state.awaiting_citizen' : `state.${state}`;
  return <span className={`state state-${state}`}>{t(key)}</span>;
}
