import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type ApiError, api, downloadReceipt } from '../../api.js';
import { CountrySelect } from '../../components/CountrySelect.js';
import { Field } from '../../components/Field.js';
import { Loading } from '../../components/Layout.js';
import { useAction } from '../../useAction.js';
import { type Person, PersonList, PersonSearch } from './DeskPeople.js';
import { type DeskReceipt, DeskRequestForm } from './DeskRequestForm.js';
import { useStaffContext } from './useStaff.js';
import { VisitorLog } from './VisitorLog.js';

/** Registers a walk-in, phone, WhatsApp, e-mail or postal request on the person's behalf. */
export default function StaffDesk() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { institution } = useStaffContext();
  const [person, setPerson] = useState<Person | null>(null);
  const [np, setNp] = useState({
    givenNameLatin: '',
    familyNameLatin: '',
    givenNameAr: '',
    familyNameAr: '',
    phone: '',
    email: '',
    cin: '',
    birthDate: '',
    countryOfResidence: 'FR',
  });
  const [twins, setTwins] = useState<Person[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [receipt, setReceipt] = useState<DeskReceipt | null>(null);
  const createPerson = useAction({
    run: ({ url, body }: { url: string; body: Record<string, unknown> }) =>
      api<{ id: string }>(url, { method: 'POST', body }),
    onDone: (data) => {
      setTwins(null);
      const name =
        [np.givenNameLatin, np.familyNameLatin].filter(Boolean).join(' ') ||
        [np.givenNameAr, np.familyNameAr].filter(Boolean).join(' ');
      setPerson({
        id: data.id,
        displayName: name,
        phone: np.phone || null,
        email: np.email || null,
        birthDate: np.birthDate || null,
        countryOfResidence: np.countryOfResidence,
      });
    },
    onError: (err) => {
      // the problem person-twins lists the likely twins: let the agent pick one, or confirm it is someone else
      if (err.problem.type.endsWith('/person-twins'))
        setTwins((err.problem as typeof err.problem & { duplicates: Person[] }).duplicates);
      else setError(err);
    },
  });
  if (!institution) return <Loading />;
  const base = `/api/institutions/${institution.id}/desk`;

  const create = (force = false) => {
    setError(null);
    const body = Object.fromEntries(
      Object.entries({ ...np, preferredLanguage: lang }).map(([k, v]) => [k, v === '' ? null : v]),
    );
    createPerson.run({ url: `${base}/people${force ? '?force=true' : ''}`, body });
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
          <PersonSearch base={base} onChoose={setPerson} onError={setError} />
          <section aria-labelledby="new-h" className="panel narrow">
            <h2 id="new-h">{t('staff.desk.new')}</h2>
            {(['givenNameLatin', 'familyNameLatin', 'givenNameAr', 'familyNameAr'] as const).map((f) => (
              <Field key={f} id={`np-${f}`} label={t(`profile.${f}`)}>
                {(control) => (
                  <input
                    {...control}
                    value={np[f]}
                    lang={f.endsWith('Ar') ? 'ar' : undefined}
                    dir={f.endsWith('Ar') ? 'rtl' : 'auto'}
                    onChange={(e) => setNp({ ...np, [f]: e.target.value })}
                  />
                )}
              </Field>
            ))}
            <Field id="np-phone" label={t('profile.phone')}>
              {(control) => (
                <input
                  {...control}
                  type="tel"
                  dir="ltr"
                  value={np.phone}
                  onChange={(e) => setNp({ ...np, phone: e.target.value })}
                />
              )}
            </Field>
            {(['cin', 'birthDate'] as const).map((f) => (
              <Field key={f} id={`np-${f}`} label={t(`profile.${f}`)}>
                {(control) => (
                  <input
                    {...control}
                    type={f === 'birthDate' ? 'date' : 'text'}
                    dir="ltr"
                    autoComplete="off"
                    value={np[f]}
                    onChange={(e) => setNp({ ...np, [f]: e.target.value })}
                  />
                )}
              </Field>
            ))}
            <Field id="np-email" label={t('staff.desk.email')}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  dir="ltr"
                  value={np.email}
                  onChange={(e) => setNp({ ...np, email: e.target.value })}
                />
              )}
            </Field>
            <CountrySelect
              label={t('profile.country')}
              value={np.countryOfResidence}
              onChange={(v) => setNp({ ...np, countryOfResidence: v })}
            />
            {twins && (
              <div className="alert warn-box" role="alert">
                <p>{t('staff.desk.twins')}</p>
                <PersonList people={twins} onChoose={setPerson} />
                <button
                  type="button"
                  className="secondary"
                  onClick={() => create(true)}
                  {...createPerson.busyProps}
                >
                  {t('staff.desk.createAnyway')}
                </button>
              </div>
            )}
            <button type="button" onClick={() => create(false)} {...createPerson.busyProps}>
              {t('staff.desk.create')}
            </button>
          </section>
          <VisitorLog institutionId={institution.id} />
        </>
      ) : (
        <DeskRequestForm
          base={base}
          personId={person.id}
          intakeToken={person.intakeToken}
          personName={person.displayName}
          onChangePerson={() => setPerson(null)}
          onRegistered={setReceipt}
        />
      )}
    </>
  );
}
