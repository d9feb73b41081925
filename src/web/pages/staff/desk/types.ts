import type { BookableService, Ticket as TicketAnswer } from '../../../api.js';

/** A ticket of the desk's queue, as the server gives it. */
export type Ticket = TicketAnswer & { calledByName?: string | null };

/** A service a visitor can be checked in or called for. */
export type DeskService = Pick<BookableService, 'id' | 'nameAr' | 'nameFr' | 'nameEn' | 'active'>;
