/**
 * The small rules of bookings, the desk queue, reminders and figures. Pure: no I/O.
 */

export const appointmentModes = ['in_person', 'video'] as const;
export type AppointmentMode = (typeof appointmentModes)[number];
export const appointmentStatuses = ['booked', 'checked_in', 'served', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
/** Statuses that hold a seat: every one but `cancelled`. */
export const seatHolding: readonly AppointmentStatus[] = ['booked', 'checked_in', 'served', 'no_show'];

export const ticketKinds = ['appointment', 'walk_in', 'event'] as const;
export type TicketKind = (typeof ticketKinds)[number];
export const ticketStatuses = ['waiting', 'called', 'done', 'no_show'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
/** What happened at the counter, for the visitor log. */
export const visitOutcomes = ['served', 'file_incomplete', 'redirected', 'follow_up', 'left'] as const;
export type VisitOutcome = (typeof visitOutcomes)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A booked visitor arriving up to this late keeps the place of their appointment time in the queue. */
export const LATE_GRACE_MINUTES = 15;
/** A booking nobody checked in for, this long after its start, is a no-show. */
export const NO_SHOW_AFTER_MINUTES = 30;
/** A citizen holds at most this many upcoming bookings at one institution. */
export const MAX_UPCOMING_PER_CITIZEN = 3;

const letters: Record<TicketKind, string> = { appointment: 'A', walk_in: 'B', event: 'C' };

/** The ticket shown on the screen and called out: a letter for the kind of visit and a number, `A-007`. */
export const ticketCode = (kind: TicketKind, n: number) => `${letters[kind]}-${String(n).padStart(3, '0')}`;

/**
 * Where a visitor stands in the queue. A booked visitor is placed at their appointment time (arriving early
 * does not jump the queue; arriving a little late keeps the place); everyone else at their arrival time.
 */
export function queueSortAt(t: { kind: TicketKind; checkedInAt: Date; appointmentStartsAt?: Date | null }) {
  const start = t.appointmentStartsAt;
  if (
    t.kind === 'appointment' &&
    start &&
    t.checkedInAt.getTime() <= start.getTime() + LATE_GRACE_MINUTES * MINUTE
  )
    return start;
  return t.checkedInAt;
}

/** The order in which waiting visitors are called: by place, then by ticket number. */
export function queueOrder<T extends { sortAt: Date; number: number }>(tickets: readonly T[]): T[] {
  return [...tickets].sort((a, b) => a.sortAt.getTime() - b.sortAt.getTime() || a.number - b.number);
}

/** Whether a booking nobody checked in for has become a no-show. */
export const isNoShow = (b: { status: AppointmentStatus; startsAt: Date }, now: Date) =>
  b.status === 'booked' && now.getTime() >= b.startsAt.getTime() + NO_SHOW_AFTER_MINUTES * MINUTE;

export type ReminderKind = 'day' | 'hour';

/**
 * The reminder due now, if any: the day before (24 hours ahead) and an hour before. A reminder is not
 * sent when the booking was made or moved after its time had come (the confirmation was enough), and
 * each is sent once: the caller records it.
 */
export function dueReminder(
  b: {
    status: AppointmentStatus;
    startsAt: Date;
    scheduledAt: Date;
    reminderDayAt: Date | null;
    reminderHourAt: Date | null;
  },
  now: Date,
): ReminderKind | null {
  if (b.status !== 'booked') return null;
  const lead = b.startsAt.getTime() - now.getTime();
  const notice = b.startsAt.getTime() - b.scheduledAt.getTime();
  if (lead <= 0) return null;
  if (lead <= HOUR) return !b.reminderHourAt && notice > HOUR ? 'hour' : null;
  if (lead <= DAY) return !b.reminderDayAt && notice > DAY ? 'day' : null;
  return null;
}

export type FigureBooking = { serviceId: string; day: string; status: AppointmentStatus };
export type FigureTicket = {
  serviceId: string | null;
  day: string;
  kind: TicketKind;
  checkedInAt: Date;
  calledAt: Date | null;
  status: TicketStatus;
};

export type Figures = {
  bookings: number;
  cancelled: number;
  noShows: number;
  attended: number;
  visitors: number;
  walkIns: number;
  called: number;
  /** Visitors called to a counter who did not come. */
  queueNoShows: number;
  waitAverageMinutes: number | null;
  waitMedianMinutes: number | null;
  waitMaxMinutes: number | null;
};

type Acc = Omit<Figures, 'waitAverageMinutes' | 'waitMedianMinutes' | 'waitMaxMinutes'> & { waits: number[] };
const emptyAcc = (): Acc => ({
  bookings: 0,
  cancelled: 0,
  noShows: 0,
  attended: 0,
  visitors: 0,
  walkIns: 0,
  called: 0,
  queueNoShows: 0,
  waits: [],
});

function finish(a: Acc): Figures {
  const { waits, ...counts } = a;
  const sorted = [...waits].sort((x, y) => x - y);
  const n = sorted.length;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    ...counts,
    waitAverageMinutes: n ? round(sorted.reduce((s, x) => s + x, 0) / n) : null,
    waitMedianMinutes: n
      ? round(n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2)
      : null,
    waitMaxMinutes: n ? round(sorted[n - 1]!) : null,
  };
}

/**
 * Figures per service and day: bookings (not cancelled), cancellations, no-shows, booked visitors who came,
 * visitors at the desk, walk-ins, and the wait between check-in and call. Also totals per service, per day
 * and overall.
 */
export function computeFigures(bookings: readonly FigureBooking[], tickets: readonly FigureTicket[]) {
  const groups = new Map<string, Acc>();
  const byService = new Map<string, Acc>();
  const byDay = new Map<string, Acc>();
  const total = emptyAcc();
  const touch = (day: string, serviceId: string | null) => {
    const key = `${day}|${serviceId ?? ''}`;
    const svcKey = serviceId ?? '';
    if (!groups.has(key)) groups.set(key, emptyAcc());
    if (!byService.has(svcKey)) byService.set(svcKey, emptyAcc());
    if (!byDay.has(day)) byDay.set(day, emptyAcc());
    return [groups.get(key)!, byService.get(svcKey)!, byDay.get(day)!, total];
  };
  for (const b of bookings) {
    for (const a of touch(b.day, b.serviceId)) {
      if (b.status === 'cancelled') a.cancelled++;
      else a.bookings++;
      if (b.status === 'no_show') a.noShows++;
      if (b.status === 'checked_in' || b.status === 'served') a.attended++;
    }
  }
  for (const t of tickets) {
    for (const a of touch(t.day, t.serviceId)) {
      a.visitors++;
      if (t.kind === 'walk_in') a.walkIns++;
      if (t.status === 'no_show') a.queueNoShows++;
      if (t.calledAt) {
        a.called++;
        a.waits.push(Math.max(0, (t.calledAt.getTime() - t.checkedInAt.getTime()) / MINUTE));
      }
    }
  }
  const rows = [...groups.entries()]
    .map(([key, a]) => {
      const [day, serviceId] = key.split('|') as [string, string];
      return { day, serviceId: serviceId || null, ...finish(a) };
    })
    .sort((x, y) => x.day.localeCompare(y.day) || (x.serviceId ?? '').localeCompare(y.serviceId ?? ''));
  return {
    rows,
    byService: [...byService.entries()]
      .map(([serviceId, a]) => ({ serviceId: serviceId || null, ...finish(a) }))
      .sort((x, y) => (x.serviceId ?? '').localeCompare(y.serviceId ?? '')),
    byDay: [...byDay.entries()]
      .map(([day, a]) => ({ day, ...finish(a) }))
      .sort((x, y) => x.day.localeCompare(y.day)),
    total: finish(total),
  };
}
