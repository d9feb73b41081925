import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type Session, setCsrf } from './api.js';
import { keys } from './query-keys.js';
import { useRefresh } from './useAction.js';

/** The signed-in person, or null. The CSRF token comes with it. */
export function useSession() {
  return useQuery({
    queryKey: keys.session(),
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
  const refresh = useRefresh();
  return async (csrfToken: string) => {
    setCsrf(csrfToken);
    await refresh([keys.all()]);
  };
}
