import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../api.js';
import { keyIn } from '../i18n.js';

/** The problems an attachment of an e-mail is refused for, in the words of the note under the message. */
const refusalOf = (problem: string) =>
  problem === 'upload-infected'
    ? 'infected'
    : problem === 'file-too-large'
      ? 'size'
      : problem.startsWith('file-')
        ? 'type'
        : problem.startsWith('upload-day') || problem.startsWith('upload-case')
          ? 'quota'
          : 'other';

/**
 * Under a message the person sent another way (WhatsApp, e-mail): by which way, and each attachment that was
 * not added to the case, with why.
 */
export function MessageWay({ e }: { e: TimelineEvent }) {
  const { t } = useTranslation();
  if (e.type !== 'citizen_message') return null;
  const channel = typeof e.data.channel === 'string' ? e.data.channel : null;
  const refused = Array.isArray(e.data.refused)
    ? (e.data.refused as { name: string; problem: string }[])
    : [];
  return (
    <>
      {channel && <p className="muted">{t(keyIn('message.via.', channel))}</p>}
      {refused.map((r) => (
        <p key={r.name} className="muted">
          {t('message.refused', {
            name: r.name,
            reason: t(keyIn('message.refusedBecause.', refusalOf(r.problem))),
          })}
        </p>
      ))}
    </>
  );
}
