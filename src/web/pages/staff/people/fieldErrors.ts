import type { ApiError } from '../../../api.js';

/** The message of a refusal for one field (`/body/<name>`), or undefined. */
export function fieldError(e: ApiError | null, name: string): string | undefined {
  const hit = e?.problem.errors?.find((x) => x.pointer === `/body/${name}`);
  return hit ? (hit.message ?? e?.problem.detail) : undefined;
}
/** The message of a refusal that belongs to no field of the form. */
export function formError(e: ApiError | null, fields: readonly string[]): string | undefined {
  if (!e) return undefined;
  return fields.some((f) => fieldError(e, f)) ? undefined : e.message;
}
