import { defineMessages } from '../../i18n/define.js';
import type { Lang } from '../../i18n/index.js';

/**
 * The words of the public Open311 interface: its errors, its discovery texts and the public labels of a
 * case's state (written for anyone reading the list, never the words staff use among themselves).
 */
export const open311Messages = defineMessages({
  en: {
    'open311.contact': 'Questions about this interface: write to the body concerned through {url}',
    'open311.key_service':
      'Keys to submit requests (scope cases:file) are issued by the administrator of each body on the platform; the person named in a request confirms it from a link e-mailed to them. Reading needs no key.',
    'open311.error.jurisdiction_missing':
      'jurisdiction_id is required: the code of the body (for example AML).',
    'open311.error.jurisdiction_unknown': 'No body has this jurisdiction_id.',
    'open311.error.service_unknown': 'This body offers no service with this service_code.',
    'open311.error.request_unknown': 'This body has no request with this service_request_id.',
    'open311.error.bad_date':
      'start_date and end_date must be ISO 8601 dates (for example 2026-12-01 or 2026-12-01T08:00:00Z).',
    'open311.error.bad_status': 'status must be open or closed (or both, separated by a comma).',
    'open311.error.bad_page': 'page and page_size must be whole numbers from 1 (page_size at most 200).',
    'open311.error.jurisdiction_forbidden':
      'This key belongs to another body: jurisdiction_id must be its code ({code}), or be left out.',
    'open311.error.service_code_missing': 'service_code is required: the code of one of the body’s services.',
    'open311.error.email_missing':
      'email is required, a valid address: the person confirms the request from a link sent there.',
    'open311.error.names_missing':
      'first_name and last_name are required: the person the request is filed for.',
    'open311.error.name_too_long': 'first_name and last_name must each be at most 100 characters.',
    'open311.error.description':
      'description is required: the request in the person’s words, from 10 to 10,000 characters.',
    'open311.error.attribute': 'attribute[{code}]: {message}',
    'open311.error.too_long': '{name} must be at most {max} characters.',
    'open311.error.token_unknown': 'No request has this token.',
    'open311.service_notice':
      'Nothing is filed yet: {institution} receives the request once the person confirms it from the link e-mailed to them, within 7 days. Until then the token has no service_request_id.',
    'open311.service.description': '{kind}. Answer due within {days} days.',
    'open311.datatype.text': 'Text of at most {max} characters',
    'open311.datatype.text_free': 'Text',
    'open311.datatype.number': 'A whole number from {min} to {max}',
    'open311.datatype.number_min': 'A number from {min}',
    'open311.datatype.number_free': 'A number',
    'open311.datatype.date': 'A date (YYYY-MM-DD)',
    'open311.datatype.select': 'One of the listed values',
    'open311.kind.document_request': 'Document request',
    'open311.kind.complaint': 'Complaint',
    'open311.kind.grievance': 'Grievance (Mediator)',
    'open311.kind.observation': 'Observation or suggestion',
    'open311.kind.information_request': 'Information request',
    'open311.state.submitted': 'Received',
    'open311.state.acknowledged': 'Acknowledged',
    'open311.state.in_progress': 'Being handled',
    'open311.state.awaiting_citizen': 'Waiting for the requester',
    'open311.state.reply_pending_approval': 'Answer being checked',
    'open311.state.answered': 'Answered',
    'open311.state.ready': 'Document ready',
    'open311.state.closed': 'Closed',
    'open311.state.rejected': 'Not admissible',
    'open311.state.referred': 'Sent to the competent body',
    'open311.state.withdrawn': 'Withdrawn',
    'open311.state.reopened': 'Reopened',
  },
  fr: {
    'open311.contact': 'Questions sur cette interface : écrivez à l’organisme concerné via {url}',
    'open311.key_service':
      'Les clés pour déposer des demandes (portée cases:file) sont délivrées par l’administrateur de chaque organisme de la plateforme ; la personne nommée dans une demande la confirme depuis un lien reçu par e-mail. La lecture ne demande pas de clé.',
    'open311.error.jurisdiction_missing':
      'jurisdiction_id est obligatoire : le code de l’organisme (par exemple AML).',
    'open311.error.jurisdiction_unknown': 'Aucun organisme n’a ce jurisdiction_id.',
    'open311.error.service_unknown': 'Cet organisme n’offre aucun service ayant ce service_code.',
    'open311.error.request_unknown': 'Cet organisme n’a aucune demande ayant ce service_request_id.',
    'open311.error.bad_date':
      'start_date et end_date doivent être des dates ISO 8601 (par exemple 2026-12-01 ou 2026-12-01T08:00:00Z).',
    'open311.error.bad_status': 'status doit valoir open ou closed (ou les deux, séparés par une virgule).',
    'open311.error.bad_page':
      'page et page_size doivent être des nombres entiers à partir de 1 (page_size au plus 200).',
    'open311.error.jurisdiction_forbidden':
      'Cette clé appartient à un autre organisme : jurisdiction_id doit être son code ({code}), ou être omis.',
    'open311.error.service_code_missing':
      'service_code est obligatoire : le code de l’un des services de l’organisme.',
    'open311.error.email_missing':
      'email est obligatoire, une adresse valide : la personne confirme la demande depuis un lien envoyé à cette adresse.',
    'open311.error.names_missing':
      'first_name et last_name sont obligatoires : la personne pour qui la demande est déposée.',
    'open311.error.name_too_long': 'first_name et last_name doivent faire chacun au plus 100 caractères.',
    'open311.error.description':
      'description est obligatoire : la demande dans les mots de la personne, de 10 à 10 000 caractères.',
    'open311.error.attribute': 'attribute[{code}] : {message}',
    'open311.error.too_long': '{name} doit faire au plus {max} caractères.',
    'open311.error.token_unknown': 'Aucune demande n’a ce token.',
    'open311.service_notice':
      'Rien n’est encore déposé : {institution} reçoit la demande quand la personne la confirme depuis le lien reçu par e-mail, sous 7 jours. D’ici là, le token n’a pas de service_request_id.',
    'open311.service.description': '{kind}. Réponse due sous {days} jours.',
    'open311.datatype.text': 'Texte d’au plus {max} caractères',
    'open311.datatype.text_free': 'Texte',
    'open311.datatype.number': 'Un nombre entier de {min} à {max}',
    'open311.datatype.number_min': 'Un nombre à partir de {min}',
    'open311.datatype.number_free': 'Un nombre',
    'open311.datatype.date': 'Une date (AAAA-MM-JJ)',
    'open311.datatype.select': 'L’une des valeurs proposées',
    'open311.kind.document_request': 'Demande de document',
    'open311.kind.complaint': 'Réclamation',
    'open311.kind.grievance': 'Plainte (Médiateur)',
    'open311.kind.observation': 'Observation ou suggestion',
    'open311.kind.information_request': 'Demande d’information',
    'open311.state.submitted': 'Reçue',
    'open311.state.acknowledged': 'Accusé de réception',
    'open311.state.in_progress': 'En traitement',
    'open311.state.awaiting_citizen': 'En attente du demandeur',
    'open311.state.reply_pending_approval': 'Réponse en validation',
    'open311.state.answered': 'Répondue',
    'open311.state.ready': 'Document prêt',
    'open311.state.closed': 'Clôturée',
    'open311.state.rejected': 'Irrecevable',
    'open311.state.referred': 'Orientée vers l’organisme compétent',
    'open311.state.withdrawn': 'Retirée',
    'open311.state.reopened': 'Rouverte',
  },
  ar: {
    'open311.contact': 'للاستفسار عن هذه الواجهة: راسلوا الجهة المعنية عبر {url}',
    'open311.key_service':
      'تسلم مفاتيح إيداع الطلبات (النطاق cases:file) من طرف مسؤول إدارة كل جهة على المنصة؛ ويؤكد الشخص المذكور في الطلب طلبه من رابط يصله بالبريد الإلكتروني. القراءة لا تحتاج إلى مفتاح.',
    'open311.error.jurisdiction_missing': 'المعرف jurisdiction_id إلزامي: رمز الجهة (مثلا AML).',
    'open311.error.jurisdiction_unknown': 'لا توجد جهة بهذا المعرف jurisdiction_id.',
    'open311.error.service_unknown': 'لا تقدم هذه الجهة أي خدمة بهذا الرمز service_code.',
    'open311.error.request_unknown': 'لا يوجد لدى هذه الجهة أي طلب بهذا الرقم service_request_id.',
    'open311.error.bad_date':
      'يجب أن يكون start_date و end_date تاريخين بصيغة ISO 8601 (مثلا 2026-12-01 أو 2026-12-01T08:00:00Z).',
    'open311.error.bad_status': 'يجب أن تكون قيمة status هي open أو closed (أو كلاهما مفصولين بفاصلة).',
    'open311.error.bad_page':
      'يجب أن يكون page و page_size عددين صحيحين ابتداء من 1 (page_size على الأكثر 200).',
    'open311.error.jurisdiction_forbidden':
      'هذا المفتاح تابع لجهة أخرى: يجب أن يكون jurisdiction_id رمزها ({code})، أو أن يترك فارغا.',
    'open311.error.service_code_missing': 'الرمز service_code إلزامي: رمز إحدى خدمات الجهة.',
    'open311.error.email_missing':
      'الحقل email إلزامي، بعنوان صالح: يؤكد الشخص الطلب من رابط يرسل إلى هذا العنوان.',
    'open311.error.names_missing': 'الحقلان first_name و last_name إلزاميان: الشخص الذي يودع الطلب باسمه.',
    'open311.error.name_too_long': 'يجب ألا يتجاوز كل من first_name و last_name مائة حرف.',
    'open311.error.description': 'الحقل description إلزامي: الطلب بكلمات صاحبه، من 10 إلى 10000 حرف.',
    'open311.error.attribute': 'attribute[{code}]: {message}',
    'open311.error.too_long': 'يجب ألا يتجاوز {name} عدد {max} من الأحرف.',
    'open311.error.token_unknown': 'لا يوجد أي طلب بهذا الرمز token.',
    'open311.service_notice':
      'لم يودع أي شيء بعد: تتوصل {institution} بالطلب حين يؤكده الشخص من الرابط المرسل إليه بالبريد الإلكتروني، داخل أجل 7 أيام. وإلى ذلك الحين لا يحمل الرمز token أي service_request_id.',
    'open311.service.description': '{kind}. أجل الجواب (بالأيام): {days}.',
    'open311.datatype.text': 'نص (الحد الأقصى لعدد الأحرف: {max})',
    'open311.datatype.text_free': 'نص',
    'open311.datatype.number': 'عدد صحيح من {min} إلى {max}',
    'open311.datatype.number_min': 'عدد ابتداء من {min}',
    'open311.datatype.number_free': 'عدد',
    'open311.datatype.date': 'تاريخ (YYYY-MM-DD)',
    'open311.datatype.select': 'إحدى القيم المقترحة',
    'open311.kind.document_request': 'طلب وثيقة',
    'open311.kind.complaint': 'شكاية',
    'open311.kind.grievance': 'تظلم (وسيط المملكة)',
    'open311.kind.observation': 'ملاحظة أو اقتراح',
    'open311.kind.information_request': 'طلب معلومات',
    'open311.state.submitted': 'تم الاستلام',
    'open311.state.acknowledged': 'تم الإشعار بالتوصل',
    'open311.state.in_progress': 'قيد المعالجة',
    'open311.state.awaiting_citizen': 'في انتظار رد صاحب الطلب',
    'open311.state.reply_pending_approval': 'الجواب قيد المصادقة',
    'open311.state.answered': 'تم الجواب',
    'open311.state.ready': 'الوثيقة جاهزة',
    'open311.state.closed': 'مغلق',
    'open311.state.rejected': 'غير مقبول',
    'open311.state.referred': 'أحيل على الجهة المختصة',
    'open311.state.withdrawn': 'مسحوب',
    'open311.state.reopened': 'أعيد فتحه',
  },
});

export type Open311Key = keyof (typeof open311Messages)['en'];

/** A message of this interface in a language, with its `{placeholders}` filled. */
export function say(lang: Lang, key: Open311Key, params: Record<string, string | number> = {}): string {
  const text: string = open311Messages[lang][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
