import type { LegacyDraft } from '../../components/LegacyFiling.js';

/** The kinds of request a person can file. */
export const kinds = ['document_request', 'complaint', 'grievance', 'observation', 'information_request'];
/** The steps of the form, in order. */
export const STEPS = ['kind', 'details', 'files', 'channels', 'review'] as const;

/** The form as typed so far: kept as a draft between visits. */
export type Form = {
  kind: string;
  categoryId: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  replyChannels: string[];
  step: number;
  /** The names of the papers chosen: files themselves cannot be kept in a draft, so a restored one says so. */
  paperNames?: string[];
  /** Names this filing: a second send (a retry, a double press) gets the same case back. */
  clientKey?: string;
  /** "Already filed on paper": the old reference and the day it was first filed; null when not. */
  legacy?: LegacyDraft | null;
};
export const empty: Form = {
  kind: '',
  categoryId: '',
  subject: '',
  description: '',
  fields: {},
  replyChannels: ['email'],
  step: 0,
};
