import type { Translation } from '../../shared/plurals.js';
import type { identityEn } from './identity.en.js';

/** Arabic texts of sign-in through an identity provider and the identity levels (loaded only for Arabic pages). */
export const identityAr: Translation<typeof identityEn, 'ar'> = {
  'idp.title': 'أو سجّل الدخول عبر مزوّد هوية',
  'idp.button': 'الدخول عبر {{provider}}',
  'idp.error.state':
    'تعذّر إتمام الدخول عبر مزوّد الهوية: استغرق وقتاً طويلاً أو بدأ في نافذة أخرى. حاول مرة أخرى.',
  'idp.error.nonce': 'جواب مزوّد الهوية لم يكن موجّهاً لهذا الدخول. لم يُنشأ أي شيء. حاول مرة أخرى.',
  'idp.error.issuer': 'الجواب لم يأتِ من مزوّد الهوية الذي اخترته. لم يُنشأ أي شيء. حاول مرة أخرى.',
  'idp.error.expired':
    'انتهت صلاحية جواب مزوّد الهوية. لم يُنشأ أي شيء. حاول مرة أخرى؛ وإن تكرّر ذلك فتحقّق من تاريخ جهازك وساعته.',
  'idp.error.signature': 'تعذّر التحقق من جواب مزوّد الهوية. لم يُنشأ أي شيء.',
  'idp.error.invalid_response':
    'تعذّر استعمال جواب مزوّد الهوية. لم يُنشأ أي شيء. حاول لاحقاً أو سجّل الدخول ببريدك الإلكتروني.',
  'idp.error.provider_error': 'رفض مزوّد الهوية الدخول. حاول لاحقاً أو سجّل الدخول ببريدك الإلكتروني.',
  'idp.error.provider_unreachable':
    'يتعذّر الوصول إلى مزوّد الهوية حالياً. حاول لاحقاً أو سجّل الدخول ببريدك الإلكتروني.',
  'idp.error.denied': 'ألغيت الدخول لدى مزوّد الهوية. لم يُنشأ أي شيء.',
  'idp.error.email_taken':
    'يوجد حساب بالبريد الإلكتروني الذي قدّمه مزوّد الهوية. سجّل الدخول بهذا البريد (بكلمة المرور أو برمز)، ثم اربط المزوّد من صفحة ملفك.',
  'idp.error.account_disabled': 'الحساب المرتبط بهذه الهوية معطّل.',
  'idp.error.linked_elsewhere':
    'هذه الهوية مرتبطة بحساب آخر. سجّل الدخول بها لاستعمال ذلك الحساب، أو ألغِ ربطها منه أولاً.',
  'idp.levels.title': 'كيف تأكّدت هويتك',
  'idp.levels.lead': 'بعض الطلبات تشترط هوية مؤكَّدة. هذا ما تأكّد في حسابك.',
  'idp.level.email': 'تأكيد البريد الإلكتروني برمز',
  'idp.level.identityProvider': 'تأكيد الهوية عبر مزوّد هوية',
  'idp.level.done': 'تمّ',
  'idp.level.notYet': 'ليس بعد',
  'idp.level.howProvider': 'اربط مزوّد هوية أدناه.',
  'idp.linked.title': 'مزوّدو الهوية',
  'idp.linked.none': 'لا يوجد مزوّد هوية مرتبط بحسابك.',
  'idp.linked.since': 'مرتبط منذ {{date}}',
  'idp.linked.unknown': 'مزوّد لم يعد متاحاً',
  'idp.link': 'ربط {{provider}}',
  'idp.unlink': 'إلغاء ربط {{provider}}',
  'idp.unlinkConfirm': 'إلغاء ربط {{provider}}؟ لن تتمكّن بعد ذلك من الدخول عبره.',
  'idp.linkedNotice': 'أصبح {{provider}} مرتبطاً بحسابك.',
  'idp.unlinkedNotice': 'أُلغي ربط المزوّد.',
};
