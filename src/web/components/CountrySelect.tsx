import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Country } from '../api.js';
import { keys } from '../query-keys.js';
import { Field } from './Field.js';

/** Where Moroccans abroad mostly live, listed first. */
const frequent = ['FR', 'ES', 'IT', 'BE', 'NL', 'DE', 'US', 'CA', 'AE', 'SA', 'GB', 'QA'];

export function CountrySelect({
  label,
  value,
  onChange,
  emptyLabel,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** When given, a first choice with no country (for filters: "any country"). */
  emptyLabel?: string;
}) {
  const { i18n } = useTranslation();
  const countries = useQuery({
    queryKey: keys.countries(),
    queryFn: () => api<{ items: Country[] }>('/api/countries'),
    staleTime: Infinity,
  });
  const lang = i18n.language as 'ar' | 'fr' | 'en';
  const items = [...(countries.data?.items ?? [])].sort((a, b) => a[lang].localeCompare(b[lang], lang));
  const top = frequent.map((c) => items.find((x) => x.code === c)).filter((x): x is Country => !!x);
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="country">
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {top.map((c) => (
            <option key={`top-${c.code}`} value={c.code}>
              {c[lang]}
            </option>
          ))}
          <option disabled>──────────</option>
          {items.map((c) => (
            <option key={c.code} value={c.code}>
              {c[lang]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
