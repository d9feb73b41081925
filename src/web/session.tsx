import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Session, setCsrf } from './api.js';

/** The signed-in person, or null. The CSRF token comes with it. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        const s = await api<Session>('/api/auth/session');
        setCsrf(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.problem.status === 401) {
          setCsrf(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignedIn() {
  const qc = useQueryClient();
  return async (csrfToken: string) => {
    setCsrf(csrfToken);
    await qc.invalidateQueries();
  };
}
