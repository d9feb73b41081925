/**
 * The rules of mandates as data, with no I/O: which acts need the procuration paper checked by the body,
 * which case action each mandated act covers, and the state of a mandate at an instant.
 */
import type { MandateAction } from './schema.js';

/**
 * Acts for which the law asks the body to see a procuration (legalised signature) before a relative may do
 * them: handing over a civil-status or administrative document to someone other than the person concerned.
 * Until the body's staff mark the mandate verified, these acts are refused.
 */
export const procurationRequired: Record<MandateAction, boolean> = {
  file: false,
  answer: false,
  collect: true,
  appointment: false,
};

export const needsProcuration = (actions: readonly MandateAction[]) =>
  actions.some((a) => procurationRequired[a]);

/** What the policy needs of the mandate that lets a relative onto a case (already active at the instant). */
export type MandateGrant = {
  id: string;
  mandatorId: string;
  actions: MandateAction[];
  verified: boolean;
};

/** Whether the grant covers an act now: granted, and verified where the law asks for the paper. */
export const grantAllows = (g: MandateGrant | null | undefined, act: MandateAction) =>
  !!g && g.actions.includes(act) && (!procurationRequired[act] || g.verified);

export const mandateStatuses = ['pending', 'scheduled', 'active', 'expired', 'revoked'] as const;
export type MandateStatus = (typeof mandateStatuses)[number];

/** A mandate's state at an instant: revoked wins, then not accepted yet, then the dates. */
export function mandateStatus(
  m: { revokedAt: Date | null; acceptedAt: Date | null; validFrom: Date; validUntil: Date },
  now: Date,
): MandateStatus {
  if (m.revokedAt) return 'revoked';
  if (now >= m.validUntil) return 'expired';
  if (!m.acceptedAt) return 'pending';
  if (now < m.validFrom) return 'scheduled';
  return 'active';
}
