import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyParts } from '../../../../shared/reply-parts.js';
import { api, type CaseTemplate, type LegalBasis } from '../../../api.js';
import { Field } from '../../../components/Field.js';
import { keys } from '../../../query-keys.js';
import { TemplatePicker } from './TemplatePicker.js';

/** What the composer sends: the parts, the legal texts by their ids. */
export type PartsInput = Omit<ReplyParts, 'legalBases'> & { legalBasisIds: string[] };

const blank: PartsInput = {
  facts: '',
  legalBasisIds: [],
  legalBasisText: '',
  decision: '',
  contest: { how: '', days: null },
};

/**
 * The reasoned reply, part by part: the facts, the legal texts of the body for the case's category (to tick)
 * and other words of law, the decision, how and within how many days the citizen can contest. A template
 * of the category and language fills the written parts; a returned draft comes back as it was.
 */
export function ReplyComposer(props: {
  institutionId: string;
  categoryId: string;
  templates: CaseTemplate[];
  /** The last draft, when it was returned to be completed. */
  previous: ReplyParts | null;
  busy: boolean;
  onSubmit: (parts: PartsInput) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const base = `/api/institutions/${props.institutionId}/legal-bases`;
  const bases = useQuery({
    queryKey: keys.legalBases(base, props.categoryId),
    queryFn: () => api<{ items: LegalBasis[] }>(`${base}?categoryId=${props.categoryId}`),
  });
  const [parts, setParts] = useState<PartsInput>(() => {
    if (!props.previous) return blank;
    const { legalBases, ...written } = props.previous;
    return { ...written, legalBasisIds: legalBases.map((b) => b.id) };
  });
  const set = (patch: Partial<PartsInput>) => setParts((p) => ({ ...p, ...patch }));
  const { templates } = props;
  const title = (b: LegalBasis) =>
    i18n.language === 'ar' ? b.titleAr : i18n.language === 'en' ? b.titleEn : b.titleFr;
  const area = (label: string, value: string, onChange: (v: string) => void, rows = 4) => (
    <Field label={label}>
      {(control) => (
        <textarea
          {...control}
          dir="auto"
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form
      aria-labelledby="compose-h"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(parts);
      }}
    >
      <h3 id="compose-h">{t('reply.compose.title')}</h3>
      <p className="muted">{t('reply.compose.lead')}</p>
      <TemplatePicker
        templates={templates}
        onPick={(tpl) =>
          // a template of parts fills them; a plain one, the decision
          tpl.parts
            ? set({
                facts: tpl.parts.facts,
                decision: tpl.parts.decision,
                contest: { ...parts.contest, how: tpl.parts.contest },
              })
            : set({ decision: tpl.text })
        }
      />
      {area(t('reply.facts'), parts.facts, (facts) => set({ facts }))}
      <fieldset>
        <legend>{t('reply.legalBasis')}</legend>
        <p className="hint">{t('reply.compose.bases')}</p>
        {bases.data && bases.data.items.length === 0 && <p className="muted">{t('reply.compose.noBases')}</p>}
        <div className="checks">
          {bases.data?.items.map((b) => (
            <label key={b.id}>
              <input
                type="checkbox"
                checked={parts.legalBasisIds.includes(b.id)}
                onChange={(e) =>
                  set({
                    legalBasisIds: e.target.checked
                      ? [...parts.legalBasisIds, b.id]
                      : parts.legalBasisIds.filter((x) => x !== b.id),
                  })
                }
              />
              <span dir="auto">
                <strong>{b.citation}</strong> — {title(b)}
              </span>
            </label>
          ))}
        </div>
        {area(
          t('reply.compose.basisText'),
          parts.legalBasisText,
          (legalBasisText) => set({ legalBasisText }),
          2,
        )}
      </fieldset>
      {area(t('reply.decision'), parts.decision, (decision) => set({ decision }))}
      <fieldset>
        <legend>{t('reply.contest')}</legend>
        {area(
          t('reply.compose.contestHow'),
          parts.contest.how,
          (how) => set({ contest: { ...parts.contest, how } }),
          2,
        )}
        <Field label={t('reply.compose.contestDays')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={365}
              dir="ltr"
              className="short"
              value={parts.contest.days ?? ''}
              onChange={(e) =>
                set({
                  contest: { ...parts.contest, days: e.target.value ? Number(e.target.value) : null },
                })
              }
            />
          )}
        </Field>
      </fieldset>
      <div className="buttons">
        <button type="submit" disabled={props.busy} aria-busy={props.busy}>
          {t('reply.compose.send')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
