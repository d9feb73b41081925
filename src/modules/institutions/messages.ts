import { defineMessages } from '../../i18n/define.js';

/** Messages of the administration of a body: its departments and its staff (errors and the invitation). */
export const institutionMessages = defineMessages({
  en: {
    'error.department.open_cases_one':
      'This department still holds {count} open case. Pass it to another department before closing it.',
    'error.department.open_cases_other':
      'This department still holds {count} open cases. Pass them to another department before closing it.',
    'error.department.closed': 'This department is closed. Reopen it or choose another one.',
    'error.department.code_taken': 'Another department of this institution already uses this code.',
    'error.staff.self_disable': 'You cannot disable your own account.',
    'error.staff.last_admin':
      'This is the last administrator of the institution. Give the role to someone else first.',
    'error.staff.other_bodies':
      'This person also works for another body or oversees a territory: the platform operator must do this.',
    'error.staff.no_totp': 'This person has not set up an authenticator app.',
    'error.staff.invitation_used':
      'This account already has a password. Sign in, or use “Forgot password” to change it.',
    'mail.invite.subject': 'Your Jisr account at {institution}',
    'mail.invite.body':
      'Hello {name},\n\n{institution} has opened a Jisr staff account for you ({role}).\n\nChoose your password within 7 days by opening this link:\n{url}\n\nThen sign in with your e-mail address {email}. If you were not expecting this message, ignore it.',
    'mail.totp_reset.subject': 'Your authenticator app was reset at {institution}',
    'mail.totp_reset.body':
      'Hello {name},\n\nAn administrator of {institution} has removed the authenticator app from your Jisr account and signed you out everywhere. At your next sign-in you will set up an authenticator again.\n\nIf you did not ask for this, tell your institution’s administrator or security officer at once.',
    'role.reception_agent': 'reception agent',
    'role.department_agent': 'department agent',
    'role.supervisor': 'supervisor',
    'role.institution_admin': 'institution administrator',
    'role.auditor': 'auditor',
  },
  fr: {
    'error.department.open_cases_one':
      'Ce service a encore {count} dossier en cours. Transmettez-le à un autre service avant de le fermer.',
    'error.department.open_cases_many':
      'Ce service a encore {count} de dossiers en cours. Transmettez-les à un autre service avant de le fermer.',
    'error.department.open_cases_other':
      'Ce service a encore {count} dossiers en cours. Transmettez-les à un autre service avant de le fermer.',
    'error.department.closed': 'Ce service est fermé. Rouvrez-le ou choisissez-en un autre.',
    'error.department.code_taken': 'Un autre service de l’institution utilise déjà ce code.',
    'error.staff.self_disable': 'Vous ne pouvez pas désactiver votre propre compte.',
    'error.staff.last_admin':
      'C’est le dernier administrateur de l’institution. Donnez d’abord ce rôle à quelqu’un d’autre.',
    'error.staff.other_bodies':
      'Cette personne travaille aussi pour un autre organisme ou supervise un territoire : l’exploitant de la plateforme doit s’en charger.',
    'error.staff.no_totp': 'Cette personne n’a pas configuré d’application d’authentification.',
    'error.staff.invitation_used':
      'Ce compte a déjà un mot de passe. Connectez-vous, ou utilisez « Mot de passe oublié » pour le changer.',
    'mail.invite.subject': 'Votre compte Jisr {institution|à}',
    'mail.invite.body':
      'Bonjour {name},\n\n{institution|Le} vous a ouvert un compte agent sur Jisr ({role}).\n\nChoisissez votre mot de passe dans les 7 jours en ouvrant ce lien :\n{url}\n\nConnectez-vous ensuite avec votre adresse {email}. Si vous n’attendiez pas ce message, ignorez-le.',
    'mail.totp_reset.subject': 'Votre application d’authentification a été réinitialisée ({institution})',
    'mail.totp_reset.body':
      'Bonjour {name},\n\nUn administrateur {institution|de} a retiré l’application d’authentification de votre compte Jisr et vous a déconnecté partout. À votre prochaine connexion, vous configurerez à nouveau une application d’authentification.\n\nSi vous ne l’avez pas demandé, prévenez immédiatement l’administrateur ou le responsable de la sécurité de votre institution.',
    'role.reception_agent': 'agent d’accueil',
    'role.department_agent': 'agent de service',
    'role.supervisor': 'superviseur',
    'role.institution_admin': 'administrateur de l’institution',
    'role.auditor': 'auditeur',
  },
  ar: {
    'error.department.open_cases_zero':
      'لا تزال لدى هذه المصلحة ملفات مفتوحة. أحيلوها إلى مصلحة أخرى قبل إغلاقها.',
    'error.department.open_cases_one':
      'لا يزال لدى هذه المصلحة ملف مفتوح واحد. أحيلوه إلى مصلحة أخرى قبل إغلاقها.',
    'error.department.open_cases_two':
      'لا يزال لدى هذه المصلحة ملفان مفتوحان. أحيلوهما إلى مصلحة أخرى قبل إغلاقها.',
    'error.department.open_cases_few':
      'لا تزال لدى هذه المصلحة {count} ملفات مفتوحة. أحيلوها إلى مصلحة أخرى قبل إغلاقها.',
    'error.department.open_cases_many':
      'لا يزال لدى هذه المصلحة {count} ملفا مفتوحا. أحيلوها إلى مصلحة أخرى قبل إغلاقها.',
    'error.department.open_cases_other':
      'لا يزال لدى هذه المصلحة {count} ملف مفتوح. أحيلوها إلى مصلحة أخرى قبل إغلاقها.',
    'error.department.closed': 'هذه المصلحة مغلقة. أعيدوا فتحها أو اختاروا مصلحة أخرى.',
    'error.department.code_taken': 'تستعمل مصلحة أخرى لهذه المؤسسة هذا الرمز من قبل.',
    'error.staff.self_disable': 'لا يمكنكم تعطيل حسابكم الخاص.',
    'error.staff.last_admin': 'هذا آخر مسير للمؤسسة. أسندوا هذا الدور إلى شخص آخر أولاً.',
    'error.staff.other_bodies':
      'يعمل هذا الشخص أيضاً لدى هيئة أخرى أو يتتبع مجالاً ترابياً: على مشغل المنصة القيام بذلك.',
    'error.staff.no_totp': 'لم يقم هذا الشخص بإعداد تطبيق المصادقة.',
    'error.staff.invitation_used':
      'لهذا الحساب كلمة مرور من قبل. سجلوا الدخول، أو استعملوا «نسيت كلمة المرور» لتغييرها.',
    'mail.invite.subject': 'حسابكم في جسر لدى {institution}',
    'mail.invite.body':
      'مرحباً {name}،\n\nفتحت لكم {institution} حساب موظف في جسر ({role}).\n\nاختاروا كلمة المرور خلال 7 أيام بفتح هذا الرابط:\n{url}\n\nثم سجلوا الدخول بعنوانكم الإلكتروني {email}. إن لم تكونوا تنتظرون هذه الرسالة، فتجاهلوها.',
    'mail.totp_reset.subject': 'أعيد ضبط تطبيق المصادقة الخاص بكم لدى {institution}',
    'mail.totp_reset.body':
      'مرحباً {name}،\n\nأزال أحد مسيري {institution} تطبيق المصادقة من حسابكم في جسر وأنهى جميع جلساتكم. عند تسجيل دخولكم المقبل ستعيدون إعداد تطبيق المصادقة.\n\nإن لم تطلبوا ذلك، فأخبروا فوراً مسير مؤسستكم أو المسؤول عن الأمن.',
    'role.reception_agent': 'عون الاستقبال',
    'role.department_agent': 'عون المصلحة',
    'role.supervisor': 'مشرف',
    'role.institution_admin': 'مسير المؤسسة',
    'role.auditor': 'مدقق',
  },
});
