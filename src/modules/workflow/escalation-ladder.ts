/**
 * The citizen's way up, as rules. Pure: no I/O, no clock of its own.
 *
 * A person owed an answer (the deadline passed) or who disputes the answer (the case was answered, closed or
 * rejected) takes the case up one rung at a time: 1 the body's supervisors, 2 the territory's overseers,
 * 3 the referral file for the Mediator of the Kingdom or the national complaints portal. The first rung is
 * open at once; the overseer's once the supervisors have left it unanswered for `ESCALATION_WAIT_WORKING_DAYS`
 * working days (an answer from the body's staff in the meantime starts the wait again); the referral file
 * as soon as the overseer has the case: the person has been through every recourse of the administration.
 */
import { type CaseState, clockStates } from '../cases/state-machine.js';
import { addWorkingDays } from './calendar.js';

/** Working days the body's supervisors are given to answer before the person may go to the overseer. */
export const ESCALATION_WAIT_WORKING_DAYS = 10;
export const escalationLevels = [1, 2, 3] as const;
export type EscalationLevel = (typeof escalationLevels)[number];
export const escalationGrounds = ['overdue', 'contest'] as const;
export type EscalationGrounds = (typeof escalationGrounds)[number];
/** The states in which the body has given its answer, which the person may dispute. */
export const answeredStates: readonly CaseState[] = ['answered', 'closed', 'rejected'];

/** Why the person may go up now: the body owes an answer past its due date, or gave one they dispute. */
export function groundsOf(c: { state: CaseState; dueAt: Date }, now: Date): EscalationGrounds[] {
  if ((clockStates as readonly CaseState[]).includes(c.state) && c.dueAt < now) return ['overdue'];
  if (answeredStates.includes(c.state)) return ['contest'];
  return [];
}

export type LadderInput = {
  state: CaseState;
  dueAt: Date;
  /** The retention job removed the case's content: nothing more can be done with it. */
  anonymised: boolean;
  steps: readonly { level: number; at: Date }[];
  /** The last time the body's staff wrote to the person (a public event of theirs), if ever. */
  lastStaffWordAt: Date | null;
  now: Date;
};

export type NextRung = {
  level: EscalationLevel;
  /** The grounds the person may give now; empty when none holds (nothing to escalate). */
  grounds: EscalationGrounds[];
  /** From when the rung opens (the wait after the previous one). */
  availableFrom: Date;
  /** Whether the person may take it now. */
  open: boolean;
};

/** The next rung of the ladder, or null at the top (the referral file is made) or once the content is gone. */
export function nextRung(i: LadderInput): NextRung | null {
  if (i.anonymised) return null;
  const last = i.steps.reduce<{ level: number; at: Date } | null>(
    (top, s) => (!top || s.level > top.level ? s : top),
    null,
  );
  const level = ((last?.level ?? 0) + 1) as EscalationLevel;
  if (level > 3) return null;
  const grounds = groundsOf(i, i.now);
  let availableFrom = i.now;
  if (last?.level === 2) availableFrom = last.at;
  else if (last) {
    const answeredAfter = i.lastStaffWordAt && i.lastStaffWordAt > last.at ? i.lastStaffWordAt : null;
    availableFrom = addWorkingDays(answeredAfter ?? last.at, ESCALATION_WAIT_WORKING_DAYS);
  }
  return { level, grounds, availableFrom, open: grounds.length > 0 && availableFrom <= i.now };
}
