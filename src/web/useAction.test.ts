import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { keys } from './query-keys.js';
import { asApiError } from './useAction.js';

describe('asApiError', () => {
  it('keeps the API’s refusal as it is, with its field errors', () => {
    const refused = new ApiError({
      type: 'https://jisr.ma/problems/validation',
      title: 'Invalid',
      status: 400,
      detail: 'Le formulaire contient des erreurs.',
      errors: [{ pointer: '/body/subject', message: 'Trop court.' }],
    });
    const e = asApiError(refused);
    expect(e).toBe(refused);
    expect(e.field('subject')).toBe('Trop court.');
  });

  it('turns any other failure (no network) into a refusal that says what happened', () => {
    const e = asApiError(new TypeError('Failed to fetch'));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('Failed to fetch');
    expect(e.problem.status).toBe(0);
    expect(e.field('subject')).toBeUndefined();
  });
});

describe('query keys', () => {
  it('start with the key that invalidates them, so a change cannot miss its queries', () => {
    const starts = (key: readonly unknown[], prefix: readonly unknown[]) =>
      prefix.every((part, i) => key[i] === part);
    expect(starts(keys.caseRating('c1'), keys.case('c1'))).toBe(true);
    expect(starts(keys.slotsOf('s', '', 'Africa/Casablanca', 'today'), keys.slots())).toBe(true);
    expect(starts(keys.setupRota('p', '2026-01-05'), keys.setup('p'))).toBe(true);
    expect(starts(keys.staffQueueOf('', 'state=new'), keys.staffQueue())).toBe(true);
    expect(starts(keys.myAppointmentsWhen('past'), keys.myAppointments())).toBe(true);
    expect(starts(keys.case('c1'), keys.all())).toBe(true);
    expect(starts(keys.case('c2'), keys.case('c1'))).toBe(false);
  });
});
