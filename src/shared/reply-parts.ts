/**
 * The parts of a reasoned reply as a draft and the approved reply keep them (the event's `data.parts`), and
 * which are missing: shared by the server, which refuses approval while one is, and the web app, which
 * shows the supervisor the same checklist.
 */

/** A cited text as the reply keeps it: the words of the day, whatever the body's list says later. */
export type CitedBasis = { id: string; citation: string; titleAr: string; titleFr: string; titleEn: string };

export type ReplyParts = {
  facts: string;
  legalBases: CitedBasis[];
  legalBasisText: string;
  decision: string;
  /** How the citizen can contest, and the days they have from receiving the reply. */
  contest: { how: string; days: number | null };
};

export const replyPartNames = ['facts', 'legal_basis', 'decision', 'contest'] as const;
export type ReplyPartName = (typeof replyPartNames)[number];

/** The parts still missing: all of them for a draft written before the parts existed. */
export function missingParts(parts: ReplyParts | null | undefined): ReplyPartName[] {
  if (!parts) return [...replyPartNames];
  const present: Record<ReplyPartName, boolean> = {
    facts: !!parts.facts.trim(),
    legal_basis: parts.legalBases.length > 0 || !!parts.legalBasisText.trim(),
    decision: !!parts.decision.trim(),
    contest: !!parts.contest.how.trim() && !!parts.contest.days,
  };
  return replyPartNames.filter((p) => !present[p]);
}

/** An event's `data.parts`, or null when it has none (a plain draft). */
export function partsOf(data: unknown): ReplyParts | null {
  const parts = (data as { parts?: ReplyParts } | null)?.parts;
  return parts && typeof parts === 'object' && Array.isArray(parts.legalBases) ? parts : null;
}
