import { describe, expect, it } from 'vitest';
import { countersAnswer } from './queue.js';

describe('which queue counts the settled cases’ counters answer', () => {
  const body = { institutionId: '3d30b7b0-a2ff-4f1c-919c-47ebe7e03b61' };
  it('answers the filters on their own columns, whatever the page asks besides', () => {
    expect(countersAnswer(body)).toBe(true);
    expect(
      countersAnswer({ ...body, status: 'open', kind: ['complaint'], sort: 'due', counts: true, limit: 25 }),
    ).toBe(true);
    expect(
      countersAnswer({ ...body, state: ['in_progress'], country: 'FR', cursor: 'x', counts: true }),
    ).toBe(true);
    expect(countersAnswer({ ...body, channel: ['web', 'desk'], categoryId: body.institutionId })).toBe(true);
  });
  it('leaves to a live count the filters they do not hold', () => {
    for (const extra of [
      { departmentId: body.institutionId },
      { assignee: 'me' },
      { q: 'naissance' },
      { due: 'overdue' },
      { legacy: 'true' },
    ])
      expect(countersAnswer({ ...body, ...extra }), JSON.stringify(extra)).toBe(false);
    expect(countersAnswer({ ...body, q: undefined })).toBe(true);
  });
});
