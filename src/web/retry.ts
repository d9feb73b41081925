/** Waits before the second and third tries: a connection that dropped often comes back within seconds. */
export const RETRY_DELAYS_MS = [1000, 3000];

/** A failure worth trying again: the connection broke (no answer) or a gateway gave up on the way. */
export function isTransient(e: unknown): boolean {
  const status = (e as { problem?: { status?: number } } | null)?.problem?.status;
  return status !== undefined && [0, 502, 503, 504].includes(status);
}

/**
 * Runs `attempt` again after a transient failure (see RETRY_DELAYS_MS), at most three times in all; a refusal
 * by the server (wrong type, too large…) is not tried again. The last failure is the one thrown.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  delays: readonly number[] = RETRY_DELAYS_MS,
  onRetry: (tryNumber: number) => void = () => undefined,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      const wait = delays[i];
      if (wait === undefined || !isTransient(e)) throw e;
      onRetry(i + 2);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
