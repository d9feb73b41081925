/**
 * The words of the processing register (law 09-08), in Arabic, French and English: the kinds of personal data,
 * the processings with their purpose and legal basis, the retention rules and the recipients. The register
 * itself (processing-register.ts) names, for every column holding personal data, one of each.
 * `{months}` and `{hours}` are filled from the configuration when the register is written, as a counted phrase
 * in the language's plural form (« 60 mois », « 3 أشهر »).
 */
import type { Lang } from '../../i18n/index.js';

export type Text = Record<Lang, string>;

export const dataCategories = {
  identity: {
    en: 'identity: names in both scripts, display name, birth date',
    fr: 'identité : noms dans les deux écritures, nom affiché, date de naissance',
    ar: 'الهوية: الأسماء بالحرفين العربي واللاتيني، الاسم المعروض، تاريخ الازدياد',
  },
  official_id: {
    en: 'national identity card number (CIN)',
    fr: 'numéro de la carte nationale d’identité (CIN)',
    ar: 'رقم البطاقة الوطنية للتعريف',
  },
  contact: {
    en: 'contact: e-mail address, phone number',
    fr: 'coordonnées : adresse électronique, numéro de téléphone',
    ar: 'وسائل الاتصال: البريد الإلكتروني، رقم الهاتف',
  },
  address: { en: 'postal address', fr: 'adresse postale', ar: 'العنوان البريدي' },
  residence: {
    en: 'country of residence, commune of origin, time zone',
    fr: 'pays de résidence, commune d’origine, fuseau horaire',
    ar: 'بلد الإقامة، الجماعة الأصلية، المنطقة الزمنية',
  },
  preferences: {
    en: 'channels chosen to be reached',
    fr: 'canaux choisis pour être joint',
    ar: 'القنوات المختارة للتواصل',
  },
  case_content: {
    en: 'content of a request: subject, description, form fields, mandate, drafts, search terms',
    fr: 'contenu d’une demande : objet, description, champs du formulaire, mandat, brouillons, termes de recherche',
    ar: 'مضمون الطلب: الموضوع، الوصف، خانات الاستمارة، التوكيل، المسودات، كلمات البحث',
  },
  papers: {
    en: 'papers sent: file names and the files themselves (stored by their fingerprint)',
    fr: 'pièces envoyées : noms de fichiers et fichiers eux-mêmes (rangés par leur empreinte)',
    ar: 'الوثائق المرسلة: أسماء الملفات والملفات نفسها (محفوظة ببصمتها)',
  },
  correspondence: {
    en: 'correspondence: messages, notes, reasons, replies, comments, letters, call scripts',
    fr: 'correspondance : messages, notes, motifs, réponses, commentaires, lettres, textes d’appel',
    ar: 'المراسلات: الرسائل، الملاحظات، التعليلات، الأجوبة، التعليقات، الرسائل البريدية، نصوص المكالمات',
  },
  visit: {
    en: 'visits and appointments: purpose, notes, times',
    fr: 'visites et rendez-vous : objet, notes, horaires',
    ar: 'الزيارات والمواعيد: الغرض، الملاحظات، الأوقات',
  },
  credentials: {
    en: 'secrets, kept only as hashes or sealed: password, codes, second factor',
    fr: 'secrets, gardés seulement hachés ou scellés : mot de passe, codes, second facteur',
    ar: 'الأسرار، محفوظة مجزأة أو مختومة فقط: كلمة المرور، الرموز، عامل التحقق الثاني',
  },
  connection: {
    en: 'connection data: sign-in times and tokens, network address counted by the limits',
    fr: 'données de connexion : heures et jetons de connexion, adresse réseau comptée par les limites',
    ar: 'بيانات الاتصال: أوقات الدخول ورموزه، عنوان الشبكة المحسوب في حدود المحاولات',
  },
  professional: {
    en: 'staff: role, department, title, duty turns',
    fr: 'agents : rôle, service, fonction, tours de permanence',
    ar: 'الموظفون: الدور، المصلحة، الصفة، نوبات الديمومة',
  },
  link: {
    en: 'link to the person’s account (an identifier)',
    fr: 'lien vers le compte de la personne (un identifiant)',
    ar: 'رابط بحساب الشخص (معرّف)',
  },
} satisfies Record<string, Text>;

