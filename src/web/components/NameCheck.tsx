import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { keys } from '../query-keys.js';
import { useAction } from '../useAction.js';
import { Field } from './Field.js';
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
  const profile = useQuery({
    queryKey: keys.profile(),
    queryFn: () => api<Record<string, string | null>>('/api/me/profile'),
  });
  const [names, setNames] = useState<Names>({
    givenNameLatin: '',
    familyNameLatin: '',
    givenNameAr: '',
    familyNameAr: '',
  });
  const [missing, setMissing] = useState(false);
  const id = useId();
  const saveNames = useAction({
    run: (patch: Partial<Names>) => api('/api/me/profile', { method: 'PATCH', body: patch }),
    invalidate: [keys.profile(), keys.session()],
  });
  const named = !!profile.data && hasName(profile.data);
  // the server has the last word: if the profile cannot be read, sending is left to it
  useEffect(() => {
    if (!profile.isPending) onNamed(named || profile.isError);
  }, [named, profile.isPending, profile.isError, onNamed]);
  if (profile.isPending) return <Loading />;
  if (named || !profile.data) return null;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const trimmed = Object.fromEntries(fields.map((f) => [f, names[f].trim()])) as Names;
    setMissing(!hasName(trimmed));
    if (!hasName(trimmed)) {
      saveNames.reset();
      return;
    }
    saveNames.run(Object.fromEntries(fields.filter((f) => trimmed[f]).map((f) => [f, trimmed[f]])));
  };
  const message = missing ? t('file.name.missing') : saveNames.error?.message;
  return (
    <form className="panel" onSubmit={save} aria-labelledby={`${id}-t`} noValidate>
      <h2 id={`${id}-t`}>{t('file.name.title')}</h2>
      <p>{t('file.name.lead')}</p>
      {fields.map((f) => (
        <Field key={f} id={`${id}-${f}`} label={t(`file.name.${f}`)}>
          {(control) => (
            <input
              {...control}
              dir={f.endsWith('Ar') ? 'rtl' : 'ltr'}
              lang={f.endsWith('Ar') ? 'ar' : undefined}
              autoComplete={f.startsWith('given') ? 'given-name' : 'family-name'}
              maxLength={80}
              value={names[f]}
              onChange={(e) => setNames({ ...names, [f]: e.target.value })}
              // the message below the form is about all four names
              aria-invalid={!!message}
              aria-describedby={message ? `${id}-err` : undefined}
            />
          )}
        </Field>
      ))}
      {message && (
        <p id={`${id}-err`} className="alert error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" {...saveNames.busyProps}>
        {t('file.name.save')}
      </button>
    </form>
  );
}
