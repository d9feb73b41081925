import type { Translation } from '../shared/plurals.js';
import type { en } from './en.js';

/** Server messages in Arabic: the keys of the English ones, plural messages with the six Arabic forms. */
export const ar: Translation<typeof en, 'ar'> = {
  'error.bad_request.title': 'الطلب غير صالح',
  'error.validation.title': 'بعض الخانات تحتاج إلى تصحيح',
  'error.malformed_json': 'محتوى الطلب ليس بصيغة JSON صحيحة.',
  'error.body_too_large': 'حجم الطلب كبير جدا. الحد الأقصى هو {limit}.',
  'error.unsupported_media_type': 'نوع المحتوى هذا غير مقبول.',
  'error.not_found': 'لم يتم العثور على أي شيء في هذا العنوان.',
  'error.unauthenticated': 'المرجو تسجيل الدخول للمتابعة.',
  'error.forbidden': 'غير مسموح لك بالقيام بهذا الإجراء.',
  'error.csrf': 'رمز الجلسة مفقود أو منتهي الصلاحية. أعد تحميل الصفحة وحاول مرة أخرى.',
  'error.api_key.invalid':
    'هذا المفتاح غير معروف أو منسوخ بشكل خاطئ أو ملغى. أرسله هكذا: «Authorization: Bearer <المفتاح>».',
  'error.api_key.scope':
    'هذا المفتاح لا يسمح بهذه العملية. يمكن لمسؤول الإدارة إنشاء مفتاح بالصلاحية المناسبة.',
  'error.api_key.revoked': 'هذا المفتاح ملغى من قبل.',
  'error.rate_limited_zero': 'محاولات كثيرة جدا. حاول مرة أخرى الآن.',
  'error.rate_limited_one': 'محاولات كثيرة جدا. حاول مرة أخرى بعد ثانية واحدة.',
  'error.rate_limited_two': 'محاولات كثيرة جدا. حاول مرة أخرى بعد ثانيتين.',
  'error.rate_limited_few': 'محاولات كثيرة جدا. حاول مرة أخرى بعد {seconds} ثوان.',
  'error.rate_limited_many': 'محاولات كثيرة جدا. حاول مرة أخرى بعد {seconds} ثانية.',
  'error.rate_limited_other': 'محاولات كثيرة جدا. حاول مرة أخرى بعد {seconds} ثانية.',
  'error.internal': 'حدث خطأ من جهتنا. لم يتم حفظ أي شيء. المرجو المحاولة مرة أخرى.',
  'error.conflict.version':
    'قام شخص آخر بتعديل هذا الملف أثناء عملك عليه. أعد تحميله للاطلاع على التعديل؛ لم يتم مسح أي شيء.',
  'error.case_not_found': 'لا يوجد ملف يطابق رقم التتبع والرمز.',
  'error.invalid_credentials': 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
  'error.email_taken': 'يوجد حساب مسجل بهذا البريد الإلكتروني.',
  'error.email_not_verified': 'أكد بريدك الإلكتروني أولا: أدخل الرمز الذي أرسلناه إليك.',
  'error.code_invalid': 'هذا الرمز غير صحيح أو منتهي الصلاحية. اطلب رمزا جديدا.',
  'error.account_disabled': 'هذا الحساب معطل.',
  'error.category_unknown': 'هذه الفئة غير موجودة.',
  'error.institution_unknown': 'هذه المؤسسة غير موجودة.',
  'error.department_unknown': 'هذه المصلحة لا تنتمي إلى المؤسسة.',
  'error.territory_unknown': 'هذا المكان غير موجود في لائحة جماعات وأقاليم المغرب.',
  'error.assignee_invalid': 'هذا الشخص لا يعمل في المؤسسة.',
  'error.transition.action_not_allowed_in_state': 'هذا الإجراء غير ممكن ما دام الملف في حالة «{state}».',
  'error.transition.action_not_for_actor': 'هذا الإجراء ليس من اختصاصك في هذا الملف.',
  'error.transition.reason_required': 'المرجو ذكر السبب.',
  'error.transition.document_requests_only': 'طلبات الوثائق وحدها يمكن وسمها بأنها جاهزة.',
  'error.transition.reopen_window_passed_zero': 'انقضى الأجل المسموح به لإعادة فتح هذا الملف.',
  'error.transition.reopen_window_passed_one': 'انقضى الأجل المسموح به لإعادة فتح هذا الملف (يوم واحد).',
  'error.transition.reopen_window_passed_two': 'انقضى الأجل المسموح به لإعادة فتح هذا الملف (يومان).',
  'error.transition.reopen_window_passed_few': 'انقضى الأجل المسموح به لإعادة فتح هذا الملف ({days} أيام).',
  'error.transition.reopen_window_passed_many': 'انقضى الأجل المسموح به لإعادة فتح هذا الملف ({days} يوما).',
  'error.transition.reopen_window_passed_other': 'انقضى الأجل المسموح به لإعادة فتح هذا الملف ({days} يوم).',
  'error.file.empty': 'الملف فارغ.',
  'error.file.too_large': 'الملف كبير جدا. الحد الأقصى هو {limit}.',
  'error.file.type_not_allowed': 'نوع الملف هذا غير مقبول. أرسل ملفا بصيغة PDF أو JPEG أو PNG أو WebP.',
  'error.file.name_unsafe': 'اسم الملف غير مقبول: يجب ألا يحتوي على مجلدات أو «..» أو أحرف غير مرئية.',
  'error.upload.too_many_pending_zero':
    'لديك {max} وثيقة في انتظار الإرسال مع طلب. أرسل الطلب أو احذف بعض الوثائق قبل إضافة أخرى.',
  'error.upload.too_many_pending_one':
    'لديك وثيقة واحدة في انتظار الإرسال مع طلب. أرسل الطلب أو احذفها قبل إضافة أخرى.',
  'error.upload.too_many_pending_two':
    'لديك وثيقتان في انتظار الإرسال مع طلب. أرسل الطلب أو احذف إحداهما قبل إضافة أخرى.',
  'error.upload.too_many_pending_few':
    'لديك {max} وثائق في انتظار الإرسال مع طلب. أرسل الطلب أو احذف بعض الوثائق قبل إضافة أخرى.',
  'error.upload.too_many_pending_many':
    'لديك {max} وثيقة في انتظار الإرسال مع طلب. أرسل الطلب أو احذف بعض الوثائق قبل إضافة أخرى.',
  'error.upload.too_many_pending_other':
    'لديك {max} وثيقة في انتظار الإرسال مع طلب. أرسل الطلب أو احذف بعض الوثائق قبل إضافة أخرى.',
  'error.upload.unknown': 'إحدى الوثائق لم تعد متاحة (حُذفت أو بقيت مدة طويلة). أضفها من جديد ثم أرسل.',
  'error.upload.day_files_zero':
    'بلغت الحد الأقصى وهو {max} وثيقة مرسلة خلال 24 ساعة. حاول مرة أخرى لاحقا: تُحتسب كل وثيقة طيلة 24 ساعة بعد إرسالها.',
  'error.upload.day_files_one':
    'بلغت الحد الأقصى وهو وثيقة واحدة مرسلة خلال 24 ساعة. حاول مرة أخرى لاحقا: تُحتسب كل وثيقة طيلة 24 ساعة بعد إرسالها.',
  'error.upload.day_files_two':
    'بلغت الحد الأقصى وهو وثيقتان مرسلتان خلال 24 ساعة. حاول مرة أخرى لاحقا: تُحتسب كل وثيقة طيلة 24 ساعة بعد إرسالها.',
  'error.upload.day_files_few':
    'بلغت الحد الأقصى وهو {max} وثائق مرسلة خلال 24 ساعة. حاول مرة أخرى لاحقا: تُحتسب كل وثيقة طيلة 24 ساعة بعد إرسالها.',
  'error.upload.day_files_many':
    'بلغت الحد الأقصى وهو {max} وثيقة مرسلة خلال 24 ساعة. حاول مرة أخرى لاحقا: تُحتسب كل وثيقة طيلة 24 ساعة بعد إرسالها.',
  'error.upload.day_files_other':
    'بلغت الحد الأقصى وهو {max} وثيقة مرسلة خلال 24 ساعة. حاول مرة أخرى لاحقا: تُحتسب كل وثيقة طيلة 24 ساعة بعد إرسالها.',
  'error.upload.day_bytes':
    'هذه الوثيقة ستتجاوز الحد المسموح بإرساله خلال 24 ساعة وهو {limit}. أرسل ملفا أخف (مسحا ضوئيا بدقة أقل) أو حاول مرة أخرى لاحقا.',
  'error.upload.case_files_zero': 'يضم هذا الملف {max} وثيقة، وهو الحد الأقصى لملف واحد.',
  'error.upload.case_files_one': 'يضم هذا الملف وثيقة واحدة، وهو الحد الأقصى لملف واحد.',
  'error.upload.case_files_two': 'يضم هذا الملف وثيقتين، وهو الحد الأقصى لملف واحد.',
  'error.upload.case_files_few': 'يضم هذا الملف {max} وثائق، وهو الحد الأقصى لملف واحد.',
  'error.upload.case_files_many': 'يضم هذا الملف {max} وثيقة، وهو الحد الأقصى لملف واحد.',
  'error.upload.case_files_other': 'يضم هذا الملف {max} وثيقة، وهو الحد الأقصى لملف واحد.',
  'error.upload.case_bytes':
    'لا يمكن أن يتجاوز حجم وثائق الملف الواحد مجتمعة {limit}، وهذه الوثائق ستتجاوزه. أرسل ملفات أخف (مسحا ضوئيا بدقة أقل) أو عددا أقل من الوثائق.',
  'error.upload.pdf_active':
    'يحتوي ملف PDF هذا على محتوى نشط (برنامج نصي، أو إجراء يفتح برنامجا آخر، أو ملف مضمّن)، وهذا غير مقبول. اطبعه من جديد بصيغة PDF أو امسح الورقة ضوئيا، ثم أرسل ذلك الملف.',
  'error.upload.pdf_unchecked':
    'تعذر فحص ملف PDF هذا (فهو مشفر أو مبني بطريقة غير معتادة). اطبعه من جديد بصيغة PDF أو امسح الورقة ضوئيا، ثم أرسل ذلك الملف.',
  'error.upload.infected':
    'رُفض هذا الملف: وجد فيه برنامج مكافحة الفيروسات تهديدا، ولم يُحتفظ به. افحص جهازك ثم أرسل نسخة سليمة.',
  'error.upload.scan_unavailable':
    'يتعذر حاليا فحص الوثائق ببرنامج مكافحة الفيروسات، لذا لا يمكن استلام أي وثيقة. لم يُحتفظ بأي شيء: حاول مرة أخرى بعد بضع دقائق.',
  'error.attachment.not_audio': 'لا يمكن تفريغ إلا رسالة صوتية (ملف صوتي) كتابةً.',
  'error.upload.being_scanned':
    'ما تزال هذه الوثيقة في انتظار فحصها ببرنامج مكافحة الفيروسات، ولا يمكن فتحها قبل ذلك. حاول لاحقا: ستُفتح بمجرد أن يتبين من الفحص أنها سليمة.',
  'upload.held':
    'استُلمت الوثيقة. يتعذر حاليا فحصها ببرنامج مكافحة الفيروسات: ستُفحص قبل أن يفتحها أي أحد، وتُحذف إن وُجد فيها تهديد.',
  'upload.removed_infected':
    'حُذفت الوثيقة «{name}»: وجد فيها برنامج مكافحة الفيروسات تهديدا عند فحصها. أرسل نسخة سليمة إن كانت ما تزال لازمة.',
  'error.reply.none': 'لا يوجد بعد جواب على هذا الملف: ستتوفر الرسالة بعد المصادقة على الجواب.',
  'error.desk.person_not_linked':
    'ليس لهذا الشخص أي ملف لدى مؤسستكم بعد: ابحثوا عنه من جديد بمعرّفين يقدّمهما لكم (مثلا رقم البطاقة الوطنية وتاريخ الازدياد)، ثم سجّلوا طلبه.',
  'error.desk.person_twins': 'ربما سبق تسجيل هذا الشخص: اختره أدناه، أو سجّله على أي حال.',
  'error.requester_unknown': 'لم يُعثر على حساب هذا الشخص.',
  'error.requester_not_citizen': 'يُودَع الطلب باسم مواطن: اختر الشخص أو سجّله، وليس حساب موظف.',
  'error.profile.name_required':
    'المرجو إدخال اسمك الشخصي والعائلي (بالحروف اللاتينية أو العربية) قبل الإرسال: تخاطبك رسائل الإدارة باسمك.',
  'error.file.missing': 'لم يتم إرسال أي ملف.',
  'error.file.too_many': 'أرسل ملفا واحدا في كل مرة.',
  'error.file.damaged':
    'تعذر فتح هذه الوثيقة: نسختها المحفوظة تالفة أو مفقودة، ولا تُقدَّم وهي على هذه الحال. أُبلغ مسيرو المنصة بذلك؛ وإن كانت الوثيقة لازمة، فاطلب إرسالها من جديد.',
  'error.file.storage_unavailable':
    'يتعذر الوصول إلى مخزن الوثائق حاليا. لم يضع أي شيء: حاول مرة أخرى بعد بضع دقائق.',
  'error.institution_code_taken': 'هذا الرمز مستعمل من طرف مؤسسة أخرى.',
  'error.rating.not_yet': 'يمكنك تقييم الخدمة بعد التوصل بالجواب.',
  'error.rating.already': 'لقد قمت بتقييم هذا الملف من قبل.',
  'error.follow_up.not_found': 'لا وجود لهذا التتبع لدى هذه الهيئة.',
  'error.follow_up.closed': 'سبق أن أغلق مشرف آخر هذا التتبع.',
  'error.satisfaction.range': 'يجب أن تسبق بداية المدة نهايتها.',
  'error.case.anonymised':
    'حُذف محتوى هذا الملف عند انتهاء مدة حفظه: لم يعد محفوظاً إلا للتوثيق ولا يمكن تغييره.',
  'error.case.content_removed': 'حُذف جواب هذا الملف مع باقي محتواه عند انتهاء مدة حفظه.',
  'error.account.open_cases_zero': 'لا يمكن حذف حسابك ما دامت لديك ملفات مفتوحة. اسحبها أو انتظر الجواب.',
  'error.account.open_cases_one': 'لا يمكن حذف حسابك ما دام لديك ملف مفتوح واحد. اسحبه أو انتظر الجواب.',
  'error.account.open_cases_two': 'لا يمكن حذف حسابك ما دام لديك ملفان مفتوحان. اسحبهما أو انتظر الجواب.',
  'error.account.open_cases_few':
    'لا يمكن حذف حسابك ما دامت لديك {count} ملفات مفتوحة. اسحبها أو انتظر الجواب.',
  'error.account.open_cases_many':
    'لا يمكن حذف حسابك ما دام لديك {count} ملفا مفتوحا. اسحبها أو انتظر الجواب.',
  'error.account.open_cases_other':
    'لا يمكن حذف حسابك ما دام لديك {count} ملف مفتوح. اسحبها أو انتظر الجواب.',
  'error.account.password_set': 'لهذا الحساب كلمة مرور. استعمل «نسيت كلمة المرور» لتغييرها.',
  'error.totp_required': 'أدخل الرمز المكون من 6 أرقام من تطبيق المصادقة، أو رمز استرجاع.',
  'error.totp_invalid': 'هذا الرمز غير صحيح أو سبق استعماله. أدخل الرمز الحالي من التطبيق.',
  'error.totp_enrolment_invalid':
    'هذا الرمز غير صحيح أو انتهت صلاحيته. أدخل الرمز الذي يظهره التطبيق الآن لإتمام تفعيله.',
  'error.headers_too_large': 'ترويسات الطلب كبيرة جدا (ملفات تعريف الارتباط كثيرة أو طويلة؟).',
  'error.request_timeout': 'استغرق وصول الطلب وقتا طويلا. أعد المحاولة.',
  'error.bad_url': 'هذا العنوان غير صالح: تحقق من الرابط.',
  'error.url_too_long': 'هذا العنوان طويل جدا.',
  'error.totp_step_up': 'لتغيير تطبيق المصادقة، أدخل كلمة المرور ورمزا حاليا من التطبيق (أو رمز استرجاع).',
  'error.totp_enrolment_required': 'قم أولا بإعداد عامل الدخول الثاني (تطبيق المصادقة).',
  'validation.required': 'هذه الخانة إلزامية.',
  'validation.invalid_type': 'نوع هذه القيمة غير صحيح.',
  'validation.too_short_zero': 'قصير جدا: {minimum} حرف على الأقل.',
  'validation.too_short_one': 'قصير جدا: حرف واحد على الأقل.',
  'validation.too_short_two': 'قصير جدا: حرفان على الأقل.',
  'validation.too_short_few': 'قصير جدا: {minimum} أحرف على الأقل.',
  'validation.too_short_many': 'قصير جدا: {minimum} حرفا على الأقل.',
  'validation.too_short_other': 'قصير جدا: {minimum} حرف على الأقل.',
  'validation.too_long_zero': 'طويل جدا: يجب أن تبقى هذه الخانة فارغة.',
  'validation.too_long_one': 'طويل جدا: حرف واحد على الأكثر.',
  'validation.too_long_two': 'طويل جدا: حرفان على الأكثر.',
  'validation.too_long_few': 'طويل جدا: {maximum} أحرف على الأكثر.',
  'validation.too_long_many': 'طويل جدا: {maximum} حرفا على الأكثر.',
  'validation.too_long_other': 'طويل جدا: {maximum} حرف على الأكثر.',
  'validation.too_small': 'يجب أن تكون القيمة {minimum} على الأقل.',
  'validation.too_big': 'يجب أن تكون القيمة {maximum} على الأكثر.',
  'validation.too_few_items': 'اختر {minimum} على الأقل.',
  'validation.email': 'هذا ليس عنوان بريد إلكتروني صحيحا.',
  'validation.phone': 'هذا ليس رقم هاتف صحيحا. اكتبه بالصيغة الدولية، مثل ‎+33 6 12 34 56 78‎.',
  'validation.country': 'رمز البلد هذا غير معروف.',
  'validation.date': 'هذا ليس تاريخا صحيحا (سنة-شهر-يوم).',
  'validation.figures_day': 'اختر يوما بين 2000 و2100.',
  'validation.birth_date': 'يجب أن يكون تاريخ الازدياد في الماضي.',
  'validation.legacy_future': 'لا يمكن أن يكون تاريخ الإيداع الأول للملف الورقي في المستقبل.',
  'validation.legacy_too_old': 'لا يمكن أن يكون تاريخ الإيداع الأول للملف الورقي قبل {floor}.',
  'validation.unknown_field': 'هذه الخانة غير متوقعة: {keys}.',
  'validation.invalid_value': 'هذه القيمة ليست من بين الاختيارات المسموح بها.',
  'validation.invalid_format': 'صيغة هذه القيمة غير صحيحة.',
  'validation.number_too_large': 'هذا العدد كبير جدا.',
  'validation.too_deep': 'هذه القيمة متداخلة بعمق كبير.',
  'validation.no_words': 'اكتبه بالكلمات: حروف أو أرقام، وليس رموزا أو وجوها تعبيرية فقط.',
  'validation.unsafe_characters': 'يحتوي هذا النص على أحرف غير مرئية أو تغير اتجاه الكتابة. احذفها.',
  'validation.password_weak': 'يجب أن تتكون كلمة المرور من 10 أحرف على الأقل.',
  'validation.cin': 'رقم البطاقة الوطنية يتكون من حرف أو حرفين متبوعين بأرقام، مثل AB123456.',
  'validation.field_unknown': 'هذه الخانة غير موجودة في استمارة هذه الفئة.',
  'validation.select_option': 'اختر أحد الاختيارات المقترحة.',
  'mail.account_exists.subject': 'حسابك في جسر موجود من قبل',
  'mail.account_exists.body':
    'مرحبا {name}،\n\nحاول شخص، ربما أنت، إنشاء حساب في جسر بهذا البريد الإلكتروني، وله حساب من قبل. سجل الدخول بكلمة المرور، أو اطلب رمز دخول بالبريد الإلكتروني؛ وإن نسيت كلمة المرور فاختر «نسيت كلمة المرور».\n\nإن لم تكن أنت، فتجاهل هذه الرسالة: لم يتغير شيء.',
  'mail.verify.subject': 'رمز التأكيد الخاص بك على جسر: {code}',
  'mail.verify.body':
    'مرحبا {name}،\n\nرمز التأكيد الخاص بك هو {code}. صالح لمدة 30 دقيقة.\n\nإذا لم تقم بإنشاء حساب على جسر، تجاهل هذه الرسالة.',
  'mail.reset.subject': 'إعادة تعيين كلمة المرور على جسر',
  'mail.reset.body':
    'مرحبا {name}،\n\nرمز إعادة التعيين هو {code}. صالح لمدة 30 دقيقة.\n\nإذا لم تطلبه، تجاهل هذه الرسالة: كلمة المرور لن تتغير.',
  'mail.receipt.subject': 'تم استلام طلبك {tracking}',
  'mail.receipt.legacy':
    'سُجّل بتاريخ {today}، وأودع أول مرة ورقيا بتاريخ {filedOn} تحت المرجع {reference}: يُحتسب الأجل من تاريخ الإيداع الأول.',
  'mail.receipt.body':
    'مرحبا {name}،\n\nتوصلت {institution} بطلبك «{subject}».\n\nرقم التتبع: {tracking}\nالرمز السري: {code} (احتفظ به: مع رقم التتبع يمكنك من تتبع الملف دون حساب)\nأجل الجواب: {due}\n\nتابع طلبك على {url}',
  'mail.deadline_reminder.subject': 'أجل الملف {tracking} ينتهي في {due}',
  'mail.deadline_reminder.body':
    'مرحبا،\n\nيجب الجواب على الملف {tracking} («{subject}») قبل {due}.\n\nافتحه: {url}',
  'mail.escalation_digest.subject_zero': 'جسر: لا ملف تجاوز أجله',
  'mail.escalation_digest.subject_one': 'جسر: ملف واحد تجاوز أجل الجواب',
  'mail.escalation_digest.subject_two': 'جسر: ملفان تجاوزا أجل الجواب',
  'mail.escalation_digest.subject_few': 'جسر: {count} ملفات تجاوزت أجل الجواب',
  'mail.escalation_digest.subject_many': 'جسر: {count} ملفا تجاوزت أجل الجواب',
  'mail.escalation_digest.subject_other': 'جسر: {count} ملف تجاوزت أجل الجواب',
  'mail.escalation_digest.body_zero':
    'مرحبا،\n\nمنذ ملخصكم الأخير، تجاوزت الملفات التالية التي تتابعونها أجل الجواب دون رد:\n\n{list}{more}\n\nكل الملفات المتأخرة: {url}',
  'mail.escalation_digest.body_one':
    'مرحبا،\n\nمنذ ملخصكم الأخير، تجاوز الملف التالي الذي تتابعونه أجل الجواب دون رد:\n\n{list}{more}\n\nكل الملفات المتأخرة: {url}',
  'mail.escalation_digest.body_two':
    'مرحبا،\n\nمنذ ملخصكم الأخير، تجاوزت الملفات التالية التي تتابعونها أجل الجواب دون رد:\n\n{list}{more}\n\nكل الملفات المتأخرة: {url}',
  'mail.escalation_digest.body_few':
    'مرحبا،\n\nمنذ ملخصكم الأخير، تجاوزت الملفات التالية ({count}) التي تتابعونها أجل الجواب دون رد:\n\n{list}{more}\n\nكل الملفات المتأخرة: {url}',
  'mail.escalation_digest.body_many':
    'مرحبا،\n\nمنذ ملخصكم الأخير، تجاوزت الملفات التالية ({count}) التي تتابعونها أجل الجواب دون رد:\n\n{list}{more}\n\nكل الملفات المتأخرة: {url}',
  'mail.escalation_digest.body_other':
    'مرحبا،\n\nمنذ ملخصكم الأخير، تجاوزت الملفات التالية ({count}) التي تتابعونها أجل الجواب دون رد:\n\n{list}{more}\n\nكل الملفات المتأخرة: {url}',
  'mail.escalation_digest.line': '• {tracking}، {institution}، الأجل {due}',
  'mail.escalation_digest.more_zero': '… ولا ملف آخر',
  'mail.escalation_digest.more_one': '… وملف آخر',
  'mail.escalation_digest.more_two': '… وملفان آخران',
  'mail.escalation_digest.more_few': '… و{count} ملفات أخرى',
  'mail.escalation_digest.more_many': '… و{count} ملفا آخر',
  'mail.escalation_digest.more_other': '… و{count} ملف آخر',
  'count.months_zero': '{count} شهر',
  'count.months_one': 'شهر واحد',
  'count.months_two': 'شهران',
  'count.months_few': '{count} أشهر',
  'count.months_many': '{count} شهرا',
  'count.months_other': '{count} شهر',
  'count.hours_zero': '{count} ساعة',
  'count.hours_one': 'ساعة واحدة',
  'count.hours_two': 'ساعتان',
  'count.hours_few': '{count} ساعات',
  'count.hours_many': '{count} ساعة',
  'count.hours_other': '{count} ساعة',
};
