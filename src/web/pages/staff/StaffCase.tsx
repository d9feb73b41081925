import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'wouter';
import { partsOf } from '../../../shared/reply-parts.js';
import {
  type Attachment,
  api,
  type CaseTemplate,
  type CaseView,
  type Department,
  type StaffList,
} from '../../api.js';
import { CaseSubject, StateBadge } from '../../components/CaseBits.js';
import { CaseHops } from '../../components/CaseHops.js';
import { Field } from '../../components/Field.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { LegacyNote } from '../../components/LegacyFiling.js';
import { useCategories } from '../../hooks.js';
import { formatDate, keyIn, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';
import { RelatedCases } from './CaseExtras.js';
import { CaseMandates } from './case/CaseMandates.js';
import { CaseRequest } from './case/CaseRequest.js';
import { lastDraft, ReplyCheck } from './case/ReplyCheck.js';
import { type PartsInput, ReplyComposer } from './case/ReplyComposer.js';
import { Requester } from './case/Requester.js';
import { StaffTimeline } from './case/StaffTimeline.js';
import { TemplatePicker } from './case/TemplatePicker.js';
import { useStaffContext } from './useStaff.js';

/** The reasons of a move a citizen may read (the contract's list). */
type MoveReason = NonNullable<CaseView['hops'][number]['reason']>;
const moveReasons = [
  'competent_body',
  'competent_department',
  'specialised_service',
  'closer_office',
  'records_held',
] as const satisfies readonly MoveReason[];
const needsText = ['request_info', 'submit_reply', 'return_reply', 'reject', 'refer'];

/** Everything about one case on one page, and what this staff member may do with it. */
export default function StaffCase() {
  const { id } = useParams<{ id: string }>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, institutions } = useStaffContext();
  const c = useQuery({ queryKey: keys.staffCase(id), queryFn: () => api<CaseView>(`/api/cases/${id}`) });
  const files = useQuery({
    queryKey: keys.staffCaseFiles(id),
    queryFn: () => api<{ items: Attachment[] }>(`/api/cases/${id}/attachments`),
  });
  const templates = useQuery({
    queryKey: keys.staffCaseTemplates(id),
    queryFn: () => api<{ items: CaseTemplate[] }>(`/api/cases/${id}/templates`),
  });
  const categories = useCategories();
  const depts = useQuery({
    queryKey: keys.departments(c.data?.institutionId),
    queryFn: () => api<{ items: Department[] }>(`/api/institutions/${c.data!.institutionId}/departments`),
    enabled: !!c.data,
  });
  const supervisor = !!session.data?.memberships.some(
    (m) => m.institutionId === c.data?.institutionId && m.role === 'supervisor',
  );
  const people = useQuery({
    queryKey: keys.staffList(c.data?.institutionId),
    queryFn: () => api<StaffList>(`/api/institutions/${c.data!.institutionId}/staff`),
    enabled: supervisor,
  });
  const [pending, setPending] = useState<string | null>(null);
  const [escalate, setEscalate] = useState(false);
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  /** What the citizen reads about a move (the written reason stays among staff). */
  const [publicReason, setPublicReason] = useState<MoveReason | ''>('');
  const [done, setDone] = useState('');
  const action = useAction({
    run: (fn: () => Promise<unknown>) => fn(),
    invalidate: [keys.staffCase(id), keys.staffQueue()],
    onDone: () => {
      setPending(null);
      setText('');
      setTarget('');
      setPublicReason('');
      setDone(t('staff.ws.done'));
    },
  });
  const { error } = action;
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorBox error={c.error} />;
  const k = c.data;
  const me = session.data?.account.id;
  const run = (fn: () => Promise<unknown>) => {
    setDone('');
    return action.run(fn);
  };
  const submitPending = () => {
    if (!pending) return;
    if (pending === 'transfer')
      return run(() =>
        api(`/api/cases/${id}/transfer`, {
          method: 'POST',
          body: {
            departmentId: target,
            version: k.version,
            reason: text,
            ...(publicReason ? { publicReason } : {}),
          },
        }),
      );
    if (pending === 'refer_inside')
      return run(() =>
        api(`/api/cases/${id}/refer-inside`, {
          method: 'POST',
          body: {
            targetInstitutionId: target,
            version: k.version,
            reason: text,
            ...(publicReason ? { publicReason } : {}),
          },
        }),
      );
    if (pending === 'note')
      return run(() => api(`/api/cases/${id}/notes`, { method: 'POST', body: { text } }));
    if (pending === 'message')
      return run(() => api(`/api/cases/${id}/messages`, { method: 'POST', body: { text } }));
    if (pending === 'instruction')
      return run(() => api(`/api/cases/${id}/instructions`, { method: 'POST', body: { text, escalate } }));
    if (pending === 'assign')
      return run(() =>
        api(`/api/cases/${id}/assignment`, {
          method: 'POST',
          body: { version: k.version, assigneeId: target },
        }),
      );
    return run(() =>
      api(`/api/cases/${id}/actions`, {
        method: 'POST',
        body: { action: pending, version: k.version, reason: text || undefined },
      }),
    );
  };
  const direct = (action: string) =>
    run(() => api(`/api/cases/${id}/actions`, { method: 'POST', body: { action, version: k.version } }));
  const dept = depts.data?.items.find((d) => d.id === k.departmentId);
  const r = k.requester;
  const otherBodies = (institutions.data?.items ?? []).filter((i) => i.id !== k.institutionId);
  const canRefer = k.availableActions.includes('refer');
  const withTarget = pending === 'transfer' || pending === 'refer_inside' || pending === 'assign';
  const targets =
    pending === 'transfer'
      ? (depts.data?.items ?? []).map((d) => ({ id: d.id, label: localName(d, lang) }))
      : pending === 'assign'
        ? (people.data?.items ?? [])
            .filter((p) => !p.disabled && p.role !== 'auditor' && p.role !== 'institution_admin')
            .map((p) => ({
              id: p.id,
              label: t('staff.ws.personLoad', { name: p.displayName, n: p.openCases }),
            }))
        : otherBodies.map((d) => ({ id: d.id, label: localName(d, lang) }));
  const roles = (session.data?.memberships ?? []).filter((m) => m.institutionId === k.institutionId);
  const isStaffHere = roles.length > 0;
  const mayInstruct = roles.some((m) => m.role === 'supervisor') || (session.data?.scopes.length ?? 0) > 0;
  const textLabel =
    pending === 'note' || pending === 'message' || pending === 'instruction'
      ? t(`staff.ws.${pending}`)
      : t('staff.ws.reasonFor', {
          action: pending === 'transfer' ? t('staff.ws.transfer') : t(keyIn('action.', pending ?? '')),
        });
  const toggle = (mode: string, label: string) => (
    <button
      type="button"
      className={pending === mode ? '' : 'secondary'}
      aria-pressed={pending === mode}
      onClick={() => setPending(mode)}
    >
      {label}
    </button>
  );

  return (
    <article className="workspace">
      <p className="tracking">
        <bdi dir="ltr">{k.trackingNumber}</bdi>
      </p>
      <h1>
        <CaseSubject c={k} />
      </h1>
      <p>
        <StateBadge state={k.state} staff /> <span className="tag">{t(keyIn('kind.', k.kind))}</span>{' '}
        <span className={k.overdue ? 'tag late' : 'muted'}>
          {t('cases.due', { date: formatDate(k.dueAt, lang) })}
        </span>
      </p>
      {k.legacy && <LegacyNote legacy={k.legacy} />}
      {k.anonymisedAt && (
        <p className="alert info" role="status">
          {t('staff.ws.anonymised', { date: formatDate(k.anonymisedAt, lang) })}
        </p>
      )}
      {error && (
        <div className="alert error" role="alert">
          <p>{error.message}</p>
          {error.problem.status === 409 && (
            <button type="button" className="secondary" onClick={() => c.refetch()}>
              {t('staff.ws.reload')}
            </button>
          )}
        </div>
      )}
      {done && (
        <p className="alert info" role="status">
          {done}
        </p>
      )}
      <div className="ws-grid">
        <CaseRequest
          caseId={id}
          k={k}
          categories={categories.data?.items}
          dept={dept}
          files={files.data?.items}
          canUpload={isStaffHere && !k.anonymisedAt}
        />
        {r && <Requester r={r} />}
      </div>
      {isStaffHere && <CaseMandates caseId={id} />}

      <RelatedCases
        caseId={id}
        version={k.version}
        canMerge={roles.some((m) => m.role === 'department_agent' || m.role === 'supervisor')}
        onDone={setDone}
      />

      {/* a case whose content was removed is kept for the record only: nothing more can be done with it */}
      {!k.anonymisedAt && (
        <section aria-labelledby="act-h" className="panel">
          <h2 id="act-h">{t('staff.ws.actions')}</h2>
          <div className="buttons">
            {k.assigneeId !== me && k.availableActions.length > 0 && (
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  run(() =>
                    api(`/api/cases/${id}/assignment`, {
                      method: 'POST',
                      body: { version: k.version, assigneeId: me },
                    }),
                  )
                }
              >
                {t('staff.ws.take')}
              </button>
            )}
            {k.availableActions.map((a) =>
              needsText.includes(a) ? (
                <button
                  key={a}
                  type="button"
                  className={pending === a ? '' : 'secondary'}
                  aria-pressed={pending === a}
                  onClick={() => setPending(a)}
                >
                  {t(keyIn('action.', a))}
                </button>
              ) : a === 'refer_inside' || a === 'approve_reply' ? null : (
                <button key={a} type="button" onClick={() => direct(a)}>
                  {t(keyIn('action.', a))}
                </button>
              ),
            )}
            {isStaffHere && !['closed', 'rejected', 'referred', 'withdrawn'].includes(k.state) && (
              <button
                type="button"
                className={pending === 'transfer' ? '' : 'secondary'}
                aria-pressed={pending === 'transfer'}
                onClick={() => setPending('transfer')}
              >
                {t('staff.ws.transfer')}
              </button>
            )}
            {canRefer && (
              <button
                type="button"
                className={pending === 'refer_inside' ? '' : 'secondary'}
                aria-pressed={pending === 'refer_inside'}
                onClick={() => setPending('refer_inside')}
              >
                {t('staff.ws.refer')}
              </button>
            )}
            {supervisor && people.isSuccess && toggle('assign', t('staff.ws.assign'))}
            {isStaffHere && toggle('message', t('staff.ws.message'))}
            {isStaffHere && toggle('note', t('staff.ws.note'))}
            {mayInstruct && toggle('instruction', t('staff.ws.instruction'))}
          </div>
          {pending === 'submit_reply' && (
            <ReplyComposer
              institutionId={k.institutionId}
              categoryId={k.categoryId}
              templates={templates.data?.items ?? []}
              previous={partsOf(lastDraft(k.timeline)?.data)}
              busy={action.busy}
              onSubmit={(parts: PartsInput) =>
                run(() =>
                  api(`/api/cases/${id}/actions`, {
                    method: 'POST',
                    body: { action: 'submit_reply', version: k.version, parts },
                  }),
                )
              }
              onCancel={() => setPending(null)}
            />
          )}
          {pending && pending !== 'submit_reply' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                submitPending();
              }}
            >
              {withTarget && (
                <Field
                  label={
                    pending === 'transfer'
                      ? t('staff.ws.transferTo')
                      : pending === 'assign'
                        ? t('staff.ws.assignTo')
                        : t('staff.ws.referTo')
                  }
                >
                  {(control) => (
                    <select {...control} value={target} onChange={(e) => setTarget(e.target.value)} required>
                      <option value="">{t('file.category.choose')}</option>
                      {targets.map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {(pending === 'transfer' || pending === 'refer_inside') && (
                <Field label={t('staff.ws.publicReason')} hint={t('staff.ws.publicReasonHint')}>
                  {(control) => (
                    <select
                      {...control}
                      value={publicReason}
                      onChange={(e) => setPublicReason(e.target.value as MoveReason | '')}
                    >
                      <option value="">
                        {t(
                          keyIn(
                            'case.hops.reason.',
                            pending === 'transfer' ? 'competent_department' : 'competent_body',
                          ),
                        )}
                      </option>
                      {moveReasons.map((code) => (
                        <option key={code} value={code}>
                          {t(keyIn('case.hops.reason.', code))}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {pending === 'request_info' && (
                <TemplatePicker templates={templates.data?.items ?? []} onPick={(tpl) => setText(tpl.text)} />
              )}
              {pending !== 'assign' && (
                <Field label={textLabel}>
                  {(control) => (
                    <textarea
                      {...control}
                      rows={5}
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      required
                    />
                  )}
                </Field>
              )}
              {pending === 'instruction' && (
                <div className="checks">
                  <label>
                    <input
                      type="checkbox"
                      checked={escalate}
                      onChange={(e) => setEscalate(e.target.checked)}
                    />
                    {t('staff.ws.escalate')}
                  </label>
                </div>
              )}
              <div className="buttons">
                <button
                  type="submit"
                  disabled={(pending !== 'assign' && !text.trim()) || (withTarget && !target) || action.busy}
                  aria-busy={action.busyProps['aria-busy']}
                >
                  {t('staff.ws.do')}
                </button>
                <button type="button" className="secondary" onClick={() => setPending(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            </form>
          )}
        </section>
      )}

      {!k.anonymisedAt && k.availableActions.includes('approve_reply') && (
        <ReplyCheck timeline={k.timeline} busy={action.busy} onApprove={() => direct('approve_reply')} />
      )}

      <CaseHops hops={k.hops} staff />
      <StaffTimeline timeline={k.timeline} />
    </article>
  );
}
