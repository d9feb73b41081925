/**
 * A reasoned reply with all its parts, as tests send it: approval is refused while a part is missing, so a
 * test that only needs "a reply" sends its words as the decision, with facts, a legal basis and the way to
 * contest around them.
 */
export function replyParts(decision: string, more: { legalBasisIds?: string[] } = {}) {
  return {
    facts: 'La demande a été examinée par le service compétent.',
    legalBasisIds: more.legalBasisIds ?? [],
    legalBasisText: more.legalBasisIds?.length ? '' : 'Loi n° 55-19, art. 5',
    decision,
    contest: { how: 'Réclamation auprès de la commune, ou saisine du Médiateur du Royaume.', days: 60 },
  };
}

/** The body of a step of the case's lifecycle: a `submit_reply` with its words carries all the parts. */
export function actionBody(action: string, version: number, reason?: string) {
  return action === 'submit_reply' && reason
    ? { action, version, reason, parts: replyParts(reason) }
    : { action, version, reason };
}

/** The same parts as a draft keeps them (`data.parts` of its `reply_drafted` event), for a draft written directly. */
export function storedReplyParts(decision: string) {
  const { legalBasisIds: _, ...parts } = replyParts(decision);
  return { ...parts, legalBases: [] };
}
