import type { Translation } from '../../shared/plurals.js';
import type { replyEn } from './reply.en.js';

/** French texts of this area (loaded only for French pages). */
export const replyFr: Translation<typeof replyEn, 'fr'> = {
  'reply.facts': 'Faits',
  'reply.legalBasis': 'Fondement juridique',
  'reply.decision': 'Décision',
  'reply.contest': 'Voies et délais de recours',
  'reply.contestDays_one': 'Délai : {{count}} jour à compter de la réception de cette réponse.',
  'reply.contestDays_many': 'Délai : {{count}} de jours à compter de la réception de cette réponse.',
  'reply.contestDays_other': 'Délai : {{count}} jours à compter de la réception de cette réponse.',
  'reply.compose.title': 'La réponse motivée',
  'reply.compose.lead':
    'Rédigez chaque partie : le superviseur ne peut pas approuver la réponse tant qu’il en manque une. Les parties sont rédigées dans la langue du citoyen.',
  'reply.compose.bases': 'Textes juridiques de l’organisme pour cette catégorie',
  'reply.compose.noBases':
    'L’administrateur n’a encore listé aucun texte pour cette catégorie : citez-le ci-dessous.',
  'reply.compose.basisText': 'Autre fondement juridique (facultatif si un texte est choisi ci-dessus)',
  'reply.compose.contestHow': 'Comment le citoyen peut contester la décision',
  'reply.compose.contestDays': 'Jours pour contester, à compter de la réception de la réponse',
  'reply.compose.send': 'Envoyer pour approbation',
  'reply.check.title': 'La réponse à approuver',
  'reply.check.present': 'présent',
  'reply.check.missing': 'manquant',
  'reply.check.blocked':
    'La réponse ne peut pas être approuvée : il manque {{parts}}. Renvoyez-la à son auteur.',
  'reply.check.plain': 'Ce projet a été rédigé en texte libre, sans ses parties :',
  'reply.admin.title': 'Textes juridiques des réponses',
  'reply.admin.lead':
    'Les textes qu’une réponse motivée cite, par catégorie ou pour toutes. Un texte retiré n’est plus proposé ; les réponses qui l’ont cité gardent ses termes.',
  'reply.admin.empty': 'Aucun texte pour l’instant.',
  'reply.admin.citation': 'Référence (ex. « Loi n° 31-13, art. 4 »)',
  'reply.admin.titleAr': 'Intitulé en arabe',
  'reply.admin.titleFr': 'Intitulé en français',
  'reply.admin.titleEn': 'Intitulé en anglais',
  'reply.admin.category': 'Catégorie',
  'reply.admin.allCategories': 'Toutes les catégories',
  'reply.admin.add': 'Ajouter le texte',
  'reply.admin.retire': 'Retirer {{citation}}',
  'reply.admin.restore': 'Proposer de nouveau {{citation}}',
  'reply.admin.retired': 'retiré',
  'reply.admin.parts': 'Parties d’une réponse motivée (facultatif)',
};
