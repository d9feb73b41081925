import { defineMessages } from '../../i18n/define.js';

/**
 * Messages of a request filed through Open311 for a citizen: the e-mail asking the person to confirm it, and
 * the refusals of its confirmation link.
 */
export const open311FilingMessages = defineMessages({
  en: {
    'mail.open311_confirm.subject': 'Confirm your request to {institution}',
    'mail.open311_confirm.body':
      'Hello {name},\n\n“{app}” asks to file a request in your name with {institution} ({category}):\n\n{description}\n\nIf it is yours, open this link and confirm it (until {until}):\n{url}\n\nNothing is filed until you confirm. If you did not ask for this, ignore this message: the request will be deleted.',
    'error.open311.confirmation_unknown':
      'This confirmation link is unknown: check that you copied the whole link, or ask the service you used to send the request again.',
    'error.open311.confirmation_expired':
      'This confirmation link has expired (7 days): nothing was filed. Ask the service you used to send the request again.',
  },
  fr: {
    'mail.open311_confirm.subject': 'Confirmez votre demande à {institution}',
    'mail.open311_confirm.body':
      'Bonjour {name},\n\n« {app} » demande à déposer en votre nom une demande auprès de {institution} ({category}) :\n\n{description}\n\nSi elle est bien de vous, ouvrez ce lien et confirmez-la (jusqu’au {until}) :\n{url}\n\nRien n’est déposé tant que vous n’avez pas confirmé. Si vous n’avez rien demandé, ignorez ce message : la demande sera supprimée.',
    'error.open311.confirmation_unknown':
      'Ce lien de confirmation est inconnu : vérifiez que vous avez copié le lien entier, ou demandez au service utilisé d’envoyer la demande à nouveau.',
    'error.open311.confirmation_expired':
      'Ce lien de confirmation a expiré (7 jours) : rien n’a été déposé. Demandez au service utilisé d’envoyer la demande à nouveau.',
  },
  ar: {
    'mail.open311_confirm.subject': 'أكدوا طلبكم إلى {institution}',
    'mail.open311_confirm.body':
      'مرحبا {name}،\n\nيطلب «{app}» إيداع طلب باسمكم لدى {institution} ({category}):\n\n{description}\n\nإن كان الطلب منكم، افتحوا هذا الرابط وأكدوه (إلى غاية {until}):\n{url}\n\nلا يودع أي شيء قبل تأكيدكم. إن لم تطلبوا شيئا، تجاهلوا هذه الرسالة: سيحذف الطلب.',
    'error.open311.confirmation_unknown':
      'رابط التأكيد هذا غير معروف: تحققوا من نسخ الرابط كاملا، أو اطلبوا من الخدمة المستعملة إرسال الطلب من جديد.',
    'error.open311.confirmation_expired':
      'انتهت صلاحية رابط التأكيد هذا (7 أيام): لم يودع أي شيء. اطلبوا من الخدمة المستعملة إرسال الطلب من جديد.',
  },
});
