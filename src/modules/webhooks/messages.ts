import { defineMessages } from '../../i18n/define.js';

/** Messages of webhooks: the refusals of a subscription's address. */
export const webhookMessages = defineMessages({
  en: {
    'error.webhook.url_invalid':
      'This is not a valid address. Write the full address of your system, e.g. https://example.ma/jisr/webhooks.',
    'error.webhook.url_not_https':
      'The address must start with https:// so that the events travel encrypted.',
    'error.webhook.url_private':
      'This address points inside a private network. Give an address your system is reachable at from the internet.',
  },
  fr: {
    'error.webhook.url_invalid':
      'Cette adresse n’est pas valide. Écrivez l’adresse complète de votre système, par exemple https://exemple.ma/jisr/webhooks.',
    'error.webhook.url_not_https':
      'L’adresse doit commencer par https:// pour que les événements circulent chiffrés.',
    'error.webhook.url_private':
      'Cette adresse désigne un réseau privé. Donnez une adresse à laquelle votre système est joignable depuis internet.',
  },
  ar: {
    'error.webhook.url_invalid':
      'هذا العنوان غير صالح. اكتب العنوان الكامل لنظامكم، مثلا https://example.ma/jisr/webhooks.',
    'error.webhook.url_not_https': 'يجب أن يبدأ العنوان بـ https:// حتى تنتقل الأحداث مشفرة.',
    'error.webhook.url_private':
      'هذا العنوان يشير إلى شبكة خاصة. أعطوا عنوانا يمكن الوصول منه إلى نظامكم عبر الإنترنت.',
  },
});
