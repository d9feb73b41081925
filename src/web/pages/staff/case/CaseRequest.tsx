import { useTranslation } from 'react-i18next';
import type { Attachment, CaseView, Category, Department } from '../../../api.js';
import { fieldLabel } from '../../../components/CategoryFields.js';
import { PaperLink } from '../../../components/PaperLink.js';
import { keyIn, localName } from '../../../i18n.js';
import { StaffUpload } from '../CaseExtras.js';
import { Transcribe } from './Transcribe.js';

/** What the person asked: the text, the category's fields, how it came and goes, its papers. */
export function CaseRequest({
  caseId,
  k,
  categories,
  dept,
  files,
  canUpload,
}: {
  caseId: string;
  k: CaseView;
  categories: Category[] | undefined;
  dept: Department | undefined;
  files: Attachment[] | undefined;
  canUpload: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section aria-labelledby="req-h">
      <h2 id="req-h">{t('staff.ws.request')}</h2>
      <p className="pre" dir="auto">
        {k.description}
      </p>
      <dl className="facts">
        {Object.entries(k.fields).map(([name, v]) => {
          const def = categories?.find((x) => x.id === k.categoryId)?.fields.find((f) => f.name === name);
          return (
            <div key={name}>
              <dt>{def ? fieldLabel(def, lang) : name}</dt>
              <dd>
                <bdi>{String(v)}</bdi>
              </dd>
            </div>
          );
        })}
        <dt>{t('staff.ws.channel')}</dt>
        <dd>{t(keyIn('intake.', k.intakeChannel))}</dd>
        <dt>{t('staff.ws.replyBy')}</dt>
        <dd>{k.replyChannels.map((x) => t(keyIn('channel.', x))).join(', ')}</dd>
        <dt>{t('staff.ws.department')}</dt>
        <dd>{dept ? localName(dept, lang) : t('staff.ws.none')}</dd>
      </dl>
      <h3>{t('case.documents')}</h3>
      {files?.length ? (
        <ul className="files">
          {files.map((f) => (
            <li key={f.id}>
              <PaperLink caseId={caseId} file={f} forStaff />
              {canUpload && f.mediaType.startsWith('audio/') && f.scanStatus !== 'pending' && (
                <Transcribe caseId={caseId} file={f} />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('case.noDocuments')}</p>
      )}
      {canUpload && <StaffUpload caseId={caseId} />}
    </section>
  );
}
