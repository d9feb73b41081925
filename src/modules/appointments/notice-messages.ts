import { defineMessages } from '../../i18n/define.js';

/**
 * The default wording of a booking's messages (an institution admin may replace any of them per channel
 * and language): `subject` and `body` for the e-mail, `short` for SMS and WhatsApp. `{url}` manages the
 * booking (change or cancel), `{bookUrl}` books again.
 */
export const appointmentNoticeMessages = defineMessages({
  en: {
    'notify.appointment_booked.subject': 'Your appointment {reference} is confirmed',
    'notify.appointment_booked.body':
      'Hello {name},\n\nYour appointment with {institution} is confirmed.\n\nService: {service}\nWhen: {when}\nHow: {how}\nReference: {reference}\n\nThe attached calendar file adds it to your calendar.\n\nTo choose another time: {rescheduleUrl}\nTo cancel: {cancelUrl}',
    'notify.appointment_booked.short':
      '{institution}: appointment {reference} confirmed, {when}. {how}. To change or cancel: {url}',
    'notify.appointment_moved.subject': 'Your appointment {reference} has a new time',
    'notify.appointment_moved.body':
      'Hello {name},\n\nYour appointment with {institution} has been moved.\n\nService: {service}\nNew time: {when}\nHow: {how}\nReason: {reason}\nReference: {reference}\n\nThe attached calendar file updates your calendar.\n\nIf this time does not suit you, choose another: {rescheduleUrl}\nTo cancel: {cancelUrl}',
    'notify.appointment_moved.short':
      '{institution}: your appointment {reference} is moved to {when}. Reason: {reason}. To change or cancel: {url}',
    'notify.appointment_cancelled.subject': 'Your appointment {reference} is cancelled',
    'notify.appointment_cancelled.body':
      'Hello {name},\n\nYour appointment with {institution} on {when} ({service}) is cancelled.\nReason: {reason}\n\nThe attached calendar file removes it from your calendar. You can book another time at {bookUrl}',
    'notify.appointment_cancelled.short':
      '{institution}: your appointment {reference} of {when} is cancelled. Reason: {reason}. To book again: {bookUrl}',
    'notify.appointment_reminder_day.subject': 'Reminder: your appointment {reference} is tomorrow',
    'notify.appointment_reminder_day.body':
      'Hello {name},\n\nA reminder of your appointment with {institution} tomorrow.\n\nService: {service}\nWhen: {when}\nHow: {how}\nReference: {reference}\n\nTo choose another time: {rescheduleUrl}\nTo cancel: {cancelUrl}',
    'notify.appointment_reminder_day.short':
      'Reminder: appointment {reference} with {institution} tomorrow, {when}. {how}. To change or cancel: {url}',
    'notify.appointment_reminder_hour.subject': 'Your appointment {reference} starts in one hour',
    'notify.appointment_reminder_hour.body':
      'Hello {name},\n\nYour appointment with {institution} starts in one hour.\n\nService: {service}\nWhen: {when}\nHow: {how}\nReference: {reference}\n\nIf you cannot come, cancel it so that someone else can have the time: {cancelUrl}',
    'notify.appointment_reminder_hour.short':
      'Your appointment {reference} with {institution} starts in one hour, {when}. {how}. If you cannot come, cancel: {url}',
  },
  fr: {
    'notify.appointment_booked.subject': 'Votre rendez-vous {reference} est confirmé',
    'notify.appointment_booked.body':
      'Bonjour {name},\n\nVotre rendez-vous auprès {institution|de} est confirmé.\n\nService : {service}\nDate : {when}\nModalité : {how}\nRéférence : {reference}\n\nLe fichier de calendrier joint l’ajoute à votre agenda.\n\nPour choisir un autre horaire : {rescheduleUrl}\nPour annuler : {cancelUrl}',
    'notify.appointment_booked.short':
      '{institution} : rendez-vous {reference} confirmé, {when}. {how}. Pour le modifier ou l’annuler : {url}',
    'notify.appointment_moved.subject': 'Votre rendez-vous {reference} change d’horaire',
    'notify.appointment_moved.body':
      'Bonjour {name},\n\nVotre rendez-vous auprès {institution|de} a été déplacé.\n\nService : {service}\nNouvel horaire : {when}\nModalité : {how}\nMotif : {reason}\nRéférence : {reference}\n\nLe fichier de calendrier joint met votre agenda à jour.\n\nSi cet horaire ne vous convient pas, choisissez-en un autre : {rescheduleUrl}\nPour annuler : {cancelUrl}',
    'notify.appointment_moved.short':
      '{institution} : votre rendez-vous {reference} est déplacé au {when}. Motif : {reason}. Pour le modifier ou l’annuler : {url}',
    'notify.appointment_cancelled.subject': 'Votre rendez-vous {reference} est annulé',
    'notify.appointment_cancelled.body':
      'Bonjour {name},\n\nVotre rendez-vous auprès {institution|de} du {when} ({service}) est annulé.\nMotif : {reason}\n\nLe fichier de calendrier joint le retire de votre agenda. Vous pouvez prendre un autre rendez-vous sur {bookUrl}',
    'notify.appointment_cancelled.short':
      '{institution} : votre rendez-vous {reference} du {when} est annulé. Motif : {reason}. Pour reprendre rendez-vous : {bookUrl}',
    'notify.appointment_reminder_day.subject': 'Rappel : votre rendez-vous {reference} a lieu demain',
    'notify.appointment_reminder_day.body':
      'Bonjour {name},\n\nPetit rappel de votre rendez-vous de demain auprès {institution|de}.\n\nService : {service}\nDate : {when}\nModalité : {how}\nRéférence : {reference}\n\nPour choisir un autre horaire : {rescheduleUrl}\nPour annuler : {cancelUrl}',
    'notify.appointment_reminder_day.short':
      'Rappel : rendez-vous {reference} demain auprès {institution|de}, {when}. {how}. Pour le modifier ou l’annuler : {url}',
    'notify.appointment_reminder_hour.subject': 'Votre rendez-vous {reference} commence dans une heure',
    'notify.appointment_reminder_hour.body':
      'Bonjour {name},\n\nVotre rendez-vous auprès {institution|de} commence dans une heure.\n\nService : {service}\nDate : {when}\nModalité : {how}\nRéférence : {reference}\n\nSi vous ne pouvez pas venir, annulez-le pour que quelqu’un d’autre puisse en profiter : {cancelUrl}',
    'notify.appointment_reminder_hour.short':
      'Votre rendez-vous {reference} auprès {institution|de} commence dans une heure, {when}. {how}. En cas d’empêchement, annulez-le : {url}',
  },
  ar: {
    'notify.appointment_booked.subject': 'تم تأكيد موعدك {reference}',
    'notify.appointment_booked.body':
      'مرحبا {name}،\n\nتم تأكيد موعدك لدى {institution}.\n\nالخدمة: {service}\nالتاريخ: {when}\nالطريقة: {how}\nالمرجع: {reference}\n\nملف التقويم المرفق يضيف الموعد إلى مفكرتك.\n\nلاختيار موعد آخر: {rescheduleUrl}\nللإلغاء: {cancelUrl}',
    'notify.appointment_booked.short':
      '{institution}: تم تأكيد موعدك {reference}، {when}. {how}. للتغيير أو الإلغاء: {url}',
    'notify.appointment_moved.subject': 'تغيير توقيت موعدك {reference}',
    'notify.appointment_moved.body':
      'مرحبا {name}،\n\nتم تغيير توقيت موعدك لدى {institution}.\n\nالخدمة: {service}\nالتوقيت الجديد: {when}\nالطريقة: {how}\nالسبب: {reason}\nالمرجع: {reference}\n\nملف التقويم المرفق يحين مفكرتك.\n\nإذا لم يناسبك هذا التوقيت، اختر توقيتا آخر: {rescheduleUrl}\nللإلغاء: {cancelUrl}',
    'notify.appointment_moved.short':
      '{institution}: تم نقل موعدك {reference} إلى {when}. السبب: {reason}. للتغيير أو الإلغاء: {url}',
    'notify.appointment_cancelled.subject': 'تم إلغاء موعدك {reference}',
    'notify.appointment_cancelled.body':
      'مرحبا {name}،\n\nتم إلغاء موعدك لدى {institution} بتاريخ {when} ({service}).\nالسبب: {reason}\n\nملف التقويم المرفق يحذفه من مفكرتك. يمكنك حجز موعد آخر على {bookUrl}',
    'notify.appointment_cancelled.short':
      '{institution}: تم إلغاء موعدك {reference} المحدد في {when}. السبب: {reason}. لحجز موعد جديد: {bookUrl}',
    'notify.appointment_reminder_day.subject': 'تذكير: موعدك {reference} غدا',
    'notify.appointment_reminder_day.body':
      'مرحبا {name}،\n\nنذكرك بموعدك غدا لدى {institution}.\n\nالخدمة: {service}\nالتاريخ: {when}\nالطريقة: {how}\nالمرجع: {reference}\n\nلاختيار موعد آخر: {rescheduleUrl}\nللإلغاء: {cancelUrl}',
    'notify.appointment_reminder_day.short':
      'تذكير: موعدك {reference} لدى {institution} غدا، {when}. {how}. للتغيير أو الإلغاء: {url}',
    'notify.appointment_reminder_hour.subject': 'موعدك {reference} بعد ساعة',
    'notify.appointment_reminder_hour.body':
      'مرحبا {name}،\n\nيبدأ موعدك لدى {institution} بعد ساعة.\n\nالخدمة: {service}\nالتاريخ: {when}\nالطريقة: {how}\nالمرجع: {reference}\n\nإذا تعذر عليك الحضور، ألغ الموعد ليستفيد منه شخص آخر: {cancelUrl}',
    'notify.appointment_reminder_hour.short':
      'يبدأ موعدك {reference} لدى {institution} بعد ساعة، {when}. {how}. إذا تعذر عليك الحضور، ألغه: {url}',
  },
});
