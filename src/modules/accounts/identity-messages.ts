import { defineMessages } from '../../i18n/define.js';

/** Messages of sign-in through an identity provider. */
export const identityMessages = defineMessages({
  en: {
    'error.identity.last_sign_in':
      'This provider is the only way into your account. Set a password first, then unlink it.',
  },
  fr: {
    'error.identity.last_sign_in':
      'Ce fournisseur est le seul moyen d’accéder à votre compte. Définissez d’abord un mot de passe, puis retirez-le.',
  },
  ar: {
    'error.identity.last_sign_in':
      'هذا المزوّد هو الوسيلة الوحيدة للدخول إلى حسابك. حدّد كلمة مرور أولاً، ثم ألغِ الربط.',
  },
});
