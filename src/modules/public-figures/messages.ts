import { defineMessages } from '../../i18n/define.js';

/**
 * The words of the public figures and of the open data: refusals of a query, and the data dictionary (one
 * line per column of the files).
 */
export const publicFiguresMessages = defineMessages({
  en: {
    'error.figures.period': 'The first month of the period must come before its last month.',
    'error.figures.period_too_long': 'A period covers at most {max} months. Choose a shorter one.',
    'error.figures.unknown_body': 'No body has the code “{code}”.',
    'error.figures.unknown_territory': 'No region, province or commune has the code “{code}”.',
    'error.figures.unknown_category': 'No category has the code “{code}”.',
    'error.open_data.edition_unknown':
      'There is no file of this day in this format. The index lists those kept.',
    'open_data.title': 'Requests and complaints to public bodies: monthly figures',
    'open_data.description':
      'For each month, each body, territory (commune, province or prefecture, region) and the nation, per category of request and for all categories: how many cases were received, how fast and how often within the legal deadline they were answered, how many were reopened or escalated, and how the people rated the answers. Cells of fewer than {min} cases are left empty so that nobody can be recognised.',
    'open_data.licence':
      'Open Licence 2.0 (Licence Ouverte, Etalab): free reuse, including commercial, provided the source (Jisr) and the date of the file are cited.',
    'open_data.column.month': 'The month, YYYY-MM, in Morocco’s time.',
    'open_data.column.scope_type':
      'nation, territory (a region, province, prefecture or commune) or body (a commune’s administration or another public body).',
    'open_data.column.scope_code':
      'The code: MA for the nation, the official territorial code, or the body’s code (its tracking-number prefix).',
    'open_data.column.scope_name_ar': 'The name in Arabic.',
    'open_data.column.scope_name_fr': 'The name in French.',
    'open_data.column.category': 'The category’s code, or * for all categories together.',
    'open_data.column.received':
      'Cases received in the month (duplicates merged into another case not counted).',
    'open_data.column.replied':
      'Cases given their first reasoned reply in the month (an answer, a document ready, or a reasoned refusal).',
    'open_data.column.median_working_days_to_reply':
      'The median number of working days (Morocco’s calendar) from filing to that reply, over the month’s replies.',
    'open_data.column.share_replied_on_time':
      'The share (0 to 1) of the month’s replies sent by the case’s legal deadline.',
    'open_data.column.reopened': 'Cases reopened in the month after an appeal.',
    'open_data.column.escalated':
      'Escalations in the month: to supervisors or overseers after a missed deadline, or by the person.',
    'open_data.column.ratings': 'Ratings of replies given in the month.',
    'open_data.column.average_rating': 'Their average, from 1 to 5 (empty under {min} ratings).',
  },
  fr: {
    'error.figures.period': 'Le premier mois de la période doit précéder le dernier.',
    'error.figures.period_too_long': 'Une période couvre au plus {max} mois. Choisissez-en une plus courte.',
    'error.figures.unknown_body': 'Aucun organisme n’a le code « {code} ».',
    'error.figures.unknown_territory': 'Aucune région, province ou commune n’a le code « {code} ».',
    'error.figures.unknown_category': 'Aucune catégorie n’a le code « {code} ».',
    'error.open_data.edition_unknown':
      'Il n’y a pas de fichier de ce jour dans ce format. L’index liste ceux qui sont conservés.',
    'open_data.title': 'Demandes et plaintes adressées aux organismes publics : chiffres mensuels',
    'open_data.description':
      'Pour chaque mois, chaque organisme, territoire (commune, province ou préfecture, région) et le pays entier, par catégorie de demande et toutes catégories confondues : combien de dossiers ont été reçus, en combien de temps et combien de fois dans le délai légal ils ont reçu une réponse, combien ont été rouverts ou remontés, et comment les personnes ont noté les réponses. Les cases de moins de {min} dossiers restent vides pour que personne ne puisse être reconnu.',
    'open_data.licence':
      'Licence Ouverte 2.0 (Etalab) : réutilisation libre, y compris commerciale, à condition de citer la source (Jisr) et la date du fichier.',
    'open_data.column.month': 'Le mois, AAAA-MM, à l’heure du Maroc.',
    'open_data.column.scope_type':
      'nation, territory (une région, province, préfecture ou commune) ou body (l’administration d’une commune ou un autre organisme public).',
    'open_data.column.scope_code':
      'Le code : MA pour le pays, le code territorial officiel, ou le code de l’organisme (le préfixe de ses numéros de suivi).',
    'open_data.column.scope_name_ar': 'Le nom en arabe.',
    'open_data.column.scope_name_fr': 'Le nom en français.',
    'open_data.column.category': 'Le code de la catégorie, ou * pour toutes les catégories ensemble.',
    'open_data.column.received':
      'Dossiers reçus dans le mois (les doublons fusionnés dans un autre dossier ne comptent pas).',
    'open_data.column.replied':
      'Dossiers ayant reçu leur première réponse motivée dans le mois (une réponse, un document prêt ou un refus motivé).',
    'open_data.column.median_working_days_to_reply':
      'La médiane des jours ouvrés (calendrier marocain) entre le dépôt et cette réponse, sur les réponses du mois.',
    'open_data.column.share_replied_on_time':
      'La part (de 0 à 1) des réponses du mois envoyées dans le délai légal du dossier.',
    'open_data.column.reopened': 'Dossiers rouverts dans le mois après un recours.',
    'open_data.column.escalated':
      'Remontées dans le mois : aux responsables ou aux autorités de tutelle après un délai dépassé, ou par la personne.',
    'open_data.column.ratings': 'Notes données aux réponses dans le mois.',
    'open_data.column.average_rating': 'Leur moyenne, de 1 à 5 (vide sous {min} notes).',
  },
  ar: {
    'error.figures.period': 'يجب أن يسبق الشهر الأول من الفترة شهرها الأخير.',
    'error.figures.period_too_long': 'تغطي الفترة {max} شهرا على الأكثر. اختاروا فترة أقصر.',
    'error.figures.unknown_body': 'لا توجد هيئة بالرمز «{code}».',
    'error.figures.unknown_territory': 'لا توجد جهة أو إقليم أو جماعة بالرمز «{code}».',
    'error.figures.unknown_category': 'لا توجد فئة بالرمز «{code}».',
    'error.open_data.edition_unknown': 'لا يوجد ملف لهذا اليوم بهذه الصيغة. يعرض الفهرس الملفات المحفوظة.',
    'open_data.title': 'الطلبات والشكايات الموجهة إلى الهيئات العمومية: أرقام شهرية',
    'open_data.description':
      'لكل شهر، ولكل هيئة ومجال ترابي (جماعة، إقليم أو عمالة، جهة) وللمغرب كله، حسب فئة الطلب ولجميع الفئات: عدد الملفات المتوصل بها، وسرعة الرد عليها وكم مرة تم ذلك داخل الأجل القانوني، وعدد الملفات المعاد فتحها أو المصعّدة، وتقييم الأشخاص للردود. تبقى الخانات التي تقل عن {min} ملفات فارغة حتى لا يمكن التعرف على أي شخص.',
    'open_data.licence':
      'الرخصة المفتوحة 2.0 (Etalab): إعادة استعمال حرة، بما فيها التجارية، شريطة ذكر المصدر (جسر) وتاريخ الملف.',
    'open_data.column.month': 'الشهر بصيغة YYYY-MM، بتوقيت المغرب.',
    'open_data.column.scope_type':
      'nation (المغرب)، أو territory (جهة أو إقليم أو عمالة أو جماعة)، أو body (إدارة جماعة أو هيئة عمومية أخرى).',
    'open_data.column.scope_code':
      'الرمز: MA للمغرب، أو الرمز الترابي الرسمي، أو رمز الهيئة (بادئة أرقام التتبع).',
    'open_data.column.scope_name_ar': 'الاسم بالعربية.',
    'open_data.column.scope_name_fr': 'الاسم بالفرنسية.',
    'open_data.column.category': 'رمز الفئة، أو * لجميع الفئات معا.',
    'open_data.column.received':
      'الملفات المتوصل بها خلال الشهر (لا تحتسب الملفات المكررة المدمجة في ملف آخر).',
    'open_data.column.replied':
      'الملفات التي تلقت أول رد معلل خلال الشهر (جواب، أو وثيقة جاهزة، أو رفض معلل).',
    'open_data.column.median_working_days_to_reply':
      'وسيط عدد أيام العمل (حسب العطل المغربية) بين الإيداع وهذا الرد، على ردود الشهر.',
    'open_data.column.share_replied_on_time':
      'حصة ردود الشهر (من 0 إلى 1) المرسلة داخل الأجل القانوني للملف.',
    'open_data.column.reopened': 'الملفات المعاد فتحها خلال الشهر بعد طعن.',
    'open_data.column.escalated':
      'التصعيدات خلال الشهر: إلى المسؤولين أو سلطات الوصاية بعد تجاوز الأجل، أو من طرف الشخص.',
    'open_data.column.ratings': 'التقييمات الممنوحة للردود خلال الشهر.',
    'open_data.column.average_rating': 'معدلها، من 1 إلى 5 (فارغ إذا قل عددها عن {min}).',
  },
});
