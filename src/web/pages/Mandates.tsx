import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type CaseList, type Mandate, type MyMandates } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { Field } from '../components/Field.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { LiveNotice } from '../components/LiveNotice.js';
import { MandateSummary } from '../components/MandateBits.js';
import { useConfirm } from '../components/useConfirm.js';
import { useCategories } from '../hooks.js';
import { keyIn, localName } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction } from '../useAction.js';

const acts = ['answer', 'collect', 'appointment', 'file'] as const;
type Act = (typeof acts)[number];
/** A day of the date field as the instant it starts (or ends) where the person is. */
const dayStart = (d: string) => new Date(`${d}T00:00:00`).toISOString();
const dayEnd = (d: string) => new Date(`${d}T23:59:59`).toISOString();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The person's mandates: give one to a relative, see and revoke those given, see those received. */
export default function Mandates() {
  const { t } = useTranslation();
  const session = useSession();
  const mine = useQuery({
    queryKey: keys.myMandates(),
    queryFn: () => api<MyMandates>('/api/mandates'),
    enabled: !!session.data,
  });
  const [notice, setNotice] = useState('');
  const { ask, dialog } = useConfirm(() => setNotice(t('mandate.revoked')));
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <ErrorBox error={mine.error} retry={() => mine.refetch()} />;
  return (
    <>
      <h1>{t('mandate.title')}</h1>
      <p className="lead">{t('mandate.lead')}</p>
      <LiveNotice text={notice} />
      <GiveMandate accountId={session.data.account.id} onGiven={setNotice} />
      <section aria-labelledby="given-h">
        <h2 id="given-h">{t('mandate.given.title')}</h2>
        <MandateList
          items={mine.data.given}
          who={(m) => t('mandate.to', { who: m.grantee.name ?? m.grantee.email })}
          action={(m) =>
            m.status !== 'revoked' &&
            m.status !== 'expired' && (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  ask({
                    title: t('mandate.revokeConfirm.title'),
                    message: t('mandate.revokeConfirm.message', { who: m.grantee.name ?? m.grantee.email }),
                    label: t('mandate.revoke'),
                    danger: true,
                    invalidate: [keys.myMandates()],
                    run: () => api(`/api/mandates/${m.id}/revoke`, { method: 'POST' }),
                  })
                }
              >
                {t('mandate.revoke')}
              </button>
            )
          }
        />
      </section>
      <section aria-labelledby="received-h">
        <h2 id="received-h">{t('mandate.received.title')}</h2>
        <MandateList
          items={mine.data.received}
          who={(m) => t('mandate.from', { who: m.mandator.name })}
          action={(m) =>
            m.status === 'pending' ? (
              <Link className="button" href={`/mandates/${m.id}/accept`}>
                {t('mandate.accept')}
              </Link>
            ) : (
              m.status === 'active' &&
              m.case && (
                <Link className="button secondary" href={`/cases/${m.case.id}`}>
                  {t('mandate.openCase')}
                </Link>
              )
            )
          }
        />
      </section>
      {dialog}
    </>
  );
}

function MandateList(p: {
  items: Mandate[];
  who: (m: Mandate) => string;
  action: (m: Mandate) => React.ReactNode;
}) {
  const { t } = useTranslation();
  if (!p.items.length) return <p className="empty">{t('mandate.none')}</p>;
  return (
    <ul className="case-list mandates">
      {p.items.map((m) => (
        <li key={m.id}>
          <strong>{p.who(m)}</strong>
          <MandateSummary m={m} />
          {p.action(m)}
        </li>
      ))}
    </ul>
  );
}

function GiveMandate({ accountId, onGiven }: { accountId: string; onGiven: (notice: string) => void }) {
  const { t, i18n } = useTranslation();
  const cases = useQuery({
    queryKey: keys.myCases(),
    queryFn: () => api<CaseList>('/api/cases?limit=100'),
  });
  const categories = useCategories();
  const [email, setEmail] = useState('');
  const [scope, setScope] = useState<'case' | 'category'>('case');
  const [caseId, setCaseId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [chosen, setChosen] = useState<Act[]>(['answer']);
  const today = new Date();
  const [from, setFrom] = useState(isoDay(today));
  const [until, setUntil] = useState(isoDay(new Date(today.getTime() + 30 * 86_400_000)));
  // a mandate is given for one's own cases, never passed on for a case one acts on for someone else
  const own = (cases.data?.items ?? []).filter((c) => c.requesterId === accountId);
  const give = useAction({
    run: () =>
      api<Mandate>('/api/mandates', {
        method: 'POST',
        body: {
          granteeEmail: email.trim(),
          ...(scope === 'case' ? { caseId: caseId || own[0]?.id } : { categoryId }),
          actions: scope === 'case' ? chosen.filter((a) => a !== 'file') : chosen,
          validFrom: dayStart(from),
          validUntil: dayEnd(until),
        },
      }),
    invalidate: [keys.myMandates()],
    onDone: () => {
      onGiven(t('mandate.give.sent', { email: email.trim() }));
      setEmail('');
    },
  });
  const toggle = (a: Act) => setChosen((c) => (c.includes(a) ? c.filter((x) => x !== a) : [...c, a]));
  return (
    <section className="panel" aria-labelledby="give-h">
      <h2 id="give-h">{t('mandate.give.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          give.run();
        }}
      >
        {give.error && (
          <p className="alert error" role="alert">
            {give.error.message}
          </p>
        )}
        <Field
          id="grantee-email"
          label={t('mandate.give.email')}
          hint={t('mandate.give.emailHint')}
          error={give.error?.field('granteeEmail')}
          required
        >
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="off"
              dir="ltr"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <fieldset>
          <legend>{t('mandate.give.scope')}</legend>
          <div className="radios">
            {(['case', 'category'] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="scope" checked={scope === s} onChange={() => setScope(s)} />
                {t(keyIn('mandate.give.scope.', s))}
              </label>
            ))}
          </div>
        </fieldset>
        {scope === 'case' ? (
          own.length ? (
            <Field id="mandate-case" label={t('mandate.give.case')}>
              {(control) => (
                <select {...control} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
                  {own.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.trackingNumber} · {c.subject}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <p className="muted">{t('mandate.give.noCase')}</p>
          )
        ) : (
          <Field id="mandate-category" label={t('mandate.give.category')} required>
            {(control) => (
              <select
                {...control}
                value={categoryId}
                onChange={(e) => setCategoryId(e.target.value)}
                required
              >
                <option value="" />
                {(categories.data?.items ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {localName(c, i18n.language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <fieldset>
          <legend>{t('mandate.give.actions')}</legend>
          <div className="checks">
            {acts
              .filter((a) => a !== 'file' || scope === 'category')
              .map((a) => (
                <label key={a}>
                  <input type="checkbox" checked={chosen.includes(a)} onChange={() => toggle(a)} />
                  {t(keyIn('mandate.action.', a))}
                </label>
              ))}
          </div>
          {chosen.includes('collect') && <p className="hint">{t('mandate.give.procuration')}</p>}
        </fieldset>
        <div className="row">
          <Field label={t('mandate.give.from')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('mandate.give.until')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={until}
                onChange={(e) => setUntil(e.target.value)}
                required
              />
            )}
          </Field>
        </div>
        <button type="submit" {...give.busyProps}>
          {t('mandate.give.send')}
        </button>
      </form>
    </section>
  );
}
