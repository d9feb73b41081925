import { defineMessages } from '../../i18n/define.js';

/** Messages of mandates: refusals and the e-mails to the person and the relative. */
export const mandateMessages = defineMessages({
  en: {
    'error.mandate.not_found': 'This mandate does not exist or is not yours to see.',
    'error.mandate.scope': 'Choose either one of your cases or a kind of request, not both.',
    'error.mandate.file_needs_kind':
      'Filing a new request can only be allowed for a kind of request, not for an existing case.',
    'error.mandate.dates': 'The end date must come after the start date, and not be in the past.',
    'error.mandate.self': 'You cannot give a mandate to your own address.',
    'error.mandate.other_email':
      'This mandate was given to another e-mail address. Sign in with the address the invitation was sent to.',
    'error.mandate.closed': 'This mandate was revoked or has ended: it no longer allows anything.',
    'error.mandate.act_not_granted': 'Your mandate does not allow this act for this request.',
    'error.mandate.procuration_unverified':
      'This act needs the procuration paper: the body must check it and mark the mandate verified first.',
    'mail.mandate_given.subject': '{person} asks you to act for them on Jisr',
    'mail.mandate_given.body':
      '{person} has given you a mandate to act for them with the administration on Jisr. To accept it, sign in with this e-mail address: {url}',
    'mail.mandate_accepted.subject': '{relative} accepted your mandate',
    'mail.mandate_accepted.body':
      '{relative} accepted the mandate you gave and may now act for you within it. You can revoke it at any time: {url}',
    'mail.mandate_used.subject': '{relative} acted on your request {tracking}',
    'mail.mandate_used.body':
      '{relative} acted for you on request {tracking}, under your mandate. See what was done: {url}',
    'mail.mandate_revoked.subject': 'The mandate from {person} was revoked',
    'mail.mandate_revoked.body':
      '{person} revoked the mandate given to you on Jisr. You can no longer act for them through it.',
    'mail.mandate_case_news.subject': 'News on request {tracking}, which you follow for {person}',
    'mail.mandate_case_news.body':
      'The body wrote on request {tracking}, which you follow for {person} under their mandate. Read it: {url}',
  },
  fr: {
    'error.mandate.not_found': 'Ce mandat n’existe pas ou ne vous concerne pas.',
    'error.mandate.scope': 'Choisissez soit l’un de vos dossiers, soit un type de demande, pas les deux.',
    'error.mandate.file_needs_kind':
      'Déposer une nouvelle demande ne peut être permis que pour un type de demande, pas pour un dossier existant.',
    'error.mandate.dates': 'La date de fin doit suivre la date de début et ne pas être passée.',
    'error.mandate.self': 'Vous ne pouvez pas vous donner un mandat à votre propre adresse.',
    'error.mandate.other_email':
      'Ce mandat a été donné à une autre adresse électronique. Connectez-vous avec l’adresse qui a reçu l’invitation.',
    'error.mandate.closed': 'Ce mandat a été révoqué ou a pris fin : il ne permet plus rien.',
    'error.mandate.act_not_granted': 'Votre mandat ne permet pas cet acte pour cette demande.',
    'error.mandate.procuration_unverified':
      'Cet acte demande la procuration : l’organisme doit la vérifier et marquer le mandat comme vérifié d’abord.',
    'mail.mandate_given.subject': '{person} vous demande d’agir pour elle ou lui sur Jisr',
    'mail.mandate_given.body':
      '{person} vous a donné un mandat pour agir en son nom auprès de l’administration sur Jisr. Pour l’accepter, connectez-vous avec cette adresse : {url}',
    'mail.mandate_accepted.subject': '{relative} a accepté votre mandat',
    'mail.mandate_accepted.body':
      '{relative} a accepté le mandat que vous avez donné et peut désormais agir pour vous dans ses limites. Vous pouvez le révoquer à tout moment : {url}',
    'mail.mandate_used.subject': '{relative} a agi sur votre demande {tracking}',
    'mail.mandate_used.body':
      '{relative} a agi pour vous sur la demande {tracking}, sous votre mandat. Voir ce qui a été fait : {url}',
    'mail.mandate_revoked.subject': 'Le mandat de {person} a été révoqué',
    'mail.mandate_revoked.body':
      '{person} a révoqué le mandat qui vous avait été donné sur Jisr. Vous ne pouvez plus agir en son nom par ce mandat.',
    'mail.mandate_case_news.subject': 'Du nouveau sur la demande {tracking}, que vous suivez pour {person}',
    'mail.mandate_case_news.body':
      'L’organisme a écrit sur la demande {tracking}, que vous suivez pour {person} sous son mandat. À lire : {url}',
  },
  ar: {
    'error.mandate.not_found': 'هذه الوكالة غير موجودة أو لا تخصك.',
    'error.mandate.scope': 'اختر إما أحد ملفاتك وإما نوعاً من الطلبات، لا الاثنين معاً.',
    'error.mandate.file_needs_kind': 'لا يمكن السماح بإيداع طلب جديد إلا لنوع من الطلبات، لا لملف قائم.',
    'error.mandate.dates': 'يجب أن يأتي تاريخ الانتهاء بعد تاريخ البداية وألا يكون قد مضى.',
    'error.mandate.self': 'لا يمكنك منح وكالة لعنوانك الإلكتروني نفسه.',
    'error.mandate.other_email':
      'مُنحت هذه الوكالة لعنوان إلكتروني آخر. سجّل الدخول بالعنوان الذي وصلته الدعوة.',
    'error.mandate.closed': 'أُلغيت هذه الوكالة أو انتهت مدتها: لم تعد تسمح بأي شيء.',
    'error.mandate.act_not_granted': 'وكالتك لا تسمح بهذا الإجراء لهذا الطلب.',
    'error.mandate.procuration_unverified':
      'يتطلب هذا الإجراء وثيقة الوكالة: على الهيئة التحقق منها وتأكيد الوكالة أولاً.',
    'mail.mandate_given.subject': '{person} يطلب منك النيابة عنه على منصة جسر',
    'mail.mandate_given.body':
      'منحك {person} وكالة للنيابة عنه لدى الإدارة على منصة جسر. لقبولها، سجّل الدخول بهذا العنوان الإلكتروني: {url}',
    'mail.mandate_accepted.subject': 'قبل {relative} وكالتك',
    'mail.mandate_accepted.body':
      'قبل {relative} الوكالة التي منحتها، ويمكنه الآن النيابة عنك في حدودها. يمكنك إلغاؤها في أي وقت: {url}',
    'mail.mandate_used.subject': 'قام {relative} بإجراء في طلبك {tracking}',
    'mail.mandate_used.body':
      'قام {relative} بإجراء نيابة عنك في الطلب {tracking} بموجب وكالتك. اطّلع على ما تم: {url}',
    'mail.mandate_revoked.subject': 'ألغى {person} الوكالة',
    'mail.mandate_revoked.body':
      'ألغى {person} الوكالة التي منحك إياها على منصة جسر. لم يعد بإمكانك النيابة عنه بموجبها.',
    'mail.mandate_case_news.subject': 'جديد في الطلب {tracking} الذي تتابعه نيابة عن {person}',
    'mail.mandate_case_news.body':
      'كتبت الهيئة في الطلب {tracking} الذي تتابعه نيابة عن {person} بموجب وكالته. اطّلع عليه: {url}',
  },
});
