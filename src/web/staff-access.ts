import type { Session } from './api.js';

/**
 * Which staff pages a signed-in person may open. One table serves the menu (a link is shown only when the
 * page would open) and the page guard (a page opened by address shows a clear refusal instead of waiting
 * forever). It mirrors the server's checks; the server still decides every request.
 */
export type StaffPage =
  | 'queue'
  | 'case'
  | 'desk'
  | 'deskQueue'
  | 'appointments'
  | 'figures'
  | 'oversight'
  | 'satisfaction'
  | 'stalled'
  | 'admin'
  | 'people'
  | 'messages'
  | 'setup'
  | 'correspondence'
  | 'security';

type Role = 'reception_agent' | 'department_agent' | 'supervisor' | 'institution_admin' | 'auditor';
type Rule = { roles: readonly Role[]; overseers: boolean };

const everyRole: readonly Role[] = [
  'reception_agent',
  'department_agent',
  'supervisor',
  'institution_admin',
  'auditor',
];
const watchers: readonly Role[] = ['supervisor', 'institution_admin', 'auditor'];

const rules: Record<StaffPage, Rule> = {
  queue: { roles: everyRole, overseers: true },
  case: { roles: everyRole, overseers: true },
  security: { roles: everyRole, overseers: true },
  oversight: { roles: watchers, overseers: true },
  // a body's own figures: overseers read them through the API, the page shows the body one works at
  satisfaction: { roles: watchers, overseers: false },
  stalled: { roles: watchers, overseers: true },
  // the desk and the appointments work for one body: a territorial overseer holds none
  desk: { roles: ['reception_agent', 'department_agent', 'supervisor'], overseers: false },
  deskQueue: { roles: ['reception_agent', 'department_agent', 'supervisor'], overseers: false },
  appointments: { roles: everyRole, overseers: false },
  figures: { roles: watchers, overseers: false },
  correspondence: { roles: everyRole, overseers: false },
  admin: { roles: ['institution_admin'], overseers: false },
  people: { roles: ['institution_admin'], overseers: false },
  messages: { roles: ['institution_admin'], overseers: false },
  setup: { roles: ['institution_admin'], overseers: false },
};

export function mayOpen(session: Session | null | undefined, page: StaffPage): boolean {
  if (session?.account.kind !== 'staff') return false;
  const rule = rules[page];
  if (rule.overseers && session.scopes.length > 0) return true;
  return session.memberships.some((m) => rule.roles.includes(m.role as Role));
}

/** A path inside the app to come back to after signing in; anything else (another site) is dropped. */
export function safeReturnPath(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
