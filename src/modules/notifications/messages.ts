import { defineMessages } from '../../i18n/define.js';

/**
 * Default wording of every notification (an institution admin may replace any of them for one channel and
 * language), and the module's error messages. `subject` and `body` serve e-mail and letters; `short` serves
 * SMS, WhatsApp and the script of a call task.
 */
export const notificationMessages = defineMessages({
  en: {
    'notify.receipt.subject': 'Your request {tracking} has been received',
    'notify.receipt.body':
      'Hello {name},\n\n{institution} has received your request "{subject}".\n\nTracking number: {tracking}\nSecret code: {code} (keep it: with the number, it lets you follow the case without an account)\nAnswer due by: {due}\n\nFollow it at {url}',
    'notify.receipt.short':
      '{institution}: request {tracking} received. Secret code {code}. Answer due by {due}. {url}',
    'notify.receipt_desk.subject': 'A request was registered in your name: {tracking}',
    'notify.receipt_desk.body':
      'Hello {name},\n\n{institution} has registered a request in your name: "{subject}".\n\nTracking number: {tracking}\nSecret code: {code} (keep it: with the number, it lets you follow the case without an account)\nAnswer due by: {due}\n\nFollow it at {url}\n\nIf you did not ask for this request, say so at {url} or to {institution}.',
    'notify.receipt_desk.short':
      '{institution} registered request {tracking} in your name. Secret code {code}. Answer due by {due}. Not you? Say so at {url}',
    'notify.message.subject': 'A message about your case {tracking}',
    'notify.message.body':
      'Hello {name},\n\n{institution} wrote to you about your request "{subject}":\n\n{reason}\n\nRead and answer at {url}',
    'notify.message.short': '{institution}, case {tracking}: {reason} {url}',
    'notify.info_requested.subject': 'Your case {tracking}: information needed',
    'notify.info_requested.body':
      'Hello {name},\n\nTo go on with your request "{subject}", {institution} needs the following from you:\n\n{reason}\n\nThe deadline is paused until you answer. Answer at {url}',
    'notify.info_requested.short':
      '{institution}, case {tracking}: we need information from you: {reason} {url}',
    'notify.reply_sent.subject': 'Answer to your request {tracking}',
    'notify.reply_sent.body':
      'Hello {name},\n\n{institution} has answered your request "{subject}":\n\n{reply}\n\nThe full answer and the case are at {url}',
    'notify.reply_sent.letter': 'The reply as the body’s letter (PDF), to keep or print: {url}',
    'notify.reply_sent.short': '{institution} has answered your request {tracking}: {reply} {url}',
    'notify.ready.subject': 'Your document {tracking} is ready',
    'notify.ready.body':
      'Hello {name},\n\nThe document you asked for ("{subject}") is ready at {institution}.\n\nDetails at {url}',
    'notify.ready.short': '{institution}: your document {tracking} is ready. {url}',
    'notify.closed.subject': 'Your case {tracking} is closed',
    'notify.closed.body':
      'Hello {name},\n\n{institution} has closed your case "{subject}".\n\n{reason}\n\nDetails at {url}',
    'notify.closed.short': '{institution}: case {tracking} closed. {url}',
    'notify.rejected.subject': 'Your request {tracking} cannot be accepted',
    'notify.rejected.body':
      'Hello {name},\n\n{institution} cannot accept your request "{subject}", for this reason:\n\n{reason}\n\nYou may ask for it to be reopened within 30 days at {url}',
    'notify.rejected.short': '{institution}: request {tracking} not accepted: {reason} {url}',
    'notify.referred.subject': 'Your request {tracking} is for another body',
    'notify.referred.body':
      'Hello {name},\n\n{institution} is not the body competent for your request "{subject}". Here is where to turn:\n\n{reason}\n\nDetails at {url}',
    'notify.referred.short': '{institution}: request {tracking} is for another body: {reason} {url}',
    'notify.appointment.subject': 'Your appointment for case {tracking}',
    'notify.appointment.body':
      'Hello {name},\n\nYour appointment at {institution} for "{subject}" is on {when}, at {place}.\n\nDetails at {url}',
    'notify.appointment.short': '{institution}: appointment for {tracking} on {when}, {place}. {url}',
    'notify.deadline_passed.subject': 'Your case {tracking} is late',
    'notify.deadline_passed.body':
      'Hello {name},\n\nThe answer to your request "{subject}" was due by {due} and is late. {institution} has been reminded and is still working on it.\n\nFollow it at {url}',
    'notify.deadline_passed.short':
      '{institution}: the answer to {tracking} was due by {due}; the case is still being handled. {url}',
    'notify.case_moved.subject': 'Your file {tracking} has moved',
    'notify.case_moved.body':
      'Hello {name},\n\nYour request "{subject}" has moved today:\n\n{moves}\n\nIt is now with {holder}. See every step at {url}',
    'notify.case_moved.short': 'Your file {tracking} is now with {holder}. {url}',
    'notify.case_moved.reason.competent_body': 'sent to the competent body',
    'notify.case_moved.reason.competent_department': 'passed to the competent department',
    'notify.case_moved.reason.specialised_service': 'passed to the service that handles this kind of request',
    'notify.case_moved.reason.closer_office': 'passed to the office closest to your file',
    'notify.case_moved.reason.records_held': 'passed to the office that holds your records',
    'notify.assigned.subject': 'Case {tracking} is assigned to you',
    'notify.assigned.body':
      'Hello {name},\n\nCase {tracking} ("{subject}") is now yours. Its answer is due by {due}.\n\n{url}',
    'notify.assigned.short': 'Case {tracking} is assigned to you, due by {due}. {url}',
    'notify.instruction.subject': 'An instruction on case {tracking}',
    'notify.instruction.body':
      'Hello {name},\n\nAn instruction was given on case {tracking} ("{subject}"), due by {due}:\n\n{reason}\n\n{url}',
    'notify.instruction.short': 'Instruction on {tracking}: {reason} {url}',
    'notify.follow_up.subject': 'A low rating on case {tracking}: please follow up',
    'notify.follow_up.body':
      'Hello {name},\n\nThe person who filed case {tracking} ("{subject}") was not satisfied with its handling:\n\n{reason}\n\nA follow-up task is open for the supervisors of {institution}.\n\n{url}',
    'notify.follow_up.short': 'Low rating on {tracking}: {reason} {url}',
    'notify.returned.subject': 'Your draft answer for {tracking} was returned',
    'notify.returned.body':
      'Hello {name},\n\nYour draft answer for case {tracking} ("{subject}") was returned:\n\n{reason}\n\n{url}',
    'notify.returned.short': 'Draft for {tracking} returned: {reason} {url}',
    'notify.overdue.subject': 'Case {tracking} is overdue',
    'notify.overdue.body':
      'Hello {name},\n\nCase {tracking} ("{subject}") was due by {due} and has no answer yet.\n\n{url}',
    'notify.overdue.short': 'Case {tracking} is overdue (due {due}). {url}',
    'notify.email.follow': 'Follow your case',
    'notify.secret_sent': '[secret code sent]',
    'notify.email.open': 'Open the case',
    'letter.opening': 'Dear Sir or Madam,',
    'letter.closing': 'Yours faithfully,',
    'letter.signedFor': 'For {institution}',
    'letter.kingdom': 'Kingdom of Morocco',
    'letter.reference': 'Reference',
    'letter.date': 'Date',
    'letter.subject': 'Subject',
    'letter.follow': 'Follow your case online by scanning this code or at:',
    'letter.page': 'Page {page} of {pages}',
    'letter.cover.title': 'Letters to post, {day}',
    'letter.cover.count_one': '{count} letter',
    'letter.cover.count_other': '{count} letters',
    'letter.cover.columns': 'No.|Reference|Recipient|Country|Pages',
    'error.template.unknown_placeholder':
      'This text uses {placeholders}, which this message cannot fill. You can use: {allowed}.',
    'error.template.subject_not_used': 'Only e-mails and letters have a subject.',
    'error.template.channel_not_used': 'This message is not sent on this channel.',
    'error.notification.not_retryable': 'Only messages that failed can be sent again.',
    'error.preferences.phone_required':
      'Add a phone number to your profile before choosing SMS, WhatsApp or a phone call.',
    'error.preferences.address_required': 'Add your postal address to your profile before choosing post.',
    'error.preferences.channel_not_for_staff': 'Staff receive messages by e-mail, SMS or WhatsApp only.',
    'error.time_zone_unknown': 'This time zone is not known. Use a name such as Europe/Paris.',
    'error.call.call_back_time_required': 'Give the time to call back, in the future.',
    'error.call.task_closed': 'This call task is already done.',
    'error.intake.not_open': 'This message has already been handled.',
    'error.intake.requester_required':
      'This number belongs to no account: choose the citizen the case is for.',
    'error.requester_invalid': 'This person is not a citizen with an account.',
    'error.letter.already_posted': 'This letter is already marked as posted.',
    'error.letter.nothing_to_batch': 'No letter is waiting to be printed.',
    'error.webhook.signature': 'The signature of this message is missing or wrong.',
    'error.webhook.verify_token': 'The verification token is wrong.',
  },
  fr: {
    'notify.receipt.subject': 'Votre demande {tracking} a bien été reçue',
    'notify.receipt.body':
      'Bonjour {name},\n\n{institution|Le} a bien reçu votre demande « {subject} ».\n\nNuméro de suivi : {tracking}\nCode secret : {code} (gardez-le : avec le numéro, il permet de suivre le dossier sans compte)\nRéponse attendue au plus tard le : {due}\n\nSuivez-la sur {url}',
    'notify.receipt.short':
      '{institution} : demande {tracking} reçue. Code secret {code}. Réponse au plus tard le {due}. {url}',
    'notify.receipt_desk.subject': 'Une demande a été enregistrée à votre nom : {tracking}',
    'notify.receipt_desk.body':
      'Bonjour {name},\n\n{institution|Le} a enregistré une demande à votre nom : « {subject} ».\n\nNuméro de suivi : {tracking}\nCode secret : {code} (gardez-le : avec le numéro, il permet de suivre le dossier sans compte)\nRéponse attendue au plus tard le : {due}\n\nSuivez-la sur {url}\n\nSi vous n’avez pas fait cette demande, signalez-le sur {url} ou auprès {institution|de}.',
    'notify.receipt_desk.short':
      '{institution} a enregistré la demande {tracking} à votre nom. Code secret {code}. Réponse au plus tard le {due}. Pas vous ? Signalez-le sur {url}',
    'notify.message.subject': 'Un message au sujet de votre dossier {tracking}',
    'notify.message.body':
      'Bonjour {name},\n\n{institution|Le} vous a écrit au sujet de votre demande « {subject} » :\n\n{reason}\n\nLire et répondre : {url}',
    'notify.message.short': '{institution}, dossier {tracking} : {reason} {url}',
    'notify.info_requested.subject': 'Votre dossier {tracking} : des informations sont nécessaires',
    'notify.info_requested.body':
      'Bonjour {name},\n\nPour poursuivre votre demande « {subject} », {institution|le} a besoin de ceci de votre part :\n\n{reason}\n\nLe délai est suspendu jusqu’à votre réponse. Répondez sur {url}',
    'notify.info_requested.short':
      '{institution}, dossier {tracking} : nous avons besoin d’informations : {reason} {url}',
    'notify.reply_sent.subject': 'Réponse à votre demande {tracking}',
    'notify.reply_sent.body':
      'Bonjour {name},\n\n{institution|Le} a répondu à votre demande « {subject} » :\n\n{reply}\n\nLa réponse complète et le dossier sont sur {url}',
    'notify.reply_sent.letter':
      'La réponse sous forme de lettre de l’organisme (PDF), à garder ou imprimer : {url}',
    'notify.reply_sent.short': '{institution|Le} a répondu à votre demande {tracking} : {reply} {url}',
    'notify.ready.subject': 'Votre document {tracking} est prêt',
    'notify.ready.body':
      'Bonjour {name},\n\nLe document demandé (« {subject} ») est prêt auprès {institution|de}.\n\nDétails sur {url}',
    'notify.ready.short': '{institution} : votre document {tracking} est prêt. {url}',
    'notify.closed.subject': 'Votre dossier {tracking} est clos',
    'notify.closed.body':
      'Bonjour {name},\n\n{institution|Le} a clos votre dossier « {subject} ».\n\n{reason}\n\nDétails sur {url}',
    'notify.closed.short': '{institution} : dossier {tracking} clos. {url}',
    'notify.rejected.subject': 'Votre demande {tracking} ne peut pas être acceptée',
    'notify.rejected.body':
      'Bonjour {name},\n\n{institution|Le} ne peut pas accepter votre demande « {subject} », pour ce motif :\n\n{reason}\n\nVous pouvez demander sa réouverture dans les 30 jours sur {url}',
    'notify.rejected.short': '{institution} : demande {tracking} non acceptée : {reason} {url}',
    'notify.referred.subject': 'Votre demande {tracking} relève d’un autre organisme',
    'notify.referred.body':
      'Bonjour {name},\n\nVotre demande « {subject} » ne relève pas de la compétence {institution|de}. Voici à qui vous adresser :\n\n{reason}\n\nDétails sur {url}',
    'notify.referred.short':
      '{institution} : la demande {tracking} relève d’un autre organisme : {reason} {url}',
    'notify.appointment.subject': 'Votre rendez-vous pour le dossier {tracking}',
    'notify.appointment.body':
      'Bonjour {name},\n\nVotre rendez-vous auprès {institution|de} pour « {subject} » est fixé au {when}, à l’adresse : {place}.\n\nDétails sur {url}',
    'notify.appointment.short': '{institution} : rendez-vous pour {tracking} le {when}, {place}. {url}',
    'notify.deadline_passed.subject': 'Votre dossier {tracking} est en retard',
    'notify.deadline_passed.body':
      'Bonjour {name},\n\nLa réponse à votre demande « {subject} » était attendue au plus tard le {due} et elle est en retard. Nous avons relancé {institution|le}, qui continue de la traiter.\n\nSuivez-la sur {url}',
    'notify.deadline_passed.short':
      '{institution} : la réponse à {tracking} était attendue le {due} ; le dossier est toujours en cours. {url}',
    'notify.case_moved.subject': 'Votre dossier {tracking} a changé de main',
    'notify.case_moved.body':
      'Bonjour {name},\n\nVotre demande « {subject} » a été transmise aujourd’hui :\n\n{moves}\n\nElle est maintenant entre les mains de : {holder}. Toutes les étapes sur {url}',
    'notify.case_moved.short': 'Votre dossier {tracking} est maintenant chez : {holder}. {url}',
    'notify.case_moved.reason.competent_body': 'transmis à l’organisme compétent',
    'notify.case_moved.reason.competent_department': 'transmis au service compétent',
    'notify.case_moved.reason.specialised_service': 'transmis au service qui traite ce type de demande',
    'notify.case_moved.reason.closer_office': 'transmis au bureau le plus proche de votre dossier',
    'notify.case_moved.reason.records_held': 'transmis au bureau qui détient vos registres',
    'notify.assigned.subject': 'Le dossier {tracking} vous est attribué',
    'notify.assigned.body':
      'Bonjour {name},\n\nLe dossier {tracking} (« {subject} ») vous est désormais attribué. Sa réponse est attendue au plus tard le {due}.\n\n{url}',
    'notify.assigned.short': 'Le dossier {tracking} vous est attribué, échéance le {due}. {url}',
    'notify.instruction.subject': 'Une instruction sur le dossier {tracking}',
    'notify.instruction.body':
      'Bonjour {name},\n\nUne instruction a été donnée sur le dossier {tracking} (« {subject} »), à traiter avant le {due} :\n\n{reason}\n\n{url}',
    'notify.instruction.short': 'Instruction sur {tracking} : {reason} {url}',
    'notify.follow_up.subject': 'Une note basse sur le dossier {tracking} : suivi à faire',
    'notify.follow_up.body':
      'Bonjour {name},\n\nLa personne qui a déposé le dossier {tracking} (« {subject} ») n’est pas satisfaite de son traitement :\n\n{reason}\n\nUne tâche de suivi est ouverte pour les superviseurs de {institution}.\n\n{url}',
    'notify.follow_up.short': 'Note basse sur {tracking} : {reason} {url}',
    'notify.returned.subject': 'Votre projet de réponse pour {tracking} vous est retourné',
    'notify.returned.body':
      'Bonjour {name},\n\nVotre projet de réponse pour le dossier {tracking} (« {subject} ») vous est retourné :\n\n{reason}\n\n{url}',
    'notify.returned.short': 'Projet de réponse pour {tracking} retourné : {reason} {url}',
    'notify.overdue.subject': 'Le dossier {tracking} est en retard',
    'notify.overdue.body':
      'Bonjour {name},\n\nLe dossier {tracking} (« {subject} ») devait être traité au plus tard le {due} et n’a pas encore de réponse.\n\n{url}',
    'notify.overdue.short': 'Le dossier {tracking} est en retard (échéance le {due}). {url}',
    'notify.email.follow': 'Suivre votre dossier',
    'notify.secret_sent': '[code secret envoyé]',
    'notify.email.open': 'Ouvrir le dossier',
    'letter.opening': 'Madame, Monsieur,',
    'letter.closing':
      'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
    'letter.signedFor': 'Pour {institution|le}',
    'letter.kingdom': 'Royaume du Maroc',
    'letter.reference': 'Référence',
    'letter.date': 'Date',
    'letter.subject': 'Objet',
    'letter.follow': 'Suivez votre dossier en ligne en scannant ce code ou sur :',
    'letter.page': 'Page {page} sur {pages}',
    'letter.cover.title': 'Courriers à poster, {day}',
    'letter.cover.count_one': '{count} courrier',
    'letter.cover.count_many': '{count} de courriers',
    'letter.cover.count_other': '{count} courriers',
    'letter.cover.columns': 'N°|Référence|Destinataire|Pays|Pages',
    'error.template.unknown_placeholder':
      'Ce texte utilise {placeholders}, que ce message ne sait pas remplir. Vous pouvez utiliser : {allowed}.',
    'error.template.subject_not_used': 'Seuls les e-mails et les courriers ont un objet.',
    'error.template.channel_not_used': 'Ce message n’est pas envoyé par ce canal.',
    'error.notification.not_retryable': 'Seuls les messages en échec peuvent être renvoyés.',
    'error.preferences.phone_required':
      'Ajoutez un numéro de téléphone à votre profil avant de choisir le SMS, WhatsApp ou un appel.',
    'error.preferences.address_required':
      'Ajoutez votre adresse postale à votre profil avant de choisir le courrier.',
    'error.preferences.channel_not_for_staff':
      'Le personnel reçoit les messages par e-mail, SMS ou WhatsApp seulement.',
    'error.time_zone_unknown': 'Ce fuseau horaire est inconnu. Utilisez un nom tel que Europe/Paris.',
    'error.call.call_back_time_required': 'Indiquez l’heure du rappel, dans le futur.',
    'error.call.task_closed': 'Cet appel a déjà été traité.',
    'error.intake.not_open': 'Ce message a déjà été traité.',
    'error.intake.requester_required':
      'Ce numéro n’appartient à aucun compte : choisissez le citoyen concerné par le dossier.',
    'error.requester_invalid': 'Cette personne n’est pas un citoyen disposant d’un compte.',
    'error.letter.already_posted': 'Ce courrier est déjà marqué comme posté.',
    'error.letter.nothing_to_batch': 'Aucun courrier n’attend d’être imprimé.',
    'error.webhook.signature': 'La signature de ce message manque ou est incorrecte.',
    'error.webhook.verify_token': 'Le jeton de vérification est incorrect.',
  },
  ar: {
    'notify.receipt.subject': 'تم استلام طلبك {tracking}',
    'notify.receipt.body':
      'مرحبا {name}،\n\nتوصلت {institution} بطلبك «{subject}».\n\nرقم التتبع: {tracking}\nالرمز السري: {code} (احتفظ به: مع رقم التتبع يمكنك من تتبع الملف دون حساب)\nأجل الجواب: {due}\n\nتابع طلبك على {url}',
    'notify.receipt.short':
      '{institution}: تم استلام الطلب {tracking}. الرمز السري {code}. أجل الجواب {due}. {url}',
    'notify.receipt_desk.subject': 'سُجّل طلب باسمك: {tracking}',
    'notify.receipt_desk.body':
      'مرحبا {name}،\n\nسجّلت {institution} طلبا باسمك: «{subject}».\n\nرقم التتبع: {tracking}\nالرمز السري: {code} (احتفظ به: مع رقم التتبع يمكنك من تتبع الملف دون حساب)\nأجل الجواب: {due}\n\nتابع طلبك على {url}\n\nإذا لم تقدّم هذا الطلب، أخبرنا بذلك على {url} أو لدى {institution}.',
    'notify.receipt_desk.short':
      'سجّلت {institution} الطلب {tracking} باسمك. الرمز السري {code}. أجل الجواب {due}. لست صاحبه؟ أخبرنا على {url}',
    'notify.message.subject': 'رسالة بخصوص ملفك {tracking}',
    'notify.message.body':
      'مرحباً {name}،\n\nكتبت إليك {institution} بخصوص طلبك «{subject}»:\n\n{reason}\n\nللقراءة والرد: {url}',
    'notify.message.short': '{institution}، الملف {tracking}: {reason} {url}',
    'notify.info_requested.subject': 'ملفك {tracking}: نحتاج إلى معلومات',
    'notify.info_requested.body':
      'مرحبا {name}،\n\nلمواصلة معالجة طلبك «{subject}»، تحتاج {institution} منك إلى ما يلي:\n\n{reason}\n\nيتوقف احتساب الأجل إلى حين جوابك. أجب على {url}',
    'notify.info_requested.short': '{institution}، الملف {tracking}: نحتاج منك إلى معلومات: {reason} {url}',
    'notify.reply_sent.subject': 'جواب على طلبك {tracking}',
    'notify.reply_sent.body':
      'مرحبا {name}،\n\nأجابت {institution} على طلبك «{subject}»:\n\n{reply}\n\nالجواب الكامل والملف على {url}',
    'notify.reply_sent.letter': 'الجواب في شكل رسالة من الإدارة (PDF) للاحتفاظ بها أو طباعتها: {url}',
    'notify.reply_sent.short': 'أجابت {institution} على طلبك {tracking}: {reply} {url}',
    'notify.ready.subject': 'وثيقتك {tracking} جاهزة',
    'notify.ready.body':
      'مرحبا {name}،\n\nالوثيقة التي طلبتها («{subject}») جاهزة لدى {institution}.\n\nالتفاصيل على {url}',
    'notify.ready.short': '{institution}: وثيقتك {tracking} جاهزة. {url}',
    'notify.closed.subject': 'تم إغلاق ملفك {tracking}',
    'notify.closed.body':
      'مرحبا {name}،\n\nأغلقت {institution} ملفك «{subject}».\n\n{reason}\n\nالتفاصيل على {url}',
    'notify.closed.short': '{institution}: تم إغلاق الملف {tracking}. {url}',
    'notify.rejected.subject': 'تعذر قبول طلبك {tracking}',
    'notify.rejected.body':
      'مرحبا {name}،\n\nلا يمكن لـ{institution} قبول طلبك «{subject}»، للسبب التالي:\n\n{reason}\n\nيمكنك طلب إعادة فتحه داخل أجل 30 يوما على {url}',
    'notify.rejected.short': '{institution}: لم يقبل الطلب {tracking}: {reason} {url}',
    'notify.referred.subject': 'طلبك {tracking} من اختصاص جهة أخرى',
    'notify.referred.body':
      'مرحبا {name}،\n\nطلبك «{subject}» ليس من اختصاص {institution}. إليك الجهة التي يجب التوجه إليها:\n\n{reason}\n\nالتفاصيل على {url}',
    'notify.referred.short': '{institution}: الطلب {tracking} من اختصاص جهة أخرى: {reason} {url}',
    'notify.appointment.subject': 'موعدك بخصوص الملف {tracking}',
    'notify.appointment.body':
      'مرحبا {name}،\n\nموعدك لدى {institution} بخصوص «{subject}» يوم {when}، في: {place}.\n\nالتفاصيل على {url}',
    'notify.appointment.short': '{institution}: موعد بخصوص {tracking} يوم {when}، {place}. {url}',
    'notify.deadline_passed.subject': 'تأخر الجواب على ملفك {tracking}',
    'notify.deadline_passed.body':
      'مرحبا {name}،\n\nكان الجواب على طلبك «{subject}» منتظرا في أجل أقصاه {due} وقد تأخر. تم تذكير {institution} وما زالت تعالجه.\n\nتابعه على {url}',
    'notify.deadline_passed.short':
      '{institution}: كان الجواب على {tracking} منتظرا يوم {due}؛ الملف ما زال قيد المعالجة. {url}',
    'notify.case_moved.subject': 'انتقل ملفك {tracking}',
    'notify.case_moved.body':
      'مرحبا {name}،\n\nانتقل طلبك «{subject}» اليوم:\n\n{moves}\n\nوهو الآن لدى: {holder}. تابع كل المراحل على {url}',
    'notify.case_moved.short': 'ملفك {tracking} الآن لدى: {holder}. {url}',
    'notify.case_moved.reason.competent_body': 'أحيل إلى الجهة المختصة',
    'notify.case_moved.reason.competent_department': 'أحيل إلى المصلحة المختصة',
    'notify.case_moved.reason.specialised_service': 'أحيل إلى المصلحة التي تعالج هذا النوع من الطلبات',
    'notify.case_moved.reason.closer_office': 'أحيل إلى المكتب الأقرب إلى ملفك',
    'notify.case_moved.reason.records_held': 'أحيل إلى المكتب الذي يحفظ سجلاتك',
    'notify.assigned.subject': 'أسند إليك الملف {tracking}',
    'notify.assigned.body':
      'مرحبا {name}،\n\nأسند إليك الملف {tracking} («{subject}»). أجل الجواب: {due}.\n\n{url}',
    'notify.assigned.short': 'أسند إليك الملف {tracking}، أجل الجواب {due}. {url}',
    'notify.instruction.subject': 'تعليمات بخصوص الملف {tracking}',
    'notify.instruction.body':
      'مرحباً {name}،\n\nصدرت تعليمات بخصوص الملف {tracking} («{subject}»)، وأجله {due}:\n\n{reason}\n\n{url}',
    'notify.instruction.short': 'تعليمات بخصوص {tracking}: {reason} {url}',
    'notify.follow_up.subject': 'تقييم منخفض للملف {tracking}: يلزم تتبع',
    'notify.follow_up.body':
      'مرحباً {name}،\n\nلم يكن صاحب الملف {tracking} («{subject}») راضياً عن معالجته:\n\n{reason}\n\nفُتحت مهمة تتبع لمشرفي {institution}.\n\n{url}',
    'notify.follow_up.short': 'تقييم منخفض للملف {tracking}: {reason} {url}',
    'notify.returned.subject': 'أعيد إليك مشروع الجواب على {tracking}',
    'notify.returned.body':
      'مرحبا {name}،\n\nأعيد إليك مشروع الجواب على الملف {tracking} («{subject}»):\n\n{reason}\n\n{url}',
    'notify.returned.short': 'أعيد مشروع الجواب على {tracking}: {reason} {url}',
    'notify.overdue.subject': 'تجاوز الملف {tracking} أجله',
    'notify.overdue.body':
      'مرحبا {name}،\n\nكان يجب معالجة الملف {tracking} («{subject}») في أجل أقصاه {due} ولم يتم الجواب عليه بعد.\n\n{url}',
    'notify.overdue.short': 'تجاوز الملف {tracking} أجله ({due}). {url}',
    'notify.email.follow': 'تابع ملفك',
    'notify.secret_sent': '[تم إرسال الرمز السري]',
    'notify.email.open': 'افتح الملف',
    'letter.opening': 'سيدتي، سيدي،\nتحية طيبة وبعد،',
    'letter.closing': 'وتفضلوا بقبول فائق عبارات التقدير والاحترام.',
    'letter.signedFor': 'عن {institution}',
    'letter.kingdom': 'المملكة المغربية',
    'letter.reference': 'المرجع',
    'letter.date': 'التاريخ',
    'letter.subject': 'الموضوع',
    'letter.follow': 'تابع ملفك عبر الإنترنت بمسح هذا الرمز أو على:',
    'letter.page': 'الصفحة {page} من {pages}',
    'letter.cover.title': 'الرسائل المراد إرسالها، {day}',
    'letter.cover.count_zero': 'لا توجد أي رسالة',
    'letter.cover.count_one': 'رسالة واحدة',
    'letter.cover.count_two': 'رسالتان',
    'letter.cover.count_few': '{count} رسائل',
    'letter.cover.count_many': '{count} رسالة',
    'letter.cover.count_other': '{count} رسالة',
    'letter.cover.columns': 'رقم|المرجع|المرسل إليه|البلد|الصفحات',
    'error.template.unknown_placeholder':
      'يستعمل هذا النص {placeholders}، ولا يمكن لهذه الرسالة ملؤها. يمكنك استعمال: {allowed}.',
    'error.template.subject_not_used': 'الموضوع خاص بالبريد الإلكتروني والرسائل البريدية فقط.',
    'error.template.channel_not_used': 'لا ترسل هذه الرسالة عبر هذه القناة.',
    'error.notification.not_retryable': 'لا يمكن إعادة إرسال إلا الرسائل التي فشل إرسالها.',
    'error.preferences.phone_required':
      'أضف رقم هاتف إلى ملفك الشخصي قبل اختيار الرسائل القصيرة أو واتساب أو المكالمة الهاتفية.',
    'error.preferences.address_required': 'أضف عنوانك البريدي إلى ملفك الشخصي قبل اختيار البريد.',
    'error.preferences.channel_not_for_staff':
      'يتوصل الموظفون بالرسائل عبر البريد الإلكتروني أو الرسائل القصيرة أو واتساب فقط.',
    'error.time_zone_unknown': 'هذه المنطقة الزمنية غير معروفة. استعمل اسما مثل Europe/Paris.',
    'error.call.call_back_time_required': 'حدد وقت معاودة الاتصال، في المستقبل.',
    'error.call.task_closed': 'تمت معالجة هذه المكالمة من قبل.',
    'error.intake.not_open': 'تمت معالجة هذه الرسالة من قبل.',
    'error.intake.requester_required': 'هذا الرقم غير مرتبط بأي حساب: اختر المواطن المعني بالملف.',
    'error.requester_invalid': 'هذا الشخص ليس مواطنا له حساب.',
    'error.letter.already_posted': 'هذه الرسالة مسجلة من قبل على أنها أرسلت.',
    'error.letter.nothing_to_batch': 'لا توجد أي رسالة في انتظار الطباعة.',
    'error.webhook.signature': 'توقيع هذه الرسالة مفقود أو غير صحيح.',
    'error.webhook.verify_token': 'رمز التحقق غير صحيح.',
  },
});
