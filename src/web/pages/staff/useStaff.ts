import { useQuery } from '@tanstack/react-query';
import { api, type Institution } from '../../api.js';
import { useSession } from '../../session.js';

/** The staff member's institution (the first of their memberships) and the list of bodies. */
export function useStaffContext() {
  const session = useSession();
  const institutions = useQuery({
    queryKey: ['institutions'],
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const membership = session.data?.memberships[0];
  const institution = institutions.data?.items.find((i) => i.id === membership?.institutionId) ?? null;
  return { session, institutions, membership, institution };
}
