/**
 * Headings and sentences of the written processing register, in Arabic, French and English. `{name}` marks
 * what the writer fills in (the same names in every language).
 */
import type { Text } from './register-vocabulary.js';

export const registerWords = {
  title: {
    en: 'Register of the processing of personal data — Jisr',
    fr: 'Registre des traitements de données à caractère personnel — Jisr',
    ar: 'سجل معالجة المعطيات ذات الطابع الشخصي — جسر',
  },
  intro: {
    en: 'Written on {date} from the platform’s code and settings, for the declaration of the processing to the National Commission for the Control of Personal Data Protection (CNDP, law 09-08). The body reviews it, completes what depends on it (its controller, its own recipients) and keeps it up to date.',
    fr: 'Établi le {date} à partir du code et des réglages de la plateforme, pour la déclaration du traitement à la Commission nationale de contrôle de la protection des données à caractère personnel (CNDP, loi 09-08). L’organisme le relit, complète ce qui dépend de lui (son responsable, ses propres destinataires) et le tient à jour.',
    ar: 'أُعدّ بتاريخ {date} انطلاقاً من شيفرة المنصة وإعداداتها، للتصريح بالمعالجة لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي (القانون 09-08). تراجعه الهيئة وتتمم ما يتعلق بها (المسؤول عن المعالجة، المرسل إليهم الخاصين بها) وتحيّنه.',
  },
  fromDatabase: {
    en: 'Retention periods read from the database.',
    fr: 'Durées de conservation lues dans la base de données.',
    ar: 'مدد الحفظ مقروءة من قاعدة البيانات.',
  },
  fromDefaults: {
    en: 'No database was read: the periods shown are the platform’s defaults.',
    fr: 'Aucune base de données n’a été lue : les durées indiquées sont celles de la plateforme par défaut.',
    ar: 'لم تُقرأ أي قاعدة بيانات: المدد المبينة هي المدد الافتراضية للمنصة.',
  },
  controller: { en: '1. Controller', fr: '1. Responsable du traitement', ar: '1. المسؤول عن المعالجة' },
  controllerText: {
    en: 'Each public body is the controller of the cases filed with it and of the data of the people who file them; the operator hosting the platform processes them on its behalf.',
    fr: 'Chaque organisme public est responsable du traitement des dossiers déposés auprès de lui et des données des personnes qui les déposent ; l’opérateur qui héberge la plateforme les traite pour son compte.',
    ar: 'كل هيئة عمومية مسؤولة عن معالجة الملفات المودعة لديها وعن معطيات الأشخاص الذين يودعونها؛ وتعالجها الجهة المستضيفة للمنصة لحسابها.',
  },
  bodies: { en: 'Bodies on the platform:', fr: 'Organismes de la plateforme :', ar: 'الهيئات على المنصة:' },
  processings: {
    en: '2. Processings: purpose, legal basis, recipients',
    fr: '2. Traitements : finalité, base légale, destinataires',
    ar: '2. المعالجات: الغاية، الأساس القانوني، المرسل إليهم',
  },
  /** Before what a label introduces: French puts a space before the colon. */
  colon: { en: ':', fr: ' :', ar: ':' },
  purpose: { en: 'Purpose', fr: 'Finalité', ar: 'الغاية' },
  legalBasis: { en: 'Legal basis', fr: 'Base légale', ar: 'الأساس القانوني' },
  recipients: { en: 'Recipients', fr: 'Destinataires', ar: 'المرسل إليهم' },
  tables: {
    en: '3. Personal data, table by table',
    fr: '3. Données personnelles, table par table',
    ar: '3. المعطيات الشخصية، جدولاً بجدول',
  },
  column: { en: 'Column', fr: 'Colonne', ar: 'العمود' },
  data: { en: 'Data', fr: 'Donnée', ar: 'المعطى' },
  processing: { en: 'Processing', fr: 'Traitement', ar: 'المعالجة' },
  retention: { en: 'Retention', fr: 'Conservation', ar: 'مدة الحفظ' },
  files: {
    en: 'The papers’ files are stored outside the database, in the platform’s files folder, each under its fingerprint (`attachments.sha256`), and removed with the last row that holds them.',
    fr: 'Les fichiers des pièces sont rangés hors de la base, dans le dossier de fichiers de la plateforme, chacun sous son empreinte (`attachments.sha256`), et effacés avec la dernière ligne qui les détient.',
    ar: 'تُحفظ ملفات الوثائق خارج قاعدة البيانات، في مجلد ملفات المنصة، كلٌّ ببصمته (`attachments.sha256`)، وتُحذف مع آخر سطر يحيل عليها.',
  },
  retentionTitle: { en: '4. Retention periods', fr: '4. Durées de conservation', ar: '4. مدد الحفظ' },
  retentionDefault: {
    en: 'Default period for a settled case: **{months}** (`RETENTION_MONTHS`). Every hour the retention job removes the content of the cases past their period: subject, description, form fields, the requester’s names on the case, the words of the timeline (messages, notes, reasons, the reply), the rating’s comment, the papers and their files, and what the case’s sent messages, letters, calls and desk visits said. It keeps the tracking number, body, category, kind, channels, states, dates and durations for the figures, and the link that lets the person see their case in their list; each case removed is recorded in the audit log.',
    fr: 'Durée par défaut pour un dossier réglé : **{months}** (`RETENTION_MONTHS`). Chaque heure, la tâche de conservation efface le contenu des dossiers dont la durée est passée : objet, description, champs du formulaire, noms du demandeur sur le dossier, textes de l’historique (messages, notes, motifs, réponse), commentaire de l’évaluation, pièces et leurs fichiers, et ce que disaient les messages envoyés, lettres, appels et visites à l’accueil du dossier. Elle garde le numéro de suivi, l’organisme, la catégorie, le type, les canaux, les états, les dates et les durées pour les statistiques, et le lien qui permet à la personne de voir son dossier dans sa liste ; chaque effacement est inscrit au journal d’audit.',
    ar: 'المدة الافتراضية للملف المسوّى: **{months}** (`RETENTION_MONTHS`). كل ساعة، تحذف مهمة الحفظ محتوى الملفات التي انقضت مدتها: الموضوع، الوصف، خانات الاستمارة، أسماء صاحب الطلب على الملف، نصوص المسار (الرسائل، الملاحظات، التعليلات، الجواب)، تعليق التقييم، الوثائق وملفاتها، وما تضمنته الرسائل المرسلة والرسائل البريدية والمكالمات وزيارات الاستقبال الخاصة بالملف. وتحتفظ برقم التتبع والهيئة والفئة والنوع والقنوات والحالات والتواريخ والمدد للإحصاءات، وبالرابط الذي يتيح للشخص رؤية ملفه في لائحته؛ ويُسجَّل كل حذف في سجل التدقيق.',
  },
  bodyPeriods: {
    en: 'Periods a body set for a category (every other category uses the default):',
    fr: 'Durées fixées par un organisme pour une catégorie (toute autre catégorie suit la durée par défaut) :',
    ar: 'المدد التي حددتها هيئة لفئة معينة (تخضع باقي الفئات للمدة الافتراضية):',
  },
  noBodyPeriods: {
    en: 'No body set a period of its own: every category uses the default.',
    fr: 'Aucun organisme n’a fixé de durée propre : toutes les catégories suivent la durée par défaut.',
    ar: 'لم تحدد أي هيئة مدة خاصة بها: تخضع كل الفئات للمدة الافتراضية.',
  },
  body: { en: 'Body', fr: 'Organisme', ar: 'الهيئة' },
  category: { en: 'Category', fr: 'Catégorie', ar: 'الفئة' },
  months: { en: 'Months', fr: 'Mois', ar: 'الأشهر' },
  rules: { en: 'Rules', fr: 'Règles', ar: 'القواعد' },
  recipientsTitle: { en: '5. Recipients', fr: '5. Destinataires', ar: '5. المرسل إليهم' },
  transfers: { en: '6. Transfers abroad', fr: '6. Transferts à l’étranger', ar: '6. النقل إلى الخارج' },
  transfersRule: {
    en: 'A provider that processes the data outside Morocco makes a transfer abroad (law 09-08, articles 43 and 44): it needs a country with an adequate level of protection, the CNDP’s authorisation, or the person’s express consent.',
    fr: 'Un prestataire qui traite les données hors du Maroc opère un transfert à l’étranger (loi 09-08, articles 43 et 44) : il faut un pays assurant un niveau de protection suffisant, l’autorisation de la CNDP, ou le consentement exprès de la personne.',
    ar: 'كل مزود يعالج المعطيات خارج المغرب يقوم بنقلها إلى الخارج (القانون 09-08، المادتان 43 و44): ويستلزم ذلك دولة توفر مستوى حماية كافياً، أو إذن اللجنة الوطنية، أو الموافقة الصريحة للشخص.',
  },
  emailLine: {
    en: 'E-mail: the SMTP server `{host}`. The messages reach the person’s own mailbox, often abroad for Moroccans living abroad, at their request.',
    fr: 'Courriel : le serveur SMTP `{host}`. Les messages parviennent à la boîte de la personne, souvent à l’étranger pour les Marocains résidant à l’étranger, à sa demande.',
    ar: 'البريد الإلكتروني: خادم SMTP ‏`{host}`. تصل الرسائل إلى صندوق بريد الشخص، الموجود غالباً بالخارج بالنسبة لمغاربة العالم، بطلب منه.',
  },
  emailNone: {
    en: 'E-mail: no SMTP server configured; no e-mail leaves the platform.',
    fr: 'Courriel : aucun serveur SMTP configuré ; aucun courriel ne quitte la plateforme.',
    ar: 'البريد الإلكتروني: لم يُعد أي خادم SMTP؛ لا تغادر أي رسالة المنصة.',
  },
  smsLine: {
    en: 'SMS: the provider at `{host}`; the body states where it processes the data.',
    fr: 'SMS : le prestataire à l’adresse `{host}` ; l’organisme précise où il traite les données.',
    ar: 'الرسائل القصيرة: المزود على العنوان `{host}`؛ وتبين الهيئة مكان معالجته للمعطيات.',
  },
  smsNone: {
    en: 'SMS: no provider configured; no SMS leaves the platform.',
    fr: 'SMS : aucun prestataire configuré ; aucun SMS ne quitte la plateforme.',
    ar: 'الرسائل القصيرة: لم يُعد أي مزود؛ لا تغادر أي رسالة قصيرة المنصة.',
  },
  whatsappCloud: {
    en: 'WhatsApp: Meta’s WhatsApp Business Cloud API (`{host}`), processed outside Morocco — a transfer abroad, made only for people who chose WhatsApp.',
    fr: 'WhatsApp : l’API WhatsApp Business Cloud de Meta (`{host}`), traitée hors du Maroc — un transfert à l’étranger, fait seulement pour les personnes qui ont choisi WhatsApp.',
    ar: 'واتساب: واجهة WhatsApp Business Cloud التابعة لشركة Meta ‏(`{host}`)، تُعالَج خارج المغرب — نقل إلى الخارج لا يتم إلا للأشخاص الذين اختاروا واتساب.',
  },
  whatsappWebhook: {
    en: 'WhatsApp: the provider at `{host}`, made only for people who chose WhatsApp; the body states where it processes the data.',
    fr: 'WhatsApp : le prestataire à l’adresse `{host}`, seulement pour les personnes qui ont choisi WhatsApp ; l’organisme précise où il traite les données.',
    ar: 'واتساب: المزود على العنوان `{host}`، فقط للأشخاص الذين اختاروا واتساب؛ وتبين الهيئة مكان معالجته للمعطيات.',
  },
  whatsappNone: {
    en: 'WhatsApp: no provider configured; no WhatsApp message leaves the platform.',
    fr: 'WhatsApp : aucun prestataire configuré ; aucun message WhatsApp ne quitte la plateforme.',
    ar: 'واتساب: لم يُعد أي مزود؛ لا تغادر أي رسالة واتساب المنصة.',
  },
  security: {
    en: '7. Security measures',
    fr: '7. Mesures de sécurité',
    ar: '7. تدابير الأمن',
  },
} satisfies Record<string, Text>;

