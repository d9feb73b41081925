import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
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
        <button
          type="button"
          className="secondary"
          aria-label={t('people.staff.resend', { name })}
          onClick={() =>
            ask({
              title: t('people.staff.resend', { name }),
              message: t('people.staff.addLead'),
              label: t('people.confirm'),
              run: async () => {
                await api(`${base}/staff/${m.id}/invite`, { method: 'POST' });
                return t('people.staff.resent', { email: m.email });
              },
            })
          }
        >
          {t('people.do.resend')}
        </button>
      )}
      {m.totpEnabled && (
        <button
          type="button"
          className="secondary"
          aria-label={t('people.staff.resetTotp', { name })}
          onClick={() =>
            ask({
              title: t('people.staff.resetTotp', { name }),
              message: t('people.staff.resetConfirm', { name }),
              label: t('people.confirm'),
              danger: true,
              run: async () => {
                await api(`${base}/staff/${m.id}/reset-totp`, { method: 'POST' });
                return t('people.staff.resetDone', { name });
              },
            })
          }
        >
          {t('people.do.resetTotp')}
        </button>
      )}
      {m.id !== me &&
        (m.disabled ? (
          <button
            type="button"
            className="secondary"
            aria-label={t('people.staff.enable', { name })}
            onClick={() =>
              ask({
                title: t('people.staff.enable', { name }),
                message: t('people.staff.enableConfirm', { name }),
                label: t('people.do.enable'),
                run: async () => {
                  await api(`${base}/staff/${m.id}/enable`, { method: 'POST' });
                  return t('people.staff.enabledDone', { name });
                },
              })
            }
          >
            {t('people.do.enable')}
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            aria-label={t('people.staff.disable', { name })}
            onClick={() =>
              ask({
                title: t('people.staff.disable', { name }),
                message: [
                  t('people.staff.disableConfirm', { name }),
                  m.openCases > 0
                    ? t('people.staff.disableLoad', { n: m.openCases, count: m.openCases })
                    : '',
                ]
                  .join(' ')
                  .trim(),
                label: t('people.do.disable'),
                danger: true,
                run: async () => {
                  await api(`${base}/staff/${m.id}/disable`, { method: 'POST' });
                  return t('people.staff.disabledDone', { name });
                },
              })
            }
          >
            {t('people.do.disable')}
          </button>
        ))}
    </div>
  );
}
