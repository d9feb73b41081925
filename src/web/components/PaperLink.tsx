import { useTranslation } from 'react-i18next';
import type { Attachment } from '../api.js';
import { AudioPlayer } from './AudioPlayer.js';

/**
 * A case's paper: a link that opens it or, while the antivirus has still to check it, its name and a tag. A
 * voice message is also played in place, marked "to transcribe" for the staff (`forStaff`) until they have
 * written it down, and its transcription shown once they have.
 */
export function PaperLink({
  caseId,
  file,
  forStaff = false,
}: {
  caseId: string;
  file: Attachment;
  forStaff?: boolean;
}) {
  const { t } = useTranslation();
  if (file.scanStatus === 'pending')
    return (
      <>
        <bdi>{file.name}</bdi>
        <span className="tag warn" title={t('case.paperHeld.hint')}>
          {t('case.paperHeld')}
        </span>
      </>
    );
  const href = `/api/cases/${caseId}/attachments/${file.id}`;
  const link = (
    <a href={href} target="_blank" rel="noreferrer">
      <bdi>{file.name}</bdi>
    </a>
  );
  if (!file.mediaType.startsWith('audio/')) return link;
  return (
    <>
      {link} {forStaff && file.toTranscribe && <span className="tag warn">{t('voice.toTranscribe')}</span>}
      <br />
      <AudioPlayer src={href} label={t('voice.player', { name: file.name })} />
      {file.transcription && (
        <figure className="transcription">
          <figcaption>{t('voice.transcription')}</figcaption>
          <blockquote className="pre" dir="auto">
            {file.transcription}
          </blockquote>
        </figure>
      )}
    </>
  );
}
