/** The refusal for a mandated act the relative may not do now: not granted, or waiting for the procuration. */

import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import type { Actor } from '../accounts/actor.js';
import { actsUnderMandate, type CaseScope, mayActFor } from '../cases/policy.js';
import type { MandateAction } from './schema.js';

export function requireMandatedAct(actor: Actor | null, scope: CaseScope, act: MandateAction) {
  if (mayActFor(actor, scope, act)) return;
  if (actsUnderMandate(actor, scope) && scope.mandate!.actions.includes(act))
    throw fail('mandate-procuration-unverified');
  throw actsUnderMandate(actor, scope) ? fail('mandate-act-not-granted') : forbidden();
}
