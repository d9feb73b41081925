import { defineMessages } from '../../i18n/define.js';

/** Messages of appointments, open days and the desk queue: errors, e-mails, calendar and screen texts. */
export const appointmentMessages = defineMessages({
  en: {
    'error.appointment.service_unknown': 'This service does not exist or cannot be booked.',
    'error.appointment.official_unknown': 'This official does not offer this service.',
    'error.appointment.slot_unavailable':
      'This time is not offered for this service. Choose one of the proposed times.',
    'error.appointment.slot_taken': 'Someone has just booked this time. Choose another one.',
    'error.appointment.outside_window':
      'This time cannot be booked now: book at least {hours} hours and at most {days} days ahead.',
    'error.appointment.past': 'This time has already passed.',
    'error.appointment.mode_unavailable': 'This service does not offer this kind of appointment.',
    'error.appointment.case_invalid': 'This case is not one of your open cases with this institution.',
    'error.appointment.overlap': 'You already have an appointment at this time.',
    'error.appointment.too_many':
      'You already have {max} upcoming appointments with this institution. Cancel one to book another.',
    'error.appointment.not_changeable': 'This appointment can no longer be changed: it is "{status}".',
    'error.appointment.link_invalid':
      'This link is not valid. Use the link of the latest e-mail about your appointment.',
    'error.appointment.version':
      'This appointment was changed in the meantime. Reload it to see the change; nothing was overwritten.',
    'error.appointment.range_too_long': 'Ask for at most {days} days at a time.',
    'error.appointment.not_started': 'A booking can be marked as a no-show only once its time has passed.',
    'error.appointment.code_taken': 'This code is already used in this institution.',
    'error.appointment.service_in_use':
      'This service has bookings, tickets or open-day registrations, which are kept: deactivate it instead of removing it.',
    'error.appointment.official_in_use':
      'Citizens have booked this official; their bookings are kept: deactivate the official instead of removing them.',
    'error.appointment.phone_required':
      'To receive SMS or WhatsApp messages, first add your mobile number in “My details”.',
    'error.event.day_unknown': 'The event does not take place on this day.',
    'error.event.full': 'This day of the event is full. Choose another day.',
    'error.event.already_registered': 'You are already registered for this day.',
    'error.event.service_unknown': 'This service does not take part in the event.',
    'error.event.closed': 'Registration for this day is closed.',
    'error.event.days_outside': 'Each day must fall between the first and the last date of the event, once.',
    'error.queue.not_today': 'Check-in is possible only on the day of the visit ({day}).',
    'error.queue.already_checked_in': 'This visitor is already checked in, with ticket {ticket}.',
    'error.queue.ticket_state': 'This ticket is "{status}": this step is not possible.',
    'error.queue.reference_unknown': 'No booking or registration with this reference is expected here.',
    'error.queue.visitor_required':
      'Give exactly one of: a booking, an open-day registration, a reference, or a walk-in visitor.',
    'validation.time_zone': 'This is not a known time zone. Use a name such as Europe/Paris.',
    'validation.time': 'This is not a valid time (HH:MM).',
    'validation.time_range': 'The end must come after the start.',
    'validation.date_range': 'The end date must not be before the start date.',
    'appointment.when_morocco': '{morocco} (Morocco time)',
    'appointment.when_abroad': '{morocco} (Morocco time), that is {local} where you are ({zone})',
    'appointment.how.in_person': 'In person, at {institution}',
    'appointment.how.video': 'By video call: {url}',
    'appointment.how.video_pending': 'By video call: the link will be sent to you before the appointment',
    'appointment.reason.citizen': 'At your request',
    'appointment.ics.summary': 'Appointment: {service}',
    'appointment.ics.description': 'Reference: {reference}\n{how}\n{institution}',
    'mail.event_registered.subject': 'You are registered: {event}, {date}',
    'mail.event_registered.body':
      'Hello {name},\n\nYou are registered for {event} on {date}, {hours} (Morocco time).\n\nPlace: {place}\nReference: {reference}\n\nGive this reference at the desk when you arrive. If you cannot come, cancel your registration: {cancelUrl}',
    'queue.screen.title': 'Waiting room',
    'queue.screen.now_serving': 'Now serving',
    'queue.screen.next': 'Next',
    'queue.screen.ticket': 'Ticket',
    'queue.screen.counter': 'Counter',
    'queue.screen.waiting': 'Waiting: {count}',
    'queue.screen.call': 'Ticket {ticket}, please go to counter {counter}.',
  },
  fr: {
    'error.appointment.service_unknown': 'Ce service n’existe pas ou ne prend pas de rendez-vous.',
    'error.appointment.official_unknown': 'Ce responsable ne reçoit pas pour ce service.',
    'error.appointment.slot_unavailable':
      'Cet horaire n’est pas proposé pour ce service. Choisissez l’un des horaires proposés.',
    'error.appointment.slot_taken': 'Quelqu’un vient de réserver cet horaire. Choisissez-en un autre.',
    'error.appointment.outside_window':
      'Cet horaire ne peut pas être réservé maintenant : réservez au moins {hours} heures et au plus {days} jours à l’avance.',
    'error.appointment.past': 'Cet horaire est déjà passé.',
    'error.appointment.mode_unavailable': 'Ce service ne propose pas ce type de rendez-vous.',
    'error.appointment.case_invalid':
      'Ce dossier ne fait pas partie de vos dossiers en cours auprès de cet organisme.',
    'error.appointment.overlap': 'Vous avez déjà un rendez-vous à cette heure-là.',
    'error.appointment.too_many':
      'Vous avez déjà {max} rendez-vous à venir auprès de cet organisme. Annulez-en un pour en prendre un autre.',
    'error.appointment.not_changeable': 'Ce rendez-vous ne peut plus être modifié : il est « {status} ».',
    'error.appointment.link_invalid':
      'Ce lien n’est pas valable. Utilisez le lien du dernier e-mail reçu au sujet de votre rendez-vous.',
    'error.appointment.version':
      'Ce rendez-vous a été modifié entre-temps. Rechargez-le pour voir la modification ; rien n’a été écrasé.',
    'error.appointment.range_too_long': 'Demandez au plus {days} jours à la fois.',
    'error.appointment.not_started':
      'Un rendez-vous ne peut être noté comme non honoré qu’une fois son heure passée.',
    'error.appointment.code_taken': 'Ce code est déjà utilisé dans cet organisme.',
    'error.appointment.service_in_use':
      'Ce service a des rendez-vous, des tickets ou des inscriptions aux portes ouvertes, qui sont conservés : désactivez-le au lieu de le supprimer.',
    'error.appointment.official_in_use':
      'Des citoyens ont pris rendez-vous avec ce responsable ; leurs rendez-vous sont conservés : désactivez-le au lieu de le supprimer.',
    'error.appointment.phone_required':
      'Pour recevoir des SMS ou des messages WhatsApp, ajoutez d’abord votre numéro de mobile dans « Mes informations ».',
    'error.event.day_unknown': 'L’événement n’a pas lieu ce jour-là.',
    'error.event.full': 'Cette journée est complète. Choisissez un autre jour.',
    'error.event.already_registered': 'Vous êtes déjà inscrit pour ce jour.',
    'error.event.service_unknown': 'Ce service ne participe pas à l’événement.',
    'error.event.closed': 'Les inscriptions pour ce jour sont closes.',
    'error.event.days_outside':
      'Chaque journée doit se situer entre la première et la dernière date de l’événement, une seule fois.',
    'error.queue.not_today': 'L’enregistrement n’est possible que le jour de la visite ({day}).',
    'error.queue.already_checked_in': 'Ce visiteur est déjà enregistré, avec le ticket {ticket}.',
    'error.queue.ticket_state': 'Ce ticket est « {status} » : cette étape n’est pas possible.',
    'error.queue.reference_unknown':
      'Aucun rendez-vous ni aucune inscription avec cette référence n’est attendu ici.',
    'error.queue.visitor_required':
      'Indiquez un seul des éléments suivants : un rendez-vous, une inscription aux portes ouvertes, une référence ou un visiteur sans rendez-vous.',
    'validation.time_zone': 'Ce fuseau horaire est inconnu. Utilisez un nom comme Europe/Paris.',
    'validation.time': 'Cette heure n’est pas valide (HH:MM).',
    'validation.time_range': 'La fin doit venir après le début.',
    'validation.date_range': 'La date de fin ne doit pas précéder la date de début.',
    'appointment.when_morocco': '{morocco} (heure du Maroc)',
    'appointment.when_abroad': '{morocco} (heure du Maroc), soit {local} chez vous ({zone})',
    'appointment.how.in_person': 'Sur place, {institution|à}',
    'appointment.how.video': 'Par appel vidéo : {url}',
    'appointment.how.video_pending': 'Par appel vidéo : le lien vous sera envoyé avant le rendez-vous',
    'appointment.reason.citizen': 'À votre demande',
    'appointment.ics.summary': 'Rendez-vous : {service}',
    'appointment.ics.description': 'Référence : {reference}\n{how}\n{institution}',
    'mail.event_registered.subject': 'Inscription confirmée : {event}, {date}',
    'mail.event_registered.body':
      'Bonjour {name},\n\nVous êtes inscrit à {event} le {date}, {hours} (heure du Maroc).\n\nLieu : {place}\nRéférence : {reference}\n\nDonnez cette référence à l’accueil à votre arrivée. Si vous ne pouvez pas venir, annulez votre inscription : {cancelUrl}',
    'queue.screen.title': 'Salle d’attente',
    'queue.screen.now_serving': 'Appel en cours',
    'queue.screen.next': 'Prochains',
    'queue.screen.ticket': 'Ticket',
    'queue.screen.counter': 'Guichet',
    'queue.screen.waiting': 'En attente : {count}',
    'queue.screen.call': 'Ticket {ticket}, présentez-vous au guichet {counter}.',
  },
  ar: {
    'error.appointment.service_unknown': 'هذه الخدمة غير موجودة أو لا تقبل حجز المواعيد.',
    'error.appointment.official_unknown': 'هذا المسؤول لا يستقبل في إطار هذه الخدمة.',
    'error.appointment.slot_unavailable': 'هذا التوقيت غير مقترح لهذه الخدمة. اختر أحد المواعيد المقترحة.',
    'error.appointment.slot_taken': 'حجز شخص آخر هذا الموعد للتو. اختر موعدا آخر.',
    'error.appointment.outside_window':
      'لا يمكن حجز هذا الموعد الآن: احجز قبل الموعد بـ{hours} ساعة على الأقل وبـ{days} يوما على الأكثر.',
    'error.appointment.past': 'هذا الموعد قد فات.',
    'error.appointment.mode_unavailable': 'هذه الخدمة لا تقترح هذا النوع من المواعيد.',
    'error.appointment.case_invalid': 'هذا الملف ليس من ملفاتك الجارية لدى هذه المؤسسة.',
    'error.appointment.overlap': 'لديك موعد آخر في نفس التوقيت.',
    'error.appointment.too_many': 'لديك {max} مواعيد قادمة لدى هذه المؤسسة. ألغ أحدها لحجز موعد آخر.',
    'error.appointment.not_changeable': 'لم يعد من الممكن تغيير هذا الموعد: حالته «{status}».',
    'error.appointment.link_invalid': 'هذا الرابط غير صالح. استعمل رابط آخر رسالة توصلت بها بخصوص موعدك.',
    'error.appointment.version':
      'تم تغيير هذا الموعد في الأثناء. أعد تحميله للاطلاع على التغيير؛ لم يتم مسح أي شيء.',
    'error.appointment.range_too_long': 'اطلب {days} يوما على الأكثر في كل مرة.',
    'error.appointment.not_started': 'لا يمكن تسجيل عدم الحضور إلا بعد مرور وقت الموعد.',
    'error.appointment.code_taken': 'هذا الرمز مستعمل من قبل في هذه المؤسسة.',
    'error.appointment.service_in_use':
      'لهذه الخدمة مواعيد أو تذاكر أو تسجيلات في الأبواب المفتوحة، وهي محفوظة: عطّل الخدمة بدل حذفها.',
    'error.appointment.official_in_use':
      'حجز مواطنون مواعيد مع هذا المسؤول، وهي محفوظة: عطّل المسؤول بدل حذفه.',
    'error.appointment.phone_required':
      'لتلقي الرسائل القصيرة أو رسائل واتساب، أضف أولا رقم هاتفك المحمول في «معلوماتي».',
    'error.event.day_unknown': 'لا تقام هذه التظاهرة في هذا اليوم.',
    'error.event.full': 'هذا اليوم مكتمل. اختر يوما آخر.',
    'error.event.already_registered': 'أنت مسجل من قبل في هذا اليوم.',
    'error.event.service_unknown': 'هذه الخدمة لا تشارك في هذه التظاهرة.',
    'error.event.closed': 'التسجيل في هذا اليوم مغلق.',
    'error.event.days_outside': 'يجب أن يقع كل يوم بين أول وآخر تاريخ للتظاهرة، مرة واحدة.',
    'error.queue.not_today': 'لا يمكن تسجيل الحضور إلا يوم الزيارة ({day}).',
    'error.queue.already_checked_in': 'تم تسجيل حضور هذا الزائر من قبل، برقم التذكرة {ticket}.',
    'error.queue.ticket_state': 'هذه التذكرة في حالة «{status}»: هذه الخطوة غير ممكنة.',
    'error.queue.reference_unknown': 'لا يوجد موعد أو تسجيل منتظر هنا بهذا المرجع.',
    'error.queue.visitor_required':
      'حدد عنصرا واحدا فقط: موعدا، أو تسجيلا في الأبواب المفتوحة، أو مرجعا، أو زائرا بدون موعد.',
    'validation.time_zone': 'هذه المنطقة الزمنية غير معروفة. استعمل اسما مثل Europe/Paris.',
    'validation.time': 'هذا ليس توقيتا صحيحا (ساعة:دقيقة).',
    'validation.time_range': 'يجب أن تأتي النهاية بعد البداية.',
    'validation.date_range': 'يجب ألا يسبق تاريخ النهاية تاريخ البداية.',
    'appointment.when_morocco': '{morocco} (بتوقيت المغرب)',
    'appointment.when_abroad': '{morocco} (بتوقيت المغرب)، أي {local} بتوقيتك ({zone})',
    'appointment.how.in_person': 'حضوريا، بمقر {institution}',
    'appointment.how.video': 'عن طريق مكالمة فيديو: {url}',
    'appointment.how.video_pending': 'عن طريق مكالمة فيديو: سيرسل إليك الرابط قبل الموعد',
    'appointment.reason.citizen': 'بطلب منك',
    'appointment.ics.summary': 'موعد: {service}',
    'appointment.ics.description': 'المرجع: {reference}\n{how}\n{institution}',
    'mail.event_registered.subject': 'تم تسجيلك: {event}، {date}',
    'mail.event_registered.body':
      'مرحبا {name}،\n\nتم تسجيلك في {event} يوم {date}، {hours} (بتوقيت المغرب).\n\nالمكان: {place}\nالمرجع: {reference}\n\nقدم هذا المرجع في الاستقبال عند وصولك. إذا تعذر عليك الحضور، ألغ تسجيلك: {cancelUrl}',
    'queue.screen.title': 'قاعة الانتظار',
    'queue.screen.now_serving': 'النداء الحالي',
    'queue.screen.next': 'التالي',
    'queue.screen.ticket': 'التذكرة',
    'queue.screen.counter': 'الشباك',
    'queue.screen.waiting': 'في الانتظار: {count}',
    'queue.screen.call': 'التذكرة {ticket}، المرجو التوجه إلى الشباك {counter}.',
  },
});
