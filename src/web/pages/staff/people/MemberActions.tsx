import { useTranslation } from 'react-i18next';
import { AskButton } from './AskButton.js';
import type { Confirm, Editing, Member } from './types.js';

/** The buttons of a staff member's row: change, resend the invitation, reset 2FA, disable or enable. */
export function MemberActions({
  m,
  name,
  me,
  base,
  ask,
  onEdit,
}: {
  m: Member;
  name: string;
  me: string | undefined;
  base: string;
  ask: (c: Confirm) => void;
  onEdit: (e: Editing) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="row-actions">
      <button
        type="button"
        className="secondary"
        id={`change-${m.id}`}
        aria-label={t('people.staff.change', { name })}
        onClick={() =>
          onEdit({
            id: m.id,
            role: m.role,
            departmentId: m.departmentId ?? '',
            error: null,
          })
        }
      >
        {t('people.do.change')}
      </button>
      {m.invitationPending && !m.disabled && (
        <AskButton
          label={t('people.do.resend')}
          name={t('people.staff.resend', { name })}
          message={t('people.staff.addLead')}
          confirmLabel={t('people.confirm')}
          url={`${base}/staff/${m.id}/invite`}
          done={t('people.staff.resent', { email: m.email })}
          ask={ask}
        />
      )}
      {m.totpEnabled && (
        <AskButton
          label={t('people.do.resetTotp')}
          name={t('people.staff.resetTotp', { name })}
          message={t('people.staff.resetConfirm', { name })}
          confirmLabel={t('people.confirm')}
          danger
          url={`${base}/staff/${m.id}/reset-totp`}
          done={t('people.staff.resetDone', { name })}
          ask={ask}
        />
      )}
      {m.id !== me &&
        (m.disabled ? (
          <AskButton
            label={t('people.do.enable')}
            name={t('people.staff.enable', { name })}
            message={t('people.staff.enableConfirm', { name })}
            confirmLabel={t('people.do.enable')}
            url={`${base}/staff/${m.id}/enable`}
            done={t('people.staff.enabledDone', { name })}
            ask={ask}
          />
        ) : (
          <AskButton
            label={t('people.do.disable')}
            name={t('people.staff.disable', { name })}
            message={[
              t('people.staff.disableConfirm', { name }),
              m.openCases > 0 ? t('people.staff.disableLoad', { n: m.openCases, count: m.openCases }) : '',
            ]
              .join(' ')
              .trim()}
            confirmLabel={t('people.do.disable')}
            danger
            dangerButton
            url={`${base}/staff/${m.id}/disable`}
            done={t('people.staff.disabledDone', { name })}
            ask={ask}
          />
        ))}
    </div>
  );
}
