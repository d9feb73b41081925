import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../api.js';
import { Loading } from './Layout.js';

type Names = { givenNameLatin: string; familyNameLatin: string; givenNameAr: string; familyNameAr: string };
const fields = ['givenNameLatin', 'familyNameLatin', 'givenNameAr', 'familyNameAr'] as const;

export const hasName = (p: Partial<Record<keyof Names, string | null>>) =>
  !!((p.givenNameLatin && p.familyNameLatin) || (p.givenNameAr && p.familyNameAr));

/**
 * Before a first filing, a person who signed in with an e-mail code has no name yet: letters would say
 * "Dear —". Asks for it (Latin or Arabic letters, one script is enough) and saves it to the profile.
 * Renders nothing once the profile has a name; `onNamed` tells the page whether it may send.
 */
export function NameCheck({ onNamed }: { onNamed: (named: boolean) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const profile = useQuery({
    queryKey: ['profile'],
    queryFn: () => api<Record<string, string | null>>('/api/me/profile'),
  });
  const [names, setNames] = useState<Names>({
    givenNameLatin: '',
    familyNameLatin: '',
    givenNameAr: '',
    familyNameAr: '',
  });
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const named = !!profile.data && hasName(profile.data);
  // the server has the last word: if the profile cannot be read, sending is left to it
  useEffect(() => {
    if (!profile.isPending) onNamed(named || profile.isError);
  }, [named, profile.isPending, profile.isError, onNamed]);
  if (profile.isPending) return <Loading />;
  if (named || !profile.data) return null;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const trimmed = Object.fromEntries(fields.map((f) => [f, names[f].trim()])) as Names;
    if (!hasName(trimmed)) {
      setError(t('file.name.missing'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const patch = Object.fromEntries(fields.filter((f) => trimmed[f]).map((f) => [f, trimmed[f]]));
      await api('/api/me/profile', { method: 'PATCH', body: patch });
      await qc.invalidateQueries({ queryKey: ['profile'] });
      await qc.invalidateQueries({ queryKey: ['session'] });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setSaving(false);
    }
  };
  const message = typeof error === 'string' ? error : error?.message;
  return (
    <form className="panel" onSubmit={save} aria-labelledby={`${id}-t`} noValidate>
      <h2 id={`${id}-t`}>{t('file.name.title')}</h2>
      <p>{t('file.name.lead')}</p>
      {fields.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${id}-${f}`}>{t(`file.name.${f}`)}</label>
          <input
            id={`${id}-${f}`}
            dir={f.endsWith('Ar') ? 'rtl' : 'ltr'}
            lang={f.endsWith('Ar') ? 'ar' : undefined}
            autoComplete={f.startsWith('given') ? 'given-name' : 'family-name'}
            maxLength={80}
            value={names[f]}
            onChange={(e) => setNames({ ...names, [f]: e.target.value })}
            aria-invalid={!!message}
            aria-describedby={message ? `${id}-err` : undefined}
          />
        </div>
      ))}
      {message && (
        <p id={`${id}-err`} className="alert error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" disabled={saving}>
        {t('file.name.save')}
      </button>
    </form>
  );
}
