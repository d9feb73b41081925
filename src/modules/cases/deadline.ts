/** Deadline arithmetic, pure. Calendar days for now; working days and holidays belong to the workflow module. */
const DAY = 86_400_000;

export function initialDueDate(submittedAt: Date, deadlineDays: number): Date {
  return new Date(submittedAt.getTime() + deadlineDays * DAY);
}

/** When the citizen answers, the time spent waiting for them is added back to the deadline. */
export function resumeDueDate(dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  return new Date(dueAt.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
}

export function isOverdue(dueAt: Date, now: Date, paused: boolean): boolean {
  return !paused && now.getTime() > dueAt.getTime();
}
