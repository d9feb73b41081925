/**
 * Deadline arithmetic, pure. Deadlines count Moroccan working days (see workflow/calendar);
 * the clock stops while the body waits for the citizen.
 */
import { addWorkingDays, workingDaysBetween } from '../workflow/calendar.js';

export function initialDueDate(submittedAt: Date, deadlineDays: number): Date {
  return addWorkingDays(submittedAt, deadlineDays);
}

/** When the citizen answers, the working days spent waiting for them are added back to the deadline. */
export function resumeDueDate(dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  const used = workingDaysBetween(pausedAt, resumedAt);
  return used > 0 ? addWorkingDays(dueAt, used) : dueAt;
}

export function isOverdue(dueAt: Date, now: Date, paused: boolean): boolean {
  return !paused && now.getTime() > dueAt.getTime();
}
