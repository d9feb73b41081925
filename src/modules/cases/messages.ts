import { defineMessages } from '../../i18n/define.js';

/** Messages of the staff queue and the case workspace: saved views, duplicates and merging, instructions. */
export const caseMessages = defineMessages({
  en: {
    'error.saved_view.name_taken': 'You already have a view named "{name}". Choose another name.',
    'error.saved_view.too_many_one': 'You can keep at most {max} view. Delete it first.',
    'error.saved_view.too_many_other': 'You can keep at most {max} views. Delete one first.',
    'error.saved_view.filters_invalid': 'These filters are not valid: {detail}',
    'error.merge.same_case': 'A case cannot be merged into itself.',
    'error.merge.other_requester':
      'Only cases of the same person can be merged. This one was filed by someone else.',
    'error.merge.not_open': 'Only open cases can be merged; {tracking} is already settled.',
    'error.merge.other_institution': 'Both cases must belong to the same body.',
    'error.instruction.not_overseer':
      'Only a supervisor of this body or an overseer of its territory can give an instruction.',
    'case.merged_reason': 'Merged into {trackingNumber}, which carries on the same request.',
  },
  fr: {
    'error.saved_view.name_taken': 'Vous avez déjà une vue nommée « {name} ». Choisissez un autre nom.',
    'error.saved_view.too_many_one': 'Vous pouvez garder au plus {max} vue. Supprimez-en une d’abord.',
    'error.saved_view.too_many_many': 'Vous pouvez garder au plus {max} de vues. Supprimez-en une d’abord.',
    'error.saved_view.too_many_other': 'Vous pouvez garder au plus {max} vues. Supprimez-en une d’abord.',
    'error.saved_view.filters_invalid': 'Ces filtres ne sont pas valides : {detail}',
    'error.merge.same_case': 'Un dossier ne peut pas être fusionné avec lui-même.',
    'error.merge.other_requester':
      'Seuls les dossiers d’une même personne peuvent être fusionnés. Celui-ci a été déposé par quelqu’un d’autre.',
    'error.merge.not_open': 'Seuls les dossiers ouverts peuvent être fusionnés ; {tracking} est déjà réglé.',
    'error.merge.other_institution': 'Les deux dossiers doivent appartenir au même organisme.',
    'error.instruction.not_overseer':
      'Seul un responsable de cet organisme ou un contrôleur de son territoire peut donner une instruction.',
    'case.merged_reason': 'Fusionné avec {trackingNumber}, qui poursuit la même demande.',
  },
  ar: {
    'error.saved_view.name_taken': 'لديك بالفعل عرض باسم «{name}». اختر اسماً آخر.',
    'error.saved_view.too_many_zero': 'لا يمكنك الاحتفاظ بأي عرض.',
    'error.saved_view.too_many_one': 'يمكنك الاحتفاظ بعرض واحد على الأكثر. احذفه أولاً.',
    'error.saved_view.too_many_two': 'يمكنك الاحتفاظ بعرضين على الأكثر. احذف أحدهما أولاً.',
    'error.saved_view.too_many_few': 'يمكنك الاحتفاظ بـ{max} عروض على الأكثر. احذف واحداً أولاً.',
    'error.saved_view.too_many_many': 'يمكنك الاحتفاظ بـ{max} عرضاً على الأكثر. احذف واحداً أولاً.',
    'error.saved_view.too_many_other': 'يمكنك الاحتفاظ بـ{max} عرض على الأكثر. احذف واحداً أولاً.',
    'error.saved_view.filters_invalid': 'هذه المرشحات غير صالحة: {detail}',
    'error.merge.same_case': 'لا يمكن دمج ملف في نفسه.',
    'error.merge.other_requester': 'لا يمكن دمج إلا ملفات الشخص نفسه. هذا الملف قدّمه شخص آخر.',
    'error.merge.not_open': 'لا يمكن دمج إلا الملفات المفتوحة؛ الملف {tracking} منتهٍ.',
    'error.merge.other_institution': 'يجب أن ينتمي الملفان إلى الهيئة نفسها.',
    'error.instruction.not_overseer': 'لا يعطي التعليمات إلا مسؤول هذه الهيئة أو مراقب ترابي لمجالها.',
    'case.merged_reason': 'دُمج في الملف {trackingNumber} الذي يواصل معالجة الطلب نفسه.',
  },
});
