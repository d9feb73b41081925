import { defineMessages } from '../../i18n/define.js';

/** Messages of verifiable papers: the line printed under the QR code, the unknown code. */
export const verificationMessages = defineMessages({
  en: {
    'letter.verification': 'Verification code: {code}',
    'letter.verification_hint': 'Check that this document is authentic by scanning this code or at:',
    'error.verification.unknown':
      'No document was issued under this verification code. Check the code printed on the paper.',
  },
  fr: {
    'letter.verification': 'Code de vérification : {code}',
    'letter.verification_hint': 'Vérifiez l’authenticité de ce document en scannant ce code ou sur :',
    'error.verification.unknown':
      'Aucun document n’a été délivré sous ce code de vérification. Vérifiez le code imprimé sur le papier.',
  },
  ar: {
    'letter.verification': 'رمز التحقق: {code}',
    'letter.verification_hint': 'تحقق من صحة هذه الوثيقة بمسح هذا الرمز أو على:',
    'error.verification.unknown': 'لم تصدر أي وثيقة بهذا الرمز. تحقق من الرمز المطبوع على الورقة.',
  },
});
