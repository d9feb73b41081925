import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, type PersonMatch } from '../../api.js';
import { Field } from '../../components/Field.js';
import { formatDate } from '../../i18n.js';

/**
 * A person as the desk's directory shows them: in full when they have a file with the body; masked (found
 * by two identifiers the visitor gave) with an intake token that lets the desk register their request.
 */
/** A person found in the directory, or just registered at the desk (then only who they are). */
export type Person = Pick<
  PersonMatch,
  'id' | 'displayName' | 'phone' | 'email' | 'birthDate' | 'countryOfResidence'
> &
  Partial<Pick<PersonMatch, 'cin' | 'matchedBy' | 'access' | 'intakeToken'>>;

const hints = ['name', 'phone', 'cin', 'birthDate', 'email'] as const;
type Hint = (typeof hints)[number];

/** Finds the person at the desk: by any hint among the body's people, by two identifiers for anyone else. */
export function PersonSearch(props: {
  base: string;
  onChoose: (p: Person) => void;
  onError: (e: ApiError) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState<Record<Hint, string>>({
    name: '',
    phone: '',
    cin: '',
    birthDate: '',
    email: '',
  });
  const [found, setFound] = useState<Person[] | null>(null);
  const [searching, setSearching] = useState(false);
  const id = useId();
  const label: Record<Hint, string> = {
    name: t('staff.desk.name'),
    phone: t('staff.desk.phone'),
    cin: t('profile.cin'),
    birthDate: t('profile.birthDate'),
    email: t('staff.desk.searchEmail'),
  };
  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const h of hints) if (q[h].trim()) params.set(h, q[h].trim());
    if (![...params.keys()].length) return;
    setSearching(true);
    try {
      setFound((await api<{ items: Person[] }>(`${props.base}/people?${params}`)).items);
    } catch (err) {
      props.onError(err as ApiError);
    } finally {
      setSearching(false);
    }
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('staff.desk.find')}</h2>
      <p className="muted">{t('staff.desk.findHint')}</p>
      <form onSubmit={search} className="narrow">
        {hints.map((h) => (
          <Field key={h} id={`${id}-${h}`} label={label[h]}>
            {(control) => (
              <input
                {...control}
                type={h === 'birthDate' ? 'date' : h === 'phone' ? 'tel' : h === 'email' ? 'email' : 'text'}
                dir={h === 'name' ? 'auto' : 'ltr'}
                autoComplete="off"
                value={q[h]}
                onChange={(e) => setQ({ ...q, [h]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <button type="submit" disabled={searching}>
          {t('staff.desk.search')}
        </button>
      </form>
      <div aria-live="polite">
        {found &&
          (found.length === 0 ? (
            <p className="empty">{t('staff.desk.noMatch')}</p>
          ) : (
            <PersonList people={found} onChoose={props.onChoose} />
          ))}
      </div>
    </section>
  );
}

export function PersonList({ people, onChoose }: { people: Person[]; onChoose: (p: Person) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="choices">
      {people.map((p) => (
        <li key={p.id}>
          <button type="button" className="choice" onClick={() => onChoose(p)}>
            <span>
              <bdi>{p.displayName}</bdi> — {t('staff.desk.choose')}
            </span>
            {p.access === 'masked' && <span className="tag">{t('staff.desk.masked')}</span>}
            <small>
              {/* each item isolated, the separators outside: a date or a number never runs into its neighbour */}
              {[
                p.phone && { text: p.phone, dir: 'ltr' as const },
                p.email && { text: p.email, dir: 'ltr' as const },
                p.birthDate && { text: formatDate(p.birthDate, i18n.language), dir: undefined },
                p.cin && { text: p.cin, dir: 'ltr' as const },
                p.countryOfResidence && { text: p.countryOfResidence, dir: 'ltr' as const },
              ]
                .filter((x): x is { text: string; dir: 'ltr' | undefined } => !!x)
                .map((x, i) => (
                  <Fragment key={x.text}>
                    {i > 0 && ' · '}
                    <bdi dir={x.dir}>{x.text}</bdi>
                  </Fragment>
                ))}
            </small>
          </button>
        </li>
      ))}
    </ul>
  );
}
