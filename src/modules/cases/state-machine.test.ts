import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentTime } from '../../shared/clock.js';
import { caseKinds } from '../catalog/schema.js';
import {
  availableActions,
  caseActions,
  caseStates,
  REOPEN_WINDOW_DAYS,
  transition,
} from './state-machine.js';

/** The lifecycle of the design document, written out independently of the module under test. */
const legal: [string, string, string, 'citizen' | 'staff'][] = [
  ['submitted', 'acknowledge', 'acknowledged', 'staff'],
  ['acknowledged', 'start', 'in_progress', 'staff'],
  ['reopened', 'start', 'in_progress', 'staff'],
  ['in_progress', 'request_info', 'awaiting_citizen', 'staff'],
  ['awaiting_citizen', 'citizen_reply', 'in_progress', 'citizen'],
  ['in_progress', 'submit_reply', 'reply_pending_approval', 'staff'],
  ['reply_pending_approval', 'return_reply', 'in_progress', 'staff'],
  ['reply_pending_approval', 'approve_reply', 'answered', 'staff'],
  ['in_progress', 'mark_ready', 'ready', 'staff'],
  ['answered', 'mark_ready', 'ready', 'staff'],
  ['answered', 'close', 'closed', 'staff'],
  ['ready', 'close', 'closed', 'staff'],
  ['submitted', 'reject', 'rejected', 'staff'],
  ['acknowledged', 'reject', 'rejected', 'staff'],
  ['in_progress', 'reject', 'rejected', 'staff'],
  ['submitted', 'refer_inside', 'submitted', 'staff'],
  ['acknowledged', 'refer_inside', 'submitted', 'staff'],
  ['in_progress', 'refer_inside', 'submitted', 'staff'],
  ['submitted', 'refer', 'referred', 'staff'],
  ['acknowledged', 'refer', 'referred', 'staff'],
  ['in_progress', 'refer', 'referred', 'staff'],
  ['submitted', 'withdraw', 'withdrawn', 'citizen'],
  ['acknowledged', 'withdraw', 'withdrawn', 'citizen'],
  ['in_progress', 'withdraw', 'withdrawn', 'citizen'],
  ['awaiting_citizen', 'withdraw', 'withdrawn', 'citizen'],
  ['reopened', 'withdraw', 'withdrawn', 'citizen'],
  ['answered', 'reopen', 'reopened', 'citizen'],
  ['closed', 'reopen', 'reopened', 'citizen'],
  ['rejected', 'reopen', 'reopened', 'citizen'],
];
const key = (s: string, a: string) => `${s}/${a}`;
const legalMap = new Map(legal.map(([s, a, to, side]) => [key(s, a), { to, side }]));

const arb = fc.record({
  state: fc.constantFrom(...caseStates),
  kind: fc.constantFrom(...caseKinds),
  action: fc.constantFrom(...caseActions),
  side: fc.constantFrom('citizen' as const, 'staff' as const),
  reason: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  daysSinceSettled: fc.integer({ min: 0, max: 90 }),
});

describe('case state machine', () => {
  it('accepts exactly the transitions of the lifecycle, and no other', () => {
    fc.assert(
      fc.property(arb, ({ state, kind, action, side, reason, daysSinceSettled }) => {
        const now = new Date('2026-06-01T10:00:00Z');
        const settledAt = new Date(now.getTime() - daysSinceSettled * 86_400_000);
        const res = transition({ state, kind, action, side, reason, now, settledAt });
        const rule = legalMap.get(key(state, action));
        const needsReason = [
          'request_info',
          'citizen_reply',
          'submit_reply',
          'return_reply',
          'reject',
          'refer',
          'refer_inside',
          'reopen',
        ].includes(action);
        const shouldAccept =
          !!rule &&
          rule.side === side &&
          (action !== 'mark_ready' || kind === 'document_request') &&
          (!needsReason || !!reason?.trim()) &&
          (action !== 'reopen' || daysSinceSettled <= REOPEN_WINDOW_DAYS);
        expect(res.ok).toBe(shouldAccept);
        if (res.ok) expect(res.to).toBe(rule!.to);
      }),
      { numRuns: 5000 },
    );
  });

  it('never leaves a terminal state except by an appeal', () => {
    for (const state of ['referred', 'withdrawn'] as const) {
      for (const action of caseActions) {
        for (const side of ['citizen', 'staff'] as const) {
          expect(
            transition({ state, kind: 'complaint', action, side, reason: 'x', now: currentTime() }).ok,
          ).toBe(false);
        }
      }
    }
  });

  it('explains why it refuses', () => {
    const now = currentTime();
    expect(
      transition({ state: 'closed', kind: 'complaint', action: 'approve_reply', side: 'staff', now }),
    ).toEqual({
      ok: false,
      error: 'action_not_allowed_in_state',
    });
    expect(
      transition({ state: 'submitted', kind: 'complaint', action: 'withdraw', side: 'staff', now }),
    ).toEqual({
      ok: false,
      error: 'action_not_for_actor',
    });
    expect(
      transition({
        state: 'in_progress',
        kind: 'complaint',
        action: 'reject',
        side: 'staff',
        reason: '  ',
        now,
      }),
    ).toEqual({
      ok: false,
      error: 'reason_required',
    });
    expect(
      transition({ state: 'in_progress', kind: 'complaint', action: 'mark_ready', side: 'staff', now }),
    ).toEqual({
      ok: false,
      error: 'document_requests_only',
    });
    const settledAt = new Date(now.getTime() - (REOPEN_WINDOW_DAYS + 1) * 86_400_000);
    expect(
      transition({
        state: 'closed',
        kind: 'complaint',
        action: 'reopen',
        side: 'citizen',
        reason: 'x',
        now,
        settledAt,
      }),
    ).toEqual({
      ok: false,
      error: 'reopen_window_passed',
    });
  });

  it('offers as buttons only actions the machine would accept', () => {
    fc.assert(
      fc.property(arb, ({ state, kind, side }) => {
        for (const action of availableActions(state, kind, side)) {
          expect(transition({ state, kind, action, side, reason: 'because', now: currentTime() }).ok).toBe(
            true,
          );
        }
      }),
    );
  });
});
