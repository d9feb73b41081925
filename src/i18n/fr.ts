import type { Translation } from '../shared/plurals.js';
import type { en } from './en.js';

/** Server messages in French: the keys of the English ones, plural messages with French forms (one, many, other). */
export const fr: Translation<typeof en, 'fr'> = {
  'error.bad_request.title': 'La demande n’est pas valide',
  'error.validation.title': 'Certains champs sont à corriger',
  'error.malformed_json': 'Le corps de la demande n’est pas du JSON valide.',
  'error.body_too_large': 'La demande est trop volumineuse. La limite est de {limit}.',
  'error.unsupported_media_type': 'Ce type de contenu n’est pas accepté.',
  'error.not_found': 'Rien n’a été trouvé à cette adresse.',
  'error.unauthenticated': 'Veuillez vous connecter pour continuer.',
  'error.forbidden': 'Vous n’êtes pas autorisé à faire cela.',
  'error.csrf': 'Le jeton de votre session manque ou n’est plus à jour. Rechargez la page et réessayez.',
  'error.api_key.invalid':
    'Cette clé est inconnue, mal recopiée ou révoquée. Envoyez-la ainsi : « Authorization: Bearer <clé> ».',
  'error.api_key.scope':
    'Cette clé ne permet pas cette opération. L’administrateur de l’administration peut créer une clé avec la bonne permission.',
  'error.api_key.revoked': 'Cette clé est déjà révoquée.',
  'error.rate_limited_one': 'Trop de tentatives. Réessayez dans {seconds} seconde.',
  'error.rate_limited_many': 'Trop de tentatives. Réessayez dans {seconds} de secondes.',
  'error.rate_limited_other': 'Trop de tentatives. Réessayez dans {seconds} secondes.',
  'error.internal': 'Une erreur s’est produite de notre côté. Rien n’a été enregistré. Veuillez réessayer.',
  'error.conflict.version':
    'Quelqu’un d’autre a modifié ce dossier pendant que vous y travailliez. Rechargez-le pour voir sa modification ; rien n’a été écrasé.',
  'error.case_not_found': 'Aucun dossier ne correspond à ce numéro de suivi et à ce code.',
  'error.invalid_credentials': 'L’adresse e-mail ou le mot de passe est incorrect.',
  'error.email_taken': 'Un compte existe déjà avec cette adresse e-mail.',
  'error.email_not_verified':
    'Confirmez d’abord votre adresse e-mail : saisissez le code que nous vous avons envoyé.',
  'error.code_invalid': 'Ce code est incorrect ou a expiré. Demandez-en un nouveau.',
  'error.account_disabled': 'Ce compte est désactivé.',
  'error.category_unknown': 'Cette catégorie n’existe pas.',
  'error.institution_unknown': 'Cet organisme n’existe pas.',
  'error.department_unknown': 'Ce service n’appartient pas à l’organisme.',
  'error.territory_unknown': 'Ce lieu ne figure pas dans la liste des communes et provinces du Maroc.',
  'error.assignee_invalid': 'Cette personne ne travaille pas dans l’organisme.',
  'error.transition.action_not_allowed_in_state':
    'Cette action n’est pas possible tant que le dossier est « {state} ».',
  'error.transition.action_not_for_actor': 'Cette action ne vous revient pas sur ce dossier.',
  'error.transition.reason_required': 'Veuillez indiquer un motif.',
  'error.transition.document_requests_only': 'Seules les demandes de documents peuvent être marquées prêtes.',
  'error.transition.reopen_window_passed_one': 'Le délai pour rouvrir ce dossier ({days} jour) est dépassé.',
  'error.transition.reopen_window_passed_many':
    'Le délai pour rouvrir ce dossier ({days} de jours) est dépassé.',
  'error.transition.reopen_window_passed_other':
    'Le délai pour rouvrir ce dossier ({days} jours) est dépassé.',
  'error.file.empty': 'Le fichier est vide.',
  'error.file.too_large': 'Le fichier est trop volumineux. La limite est de {limit}.',
  'error.file.type_not_allowed':
    'Ce type de fichier n’est pas accepté. Envoyez un fichier PDF, JPEG, PNG ou WebP.',
  'error.file.name_unsafe':
    'Le nom du fichier n’est pas acceptable : il ne doit contenir ni dossier, ni « .. », ni caractère invisible.',
  'error.upload.too_many_pending_one':
    'Vous avez {max} pièce en attente d’envoi avec une demande. Envoyez la demande, ou retirez des pièces, avant d’en ajouter.',
  'error.upload.too_many_pending_many':
    'Vous avez {max} de pièces en attente d’envoi avec une demande. Envoyez la demande, ou retirez des pièces, avant d’en ajouter.',
  'error.upload.too_many_pending_other':
    'Vous avez {max} pièces en attente d’envoi avec une demande. Envoyez la demande, ou retirez des pièces, avant d’en ajouter.',
  'error.upload.unknown':
    'Une des pièces n’est plus disponible (retirée, ou gardée trop longtemps). Ajoutez-la de nouveau, puis envoyez.',
  'error.upload.day_files_one':
    'Vous avez atteint la limite de {max} pièce envoyée en 24 heures. Réessayez plus tard : chaque pièce compte pendant 24 heures après son envoi.',
  'error.upload.day_files_many':
    'Vous avez atteint la limite de {max} de pièces envoyées en 24 heures. Réessayez plus tard : chaque pièce compte pendant 24 heures après son envoi.',
  'error.upload.day_files_other':
    'Vous avez atteint la limite de {max} pièces envoyées en 24 heures. Réessayez plus tard : chaque pièce compte pendant 24 heures après son envoi.',
  'error.upload.day_bytes':
    'Cette pièce dépasserait les {limit} que vous pouvez envoyer en 24 heures. Envoyez un fichier plus léger (une numérisation moins fine) ou réessayez plus tard.',
  'error.upload.case_files_one': 'Ce dossier contient déjà {max} pièce, le maximum pour un dossier.',
  'error.upload.case_files_many': 'Ce dossier contient déjà {max} de pièces, le maximum pour un dossier.',
  'error.upload.case_files_other': 'Ce dossier contient déjà {max} pièces, le maximum pour un dossier.',
  'error.upload.case_bytes':
    'Les pièces d’un dossier peuvent peser {limit} au total, et celles-ci dépasseraient cette limite. Envoyez des fichiers plus légers (une numérisation moins fine) ou moins de pièces.',
  'error.upload.pdf_active':
    'Ce PDF contient du contenu actif (un script, une action qui ouvre un autre programme ou un fichier joint), qui n’est pas accepté. Imprimez-le de nouveau en PDF, ou numérisez le papier, et envoyez ce fichier.',
  'error.upload.pdf_unchecked':
    'Ce PDF n’a pas pu être vérifié (il est chiffré ou construit de façon inhabituelle). Imprimez-le de nouveau en PDF, ou numérisez le papier, et envoyez ce fichier.',
  'error.upload.infected':
    'Ce fichier a été refusé : l’antivirus y a trouvé une menace, et il n’a pas été conservé. Vérifiez votre appareil, puis envoyez une copie saine.',
  'error.upload.scan_unavailable':
    'Les pièces ne peuvent pas être vérifiées par l’antivirus pour le moment : aucune ne peut donc être reçue. Rien n’a été conservé ; réessayez dans quelques minutes.',
  'error.attachment.not_audio': 'Seul un message vocal (un fichier audio) peut être transcrit.',
  'error.upload.being_scanned':
    'Cette pièce attend encore d’être vérifiée par l’antivirus et ne peut pas être ouverte avant. Réessayez plus tard : elle s’ouvrira dès que la vérification n’y aura rien trouvé.',
  'upload.held':
    'Pièce reçue. L’antivirus ne peut pas la vérifier pour le moment : elle le sera avant que quiconque l’ouvre, et sera retirée si une menace y est trouvée.',
  'upload.removed_infected':
    'La pièce « {name} » a été retirée : l’antivirus y a trouvé une menace lors de sa vérification. Envoyez une copie saine si elle est toujours nécessaire.',
  'error.reply.none':
    'Ce dossier n’a pas encore de réponse : la lettre sera disponible une fois la réponse validée.',
  'error.desk.person_not_linked':
    'Cette personne n’a encore aucun dossier auprès de votre organisme : retrouvez-la avec deux identifiants qu’elle vous donne (par exemple sa CIN et sa date de naissance), puis enregistrez sa demande.',
  'error.desk.person_twins':
    'Cette personne est peut-être déjà enregistrée : choisissez-la ci-dessous, ou enregistrez-la quand même.',
  'error.requester_unknown': 'Le compte de cette personne est introuvable.',
  'error.requester_not_citizen':
    'Une demande est déposée au nom d’un citoyen : choisissez ou enregistrez la personne, pas un compte d’agent.',
  'error.profile.name_required':
    'Indiquez votre prénom et votre nom (en lettres latines ou arabes) avant d’envoyer : les lettres et messages de l’organisme s’adressent à vous par votre nom.',
  'error.file.missing': 'Aucun fichier n’a été envoyé.',
  'error.file.too_many': 'Envoyez un seul fichier à la fois.',
  'error.file.damaged':
    'Cette pièce ne peut pas être ouverte : sa copie conservée est endommagée ou absente, et elle n’est pas servie dans cet état. Les administrateurs de la plateforme ont été alertés ; si la pièce est nécessaire, demandez qu’elle soit envoyée de nouveau.',
  'error.file.storage_unavailable':
    'Le stockage des pièces est injoignable pour le moment. Rien n’a été perdu : réessayez dans quelques minutes.',
  'error.institution_code_taken': 'Un organisme utilise déjà ce code.',
  'error.rating.not_yet': 'Vous pourrez noter le service une fois la réponse reçue.',
  'error.rating.already': 'Vous avez déjà noté ce dossier.',
  'error.follow_up.not_found': 'Ce suivi n’existe pas dans cet organisme.',
  'error.follow_up.closed': 'Ce suivi a déjà été clos par un autre superviseur.',
  'error.satisfaction.range': 'Le début de la période doit précéder sa fin.',
  'error.case.anonymised':
    'Le contenu de ce dossier a été effacé à la fin de sa durée de conservation : il n’est gardé que pour mémoire et ne peut plus changer.',
  'error.case.content_removed':
    'La réponse à ce dossier a été effacée avec le reste de son contenu à la fin de sa durée de conservation.',
  'error.account.open_cases_one':
    'Votre compte ne peut pas être supprimé tant que {count} dossier est en cours. Retirez-le ou attendez la réponse.',
  'error.account.open_cases_many':
    'Votre compte ne peut pas être supprimé tant que {count} de dossiers sont en cours. Retirez-les ou attendez les réponses.',
  'error.account.open_cases_other':
    'Votre compte ne peut pas être supprimé tant que {count} dossiers sont en cours. Retirez-les ou attendez les réponses.',
  'error.account.password_set':
    'Ce compte a déjà un mot de passe. Utilisez « Mot de passe oublié » pour le changer.',
  'error.totp_required':
    'Saisissez le code à 6 chiffres de votre application d’authentification, ou un code de secours.',
  'error.totp_invalid':
    'Ce code est incorrect ou déjà utilisé. Saisissez le code actuel de votre application.',
  'error.totp_enrolment_invalid':
    'Ce code est incorrect ou a expiré. Saisissez le code qu’affiche maintenant votre application pour terminer sa configuration.',
  'error.headers_too_large':
    'Les en-têtes de la requête sont trop volumineux (cookies trop nombreux ou trop longs ?).',
  'error.request_timeout': 'La requête a mis trop de temps à arriver. Réessayez.',
  'error.bad_url': 'Cette adresse n’est pas valide : vérifiez le lien.',
  'error.url_too_long': 'Cette adresse est trop longue.',
  'error.totp_step_up':
    'Pour remplacer votre application d’authentification, saisissez votre mot de passe et un code actuel de l’application (ou un code de secours).',
  'error.totp_enrolment_required':
    'Configurez d’abord votre second facteur de connexion (application d’authentification).',
  'validation.required': 'Ce champ est obligatoire.',
  'validation.invalid_type': 'Cette valeur n’a pas le bon type.',
  'validation.too_short_one': 'Trop court : au moins {minimum} caractère.',
  'validation.too_short_many': 'Trop court : au moins {minimum} de caractères.',
  'validation.too_short_other': 'Trop court : au moins {minimum} caractères.',
  'validation.too_long_one': 'Trop long : au plus {maximum} caractère.',
  'validation.too_long_many': 'Trop long : au plus {maximum} de caractères.',
  'validation.too_long_other': 'Trop long : au plus {maximum} caractères.',
  'validation.too_small': 'Doit être au moins {minimum}.',
  'validation.too_big': 'Doit être au plus {maximum}.',
  'validation.too_few_items': 'Choisissez-en au moins {minimum}.',
  'validation.email': 'Ce n’est pas une adresse e-mail valide.',
  'validation.phone':
    'Ce n’est pas un numéro de téléphone valide. Écrivez-le au format international, par exemple +33 6 12 34 56 78.',
  'validation.country': 'Ce n’est pas un code de pays connu.',
  'validation.date': 'Ce n’est pas une date valide (AAAA-MM-JJ).',
  'validation.figures_day': 'Choisissez un jour entre 2000 et 2100.',
  'validation.birth_date': 'La date de naissance doit être dans le passé.',
  'validation.legacy_future': 'La date du premier dépôt du dossier papier ne peut pas être dans le futur.',
  'validation.legacy_too_old':
    'La date du premier dépôt du dossier papier ne peut pas être antérieure au {floor}.',
  'validation.unknown_field': 'Ce champ n’est pas attendu : {keys}.',
  'validation.invalid_value': 'Cette valeur ne fait pas partie des choix possibles.',
  'validation.invalid_format': 'Cette valeur n’a pas le format attendu.',
  'validation.number_too_large': 'Ce nombre est trop grand.',
  'validation.too_deep': 'Cette valeur est imbriquée trop profondément.',
  'validation.no_words':
    'Écrivez-le avec des mots : des lettres ou des chiffres, pas seulement des symboles ou des émojis.',
  'validation.unsafe_characters':
    'Ce texte contient des caractères invisibles ou qui changent le sens d’écriture. Retirez-les.',
  'validation.password_weak': 'Le mot de passe doit comporter au moins 10 caractères.',
  'validation.cin':
    'Un numéro de CIN est composé d’une ou deux lettres suivies de chiffres, par exemple AB123456.',
  'validation.field_unknown': 'Ce champ de formulaire n’existe pas pour cette catégorie.',
  'validation.select_option': 'Choisissez l’une des options proposées.',
  'mail.account_exists.subject': 'Votre compte Jisr existe déjà',
  'mail.account_exists.body':
    'Bonjour {name},\n\nQuelqu’un, peut-être vous, a voulu créer un compte Jisr avec cette adresse e-mail, qui en a déjà un. Connectez-vous avec votre mot de passe, ou demandez un code de connexion par e-mail ; si vous l’avez oublié, choisissez « Mot de passe oublié ».\n\nSi ce n’était pas vous, ignorez ce message : rien n’a été changé.',
  'mail.verify.subject': 'Votre code de confirmation Jisr : {code}',
  'mail.verify.body':
    'Bonjour {name},\n\nVotre code de confirmation est {code}. Il est valable 30 minutes.\n\nSi vous n’avez pas créé de compte sur Jisr, ignorez ce message.',
  'mail.reset.subject': 'Réinitialiser votre mot de passe Jisr',
  'mail.reset.body':
    'Bonjour {name},\n\nVotre code de réinitialisation est {code}. Il est valable 30 minutes.\n\nSi vous ne l’avez pas demandé, ignorez ce message : votre mot de passe ne change pas.',
  'mail.receipt.subject': 'Votre demande {tracking} a bien été reçue',
  'mail.receipt.legacy':
    'Enregistré le {today}, déposé une première fois sur papier le {filedOn} sous la référence {reference} : le délai court depuis ce premier dépôt.',
  'mail.receipt.body':
    'Bonjour {name},\n\n{institution|Le} a bien reçu votre demande « {subject} ».\n\nNuméro de suivi : {tracking}\nCode secret : {code} (gardez-le : avec le numéro, il permet de suivre le dossier sans compte)\nRéponse attendue au plus tard le : {due}\n\nSuivez-la sur {url}',
  'mail.deadline_reminder.subject': 'Le dossier {tracking} arrive à échéance le {due}',
  'mail.deadline_reminder.body':
    'Bonjour,\n\nLe dossier {tracking} (« {subject} ») doit recevoir une réponse avant le {due}.\n\nL’ouvrir : {url}',
  'mail.escalation_digest.subject_one': 'Jisr : {count} dossier a dépassé son échéance',
  'mail.escalation_digest.subject_many': 'Jisr : {count} de dossiers ont dépassé leur échéance',
  'mail.escalation_digest.subject_other': 'Jisr : {count} dossiers ont dépassé leur échéance',
  'mail.escalation_digest.body_one':
    'Bonjour,\n\nDepuis votre dernier récapitulatif, {count} dossier que vous suivez a dépassé son échéance sans réponse :\n\n{list}{more}\n\nTous les dossiers en attente depuis trop longtemps : {url}',
  'mail.escalation_digest.body_many':
    'Bonjour,\n\nDepuis votre dernier récapitulatif, ces {count} de dossiers que vous suivez ont dépassé leur échéance sans réponse :\n\n{list}{more}\n\nTous les dossiers en attente depuis trop longtemps : {url}',
  'mail.escalation_digest.body_other':
    'Bonjour,\n\nDepuis votre dernier récapitulatif, ces {count} dossiers que vous suivez ont dépassé leur échéance sans réponse :\n\n{list}{more}\n\nTous les dossiers en attente depuis trop longtemps : {url}',
  'mail.escalation_digest.line': '• {tracking}, {institution}, échéance le {due}',
  'mail.escalation_digest.more_one': '… et {count} autre dossier',
  'mail.escalation_digest.more_many': '… et {count} d’autres dossiers',
  'mail.escalation_digest.more_other': '… et {count} autres dossiers',
  'count.months_one': '{count} mois',
  'count.months_many': '{count} de mois',
  'count.months_other': '{count} mois',
  'count.hours_one': '{count} heure',
  'count.hours_many': '{count} d’heures',
  'count.hours_other': '{count} heures',
};
