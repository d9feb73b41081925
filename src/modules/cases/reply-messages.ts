import { defineMessages } from '../../i18n/define.js';

/** Messages of the reasoned reply: its headings, its parts' names and its refusals. */
export const replyMessages = defineMessages({
  en: {
    'reply.part.facts': 'Facts',
    'reply.part.legal_basis': 'Legal basis',
    'reply.part.decision': 'Decision',
    'reply.part.contest': 'How to contest',
    'reply.contest.days_one': 'Time limit: {count} day from receiving this reply.',
    'reply.contest.days_other': 'Time limit: {count} days from receiving this reply.',
    'error.reply.part_missing':
      'The reply cannot be approved while a part is missing: {parts}. Return it to its author to complete it.',
    'error.legal_basis.unknown':
      'A chosen legal text is not offered for this case (retired, or for another category). Choose again from the list.',
  },
  fr: {
    'reply.part.facts': 'Faits',
    'reply.part.legal_basis': 'Fondement juridique',
    'reply.part.decision': 'Décision',
    'reply.part.contest': 'Voies et délais de recours',
    'reply.contest.days_one': 'Délai : {count} jour à compter de la réception de cette réponse.',
    'reply.contest.days_many': 'Délai : {count} de jours à compter de la réception de cette réponse.',
    'reply.contest.days_other': 'Délai : {count} jours à compter de la réception de cette réponse.',
    'error.reply.part_missing':
      'La réponse ne peut pas être approuvée tant qu’une partie manque : {parts}. Renvoyez-la à son auteur pour la compléter.',
    'error.legal_basis.unknown':
      'Un texte juridique choisi n’est pas proposé pour ce dossier (retiré, ou d’une autre catégorie). Choisissez de nouveau dans la liste.',
  },
  ar: {
    'reply.part.facts': 'الوقائع',
    'reply.part.legal_basis': 'السند القانوني',
    'reply.part.decision': 'القرار',
    'reply.part.contest': 'طرق وآجال الطعن',
    'reply.contest.days_zero': 'الأجل: ابتداء من تاريخ التوصل بهذا الجواب.',
    'reply.contest.days_one': 'الأجل: يوم واحد ابتداء من تاريخ التوصل بهذا الجواب.',
    'reply.contest.days_two': 'الأجل: يومان ابتداء من تاريخ التوصل بهذا الجواب.',
    'reply.contest.days_few': 'الأجل: {count} أيام ابتداء من تاريخ التوصل بهذا الجواب.',
    'reply.contest.days_many': 'الأجل: {count} يوما ابتداء من تاريخ التوصل بهذا الجواب.',
    'reply.contest.days_other': 'الأجل: {count} يوم ابتداء من تاريخ التوصل بهذا الجواب.',
    'error.reply.part_missing':
      'لا يمكن اعتماد الجواب ما دام أحد أجزائه ناقصا: {parts}. أرجعه إلى محرره لإتمامه.',
    'error.legal_basis.unknown':
      'أحد النصوص القانونية المختارة غير متاح لهذا الملف (سُحب أو يخص صنفا آخر). اختر من جديد من القائمة.',
  },
});
