import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { withRetries } from './retry.js';

const dropped = () => new ApiError({ type: 'network', title: 'network', status: 0, detail: 'network' });

describe('withRetries', () => {
  it('tries again after a dropped connection and gives back the answer that came through', async () => {
    let tries = 0;
    const retried: number[] = [];
    const answer = await withRetries(
      async () => {
        tries++;
        if (tries === 1) throw dropped();
        return 'received';
      },
      [0, 0],
      (n) => retried.push(n),
    );
    expect(answer).toBe('received');
    expect(tries).toBe(2);
    expect(retried).toEqual([2]);
  });

  it('stops after three tries and throws the last failure', async () => {
    let tries = 0;
    const run = withRetries(async () => {
      tries++;
      throw dropped();
    }, [0, 0]);
    await expect(run).rejects.toThrow('network');
    expect(tries).toBe(3);
  });

  it('does not send again a paper the server refused', async () => {
    let tries = 0;
    const refused = new ApiError({
      type: 'upload-type',
      title: 'refused',
      status: 415,
      detail: 'Wrong type',
    });
    const run = withRetries(async () => {
      tries++;
      throw refused;
    }, [0, 0]);
    await expect(run).rejects.toBe(refused);
    expect(tries).toBe(1);
  });
});
