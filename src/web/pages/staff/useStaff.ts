import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Institution, type PlaceDetail } from '../../api.js';
import { localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useSession } from '../../session.js';

/** The staff member's institution (the first of their memberships) and the list of bodies. */
export function useStaffContext() {
  const session = useSession();
  const institutions = useQuery({
    queryKey: keys.institutions(),
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const membership = session.data?.memberships[0];
  const institution = institutions.data?.items.find((i) => i.id === membership?.institutionId) ?? null;
  return { session, institutions, membership, institution };
}

type Place = PlaceDetail;

/**
 * What the signed-in staff member watches, named for a title: their body, or for a territorial overseer
 * the Kingdom, their region or their province. Null while it is being read.
 */
export function useWatchedName(): string | null {
  const { t, i18n } = useTranslation();
  const { session, institution, membership } = useStaffContext();
  const scope = membership ? undefined : session.data?.scopes[0];
  const code = scope?.scope !== 'nation' ? scope?.territoryCode : null;
  const place = useQuery({
    queryKey: keys.territory(code),
    queryFn: () => api<Place>(`/api/territory/${encodeURIComponent(code!)}`),
    enabled: !!code,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (membership) return institution ? localName(institution, i18n.language) : null;
  if (scope?.scope === 'nation') return t('staff.scope.nation');
  if (!place.data) return place.isError ? t('staff.area') : null;
  const kind =
    place.data.type === 'region' ? 'region' : place.data.type === 'prefecture' ? 'prefecture' : 'province';
  return t(`staff.scope.${kind}`, { name: localName(place.data, i18n.language) });
}
