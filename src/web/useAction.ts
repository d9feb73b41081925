import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError } from './api.js';

/** Any failure as the API's refusal: a problem+json stays as it is, anything else (no network) becomes one. */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new ApiError({ type: 'network', title: detail, status: 0, detail });
}

/** Fetches the given queries again (keys of `query-keys.ts`); the promise ends when they are fresh. */
export function useRefresh() {
  const qc = useQueryClient();
  return useCallback(
    (stale: readonly QueryKey[]) => Promise.all(stale.map((queryKey) => qc.invalidateQueries({ queryKey }))),
    [qc],
  );
}

type Given<A, R, T> = T | ((result: R, args: A) => T);
const given = <A, R, T>(v: Given<A, R, T>, result: R, args: A): T =>
  typeof v === 'function' ? (v as (result: R, args: A) => T)(result, args) : v;

export type ActionOptions<A, R> = {
  /** The change itself (a call of the API). */
  run: (args: A) => Promise<R>;
  /** The queries to fetch again once it worked (keys of `query-keys.ts`). */
  invalidate?: Given<A, R, readonly QueryKey[]>;
  /** Do not wait for those queries: the action ends at once (a form free for the next visitor), the lists follow. */
  refreshInBackground?: boolean;
  /** What to do once it worked, before the queries are fetched again (close a form, show the result…). */
  onDone?: (result: R, args: A) => unknown;
  /** The polite notice to give once it worked ("Saved."), read by `notice`. */
  successMessage?: Given<A, R, string>;
  /** What to do when it was refused, besides keeping the refusal in `error`. */
  onError?: (error: ApiError, args: A) => unknown;
};

/**
 * One change of data, the same way everywhere: busy while it runs (and until the queries it touched are
 * fresh), the API's refusal kept to show (`error.message`, `error.field(name)`); on success `onDone`, the
 * success notice, then the given queries fetched again. `run` never throws: it answers whether it worked.
 */
export function useAction<A = void, R = unknown>(options: ActionOptions<A, R>) {
  const refresh = useRefresh();
  const [notice, setNotice] = useState('');
  const mutation = useMutation<R, ApiError, A>({
    mutationFn: async (args) => {
      try {
        return await options.run(args);
      } catch (e) {
        throw asApiError(e);
      }
    },
    onMutate: () => setNotice(''),
    onSuccess: async (result, args) => {
      await options.onDone?.(result, args);
      if (options.successMessage) setNotice(given(options.successMessage, result, args));
      const stale = options.invalidate ? given(options.invalidate, result, args) : [];
      const fresh = refresh(stale);
      if (!options.refreshInBackground) await fresh;
    },
    onError: (error, args) => options.onError?.(error, args),
  });
  const busy = mutation.isPending;
  const { reset: forget } = mutation;
  const reset = useCallback(() => {
    forget();
    setNotice('');
  }, [forget]);
  return {
    /** Runs the change; answers true when it worked. */
    run: (...[args]: undefined extends A ? [args?: A] : [args: A]) =>
      mutation.mutateAsync(args as A).then(
        () => true,
        () => false,
      ),
    busy,
    error: mutation.error,
    notice,
    /** Forgets the last refusal and notice (a form closed, another line chosen). */
    reset,
    /** For the button that starts it: disabled and announced as busy while it runs. */
    busyProps: { disabled: busy, 'aria-busy': busy || undefined },
  };
}
