import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type ApiError, api, downloadReceipt } from '../../api.js';
import { CountrySelect } from '../../components/CountrySelect.js';
import { Loading } from '../../components/Layout.js';
import { formatDate } from '../../i18n.js';
import { type DeskReceipt, DeskRequestForm } from './DeskRequestForm.js';
import { useStaffContext } from './useStaff.js';
import { VisitorLog } from './VisitorLog.js';

type Person = {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  birthDate: string | null;
  countryOfResidence: string;
  matchedBy?: string[];
};

/** Registers a walk-in, phone, WhatsApp, e-mail or postal request on the person's behalf. */
export default function StaffDesk() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { institution } = useStaffContext();
  const [q, setQ] = useState({ name: '', phone: '' });
  const [found, setFound] = useState<Person[] | null>(null);
  const [person, setPerson] = useState<Person | null>(null);
  const [np, setNp] = useState({
    givenNameLatin: '',
    familyNameLatin: '',
    givenNameAr: '',
    familyNameAr: '',
    phone: '',
    email: '',
    countryOfResidence: 'FR',
  });
  const [twins, setTwins] = useState<Person[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [receipt, setReceipt] = useState<DeskReceipt | null>(null);
  const ids = {
    name: useId(),
    phone: useId(),
  };
  if (!institution) return <Loading />;
  const base = `/api/institutions/${institution.id}/desk`;

  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const params = new URLSearchParams();
    if (q.name.trim()) params.set('name', q.name.trim());
    if (q.phone.trim()) params.set('phone', q.phone.trim());
    try {
      setFound((await api<{ items: Person[] }>(`${base}/people?${params}`)).items);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const create = async (force = false) => {
    setError(null);
    const body = Object.fromEntries(
      Object.entries({ ...np, preferredLanguage: lang }).map(([k, v]) => [k, v === '' ? null : v]),
    );
    try {
      const data = await api<{ id: string }>(`${base}/people${force ? '?force=true' : ''}`, {
        method: 'POST',
        body,
      });
      setTwins(null);
      const name =
        [np.givenNameLatin, np.familyNameLatin].filter(Boolean).join(' ') ||
        [np.givenNameAr, np.familyNameAr].filter(Boolean).join(' ');
      setPerson({
        id: data.id,
        displayName: name,
        phone: np.phone || null,
        email: np.email || null,
        birthDate: null,
        countryOfResidence: np.countryOfResidence,
      });
    } catch (err) {
      // 409 with the likely twins: let the agent pick one, or confirm it is someone else
      const twinsFound = (err as ApiError).problem as unknown as { duplicates?: Person[] };
      if (twinsFound.duplicates) setTwins(twinsFound.duplicates);
      else setError(err as ApiError);
    }
  };
  if (receipt)
    return (
      <section className="receipt">
        <h1>{t('receipt.title')}</h1>
        <p role="status">
          {t('staff.desk.receipt', { number: receipt.trackingNumber, code: receipt.accessCode })}
        </p>
        <dl className="big">
          <dt>{t('receipt.number')}</dt>
          <dd dir="ltr">{receipt.trackingNumber}</dd>
          <dt>{t('receipt.code')}</dt>
          <dd dir="ltr">{receipt.accessCode}</dd>
        </dl>
        <div className="buttons no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('receipt.print')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => downloadReceipt(receipt.id, receipt.trackingNumber, receipt.accessCode)}
          >
            {t('receipt.pdf')}
          </button>
          <Link className="button" href={`/staff/cases/${receipt.id}`}>
            {t('receipt.open')}
          </Link>
        </div>
      </section>
    );

  return (
    <>
      <h1>{t('staff.desk.title')}</h1>
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      {!person ? (
        <>
          <section aria-labelledby="find-h">
            <h2 id="find-h">{t('staff.desk.find')}</h2>
            <form onSubmit={search} className="narrow">
              <div className="field">
                <label htmlFor={ids.name}>{t('staff.desk.name')}</label>
                <input id={ids.name} value={q.name} onChange={(e) => setQ({ ...q, name: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={ids.phone}>{t('staff.desk.phone')}</label>
                <input
                  id={ids.phone}
                  type="tel"
                  dir="ltr"
                  value={q.phone}
                  onChange={(e) => setQ({ ...q, phone: e.target.value })}
                />
              </div>
              <button type="submit">{t('staff.desk.search')}</button>
            </form>
            {found &&
              (found.length === 0 ? (
                <p>{t('staff.desk.noMatch')}</p>
              ) : (
                <PersonList people={found} onChoose={setPerson} />
              ))}
          </section>
          <section aria-labelledby="new-h" className="panel narrow">
            <h2 id="new-h">{t('staff.desk.new')}</h2>
            {(['givenNameLatin', 'familyNameLatin', 'givenNameAr', 'familyNameAr'] as const).map((f) => (
              <div className="field" key={f}>
                <label htmlFor={`np-${f}`}>{t(`profile.${f}`)}</label>
                <input
                  id={`np-${f}`}
                  value={np[f]}
                  lang={f.endsWith('Ar') ? 'ar' : undefined}
                  dir={f.endsWith('Ar') ? 'rtl' : 'auto'}
                  onChange={(e) => setNp({ ...np, [f]: e.target.value })}
                />
              </div>
            ))}
            <div className="field">
              <label htmlFor="np-phone">{t('profile.phone')}</label>
              <input
                id="np-phone"
                type="tel"
                dir="ltr"
                value={np.phone}
                onChange={(e) => setNp({ ...np, phone: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="np-email">{t('staff.desk.email')}</label>
              <input
                id="np-email"
                type="email"
                dir="ltr"
                value={np.email}
                onChange={(e) => setNp({ ...np, email: e.target.value })}
              />
            </div>
            <CountrySelect
              label={t('profile.country')}
              value={np.countryOfResidence}
              onChange={(v) => setNp({ ...np, countryOfResidence: v })}
            />
            {twins && (
              <div className="alert warn-box" role="alert">
                <p>{t('staff.desk.twins')}</p>
                <PersonList people={twins} onChoose={setPerson} />
                <button type="button" className="secondary" onClick={() => create(true)}>
                  {t('staff.desk.createAnyway')}
                </button>
              </div>
            )}
            <button type="button" onClick={() => create(false)}>
              {t('staff.desk.create')}
            </button>
          </section>
          <VisitorLog institutionId={institution.id} />
        </>
      ) : (
        <DeskRequestForm
          base={base}
          personId={person.id}
          personName={person.displayName}
          onChangePerson={() => setPerson(null)}
          onRegistered={setReceipt}
        />
      )}
    </>
  );
}

function PersonList({ people, onChoose }: { people: Person[]; onChoose: (p: Person) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="choices">
      {people.map((p) => (
        <li key={p.id}>
          <button type="button" className="choice" onClick={() => onChoose(p)}>
            <span>
              <bdi>{p.displayName}</bdi> — {t('staff.desk.choose')}
            </span>
            <small>
              {/* each item isolated, the separators outside: a date or a number never runs into its neighbour */}
              {[
                p.phone && { text: p.phone, dir: 'ltr' as const },
                p.email && { text: p.email, dir: 'ltr' as const },
                p.birthDate && { text: formatDate(p.birthDate, i18n.language), dir: undefined },
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