export const processings = {
  accounts: {
    name: { en: 'Accounts', fr: 'Comptes', ar: 'الحسابات' },
    purpose: {
      en: 'Identify citizens and staff, let them sign in, and reach citizens about their requests.',
      fr: 'Identifier les citoyens et les agents, leur permettre de se connecter, et joindre les citoyens au sujet de leurs demandes.',
      ar: 'التعرف على المواطنين والموظفين، وتمكينهم من الدخول، والتواصل مع المواطنين بشأن طلباتهم.',
    },
    legalBasis: {
      en: 'The citizen’s consent when creating the account (law 09-08, art. 4); for staff, the body’s management of its agents.',
      fr: 'Le consentement du citoyen à la création du compte (loi 09-08, art. 4) ; pour les agents, la gestion de son personnel par l’organisme.',
      ar: 'موافقة المواطن عند إنشاء الحساب (القانون 09-08، المادة 4)؛ وبالنسبة للموظفين، تدبير الهيئة لأعوانها.',
    },
  },
  cases: {
    name: { en: 'Requests and complaints', fr: 'Demandes et réclamations', ar: 'الطلبات والشكايات' },
    purpose: {
      en: 'Register, route, process and answer requests, complaints, grievances and document requests; follow deadlines; produce figures.',
      fr: 'Enregistrer, orienter, traiter et répondre aux demandes, réclamations, doléances et demandes de documents ; suivre les délais ; produire des statistiques.',
      ar: 'تسجيل الطلبات والشكايات والتظلمات وطلبات الوثائق وتوجيهها ومعالجتها والرد عليها؛ تتبع الآجال؛ إعداد الإحصاءات.',
    },
    legalBasis: {
      en: 'The body’s public-service mission, at the person’s request (law 09-08, art. 4).',
      fr: 'La mission de service public de l’organisme, à la demande de la personne (loi 09-08, art. 4).',
      ar: 'مهمة المرفق العام للهيئة، بطلب من الشخص (القانون 09-08، المادة 4).',
    },
  },
  messages: {
    name: { en: 'Messages to people', fr: 'Messages aux personnes', ar: 'الرسائل الموجهة للأشخاص' },
    purpose: {
      en: 'Tell people about their cases and appointments by e-mail, SMS, WhatsApp, post or phone call, and receive their WhatsApp messages.',
      fr: 'Informer les personnes de leurs dossiers et rendez-vous par courriel, SMS, WhatsApp, courrier ou appel, et recevoir leurs messages WhatsApp.',
      ar: 'إخبار الأشخاص بملفاتهم ومواعيدهم عبر البريد الإلكتروني أو الرسائل القصيرة أو واتساب أو البريد أو الهاتف، وتلقي رسائلهم عبر واتساب.',
    },
    legalBasis: {
      en: 'The same as the case or appointment concerned; SMS and WhatsApp only on the person’s choice (consent).',
      fr: 'La même que celle du dossier ou du rendez-vous concerné ; SMS et WhatsApp seulement au choix de la personne (consentement).',
      ar: 'نفس أساس الملف أو الموعد المعني؛ والرسائل القصيرة وواتساب باختيار الشخص فقط (الموافقة).',
    },
  },
  desk: {
    name: { en: 'Reception desk', fr: 'Accueil', ar: 'مكتب الاستقبال' },
    purpose: {
      en: 'Keep the desk’s log of visitors, calls and messages, and turn messages without a case into cases.',
      fr: 'Tenir le registre de l’accueil (visiteurs, appels, messages) et transformer les messages sans dossier en dossiers.',
      ar: 'مسك سجل الاستقبال (الزوار والمكالمات والرسائل) وتحويل الرسائل غير المرتبطة بملف إلى ملفات.',
    },
    legalBasis: {
      en: 'The body’s public-service mission: receiving the public (law 09-08, art. 4).',
      fr: 'La mission de service public de l’organisme : l’accueil du public (loi 09-08, art. 4).',
      ar: 'مهمة المرفق العام للهيئة: استقبال العموم (القانون 09-08، المادة 4).',
    },
  },
  appointments: {
    name: { en: 'Appointments', fr: 'Rendez-vous', ar: 'المواعيد' },
    purpose: {
      en: 'Book appointments and open-day places, remind people, call visitors at the desk, and plan staff duty turns.',
      fr: 'Prendre les rendez-vous et les places des journées portes ouvertes, les rappeler, appeler les visiteurs au guichet, et planifier les permanences.',
      ar: 'حجز المواعيد والأماكن في الأيام المفتوحة، والتذكير بها، والمناداة على الزوار في الشباك، وتخطيط نوبات الديمومة.',
    },
    legalBasis: {
      en: 'The person’s request (booking) and the body’s public-service mission (law 09-08, art. 4).',
      fr: 'La demande de la personne (réservation) et la mission de service public de l’organisme (loi 09-08, art. 4).',
      ar: 'طلب الشخص (الحجز) ومهمة المرفق العام للهيئة (القانون 09-08، المادة 4).',
    },
  },
  security: {
    name: { en: 'Security and access log', fr: 'Sécurité et journal des accès', ar: 'الأمن وسجل الولوج' },
    purpose: {
      en: 'Keep sessions and one-time codes, limit repeated attempts, and record who did or read what (audit and access log).',
      fr: 'Gérer les sessions et codes à usage unique, limiter les tentatives répétées, et enregistrer qui a fait ou lu quoi (journal d’audit et des accès).',
      ar: 'تدبير الجلسات والرموز المؤقتة، والحد من المحاولات المتكررة، وتسجيل من قام بماذا ومن اطلع على ماذا (سجل التدقيق والولوج).',
    },
    legalBasis: {
      en: 'The controller’s duty to secure the processing and account for every access (law 09-08, art. 23).',
      fr: 'L’obligation du responsable de sécuriser le traitement et de rendre compte de chaque accès (loi 09-08, art. 23).',
      ar: 'واجب المسؤول عن المعالجة في تأمينها وتتبع كل ولوج إليها (القانون 09-08، المادة 23).',
    },
  },
} satisfies Record<string, { name: Text; purpose: Text; legalBasis: Text }>;

