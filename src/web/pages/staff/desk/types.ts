/** A ticket of the desk's queue, as the server gives it. */
export type Ticket = {
  id: string;
  day: string;
  number: number;
  code: string;
  kind: 'appointment' | 'walk_in' | 'event';
  status: 'waiting' | 'called' | 'done' | 'no_show';
  serviceId: string | null;
  appointmentId: string | null;
  eventRegistrationId: string | null;
  visitorName: string | null;
  counter: string | null;
  checkedInAt: string;
  checkedInClock: string;
  calledAt: string | null;
  calledClock: string | null;
  finishedAt: string | null;
  waitMinutes: number | null;
  outcome: string | null;
  outcomeNote: string | null;
  version: number;
  calledByName?: string | null;
};

/** A service a visitor can be checked in or called for. */
export type DeskService = { id: string; nameAr: string; nameFr: string; nameEn: string; active: boolean };
