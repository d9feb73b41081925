/**
 * The range a number field of a category accepts (copies 1–10, a record year from 1900 to this one): the
 * server's check and the forms' read the same rule. The year is the UTC one, as the server decides.
 */
export function numberRange(
  f: { min?: number; max?: number; pastYear?: boolean },
  now: Date,
): { min: number; max: number } {
  return { min: f.min ?? 0, max: f.pastYear ? now.getUTCFullYear() : (f.max ?? 1_000_000) };
}