export const retentionRules = {
  case_period: {
    en: '{months} after the case is settled (answered, closed, rejected, referred or withdrawn), or the body’s own period for the category; then the retention job removes it.',
    fr: '{months} après le règlement du dossier (répondu, clos, rejeté, orienté ou retiré), ou la durée propre de l’organisme pour la catégorie ; puis la tâche de conservation l’efface.',
    ar: '{months} بعد تسوية الملف (الجواب أو الإغلاق أو الرفض أو التوجيه أو السحب)، أو المدة الخاصة بالهيئة لهذه الفئة؛ ثم تحذفه مهمة الحفظ.',
  },
  kept_for_figures: {
    en: 'Kept after the case’s content is removed: the person still sees their case in their list, and the figures count it.',
    fr: 'Gardé après l’effacement du contenu du dossier : la personne voit encore son dossier dans sa liste, et les statistiques le comptent.',
    ar: 'يُحتفظ به بعد حذف محتوى الملف: يظل الشخص يرى ملفه في لائحته، وتحتسبه الإحصاءات.',
  },
  with_case: {
    en: 'Blanked with its case at the end of the case’s period; rows not linked to a case are kept, with no automatic removal yet.',
    fr: 'Effacé avec son dossier à la fin de la durée du dossier ; les lignes sans dossier sont gardées, sans effacement automatique pour l’instant.',
    ar: 'يُمحى مع ملفه عند انتهاء مدته؛ أما الأسطر غير المرتبطة بملف فيُحتفظ بها، دون حذف تلقائي حالياً.',
  },
  account: {
    en: 'Kept with the account: until the citizen deletes it (the profile is erased, the name and address replaced); for staff, while they work for the body, then disabled and kept for the audit trail.',
    fr: 'Gardé avec le compte : jusqu’à sa suppression par le citoyen (le profil est effacé, le nom et l’adresse remplacés) ; pour les agents, tant qu’ils travaillent pour l’organisme, puis désactivé et gardé pour la traçabilité.',
    ar: 'يُحفظ مع الحساب: إلى أن يحذفه المواطن (يُمحى الملف الشخصي ويُستبدل الاسم والعنوان)؛ وبالنسبة للموظفين، طيلة عملهم بالهيئة، ثم يُعطَّل ويُحتفظ به للتتبع.',
  },
  session: {
    en: '{hours} at most (SESSION_TTL_HOURS); deleted at sign-out; expired rows are not swept yet.',
    fr: '{hours} au plus (SESSION_TTL_HOURS) ; supprimée à la déconnexion ; les lignes expirées ne sont pas encore purgées.',
    ar: '{hours} على الأكثر (SESSION_TTL_HOURS)؛ تُحذف عند الخروج؛ ولا تُنظَّف الأسطر المنتهية بعد.',
  },
  one_time_code: {
    en: 'Valid 30 minutes (7 days for a staff invitation) and 5 tries; the used or expired hash stays with the account.',
    fr: 'Valable 30 minutes (7 jours pour l’invitation d’un agent) et 5 essais ; l’empreinte utilisée ou expirée reste avec le compte.',
    ar: 'صالح لمدة 30 دقيقة (7 أيام لدعوة موظف) و5 محاولات؛ وتبقى البصمة المستعملة أو المنتهية مع الحساب.',
  },
  day: {
    en: '24 hours: papers never filed and form keys are swept after a day.',
    fr: '24 heures : les pièces jamais déposées et les clés de formulaire sont purgées après un jour.',
    ar: '24 ساعة: تُحذف الوثائق التي لم تُودع ومفاتيح الاستمارات بعد يوم.',
  },
  open311_pending: {
    en: '7 days to confirm a request filed by another system; unconfirmed, it is then deleted by the worker; confirmed, the person’s data is emptied here at once (it lives on the case).',
    fr: '7 jours pour confirmer une demande déposée par un autre système ; non confirmée, elle est ensuite supprimée par la tâche de fond ; confirmée, les données de la personne sont aussitôt vidées ici (elles vivent sur le dossier).',
    ar: '7 أيام لتأكيد طلب أودعه نظام آخر؛ إن لم يُؤكَّد تحذفه المهمة الخلفية بعد ذلك؛ وإن أُكِّد تُفرَّغ بيانات الشخص هنا فوراً (فهي محفوظة في الملف).',
  },
  draft: {
    en: 'Until the form is filed or the person deletes the draft or their account.',
    fr: 'Jusqu’au dépôt du formulaire ou à la suppression du brouillon ou du compte par la personne.',
    ar: 'إلى حين إيداع الاستمارة أو حذف الشخص للمسودة أو لحسابه.',
  },
  rate_window: {
    en: 'The counting window of the limit, then swept by the worker.',
    fr: 'La fenêtre de comptage de la limite, puis purgé par la tâche de fond.',
    ar: 'مدة العد الخاصة بالحد، ثم تحذفه المهمة الخلفية.',
  },
  appointments: {
    en: 'Kept; no automatic removal yet (the body decides its period).',
    fr: 'Gardé ; pas encore d’effacement automatique (l’organisme fixe sa durée).',
    ar: 'يُحتفظ به؛ لا حذف تلقائي بعد (تحدد الهيئة المدة).',
  },
  audit: {
    en: 'Kept for the life of the platform, append-only; identifiers, codes and counts only, never names or texts.',
    fr: 'Gardé pendant toute la vie de la plateforme, en ajout seul ; identifiants, codes et nombres seulement, jamais de noms ni de textes.',
    ar: 'يُحتفظ به طيلة عمر المنصة، بالإضافة فقط؛ معرّفات ورموز وأعداد فقط، دون أسماء أو نصوص.',
  },
} satisfies Record<string, Text>;

