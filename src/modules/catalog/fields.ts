import type { MessageKey } from '../../i18n/index.js';
import { numberRange } from '../../shared/number-range.js';
import type { FieldDefinition } from './schema.js';

export type FieldProblem = { path: string[]; key: MessageKey; params?: Record<string, string | number> };

const UNSAFE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** Checks a case's structured fields against its category's definitions. Pure: the date comes from the caller. */
export function validateFields(
  defs: FieldDefinition[],
  values: Record<string, unknown>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const key of Object.keys(values)) {
    if (!byName.has(key)) problems.push({ path: ['fields', key], key: 'validation.field_unknown' });
  }
  for (const d of defs) {
    const v = values[d.name];
    const path = ['fields', d.name];
    if (v === undefined || v === null || v === '') {
      if (d.required) problems.push({ path, key: 'validation.required' });
      continue;
    }
    switch (d.type) {
      case 'text':
        if (typeof v !== 'string') problems.push({ path, key: 'validation.invalid_type' });
        else if (UNSAFE.test(v)) problems.push({ path, key: 'validation.unsafe_characters' });
        else if (d.maxLength && v.length > d.maxLength)
          problems.push({
            path,
            key: 'validation.too_long',
            params: { maximum: d.maxLength, count: d.maxLength },
          });
        break;
      case 'number': {
        const { min, max } = numberRange(d, now);
        if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isInteger(v))
          problems.push({ path, key: 'validation.invalid_type' });
        else if (v < min) problems.push({ path, key: 'validation.too_small', params: { minimum: min } });
        else if (v > max) problems.push({ path, key: 'validation.too_big', params: { maximum: max } });
        break;
      }
      case 'date':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
          problems.push({ path, key: 'validation.date' });
        break;
      case 'select':
        if (typeof v !== 'string' || !d.options?.includes(v))
          problems.push({ path, key: 'validation.select_option' });
        break;
    }
  }
  return problems;
}
