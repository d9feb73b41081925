import { useTranslation } from 'react-i18next';

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`state state-${state}`}>{t(`state.${state}`)}</span>;
}