export const recipients = {
  citizen: {
    en: 'The person themself: their own data, on their pages and in their export.',
    fr: 'La personne elle-même : ses propres données, sur ses pages et dans son export.',
    ar: 'الشخص نفسه: بياناته الخاصة، في صفحاته وفي تصديره لها.',
  },
  staff: {
    en: 'The body’s staff, by role and department (reception, departments, supervisors, administrator).',
    fr: 'Les agents de l’organisme, selon leur rôle et leur service (accueil, services, responsables, administrateur).',
    ar: 'موظفو الهيئة، حسب الدور والمصلحة (الاستقبال، المصالح، المسؤولون، المدير).',
  },
  overseers: {
    en: 'Territorial overseers (province, region, national), read-only, for the bodies of their territory.',
    fr: 'Les contrôleurs territoriaux (province, région, national), en lecture seule, pour les organismes de leur territoire.',
    ar: 'المراقبون الترابيون (الإقليم، الجهة، المستوى الوطني)، للاطلاع فقط، بالنسبة لهيئات مجالهم.',
  },
  auditors: {
    en: 'The body’s auditors, read-only.',
    fr: 'Les auditeurs de l’organisme, en lecture seule.',
    ar: 'مدققو الهيئة، للاطلاع فقط.',
  },
  other_body: {
    en: 'Another body on the platform when the case is sent to it as the competent one.',
    fr: 'Un autre organisme de la plateforme quand le dossier lui est transmis comme compétent.',
    ar: 'هيئة أخرى على المنصة حين يُحال عليها الملف باعتبارها مختصة.',
  },
  email_provider: {
    en: 'The e-mail provider (the SMTP server configured), and the person’s own mailbox provider.',
    fr: 'Le prestataire de courriel (le serveur SMTP configuré), et le fournisseur de la boîte de la personne.',
    ar: 'مزود البريد الإلكتروني (خادم SMTP المُعد)، ومزود صندوق بريد الشخص.',
  },
  sms_provider: {
    en: 'The SMS provider configured.',
    fr: 'Le prestataire SMS configuré.',
    ar: 'مزود الرسائل القصيرة المُعد.',
  },
  whatsapp_provider: {
    en: 'The WhatsApp provider configured (Meta’s WhatsApp Business Cloud API, or another provider).',
    fr: 'Le prestataire WhatsApp configuré (l’API WhatsApp Business Cloud de Meta, ou un autre prestataire).',
    ar: 'مزود واتساب المُعد (واجهة WhatsApp Business Cloud التابعة لشركة Meta، أو مزود آخر).',
  },
  postal: {
    en: 'The postal service carrying the letters the body prints and posts.',
    fr: 'Le service postal qui achemine les lettres imprimées et postées par l’organisme.',
    ar: 'المصلحة البريدية التي تنقل الرسائل التي تطبعها الهيئة وترسلها.',
  },
  host: {
    en: 'The operator hosting the platform, as processor on the body’s behalf.',
    fr: 'L’opérateur qui héberge la plateforme, en sous-traitant pour le compte de l’organisme.',
    ar: 'الجهة التي تستضيف المنصة، بصفتها معالجاً من الباطن لحساب الهيئة.',
  },
} satisfies Record<string, Text>;

export type DataCategory = keyof typeof dataCategories;
export type ProcessingId = keyof typeof processings;
export type RetentionId = keyof typeof retentionRules;
export type RecipientId = keyof typeof recipients;

/** Who receives the data of each processing. */
export const recipientsOf: Record<ProcessingId, RecipientId[]> = {
  accounts: ['citizen', 'staff', 'email_provider', 'host'],
  cases: ['citizen', 'staff', 'overseers', 'auditors', 'other_body', 'host'],
  messages: ['citizen', 'staff', 'email_provider', 'sms_provider', 'whatsapp_provider', 'postal', 'host'],
  desk: ['staff', 'auditors', 'host'],
  appointments: ['citizen', 'staff', 'email_provider', 'sms_provider', 'whatsapp_provider', 'host'],
  security: ['citizen', 'auditors', 'overseers', 'host'],
};