/** The measures that protect the data (docs/security.md tells how each is tested). */
export const securityMeasures: Text[] = [
  {
    en: 'Access by role, body, department and territory, checked on every request; a case one may not read answers as if it did not exist.',
    fr: 'Accès selon le rôle, l’organisme, le service et le territoire, vérifié à chaque requête ; un dossier non autorisé répond comme s’il n’existait pas.',
    ar: 'الولوج حسب الدور والهيئة والمصلحة والمجال الترابي، مع التحقق عند كل طلب؛ والملف غير المسموح به يظهر كأنه غير موجود.',
  },
  {
    en: 'Every staff read of a person’s data is recorded with the reader’s role and purpose; the person sees who read their file.',
    fr: 'Chaque lecture par un agent des données d’une personne est enregistrée avec son rôle et sa finalité ; la personne voit qui a lu son dossier.',
    ar: 'يُسجَّل كل اطلاع لموظف على معطيات شخص مع دوره وغايته؛ ويرى الشخص من اطلع على ملفه.',
  },
  {
    en: 'The audit log is append-only in the database itself (a trigger refuses changes and deletions).',
    fr: 'Le journal d’audit est en ajout seul dans la base elle-même (un déclencheur refuse modifications et suppressions).',
    ar: 'سجل التدقيق قابل للإضافة فقط داخل قاعدة البيانات نفسها (يرفض مشغّل آلي التعديل والحذف).',
  },
  {
    en: 'Passwords hashed (Argon2); codes, session tokens and a case’s secret code kept only as hashes; secrets in messages sealed (AES-256-GCM) and dropped once sent.',
    fr: 'Mots de passe hachés (Argon2) ; codes, jetons de session et code secret d’un dossier gardés seulement hachés ; secrets des messages scellés (AES-256-GCM) et retirés une fois envoyés.',
    ar: 'كلمات المرور مجزأة (Argon2)؛ والرموز ورموز الجلسات والرمز السري للملف محفوظة مجزأة فقط؛ وأسرار الرسائل مختومة (AES-256-GCM) وتُحذف بعد الإرسال.',
  },
  {
    en: 'A second factor (authenticator app) for staff; limits on repeated attempts shared by every process.',
    fr: 'Un second facteur (application d’authentification) pour les agents ; des limites aux tentatives répétées partagées par tous les processus.',
    ar: 'عامل تحقق ثانٍ (تطبيق مصادقة) للموظفين؛ وحدود للمحاولات المتكررة مشتركة بين كل العمليات.',
  },
  {
    en: 'Papers checked from their bytes (type, size, name) and served so that a browser never runs them.',
    fr: 'Pièces vérifiées d’après leur contenu (type, taille, nom) et servies de sorte qu’un navigateur ne les exécute jamais.',
    ar: 'تُفحص الوثائق انطلاقاً من محتواها (النوع، الحجم، الاسم) وتُقدَّم بطريقة لا يشغّلها معها المتصفح أبداً.',
  },
  {
    en: 'Logs without personal data: routes and identifiers only, never bodies, parameters or cookies.',
    fr: 'Journaux sans données personnelles : routes et identifiants seulement, jamais de contenus, paramètres ni cookies.',
    ar: 'سجلات تشغيل خالية من المعطيات الشخصية: المسارات والمعرّفات فقط، دون المحتويات أو المعاملات أو ملفات تعريف الارتباط.',
  },
  {
    en: 'HTTPS with HSTS in production, a strict Content-Security-Policy, protection against cross-site requests.',
    fr: 'HTTPS avec HSTS en production, une Content-Security-Policy stricte, une protection contre les requêtes intersites.',
    ar: 'HTTPS مع HSTS في بيئة الإنتاج، وسياسة أمن محتوى صارمة، وحماية من الطلبات العابرة للمواقع.',
  },
  {
    en: 'The content of settled cases removed at the end of their retention period (section 4); the person can see, export and delete their data.',
    fr: 'Contenu des dossiers réglés effacé à la fin de leur durée de conservation (section 4) ; la personne peut consulter, exporter et supprimer ses données.',
    ar: 'حذف محتوى الملفات المسوّاة عند انتهاء مدة حفظها (القسم 4)؛ ويمكن للشخص الاطلاع على معطياته وتصديرها وحذفها.',
  },
];
