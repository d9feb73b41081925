import { identityMessages } from '../modules/accounts/identity-messages.js';
import { appointmentMessages } from '../modules/appointments/messages.js';
import { appointmentNoticeMessages } from '../modules/appointments/notice-messages.js';
import { exportMessages } from '../modules/cases/export-messages.js';
import { caseMessages } from '../modules/cases/messages.js';
import { replyMessages } from '../modules/cases/reply-messages.js';
import { institutionMessages } from '../modules/institutions/messages.js';
import { mandateMessages } from '../modules/mandates/messages.js';
import { notificationMessages } from '../modules/notifications/messages.js';
import { open311FilingMessages } from '../modules/open311/filing-messages.js';
import { publicFiguresMessages } from '../modules/public-figures/messages.js';
import { verificationMessages } from '../modules/verification/messages.js';
import { webhookMessages } from '../modules/webhooks/messages.js';
import { escalationMessages } from '../modules/workflow/escalation-messages.js';
import { ar } from './ar.js';
import { defineMessages } from './define.js';
import { en } from './en.js';
import { fr } from './fr.js';

const core = defineMessages({ en, fr, ar });

/**
 * Every message catalogue of the platform. A module with many messages keeps them in its own
 * `messages.ts` (built with `defineMessages`) and adds it to this list.
 */
export const catalogues = [
  core,
  appointmentMessages,
  appointmentNoticeMessages,
  notificationMessages,
  caseMessages,
  institutionMessages,
  mandateMessages,
  verificationMessages,
  replyMessages,
  escalationMessages,
  exportMessages,
  webhookMessages,
  publicFiguresMessages,
  open311FilingMessages,
  identityMessages,
] as const;
