/**
 * The case lifecycle (see the design document). Pure: no I/O, no clock of its own.
 * Every change of state goes through `transition`, which either returns the next state or refuses.
 */
import type { CaseKind } from '../catalog/schema.js';

export const caseStates = [
  'submitted',
  'acknowledged',
  'in_progress',
  'awaiting_citizen',
  'reply_pending_approval',
  'answered',
  'ready',
  'closed',
  'rejected',
  'referred',
  'withdrawn',
  'reopened',
] as const;
export type CaseState = (typeof caseStates)[number];

/** Who may trigger an action: the person the case belongs to, or the body's staff. */
export type ActorSide = 'citizen' | 'staff';

export const caseActions = [
  'acknowledge',
  'start',
  'request_info',
  'citizen_reply',
  'submit_reply',
  'return_reply',
  'approve_reply',
  'mark_ready',
  'close',
  'reject',
  'refer',
  'refer_inside',
  'withdraw',
  'reopen',
] as const;
export type CaseAction = (typeof caseActions)[number];

type Rule = {
  from: readonly CaseState[];
  to: CaseState;
  side: ActorSide;
  /** The action needs a written reason (shown to the citizen or kept in the record). */
  needsReason: boolean;
  documentOnly?: boolean;
};

export const rules: Record<CaseAction, Rule> = {
  acknowledge: { from: ['submitted'], to: 'acknowledged', side: 'staff', needsReason: false },
  start: { from: ['acknowledged', 'reopened'], to: 'in_progress', side: 'staff', needsReason: false },
  request_info: { from: ['in_progress'], to: 'awaiting_citizen', side: 'staff', needsReason: true },
  citizen_reply: { from: ['awaiting_citizen'], to: 'in_progress', side: 'citizen', needsReason: true },
  submit_reply: { from: ['in_progress'], to: 'reply_pending_approval', side: 'staff', needsReason: true },
  return_reply: { from: ['reply_pending_approval'], to: 'in_progress', side: 'staff', needsReason: true },
  approve_reply: { from: ['reply_pending_approval'], to: 'answered', side: 'staff', needsReason: false },
  mark_ready: {
    from: ['in_progress', 'answered'],
    to: 'ready',
    side: 'staff',
    needsReason: false,
    documentOnly: true,
  },
  close: { from: ['answered', 'ready'], to: 'closed', side: 'staff', needsReason: false },
  reject: {
    from: ['submitted', 'acknowledged', 'in_progress'],
    to: 'rejected',
    side: 'staff',
    needsReason: true,
  },
  // to another body on the platform: the case moves and starts again there, with the same tracking number
  refer_inside: {
    from: ['submitted', 'acknowledged', 'in_progress'],
    to: 'submitted',
    side: 'staff',
    needsReason: true,
  },
  refer: {
    from: ['submitted', 'acknowledged', 'in_progress'],
    to: 'referred',
    side: 'staff',
    needsReason: true,
  },
  withdraw: {
    from: ['submitted', 'acknowledged', 'in_progress', 'awaiting_citizen', 'reopened'],
    to: 'withdrawn',
    side: 'citizen',
    needsReason: false,
  },
  reopen: { from: ['answered', 'closed', 'rejected'], to: 'reopened', side: 'citizen', needsReason: true },
};

/** Days after the answer (or closing, or rejection) during which the citizen may appeal. */
export const REOPEN_WINDOW_DAYS = 30;

export const terminalStates: readonly CaseState[] = ['closed', 'rejected', 'referred', 'withdrawn'];
/** States in which someone still has to act: the body, or the citizen it asked. */
export const openStates = [
  'submitted',
  'acknowledged',
  'in_progress',
  'awaiting_citizen',
  'reply_pending_approval',
  'reopened',
] as const satisfies readonly CaseState[];
/** States in which the deadline clock is stopped. */
export const pausedStates: readonly CaseState[] = ['awaiting_citizen'];
/** States in which the body owes an answer and the deadline clock runs (open, not paused). */
export const clockStates = [
  'submitted',
  'acknowledged',
  'in_progress',
  'reply_pending_approval',
  'reopened',
] as const satisfies readonly (typeof openStates)[number][];

export type TransitionInput = {
  state: CaseState;
  kind: CaseKind;
  action: CaseAction;
  side: ActorSide;
  reason?: string | null;
  now: Date;
  /** When the case was last answered, closed or rejected: the start of the appeal window. */
  settledAt?: Date | null;
};

export type TransitionRefusal =
  | 'action_not_allowed_in_state'
  | 'action_not_for_actor'
  | 'reason_required'
  | 'document_requests_only'
  | 'reopen_window_passed';

export type TransitionResult = { ok: true; to: CaseState } | { ok: false; error: TransitionRefusal };

export function transition(input: TransitionInput): TransitionResult {
  const rule = rules[input.action];
  if (rule.side !== input.side) return { ok: false, error: 'action_not_for_actor' };
  if (!rule.from.includes(input.state)) return { ok: false, error: 'action_not_allowed_in_state' };
  if (rule.documentOnly && input.kind !== 'document_request')
    return { ok: false, error: 'document_requests_only' };
  if (rule.needsReason && !input.reason?.trim()) return { ok: false, error: 'reason_required' };
  if (input.action === 'reopen') {
    const since = input.settledAt ?? input.now;
    const limit = since.getTime() + REOPEN_WINDOW_DAYS * 86_400_000;
    if (input.now.getTime() > limit) return { ok: false, error: 'reopen_window_passed' };
  }
  return { ok: true, to: rule.to };
}

/** The actions a given side may take now, for showing buttons. */
export function availableActions(state: CaseState, kind: CaseKind, side: ActorSide): CaseAction[] {
  return caseActions.filter((a) => {
    const r = rules[a];
    return r.side === side && r.from.includes(state) && (!r.documentOnly || kind === 'document_request');
  });
}
